// Replay helpers for the renderer: mode explanations, request ids, the remembered target and
// body encoding. The mode list comes from the contract's types (no zod in the bundle).
import { replayModes, type ReplayMode } from '../../../electron/contract/types.js';

export { replayModes };

export const MODE_HELP: Record<ReplayMode, string> = {
  'as-is': 'Same method, headers (in order) and body bytes as captured; Host and Content-Length recomputed.',
  edited: 'Your method, path, headers and body; anything left unchanged is sent as captured.',
  resigned: "Signed afresh with the endpoint's secret and a fresh timestamp, so the receiver's checks pass.",
  'bad-signature': "Signed with a wrong key on purpose, to test the receiver's rejection path.",
};

/** Modes a bulk replay offers (no per-delivery edits). */
export const BULK_MODES = ['as-is', 'resigned', 'bad-signature'] as const;
export type BulkMode = (typeof BULK_MODES)[number];

/** What the API accepts as a target: an http(s) URL with a host. */
export function isTargetUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+[^\s]*$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** 1-64 of A-Z a-z 0-9 _ -, as replay.cancel expects. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return `ui-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `ui-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const LAST_TARGET_KEY = 'hookscope.replay.lastTarget';

export function lastTarget(): string | null {
  try {
    return localStorage.getItem(LAST_TARGET_KEY);
  } catch {
    return null;
  }
}

export function rememberTarget(target: string): void {
  try {
    if (target !== '') localStorage.setItem(LAST_TARGET_KEY, target);
  } catch {
    // Storage may be unavailable (private mode, quota); remembering is a convenience only.
  }
}

/** Standard base64 of bytes, in chunks so a large body does not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}

/** The bytes as UTF-8 text, or null when they are not valid UTF-8 (a binary body). */
export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A latency for people: "4.2 ms", "180 ms", "1.25 s". */
export function formatDuration(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/**
 * What a replay or forward appends to its target: the captured path and query after the endpoint's
 * `/slug` (the same rule as the core's request-target.ts `capturedRest`); the whole request target
 * when the delivery did not come in under `/slug` (the default endpoint).
 */
export function appendedPath(url: string, slug: string): string {
  const prefix = `/${slug}`;
  if (url === prefix) return '';
  if (url.startsWith(prefix) && (url[prefix.length] === '/' || url[prefix.length] === '?')) return url.slice(prefix.length);
  return url;
}
