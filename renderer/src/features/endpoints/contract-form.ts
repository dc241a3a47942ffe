// The endpoint's sender contract as form data: the provider profile it is held to and the failure
// mode, turned back into the smallest `endpoints.update` patch (provider / failureMode only when
// they changed). Plain data, so endpoint-form.ts can embed it.
import type { Endpoint, FailureMode, ProviderProfileKey } from '../../../../electron/contract/index.js';
import { isProfileKey, type FailureKind } from '../../lib/providers.js';

export interface ContractForm {
  /** '' = none set: the endpoint is held to the provider recognised. */
  provider: ProviderProfileKey | '';
  failureKind: FailureKind;
  failCount: string;
  failStatus: string;
  failPer: 'endpoint' | 'event';
  failPercent: string;
  /** after-deadline: whose deadline ('' = the endpoint's provider) or a fixed delay. */
  deadlineProvider: ProviderProfileKey | '';
  deadlineDelayMs: string;
  ackBody: string;
}

export function contractFormFrom(endpoint: Endpoint): ContractForm {
  const mode = endpoint.failureMode;
  const form: ContractForm = {
    provider: endpoint.provider ?? '',
    failureKind: mode?.kind ?? 'none',
    failCount: '1',
    failStatus: '',
    failPer: 'endpoint',
    failPercent: '50',
    deadlineProvider: '',
    deadlineDelayMs: '',
    ackBody: '',
  };
  if (!mode) return form;
  switch (mode.kind) {
    case 'fail-first':
      form.failCount = String(mode.count);
      form.failStatus = mode.status === undefined ? '' : String(mode.status);
      form.failPer = mode.per ?? 'endpoint';
      break;
    case 'fail-percent':
      form.failPercent = String(mode.percent);
      form.failStatus = mode.status === undefined ? '' : String(mode.status);
      break;
    case 'after-deadline':
      form.deadlineProvider = mode.provider ?? '';
      form.deadlineDelayMs = mode.delayMs === undefined ? '' : String(mode.delayMs);
      break;
    case 'wrong-ack':
      form.ackBody = mode.body ?? '';
      form.failStatus = mode.status === undefined ? '' : String(mode.status);
      break;
  }
  return form;
}

type Built<T> = { ok: true; value: T } | { ok: false; error: string };
const wholeNumber = /^\d+$/;

function optionalStatus(raw: string): Built<number | undefined> {
  const text = raw.trim();
  if (text === '') return { ok: true, value: undefined };
  if (!wholeNumber.test(text) || Number(text) < 100 || Number(text) > 599) return { ok: false, error: 'Failure status: a number from 100 to 599.' };
  return { ok: true, value: Number(text) };
}

export function failureModeOf(form: ContractForm): Built<FailureMode | null> {
  switch (form.failureKind) {
    case 'none':
      return { ok: true, value: null };
    case 'fail-first': {
      const count = form.failCount.trim();
      if (!wholeNumber.test(count) || Number(count) < 1 || Number(count) > 1000) return { ok: false, error: 'Fail the first N: N from 1 to 1000.' };
      const status = optionalStatus(form.failStatus);
      if (!status.ok) return status;
      return { ok: true, value: withoutUndefined({ kind: 'fail-first' as const, count: Number(count), status: status.value, per: form.failPer }) };
    }
    case 'fail-percent': {
      const text = form.failPercent.trim();
      const percent = Number(text);
      if (text === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) return { ok: false, error: 'Fail a percentage: 0 to 100.' };
      const status = optionalStatus(form.failStatus);
      if (!status.ok) return status;
      return { ok: true, value: withoutUndefined({ kind: 'fail-percent' as const, percent, status: status.value }) };
    }
    case 'after-deadline': {
      const delay = form.deadlineDelayMs.trim();
      if (delay !== '' && (!wholeNumber.test(delay) || Number(delay) > 120_000)) return { ok: false, error: 'Answer after: 0 to 120000 milliseconds.' };
      // Whose deadline: the one chosen, else the endpoint's provider profile.
      const provider = form.deadlineProvider !== '' ? form.deadlineProvider : form.provider !== '' ? form.provider : undefined;
      if (provider === undefined && delay === '') return { ok: false, error: 'Answer after the deadline: choose a provider or give a delay.' };
      return {
        ok: true,
        value: withoutUndefined({
          kind: 'after-deadline' as const,
          provider: delay === '' ? provider : undefined,
          delayMs: delay === '' ? undefined : Number(delay),
        }),
      };
    }
    case 'wrong-ack': {
      const status = optionalStatus(form.failStatus);
      if (!status.ok) return status;
      return { ok: true, value: withoutUndefined({ kind: 'wrong-ack' as const, body: form.ackBody === '' ? undefined : form.ackBody, status: status.value }) };
    }
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Compared with defaults filled in, so a mode read back from the core equals the one the form builds. */
function normalized(mode: FailureMode | null): string {
  if (mode === null) return 'null';
  const filled = mode.kind === 'fail-first' ? { ...mode, per: mode.per ?? 'endpoint' } : mode;
  return JSON.stringify(Object.entries(withoutUndefined(filled)).sort(([a], [b]) => a.localeCompare(b)));
}

export type ContractPatch = { provider?: ProviderProfileKey | null; failureMode?: FailureMode | null };

export function contractPatch(form: ContractForm, endpoint: Endpoint): { ok: true; patch: ContractPatch } | { ok: false; error: string } {
  const patch: ContractPatch = {};
  const provider = form.provider !== '' && isProfileKey(form.provider) ? form.provider : null;
  if (provider !== (endpoint.provider ?? null)) patch.provider = provider;
  const mode = failureModeOf(form);
  if (!mode.ok) return mode;
  if (normalized(mode.value) !== normalized(endpoint.failureMode ?? null)) patch.failureMode = mode.value;
  return { ok: true, patch };
}
