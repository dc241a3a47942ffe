// The delivery engine: plays a provider's behaviour against a handler. Attempt 1 is sent with the
// provider's timeout and judged against its contract; a failure is retried on the provider's
// schedule, each wait divided by `speed` (so tests and impatient users compress hours into
// milliseconds), until an attempt is accepted, the schedule runs out, the handler turns retries off
// (Slack's X-Slack-No-Retry, Svix's webhook-delivery: abort-message) or the sender is blocked
// (Adobe's error block). Sending, sleeping and the clock are injected; the loop is bounded by the
// schedule's length.
import type { HeaderPair, TriggerAttempt, TriggerVerdict } from '../../contract/index.js';
import type { OutgoingRequest, SendOutcome } from '../replay/send.js';
import { findHeader } from '../verify/headers.js';
import type { Rules } from './contract-rules.js';
import type { ErrorBlock } from './error-block.js';
import { judge } from './judge.js';
import type { RetryReason } from './template.js';
import { verdictOf } from './verdict.js';

/** Response bodies kept per attempt: enough to read an error page, bounded for memory and the UI. */
export const KEPT_BODY_CHARS = 4096;

export interface AttemptRequest {
  outgoing: OutgoingRequest;
  /** The headers as recorded (secret-bearing values masked). */
  recordedHeaders: HeaderPair[];
}

export interface DeliveryPlan {
  rules: Rules;
  /** Waits are divided by this (≥ 1 compresses). */
  speed: number;
  /** At most this many attempts in all (a user's cut of a long schedule). */
  maxAttempts?: number;
  /** Builds attempt `n` (fresh signature and timestamp); `reason` is why the one before failed. */
  request(attempt: number, reason: RetryReason | null, nowMs: number): AttemptRequest;
  errorBlock?: ErrorBlock;
  /** Called after each attempt, with the wait before the next one if there will be one. */
  onAttempt?(attempt: TriggerAttempt, next: { scheduledMs: number; waitMs: number } | null): void;
  signal?: AbortSignal;
}

export interface DeliverDeps {
  send(outgoing: OutgoingRequest, options: { timeoutMs: number; signal?: AbortSignal }): Promise<SendOutcome>;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
}

export interface Delivered {
  attempts: TriggerAttempt[];
  verdict: TriggerVerdict;
  /** Why the retries stopped before the schedule's end, if they did. */
  stopped: 'met' | 'schedule' | 'stop-header' | 'blocked' | 'max-attempts' | 'cancelled';
}

function reasonOf(attempt: TriggerAttempt): RetryReason {
  if (attempt.judgement.rule === 'deadline') return 'http_timeout';
  return attempt.response ? 'http_error' : 'connection_failed';
}

function stopHeaderSent(attempt: TriggerAttempt, rules: Rules): boolean {
  if (!rules.stopHeader || !attempt.response) return false;
  return findHeader(attempt.response.headers, rules.stopHeader.name)?.value.trim().toLowerCase() === rules.stopHeader.value.toLowerCase();
}

async function sendOne(plan: DeliveryPlan, deps: DeliverDeps, n: number, reason: RetryReason | null, wait: { scheduledMs: number; waitedMs: number }): Promise<TriggerAttempt> {
  const sentAt = deps.now();
  const blocked = plan.errorBlock?.blockedUntil(sentAt) ?? null;
  const { outgoing, recordedHeaders } = plan.request(n, reason, sentAt);
  const base = { number: n, scheduledDelayMs: wait.scheduledMs, waitedMs: wait.waitedMs, sentAt, requestHeaders: recordedHeaders };
  if (blocked !== null) {
    const message = `${plan.rules.providerName} is blocked until ${new Date(blocked).toISOString()} after too many errors, so it would not send this`;
    return { ...base, response: null, error: null, durationMs: 0, judgement: { ok: false, rule: 'blocked', message } };
  }
  const outcome = await deps.send(outgoing, { timeoutMs: plan.rules.timeoutMs, signal: plan.signal });
  const judgement = judge(outcome, plan.rules);
  plan.errorBlock?.record(sentAt, judgement.ok);
  const response = outcome.response
    ? {
        status: outcome.response.status,
        headers: outcome.response.headers,
        body: outcome.response.body.toString('utf8').slice(0, KEPT_BODY_CHARS),
        bodySize: outcome.response.bodySize,
        truncated: outcome.response.truncated || outcome.response.body.length > KEPT_BODY_CHARS,
      }
    : null;
  return { ...base, response, error: outcome.error, durationMs: outcome.durationMs, judgement };
}

export async function deliver(plan: DeliveryPlan, deps: DeliverDeps): Promise<Delivered> {
  const { rules } = plan;
  const speed = plan.speed > 0 ? plan.speed : 1;
  const limit = Math.min(1 + rules.delaysMs.length, Math.max(1, plan.maxAttempts ?? Infinity));
  const attempts: TriggerAttempt[] = [];
  let stopped: Delivered['stopped'] = 'schedule';
  let wait = { scheduledMs: 0, waitedMs: 0 };
  for (let n = 1; n <= limit; n++) {
    const previous = attempts.at(-1) ?? null;
    const attempt = await sendOne(plan, deps, n, previous ? reasonOf(previous) : null, wait);
    attempts.push(attempt);
    if (attempt.judgement.ok) stopped = 'met';
    else if (attempt.judgement.rule === 'blocked') stopped = 'blocked';
    else if (attempt.error?.code === 'cancelled' || plan.signal?.aborted) stopped = 'cancelled';
    else if (stopHeaderSent(attempt, rules)) stopped = 'stop-header';
    else if (n === limit) stopped = n < 1 + rules.delaysMs.length ? 'max-attempts' : 'schedule';
    const more = stopped === 'schedule' && n < limit;
    const scheduledMs = more ? rules.delaysMs[n - 1]! : 0;
    const next = more ? { scheduledMs, waitMs: scheduledMs / speed } : null;
    plan.onAttempt?.(attempt, next);
    if (!next) break;
    const before = deps.now();
    await deps.sleep(next.waitMs, plan.signal);
    if (plan.signal?.aborted) {
      stopped = 'cancelled';
      break;
    }
    wait = { scheduledMs, waitedMs: deps.now() - before };
  }
  return { attempts, verdict: verdictOf(attempts, rules, stopped, plan), stopped };
}
