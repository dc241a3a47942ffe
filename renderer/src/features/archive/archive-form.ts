import type { ArchiveSettings, MethodArgs } from '../../../../electron/contract/index.js';

/** The archive settings as the form shows them: sizes in MiB and times in seconds, as text until saved. */
export interface ArchiveForm {
  enabled: boolean;
  maxMiB: string;
  timeoutSeconds: string;
  maxRedirects: string;
  allowLoopback: boolean;
}

const MIB = 1024 * 1024;

export function archiveFormFrom(settings: ArchiveSettings): ArchiveForm {
  return {
    enabled: settings.enabled,
    maxMiB: String(Math.round((settings.maxBytes / MIB) * 1000) / 1000),
    timeoutSeconds: String(settings.timeoutMs / 1000),
    maxRedirects: String(settings.maxRedirects),
    allowLoopback: settings.allowLoopback,
  };
}

/** The changes to PATCH (only what differs from what is stored), or the first problem in words. */
export function archivePatch(form: ArchiveForm, stored: ArchiveSettings): { patch: NonNullable<MethodArgs<'settings.update'>['archive']> } | { problem: string } {
  const maxBytes = Math.round(Number(form.maxMiB) * MIB);
  const timeoutMs = Math.round(Number(form.timeoutSeconds) * 1000);
  const maxRedirects = Number(form.maxRedirects);
  if (form.maxMiB.trim() === '' || !Number.isFinite(maxBytes) || maxBytes < 1024 || maxBytes > 1024 * MIB) return { problem: 'Largest file: from 0.001 to 1024 MiB.' };
  if (form.timeoutSeconds.trim() === '' || !Number.isFinite(timeoutMs) || timeoutMs < 100 || timeoutMs > 300_000) return { problem: 'Time limit: from 0.1 to 300 seconds.' };
  if (form.maxRedirects.trim() === '' || !Number.isInteger(maxRedirects) || maxRedirects < 0 || maxRedirects > 20) return { problem: 'Redirects: a whole number from 0 to 20.' };
  const patch: NonNullable<MethodArgs<'settings.update'>['archive']> = {};
  if (form.enabled !== stored.enabled) patch.enabled = form.enabled;
  if (maxBytes !== stored.maxBytes) patch.maxBytes = maxBytes;
  if (timeoutMs !== stored.timeoutMs) patch.timeoutMs = timeoutMs;
  if (maxRedirects !== stored.maxRedirects) patch.maxRedirects = maxRedirects;
  if (form.allowLoopback !== stored.allowLoopback) patch.allowLoopback = form.allowLoopback;
  return { patch };
}
