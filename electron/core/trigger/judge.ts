// One attempt judged against the provider's rules: did the handler answer in time, with the
// status and the body the provider requires. Pure. The response is untrusted: it is parsed only
// when the contract needs a JSON ack (already capped in size by send.ts), and quoted as data in
// messages, never interpreted further.
import type { TriggerJudgement } from '../../contract/index.js';
import type { SendOutcome } from '../replay/send.js';
import { ackText, duration, type Rules } from './contract-rules.js';

const QUOTE_CHARS = 120;

/** A response body as data inside a sentence: JSON-quoted (control characters escaped), cut short. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text);
}

function statusOk(status: number, ack: Rules['ack']): boolean {
  return ack.status === '2xx' ? status >= 200 && status < 300 : status === ack.status;
}

function ackBodyOk(body: string, expected: Readonly<Record<string, string>>): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  return Object.entries(expected).every(([key, value]) => Object.hasOwn(parsed, key) && (parsed as Record<string, unknown>)[key] === value);
}

function limitText(rules: Rules): string {
  return rules.deadlineMs === null
    ? `Hookscope's limit${rules.mode === 'provider' ? `: ${rules.providerName} documents none` : ''}`
    : `${rules.providerName}'s limit`;
}

export function judge(outcome: SendOutcome, rules: Rules): TriggerJudgement {
  if (outcome.error) {
    if (outcome.error.code === 'timeout') {
      return { ok: false, rule: 'deadline', message: `no answer within ${duration(rules.timeoutMs)} (${limitText(rules)}); the connection was closed` };
    }
    return { ok: false, rule: 'unreachable', message: outcome.error.message };
  }
  const response = outcome.response!;
  const body = response.body.toString('utf8');
  if (outcome.durationMs > rules.timeoutMs) {
    return { ok: false, rule: 'deadline', message: `answered after ${duration(outcome.durationMs)}, limit ${duration(rules.timeoutMs)}` };
  }
  if (!statusOk(response.status, rules.ack)) {
    const needs = rules.mode === 'none' ? 'a 2xx is needed' : `${rules.providerName} requires ${ackText(rules.ack)}`;
    return { ok: false, rule: 'status', message: `answered ${response.status}; ${needs}` };
  }
  if (rules.ack.json && !ackBodyOk(body, rules.ack.json)) {
    return { ok: false, rule: 'ack-body', message: `answered ${response.status} with ${body === '' ? 'an empty body' : quoted(body)}; ${rules.providerName} requires the JSON body ${JSON.stringify(rules.ack.json)}` };
  }
  return { ok: true, rule: 'met', message: `answered ${response.status} in ${duration(outcome.durationMs)}` };
}
