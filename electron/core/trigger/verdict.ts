// The verdict: what the provider would make of the handler's answers, in words a user can act on,
// naming the rule that failed ("PDF Gorilla would count this as failed: no answer within 5 s …;
// PDF Gorilla documents no retry …"). Pure.
import type { TriggerAttempt, TriggerVerdict } from '../../contract/index.js';
import { ackText, duration, type Rules } from './contract-rules.js';
import type { Delivered, DeliveryPlan } from './deliver.js';

const wait = (ms: number) => (ms === 0 ? 'at once' : `after ${duration(ms)}`);
const sentence = (text: string) => text.replace(/\.$/, '');

function retryStory(attempts: TriggerAttempt[], rules: Rules, stopped: Delivered['stopped'], speed: number): string {
  const name = rules.providerName;
  const retries = attempts.slice(1);
  const compressed = speed !== 1 ? ` (waited ${speed}× faster)` : '';
  if (retries.length === 0) {
    if (stopped === 'stop-header') return `your handler answered ${rules.stopHeader!.name}: ${rules.stopHeader!.value}, so ${name} does not retry`;
    if (stopped === 'cancelled') return 'stopped before any retry';
    if (stopped === 'max-attempts') return `it retries ${wait(rules.delaysMs[0]!)} (not sent: --retries 0)`;
    if (rules.scheduleSource !== null && rules.delaysMs.length === 0) {
      return `${name} documents no retry, so this event may never come again${rules.recovery ? `; ${sentence(rules.recovery)}` : ''}`;
    }
    return `${name}'s retries: ${sentence(rules.retries)}`;
  }
  const waits = retries.map((a) => wait(a.scheduledDelayMs)).join(', ');
  const accepted = retries.find((a) => a.judgement.ok);
  const head = `it retried ${waits}${compressed}`;
  if (accepted) return `${head}; attempt ${accepted.number} was accepted`;
  if (stopped === 'stop-header') return `${head}; then your handler answered ${rules.stopHeader!.name}: ${rules.stopHeader!.value} and it stopped`;
  if (stopped === 'blocked') return `${head}; then ${name} blocked the notifications`;
  if (stopped === 'cancelled') return `${head}; stopped by you before the schedule's end`;
  if (stopped === 'max-attempts') return `${head}; not sent: ${1 + rules.delaysMs.length - attempts.length} more retries on its schedule (cut by --retries)`;
  return `${head} and gave up: all ${attempts.length} attempts failed, the event is dropped${rules.recovery ? `; ${sentence(rules.recovery)}` : ''}`;
}

function blockStory(rules: Rules, plan: Pick<DeliveryPlan, 'errorBlock'>, atMs: number): string {
  const block = plan.errorBlock;
  if (!rules.errorBlock || !block) return '';
  const until = block.blockedUntil(atMs);
  const { errors, windowMs, blockMs } = rules.errorBlock;
  if (until !== null) return ` ${rules.providerName} now blocks its notifications until ${new Date(until).toISOString()} (${errors} errors in ${duration(windowMs)}).`;
  return ` ${rules.providerName} counts errors: ${block.errorsIn(atMs)} of ${errors} in the last ${duration(windowMs)}; at ${errors} it stops notifying for ${duration(blockMs)}.`;
}

export function verdictOf(attempts: TriggerAttempt[], rules: Rules, stopped: Delivered['stopped'], plan: Pick<DeliveryPlan, 'errorBlock' | 'speed'>): TriggerVerdict {
  const first = attempts[0]!;
  const metOnAttempt = attempts.find((a) => a.judgement.ok)?.number ?? null;
  const last = attempts.at(-1)!;
  if (rules.mode === 'none') {
    return first.judgement.ok
      ? { met: true, rule: 'met', message: `Met: ${first.judgement.message} (--contract none: any 2xx).`, metOnAttempt }
      : { met: false, rule: first.judgement.rule, message: `Not met: ${first.judgement.message} (--contract none: any 2xx).`, metOnAttempt };
  }
  const name = rules.providerName;
  if (first.judgement.ok) {
    const limit = rules.deadlineMs === null ? 'no documented limit' : `limit ${duration(rules.deadlineMs)}`;
    return { met: true, rule: 'met', message: `${name} would accept this: ${first.judgement.message} (${limit}; requires ${ackText(rules.ack)}).`, metOnAttempt };
  }
  const story = retryStory(attempts, rules, stopped, plan.speed);
  const message = `${name} would count this as failed: ${first.judgement.message}; ${story}.${blockStory(rules, plan, last.sentAt)}`;
  return { met: false, rule: first.judgement.rule, message, metOnAttempt };
}
