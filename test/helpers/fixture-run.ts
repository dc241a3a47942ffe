// Running a generated fixture as its user would: its files in a folder, the installed vitest (with
// a minimal config of its own, never the project's) and python3 -m pytest, against loopback
// handlers that verify the way the provider documents (Stripe's official library, PDF Gorilla's
// recipe). Shared by the fixture tests (a delivery's, a template's through the API and the CLI).
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import type { FixtureResult } from '../../electron/contract/index.js';
import { headerOf, type Answer, type ReceivedRequest } from './target-server.js';

const header = (request: ReceivedRequest, name: string) => headerOf(request.headers, name);

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The installed vitest, run as the user's own would be. */
export const vitestBin = join(root, 'node_modules', '.bin', 'vitest');
const pytestCheck = spawnSync('python3', ['-m', 'pytest', '--version'], { encoding: 'utf8' });
/** false, or why pytest cannot run here (a skip reason). */
export const noPytest = pytestCheck.status === 0 ? false : `python3 -m pytest is not available: ${(pytestCheck.stderr || pytestCheck.stdout || String(pytestCheck.error)).trim().split('\n')[0]}`;

export interface Run {
  code: number;
  output: string;
}

/** Runs a command without blocking this process's event loop: the handler lives here. */
export function runCommand(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, ...env, NO_COLOR: '1', CI: '1' }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

/** vitest with no config of the user's: its defaults, rooted in `dir`. */
export const writeVitestConfig = (dir: string) => writeFile(join(dir, 'vitest.config.mjs'), 'export default { test: { include: ["handler.test.ts"] } };\n');

/** The fixture's files in a fresh folder (with a space in its path), as the UI's download would leave them. */
export async function writtenFixture(fixture: FixtureResult): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hookscope fixture '));
  for (const file of fixture.files) await writeFile(join(dir, file.name), Buffer.from(file.content, file.encoding));
  await writeVitestConfig(dir);
  return dir;
}

export const runVitest = (dir: string, url: string, env: Record<string, string> = {}) => runCommand(vitestBin, ['run', 'handler.test.ts'], dir, { HANDLER_URL: url, ...env });
export const runPytest = (dir: string, url: string, env: Record<string, string> = {}) =>
  runCommand('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test_handler.py'], dir, { HANDLER_URL: url, ...env });

/**
 * Runs both generated tests against `url` (pytest where it is installed), asserting that each
 * passes, or that each fails, and that its output shows what `says` expects of it.
 */
export async function runBoth(dir: string, url: string, outcome: 'pass' | 'fail', says: { vitest?: RegExp; pytest?: RegExp } = {}): Promise<void> {
  const check = (run: Run, expected?: RegExp) => {
    if (outcome === 'pass') assert.equal(run.code, 0, run.output);
    else assert.notEqual(run.code, 0, run.output);
    if (expected) assert.match(run.output, expected);
  };
  check(await runVitest(dir, url), says.vitest);
  if (!noPytest) check(await runPytest(dir, url), says.pytest);
}

/** A Stripe receiver as Stripe documents it: constructEvent over the raw body. */
export const stripeHandler = (secret: string) => (request: ReceivedRequest): Answer => {
  try {
    Stripe.webhooks.constructEvent(request.body, header(request, 'Stripe-Signature') ?? '', secret);
    return { status: 200, body: '{"received":true}' };
  } catch (error) {
    return { status: 400, body: `Webhook Error: ${(error as Error).message}` };
  }
};

/** PDF Gorilla's recipe (reference 002): hex HMAC-SHA256 of the raw body in x-pdfg-signature. */
export const pdfGorillaHandler = (secret: string) => (request: ReceivedRequest): Answer => {
  const expected = createHmac('sha256', secret).update(request.body).digest();
  const given = Buffer.from(header(request, 'x-pdfg-signature') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { status: 204 } : { status: 401, body: 'bad signature' };
};
