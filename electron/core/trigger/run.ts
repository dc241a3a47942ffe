// One trigger, end to end: a template rendered fresh, the user's edits applied, signed the
// provider's way per attempt, delivered by the engine with the provider's rules, and kept as a
// TriggerRun (the JSON-safe record the CLI prints and the API returns).
import { randomUUID } from 'node:crypto';
import type { HeaderPair, TriggerContractMode, TriggerPreview, TriggerRun } from '../../contract/index.js';
import { providerEntry } from '../providers/index.js';
import { outgoingHeaders, setHeader } from '../replay/outgoing-headers.js';
import { parseTarget } from '../replay/request-target.js';
import { rulesFor, type Rules } from './contract-rules.js';
import { type DeliverDeps, deliver, type DeliveryPlan } from './deliver.js';
import { ErrorBlock } from './error-block.js';
import { freshSource } from './fresh.js';
import { applyEdit, EditError, parseEdit } from './set-path.js';
import { newMessageId, signAttempt, signingPlan, TriggerError, type SigningPlan } from './sign.js';
import type { Built, Template } from './template.js';
import { findTemplate, suggestTemplates, templateInfo } from './templates.js';

export interface TriggerOptions {
  templateId: string;
  /** The handler's URL, exactly as the provider would call it. */
  url: string;
  secret?: string;
  /** `path=value` edits of the template's JSON body. */
  sets?: readonly string[];
  /** Replaces the body (`--data FILE`, or the text edited in the UI). */
  body?: Buffer;
  /** Extra headers, e.g. the ones an Adobe CALLBACK notifier is configured to send. Replace same-named ones. */
  headers?: readonly HeaderPair[];
  contract?: TriggerContractMode;
  speed?: number;
  maxAttempts?: number;
}

export interface PreparedTrigger {
  run: TriggerRun;
  template: Template;
  rules: Rules;
  signing: SigningPlan;
  headers: HeaderPair[];
  body: Buffer;
}

export function templateOrThrow(id: string): Template {
  const template = findTemplate(id);
  if (template) return template;
  const close = suggestTemplates(id);
  throw new TriggerError(`no template "${id}"${close.length > 0 ? `; did you mean ${close.join(', ')}?` : ''} (hookscope trigger --list shows them all)`);
}

function serialise(body: Built['body']): string {
  return 'json' in body ? JSON.stringify(body.json, null, body.indent) : body.text;
}

function editedBody(built: Built, options: TriggerOptions): Buffer {
  if (options.body !== undefined) {
    if ((options.sets?.length ?? 0) > 0) throw new TriggerError('--set edits the template\'s body; with --data, edit the file instead');
    return options.body;
  }
  let body = built.body;
  for (const spec of options.sets ?? []) {
    if (!('json' in body)) throw new TriggerError(`--set works on JSON bodies; this template's body is not JSON`);
    try {
      body = { ...body, json: applyEdit(body.json, parseEdit(spec)) };
    } catch (error) {
      if (error instanceof EditError) throw new TriggerError(error.message);
      throw error;
    }
  }
  return Buffer.from(serialise(body), 'utf8');
}

/** A template rendered once, for a person to read or edit. */
export function previewTemplate(id: string, nowMs: number): TriggerPreview {
  const template = templateOrThrow(id);
  const built = template.build(freshSource(nowMs));
  return { ...templateInfo(template), method: built.method, path: built.path, headers: built.headers, body: serialise(built.body) };
}

export function prepareTrigger(options: TriggerOptions, nowMs: number): PreparedTrigger {
  const template = templateOrThrow(options.templateId);
  const entry = providerEntry(template.provider)!;
  try {
    parseTarget(options.url);
  } catch (error) {
    throw new TriggerError(`--to ${options.url}: ${(error as Error).message}`);
  }
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new TriggerError('--speed must be a number above 0');
  const contract = options.contract ?? 'provider';
  const signing = signingPlan(entry, options.secret);
  const built = template.build(freshSource(nowMs));
  const body = editedBody(built, options);
  let headers = built.headers;
  for (const [name, value] of options.headers ?? []) headers = setHeader(headers, name, value);
  const info = templateInfo(template);
  const run: TriggerRun = {
    id: randomUUID(),
    templateId: template.id,
    provider: entry.id,
    providerName: entry.name,
    contract,
    speed,
    url: options.url,
    method: built.method,
    body: body.toString('utf8'),
    signing: { signed: signing.signed, scheme: signing.scheme, note: signing.note },
    notes: info.notes,
    startedAt: nowMs,
    finishedAt: null,
    attempts: [],
    verdict: null,
  };
  const prepared: PreparedTrigger = { run, template, rules: rulesFor(entry, contract), signing, headers, body };
  // Sign once now, so a secret that cannot sign is a usage error before anything is sent.
  attemptRequest(prepared, newMessageId())(1, null, nowMs);
  return prepared;
}

function attemptRequest(prepared: PreparedTrigger, messageId: string): DeliveryPlan['request'] {
  const { run, template, signing, body } = prepared;
  const host = parseTarget(run.url).host;
  return (attempt, reason, nowMs) => {
    const retry = attempt > 1 && reason && template.retryHeaders ? template.retryHeaders(attempt - 1, reason) : [];
    const headers = outgoingHeaders([...prepared.headers, ...retry], { host, method: run.method, bodyLength: body.length });
    const signed = signAttempt({ method: run.method, url: run.url, headers, body }, signing, nowMs, messageId);
    return { outgoing: { method: run.method, url: signed.url, headers: signed.headers, body }, recordedHeaders: signed.recordedHeaders };
  };
}

export interface DeliverOptions {
  maxAttempts?: number;
  errorBlock?: ErrorBlock;
  signal?: AbortSignal;
  onAttempt?: DeliveryPlan['onAttempt'];
}

/** Delivers a prepared trigger; fills in the run's attempts, verdict and end time. Never rejects for network reasons. */
export async function deliverPrepared(prepared: PreparedTrigger, deps: DeliverDeps, options: DeliverOptions = {}): Promise<TriggerRun> {
  const { run } = prepared;
  const delivered = await deliver(
    {
      rules: prepared.rules,
      speed: run.speed,
      maxAttempts: options.maxAttempts,
      request: attemptRequest(prepared, newMessageId()),
      // Adobe's block counts across runs when the caller keeps a tracker (the service does); else within this run.
      errorBlock: options.errorBlock ?? (prepared.rules.errorBlock ? new ErrorBlock(prepared.rules.errorBlock) : undefined),
      signal: options.signal,
      onAttempt: (attempt, next) => {
        run.attempts.push(attempt);
        options.onAttempt?.(attempt, next);
      },
    },
    deps,
  );
  run.attempts = delivered.attempts;
  run.verdict = delivered.verdict;
  run.finishedAt = deps.now();
  return run;
}
