// What an endpoint answers when it imitates a receiver: providers' expected acknowledgements
// (presets), and failure modes that make a sender show its retry behaviour (fail the first N,
// fail X % at random, answer after the sender's deadline, answer with the wrong ack). All pure:
// the listener passes the endpoint's rule, the mode, the delivery's position and a random source,
// and sends what comes back. Deadlines and ack rules are data, with where each number comes from.
import type { EndpointStats, HeaderPair, ProviderProfileKey, ResponseRule } from '../../contract/index.js';
import { providerCatalogue, type DeliveryContract } from '../providers/index.js';

export type ProviderKey = ProviderProfileKey;

/** A provider's delivery contract (from the catalogue, electron/core/providers/), with its id and name. */
export interface ProviderProfile extends Omit<DeliveryContract, 'retries'> {
  id: ProviderKey;
  name: string;
}

export const providerProfiles: Readonly<Record<ProviderKey, ProviderProfile>> = Object.fromEntries(
  providerCatalogue.map(({ id, name, delivery: { retries: _retries, ...contract } }) => [id, { id, name, ...contract }]),
) as Record<ProviderKey, ProviderProfile>;

/** The response preset for a provider, as a ResponseRule (a copy: callers may edit it). */
export function responsePreset(provider: ProviderKey): ResponseRule {
  const r = providerProfiles[provider].response;
  return { ...r, headers: r.headers.map(([n, v]): HeaderPair => [n, v]) };
}

/** Whether a sender with this profile counts the response as acknowledged. A body of null is not checked. */
export function isAcknowledged(profile: ProviderProfile, status: number, body: string | null): boolean {
  const statusOk = profile.ack.status === '2xx' ? status >= 200 && status < 300 : status === profile.ack.status;
  if (!statusOk) return false;
  if (!profile.ack.json || body === null) return true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  const record = parsed as Record<string, unknown>;
  return Object.entries(profile.ack.json).every(([k, v]) => Object.hasOwn(record, k) && record[k] === v);
}

// ---- Failure modes -------------------------------------------------------------------------

export type FailureMode =
  /** Fail the first `count` deliveries (per endpoint), or the first `count` attempts of each event (`per: 'event'`). */
  | { kind: 'fail-first'; count: number; status?: number; per?: 'endpoint' | 'event' }
  /** Fail each delivery with probability `percent` / 100. */
  | { kind: 'fail-percent'; percent: number; status?: number }
  /** Answer correctly, but only after the provider's deadline (plus a margin), or after `delayMs`. */
  | { kind: 'after-deadline'; provider?: ProviderKey; delayMs?: number }
  /** Answer with the rule's status but a body the sender does not accept as an ack. */
  | { kind: 'wrong-ack'; body?: string; status?: number };

export const DEFAULT_FAILURE_STATUS = 500;
export const WRONG_ACK_BODY = '{"ack":"wrong"}';
/** How far past the deadline `after-deadline` answers, so network jitter cannot make it arrive in time. */
export const AFTER_DEADLINE_MARGIN_MS = 1_000;
/** The longest delay a mode may ask for; the listener holds the sender's connection that long. */
export const MAX_MODE_DELAY_MS = 120_000;

export interface ModeContext {
  /** 1-based: this delivery is the endpoint's nth (since the mode was set, if the wiring resets it). */
  nth: number;
  /** 1-based attempt of this event (from its duplicate key), when known. */
  attempt?: number | null;
  /** Uniform in [0, 1); injected so tests decide. */
  random?: () => number;
}

/** The response to send, and why it differs from the rule (null when the mode did not intervene). */
export interface PlannedResponse extends ResponseRule {
  injected: string | null;
}

/** Why a mode cannot be used, or null when it is fine. For the API's argument checks. */
export function validateFailureMode(mode: FailureMode): string | null {
  const statusOk = (s: number | undefined) => s === undefined || (Number.isInteger(s) && s >= 100 && s <= 599);
  switch (mode.kind) {
    case 'fail-first':
      if (!Number.isInteger(mode.count) || mode.count < 0) return 'count must be a whole number ≥ 0';
      return statusOk(mode.status) ? null : 'status must be an HTTP status (100–599)';
    case 'fail-percent':
      if (!Number.isFinite(mode.percent) || mode.percent < 0 || mode.percent > 100) return 'percent must be between 0 and 100';
      return statusOk(mode.status) ? null : 'status must be an HTTP status (100–599)';
    case 'after-deadline': {
      const delay = afterDeadlineDelay(mode);
      if (delay === null) return 'give delayMs, or a provider with a documented deadline';
      return delay > MAX_MODE_DELAY_MS ? `the delay may not exceed ${MAX_MODE_DELAY_MS} ms` : null;
    }
    case 'wrong-ack':
      return statusOk(mode.status) ? null : 'status must be an HTTP status (100–599)';
  }
}

export function afterDeadlineDelay(mode: Extract<FailureMode, { kind: 'after-deadline' }>): number | null {
  if (mode.delayMs !== undefined) return Number.isFinite(mode.delayMs) && mode.delayMs >= 0 ? mode.delayMs : null;
  const deadline = mode.provider ? providerProfiles[mode.provider]?.deadlineMs : null;
  return deadline == null ? null : deadline + AFTER_DEADLINE_MARGIN_MS;
}

function failure(rule: ResponseRule, status: number, reason: string): PlannedResponse {
  return {
    status,
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify({ error: { code: 'failure_mode', message: `Hookscope failure mode: ${reason}` } }),
    delayMs: rule.delayMs,
    injected: reason,
  };
}

/**
 * The response for one delivery under a failure mode. Failures keep the rule's delay (a slow
 * failing receiver is still slow); an invalid mode (see validateFailureMode) leaves the rule alone.
 */
export function planResponse(rule: ResponseRule, mode: FailureMode | null, ctx: ModeContext): PlannedResponse {
  const plain: PlannedResponse = { ...rule, headers: rule.headers.map(([n, v]): HeaderPair => [n, v]), injected: null };
  if (!mode || validateFailureMode(mode) !== null) return plain;
  switch (mode.kind) {
    case 'fail-first': {
      const perEvent = mode.per === 'event' && ctx.attempt != null;
      const n = perEvent ? (ctx.attempt as number) : ctx.nth;
      if (n > mode.count) return plain;
      const what = perEvent ? `attempt ${n} of this event` : `delivery ${n}`;
      return failure(rule, mode.status ?? DEFAULT_FAILURE_STATUS, `fail-first ${mode.count}: ${what} fails`);
    }
    case 'fail-percent': {
      const roll = (ctx.random ?? Math.random)();
      if (roll >= mode.percent / 100) return plain;
      return failure(rule, mode.status ?? DEFAULT_FAILURE_STATUS, `fail-percent ${mode.percent} %: this delivery drew a failure`);
    }
    case 'after-deadline': {
      const delayMs = afterDeadlineDelay(mode) as number;
      const whose = mode.delayMs === undefined && mode.provider ? `${providerProfiles[mode.provider].name}'s deadline + margin` : 'fixed';
      return { ...plain, delayMs, injected: `after-deadline: answering after ${delayMs} ms (${whose})` };
    }
    case 'wrong-ack':
      return {
        ...plain,
        status: mode.status ?? rule.status,
        body: mode.body ?? WRONG_ACK_BODY,
        injected: 'wrong-ack: a body the sender does not accept',
      };
  }
}

// ---- Reports -------------------------------------------------------------------------------

/** Observed handling time against the provider's deadline: the contract's shape. */
export type DeadlineReport = EndpointStats['deadline'];

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** The provider's deadline against observed handling times (arrival to response sent). */
export function deadlineReport(deadlineMs: number | null, handlingTimesMs: readonly number[]): DeadlineReport {
  const sorted = handlingTimesMs.filter((t) => Number.isFinite(t) && t >= 0).sort((a, b) => a - b);
  const p50Ms = percentile(sorted, 50);
  const p95Ms = percentile(sorted, 95);
  const maxMs = sorted.length > 0 ? (sorted[sorted.length - 1] ?? null) : null;
  const overDeadline = deadlineMs === null ? 0 : sorted.filter((t) => t > deadlineMs).length;
  let verdict: DeadlineReport['verdict'];
  if (sorted.length === 0) verdict = 'no-data';
  else if (deadlineMs === null) verdict = 'no-deadline';
  else if (overDeadline > 0) verdict = 'over';
  else verdict = (p95Ms ?? 0) > 0.8 * deadlineMs ? 'close' : 'ok';
  return { deadlineMs, count: sorted.length, overDeadline, p50Ms, p95Ms, maxMs, verdict };
}

export interface AnsweredDelivery {
  /** When the delivery arrived (epoch ms). */
  at: number;
  /** The status sent back. */
  status: number;
  /** The body sent back; null to judge by status alone. */
  body: string | null;
}

export interface AdobeErrorWindow {
  errorsLast10Min: number;
  blockAt: number;
  windowMs: number;
  /** Errors left before Adobe blocks the notifications. */
  remaining: number;
  /** Adobe blocked us at some point and the block is still running at `now` (if it behaves as documented). */
  blocked: boolean;
  blockedUntil: number | null;
}

/**
 * Adobe counts every answer that is not 200 with {"ack":"done"} as an error; 50 within 10 minutes
 * block the notifications for 20 minutes. From the answers this endpoint gave, how close it is.
 */
export function adobeErrorWindow(answers: readonly AnsweredDelivery[], now: number): AdobeErrorWindow {
  const profile = providerProfiles.adobe;
  const block = profile.errorBlock as NonNullable<ProviderProfile['errorBlock']>;
  const errors = answers
    .filter((a) => a.at <= now && !isAcknowledged(profile, a.status, a.body))
    .map((a) => a.at)
    .sort((a, b) => a - b);
  const errorsLast10Min = errors.filter((t) => t > now - block.windowMs).length;
  let blockedUntil: number | null = null;
  for (let i = block.errors - 1; i < errors.length; i++) {
    const t = errors[i] as number;
    const firstOfWindow = errors[i - (block.errors - 1)] as number;
    if (t - firstOfWindow < block.windowMs && t + block.blockMs > now) {
      blockedUntil = t + block.blockMs;
      break;
    }
  }
  return {
    errorsLast10Min,
    blockAt: block.errors,
    windowMs: block.windowMs,
    remaining: Math.max(0, block.errors - errorsLast10Min),
    blocked: blockedUntil !== null,
    blockedUntil,
  };
}
