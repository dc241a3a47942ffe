// `hookscope trigger PROVIDER.EVENT --fixture DIR`, run as a user runs it: the built CLI, spawned.
// It writes the five files into DIR (created) and says so; the generated pytest (and Vitest) test
// then runs green against a loopback handler verifying with PDF Gorilla's recipe / Stripe's
// library under the test secret, red under another. Files already there stay unless --force, and
// $HOOKSCOPE_SECRET (the real one, for sending) never signs a fixture.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import type { HeaderPair } from '../../electron/contract/index.js';
import { noPytest, pdfGorillaHandler, runPytest, runVitest, stripeHandler, writeVitestConfig } from '../helpers/fixture-run.js';
import { runTrigger } from '../helpers/serve-process.js';
import { headerOf, startTargetServer, type TargetServer } from '../helpers/target-server.js';

const FILES = ['README.md', 'body.bin', 'handler.test.ts', 'headers.json', 'test_handler.py'];
const REAL_SECRET = 'env_REAL_secret_for_sending_only';

describe('hookscope trigger --fixture DIR', () => {
  let handler: TargetServer;
  let root: string;
  before(async () => {
    handler = await startTargetServer();
    root = await mkdtemp(join(tmpdir(), 'hookscope trigger fixture '));
  });
  after(async () => {
    await handler?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('writes the PDF Gorilla event into a new folder, says what it wrote, sends nothing; its pytest passes against the recipe and fails with another secret', { skip: noPytest }, async () => {
    const dir = join(root, 'new', 'pdfg failed');
    const result = await runTrigger(['pdfgorilla.failed', '--fixture', dir, '--secret', 'pdfg_cli_test_secret', '--set', 'error=Render timed out'], { HOOKSCOPE_SECRET: REAL_SECRET });
    assert.equal(result.code, 0, result.out + result.err);
    assert.deepEqual((await readdir(dir)).sort(), FILES);
    for (const name of FILES) assert.ok(result.out.includes(join(dir, name)), `names ${name}`);
    assert.match(result.out, /Signed \(pdfgorilla\) with the test secret pdfg_cli_test_secret/);
    assert.equal(handler.received.length, 0, 'nothing sent');
    const body = JSON.parse(await readFile(join(dir, 'body.bin'), 'utf8')) as { status: string; error: string };
    assert.deepEqual([body.status, body.error], ['failed', 'Render timed out']);
    for (const name of FILES) assert.ok(!(await readFile(join(dir, name), 'utf8')).includes(REAL_SECRET), `${name}: not the environment's secret`);

    handler.handler = pdfGorillaHandler('pdfg_cli_test_secret');
    const green = await runPytest(dir, handler.url);
    assert.equal(green.code, 0, green.output);
    assert.match(green.output, /1 passed/);
    assert.ok(handler.received.at(-1)!.body.equals(await readFile(join(dir, 'body.bin'))), 'the exact bytes');
    handler.handler = pdfGorillaHandler('another_secret');
    const red = await runPytest(dir, handler.url);
    assert.notEqual(red.code, 0, red.output);
    assert.match(red.output, /1 failed/);
  });

  it('Stripe with --data and --header: signed for constructEvent with a default test secret; the Vitest test passes, and fails with another secret', async () => {
    const dir = join(root, 'stripe');
    const data = join(root, 'event.json');
    const payload = '{"id":"evt_cli_fixture","object":"event","type":"invoice.paid","data":{"object":{}}}';
    await writeFile(data, payload);
    const result = await runTrigger(['stripe.invoice.paid', '--fixture', dir, '--data', data, '--header', 'X-Extra: from-cli']);
    assert.equal(result.code, 0, result.out + result.err);
    const secret = /the test secret (whsec_\S+?);/.exec(result.out)?.[1];
    assert.ok(secret, result.out);
    assert.equal(await readFile(join(dir, 'body.bin'), 'utf8'), payload);
    const headers = JSON.parse(await readFile(join(dir, 'headers.json'), 'utf8')) as HeaderPair[];
    assert.equal(headerOf(headers, 'X-Extra'), 'from-cli');
    const event = Stripe.webhooks.constructEvent(payload, headerOf(headers, 'Stripe-Signature')!, secret) as unknown as { id: string };
    assert.equal(event.id, 'evt_cli_fixture');

    await writeVitestConfig(dir);
    handler.handler = stripeHandler(secret);
    const green = await runVitest(dir, handler.url);
    assert.equal(green.code, 0, green.output);
    handler.handler = stripeHandler('whsec_not_the_test_one');
    const red = await runVitest(dir, handler.url);
    assert.notEqual(red.code, 0, red.output);
    assert.match(red.output, /400 Webhook Error/);
  });

  it('leaves files already in DIR alone (exit 2, nothing written) unless --force', async () => {
    const dir = join(root, 'taken');
    assert.equal((await runTrigger(['goshiip.delivered', '--fixture', dir])).code, 0);
    await writeFile(join(dir, 'headers.json'), 'mine');
    const refused = await runTrigger(['goshiip.delivered', '--fixture', dir]);
    assert.equal(refused.code, 2, refused.out + refused.err);
    assert.match(refused.err, /taken already holds body\.bin, headers\.json, README\.md, handler\.test\.ts, test_handler\.py: not overwritten \(--force overwrites\)/);
    assert.equal(await readFile(join(dir, 'headers.json'), 'utf8'), 'mine');
    const forced = await runTrigger(['goshiip.delivered', '--fixture', dir, '--force']);
    assert.equal(forced.code, 0, forced.out + forced.err);
    assert.match(await readFile(join(dir, 'headers.json'), 'utf8'), /X-Signature/i);
  });

  it('refuses what would send, a wrong template and --force without --fixture, as a wrong command (exit 2)', async () => {
    const sending = await runTrigger(['stripe.invoice.paid', '--fixture', join(root, 'x'), '--to', handler.url, '--speed', '10']);
    assert.equal(sending.code, 2);
    assert.match(sending.err, /--fixture writes files and sends nothing: leave out --to, --speed/);
    const unknown = await runTrigger(['stripe.invoice.payd', '--fixture', join(root, 'y')]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no template "stripe\.invoice\.payd"; did you mean/);
    const force = await runTrigger(['stripe.invoice.paid', '--to', handler.url, '--force']);
    assert.equal(force.code, 2);
    assert.match(force.err, /--force goes with --fixture DIR/);
    const usage = await runTrigger(['--help']);
    assert.match(usage.out, /--fixture DIR/);
  });
});
