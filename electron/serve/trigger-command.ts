// `hookscope trigger PROVIDER.EVENT --to URL`: the other side of the wire. Sends a provider's event
// to the user's handler the way the provider would (payload, signature, timeout, required answer,
// retries on its schedule) and prints what was sent, each answer and a verdict. Exit codes for CI:
// 0 the handler met the provider's contract, 1 it did not, 2 the command was wrong. With --fixture
// DIR it sends nothing and writes the event as a test fixture instead (fixture-writer.ts).
// Threat model: the target is the user's own handler (any URL they name); its answers are
// untrusted and printed quoted (JSON string escapes), never as raw terminal bytes. The secret is
// never printed: header and Basic values that carry it are masked by the signer.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApiError, type HeaderPair, type TriggerAttempt, type TriggerRun } from '../contract/index.js';
import {
  deliverPrepared,
  formatDuration,
  prepareTrigger,
  realDeliverDeps,
  TriggerError,
  triggerTemplateInfo,
  triggerTemplates,
  version,
  type PreparedTrigger,
} from '../core/index.js';
import { fixtureCommand, FixtureWriteError, type FixtureTarget } from './fixture-writer.js';

export const TRIGGER_USAGE = `Usage:
  hookscope trigger PROVIDER.EVENT --to URL [options]
                                send a provider's event to your handler as the provider would, and
                                say whether the handler met the provider's contract (exit 0) or not (1)
  hookscope trigger PROVIDER.EVENT --fixture DIR [--secret S] [--set PATH=VALUE …] [--data FILE]
                                write the event as a test fixture into DIR instead of sending it:
                                body.bin, headers.json, README.md, a Vitest/Jest and a pytest test
  hookscope trigger --list [PROVIDER]
                                list the templates

Options (trigger):
  --to URL          your handler, exactly as the provider would call it
  --secret S        sign as the provider does with this secret (default: $HOOKSCOPE_SECRET; unsigned without)
  --set PATH=VALUE  edit the JSON body (repeatable): --set data.object.amount=5000 --set status=failed
  --data FILE       send this file as the body instead of the template's
  --header 'N: V'   add or replace a header (repeatable), e.g. the headers an Adobe CALLBACK notifier is
                    configured with
  --contract MODE   provider (default): the provider's deadline, answer and retries; none: one send, any 2xx
  --speed N         divide the provider's retry waits by N (e.g. 3600: an hour becomes a second)
  --retries N       send at most N retries (default: the provider's whole schedule)
  --json            print the run as JSON instead of text
  --fixture DIR     write a test fixture into DIR (created) instead of sending; signed with --secret
                    as a TEST secret (default: a test value; $HOOKSCOPE_SECRET is not used)
  --force           with --fixture: overwrite files already in DIR
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

interface Parsed {
  list: boolean;
  filter: string | undefined;
  options: Parameters<typeof prepareTrigger>[0];
  maxAttempts: number | undefined;
  json: boolean;
  /** --fixture: write the event's test fixture instead of sending it. */
  fixture: FixtureTarget | null;
}

/** Options that only make sense when sending. */
const SENDING_ONLY = ['to', 'contract', 'speed', 'retries', 'json'] as const;

function numberArg(value: string | undefined, name: string, check: (n: number) => boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!check(n)) throw new UsageError(`--${name} "${value}" is not valid`);
  return n;
}

function headerArg(spec: string): HeaderPair {
  const at = spec.indexOf(':');
  if (at <= 0) throw new UsageError(`--header "${spec}": expected "Name: value"`);
  return [spec.slice(0, at).trim(), spec.slice(at + 1).trim()];
}

export function parseTriggerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        to: { type: 'string' },
        secret: { type: 'string' },
        set: { type: 'string', multiple: true },
        data: { type: 'string' },
        header: { type: 'string', multiple: true },
        contract: { type: 'string' },
        speed: { type: 'string' },
        retries: { type: 'string' },
        list: { type: 'boolean' },
        json: { type: 'boolean' },
        fixture: { type: 'string' },
        force: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.list) return { list: true, filter: positionals[0], options: { templateId: '', url: '' }, maxAttempts: undefined, json: values.json ?? false, fixture: null };
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'trigger needs a template, e.g. pdfgorilla.completed (--list shows them)' : `one template at a time, not ${positionals.join(' ')}`);
  if (values.fixture !== undefined) {
    const sending = SENDING_ONLY.filter((name) => values[name] !== undefined);
    if (sending.length > 0) throw new UsageError(`--fixture writes files and sends nothing: leave out ${sending.map((name) => `--${name}`).join(', ')}`);
    if (values.fixture === '') throw new UsageError('--fixture needs a folder');
  } else {
    if (values.force) throw new UsageError('--force goes with --fixture DIR');
    if (!values.to) throw new UsageError('trigger needs --to URL (your handler), or --fixture DIR to write a test fixture');
  }
  const contract = values.contract ?? 'provider';
  if (contract !== 'provider' && contract !== 'none') throw new UsageError(`--contract must be provider or none, not "${contract}"`);
  let body: Buffer | undefined;
  if (values.data !== undefined) {
    try {
      body = readFileSync(values.data);
    } catch (error) {
      throw new UsageError(`--data ${values.data}: ${(error as Error).message}`);
    }
  }
  const retries = numberArg(values.retries, 'retries', (n) => Number.isInteger(n) && n >= 0);
  return {
    list: false,
    filter: undefined,
    json: values.json ?? false,
    fixture: values.fixture === undefined ? null : { dir: values.fixture, force: values.force ?? false },
    maxAttempts: retries === undefined ? undefined : retries + 1,
    options: {
      templateId: positionals[0]!,
      url: values.to ?? '',
      // A fixture names its secret in its files: only one given for it here, never the environment's.
      secret: values.secret ?? (values.fixture === undefined ? env.HOOKSCOPE_SECRET || undefined : undefined),
      sets: values.set ?? [],
      body,
      headers: (values.header ?? []).map(headerArg),
      contract,
      speed: numberArg(values.speed, 'speed', (n) => Number.isFinite(n) && n > 0),
    },
  };
}

export function formatList(filter: string | undefined): string {
  const rows = triggerTemplates.filter((t) => !filter || t.provider === filter || t.id.startsWith(filter));
  const width = Math.max(...rows.map((t) => t.id.length), 10);
  return rows
    .map((t) => {
      const { contract } = triggerTemplateInfo(t);
      return `${t.id.padEnd(width)}  ${t.title}\n${' '.repeat(width)}  deadline ${contract.deadline}; answer ${contract.ack}; retries: ${contract.retries}`;
    })
    .join('\n');
}

/** Text we sent (template or the user's file): printable, control characters shown as escapes. */
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const BODY_PRINT_CHARS = 2000;

export function formatSent(prepared: PreparedTrigger, headers: HeaderPair[]): string {
  const { run } = prepared;
  const info = triggerTemplateInfo(prepared.template);
  const body = run.body.length > BODY_PRINT_CHARS ? `${run.body.slice(0, BODY_PRINT_CHARS)}… (${run.body.length} characters)` : run.body;
  return [
    `Hookscope ${version} trigger ${run.templateId} → ${run.url}`,
    `  Contract:  ${run.contract === 'none' ? 'none: one send, any 2xx' : `${run.providerName}: deadline ${info.contract.deadline}; answer ${info.contract.ack}; retries: ${info.contract.retries}`}`,
    `  Signing:   ${run.signing.note}`,
    ...run.notes.map((note) => `  Note:      ${note}`),
    '',
    `${run.method} ${run.url}`,
    ...headers.map(([name, value]) => `  ${printable(name)}: ${printable(value)}`),
    '',
    ...printable(body).split('\n').map((line) => `  ${line}`),
    '',
  ].join('\n');
}

export function formatAttempt(a: TriggerAttempt, next: { scheduledMs: number; waitMs: number } | null, speed: number): string {
  const when = a.number === 1 ? '' : ` (after ${formatDuration(a.scheduledDelayMs)}${speed !== 1 ? `, waited ${formatDuration(a.waitedMs)}` : ''})`;
  const answer = a.response ? `${a.response.status}` : a.error ? a.error.code : 'not sent';
  const lines = [`Attempt ${a.number}${when}: ${answer}  ${formatDuration(a.durationMs)}  ${a.judgement.ok ? 'ok' : `FAILED (${a.judgement.rule})`}: ${a.judgement.message}`];
  if (a.response && a.response.body !== '') lines.push(`  body: ${JSON.stringify(a.response.body.slice(0, 300))}${a.response.body.length > 300 || a.response.truncated ? ' …' : ''}`);
  if (next) lines.push(`  next attempt after ${formatDuration(next.scheduledMs)}${speed !== 1 ? ` (waiting ${formatDuration(next.waitMs)} at --speed ${speed})` : ''}; Ctrl-C to stop`);
  return lines.join('\n');
}

export function formatVerdict(run: TriggerRun): string {
  return `\n${run.verdict?.met ? 'PASS' : 'FAIL'}: ${run.verdict?.message ?? 'no verdict'}\n`;
}

/** Runs `hookscope trigger`; resolves with the exit code. */
export async function trigger(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    out(TRIGGER_USAGE);
    return 0;
  }
  const parsed = parseTriggerArgs(argv);
  if (parsed.list) {
    out(`${formatList(parsed.filter)}\n`);
    return 0;
  }
  if (parsed.fixture) return writeFixture(parsed, parsed.fixture, out);
  let prepared: PreparedTrigger;
  try {
    prepared = prepareTrigger(parsed.options, Date.now());
  } catch (error) {
    if (error instanceof TriggerError) throw new UsageError(error.message);
    throw error;
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let printedRequest = false;
  try {
    const run = await deliverPrepared(prepared, realDeliverDeps, {
      maxAttempts: parsed.maxAttempts,
      signal: controller.signal,
      onAttempt: (attempt, next) => {
        if (parsed.json) return;
        if (!printedRequest) out(formatSent(prepared, attempt.requestHeaders));
        printedRequest = true;
        out(`${formatAttempt(attempt, next, prepared.run.speed)}\n`);
      },
    });
    out(parsed.json ? `${JSON.stringify(run, null, 2)}\n` : formatVerdict(run));
    return run.verdict?.met ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function writeFixture(parsed: Parsed, target: FixtureTarget, out: (text: string) => void): Promise<number> {
  const { templateId, secret, sets, body, headers } = parsed.options;
  try {
    return await fixtureCommand({ template: templateId, secret, sets, body, headers }, target, out);
  } catch (error) {
    if (error instanceof ApiError || error instanceof FixtureWriteError) throw new UsageError(error.message);
    throw error;
  }
}
