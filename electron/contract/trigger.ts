// Sending a provider's event to a handler the way the provider would (`hookscope trigger`, the
// "Send test event" panel): the templates, and a run's attempts and verdict. JSON-safe.
import type { HeaderPair, ReplayErrorCode } from './types.js';

/** A template as listed: `provider.event`, what it is, and what it will be held to. */
export interface TriggerTemplateInfo {
  /** `provider.event`, e.g. `pdfgorilla.completed`, `stripe.invoice.paid`. */
  id: string;
  provider: string;
  providerName: string;
  event: string;
  title: string;
  /** Where the payload comes from (a reference document, the provider's docs, the catalogue's sample). */
  source: string;
  /** Things a user should know before sending it (e.g. which headers to echo, what cannot be signed). */
  notes: string[];
  /** The provider's contract in one line each: deadline, ack, retries. */
  contract: { deadline: string; ack: string; retries: string };
}

/** A template rendered once (fresh ids and timestamps), for a user to read or edit before sending. */
export interface TriggerPreview extends TriggerTemplateInfo {
  method: string;
  /** The path of the catalogue sample it comes from, for reference: a trigger calls the URL it is given, exactly. */
  path: string;
  headers: HeaderPair[];
  body: string;
}

/** How a rule of the contract judged one attempt. */
export type TriggerRule = 'met' | 'deadline' | 'unreachable' | 'status' | 'ack-body' | 'blocked';

export interface TriggerJudgement {
  ok: boolean;
  rule: TriggerRule;
  /** One sentence, e.g. "no answer within 5 s (PDF Gorilla's limit)". Response content in it is quoted as data. */
  message: string;
}

export interface TriggerAttempt {
  /** 1 for the first send. */
  number: number;
  /** The provider's wait before this attempt (0 for the first), and the wait Hookscope kept (compressed by speed). */
  scheduledDelayMs: number;
  waitedMs: number;
  /** Epoch ms when it was sent (or skipped). */
  sentAt: number;
  /** The headers as sent (signatures are fresh per attempt); secret-bearing values masked. */
  requestHeaders: HeaderPair[];
  /** null: no answer (see error) or not sent (blocked). Untrusted: show as data. */
  response: { status: number; headers: HeaderPair[]; body: string; bodySize: number; truncated: boolean } | null;
  error: { code: ReplayErrorCode; message: string } | null;
  durationMs: number;
  judgement: TriggerJudgement;
}

export interface TriggerVerdict {
  /** The handler met the contract on the first attempt (what `hookscope trigger` exits 0 for). */
  met: boolean;
  /** The rule that failed first, or `met`. */
  rule: TriggerRule;
  /** What the provider would make of it, e.g. "PDF Gorilla would count this as failed: …". */
  message: string;
  /** The attempt that finally met the contract (a retry), or null. */
  metOnAttempt: number | null;
}

export type TriggerContractMode = 'provider' | 'none';

export interface TriggerRun {
  id: string;
  templateId: string;
  provider: string;
  providerName: string;
  contract: TriggerContractMode;
  speed: number;
  /** Where it went: the full URL of attempt 1. */
  url: string;
  method: string;
  body: string;
  /** How it was signed, or why it was not. */
  signing: { signed: boolean; scheme: string | null; note: string };
  notes: string[];
  startedAt: number;
  finishedAt: number | null;
  attempts: TriggerAttempt[];
  verdict: TriggerVerdict | null;
}
