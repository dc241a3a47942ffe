// Fixtures, end to end: a Stripe delivery captured by a real core, and PDF Gorilla's and Adobe's
// catalogue samples, exported with fixtures.export and written to a folder; then the generated
// tests are RUN, as a user would run them (the installed vitest; python3 -m pytest), against a
// loopback handler that checks the signature with Stripe's official library or PDF Gorilla's
// documented recipe. Green against a handler holding the test secret; red against one holding
// another, or (Adobe) answering without the acknowledgement its contract requires. The Stripe
// fixture is exported "two days ago" (the core's clock), so it passes only because the generated
// tests sign again at run time.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { parseArgs, type FixtureResult, type HeaderPair } from '../../electron/contract/index.js';
import { providerCatalogue } from '../../electron/core/providers/index.js';
import { verify, type VerificationConfig } from '../../electron/core/verify/index.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { send } from '../helpers/http.js';
import { noPytest, pdfGorillaHandler, runBoth, runCommand, runPytest, runVitest, stripeHandler, vitestBin, writtenFixture } from '../helpers/fixture-run.js';
import { headerOf, startTargetServer, type TargetServer } from '../helpers/target-server.js';

const REAL_SECRET = 'whsec_the_endpoints_REAL_secret_never_in_a_fixture';
const TWO_DAYS_MS = 2 * 86_400_000;

describe('fixtures: the generated tests run green against a real handler', () => {
  let t: TestCore;
  let handler: TargetServer;
  const dirs: string[] = [];
  let stripeFixture: FixtureResult;
  let stripeDir: string;

  before(async () => {
    t = await startTestCore({ now: () => Date.now() - TWO_DAYS_MS });
    t.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'stripe', verification: { scheme: 'stripe', secret: REAL_SECRET } }));
    const payload = JSON.stringify({ id: 'evt_fixture', object: 'event', type: 'payment_intent.succeeded', data: { object: { amount: 4200 } } });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: REAL_SECRET });
    const sent = await send(`${t.captureUrl}/stripe/webhooks`, { headers: ['Content-Type', 'application/json', 'Stripe-Signature', signature, 'User-Agent', 'Stripe/1.0'], body: payload });
    assert.equal(sent.status, 200);
    const id = t.core.api['deliveries.list'](parseArgs('deliveries.list', { endpoint: 'stripe' })).deliveries[0]!.id;
    stripeFixture = t.core.api['fixtures.export'](parseArgs('fixtures.export', { id }));
    stripeDir = await writtenFixture(stripeFixture);
    dirs.push(stripeDir);
    handler = await startTargetServer(stripeHandler(stripeFixture.secret!));
  });
  after(async () => {
    await handler?.close();
    await t?.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('the Stripe fixture holds no trace of the endpoint secret, and its export-time signature is stale', async () => {
    for (const file of stripeFixture.files) assert.ok(!(await readFile(join(stripeDir, file.name))).includes(REAL_SECRET), file.name);
    assert.match(stripeFixture.secret!, /^whsec_test_/);
    const headers = JSON.parse(await readFile(join(stripeDir, 'headers.json'), 'utf8')) as HeaderPair[];
    const exported = headers.find(([name]) => name === 'Stripe-Signature')![1];
    const body = await readFile(join(stripeDir, 'body.bin'));
    assert.throws(() => Stripe.webhooks.constructEvent(body, exported, stripeFixture.secret!), /timestamp outside the tolerance/i, 'signed two days ago');
  });

  it('Stripe: the generated Vitest test passes against constructEvent with the test secret, re-signed at run time', async () => {
    handler.handler = stripeHandler(stripeFixture.secret!);
    const before = handler.received.length;
    const result = await runVitest(stripeDir, handler.url);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /1 passed/);
    const request = handler.received.at(-1)!;
    assert.equal(handler.received.length, before + 1);
    assert.ok(request.body.equals(await readFile(join(stripeDir, 'body.bin'))), 'the exact bytes');
    const timestamp = Number(/t=(\d+)/.exec(headerOf(request.headers, 'Stripe-Signature')!)![1]);
    assert.ok(Math.abs(timestamp - Date.now() / 1000) < 600, 'a fresh timestamp');
  });

  it('Stripe: the generated pytest test passes too', { skip: noPytest }, async () => {
    handler.handler = stripeHandler(stripeFixture.secret!);
    const result = await runPytest(stripeDir, handler.url);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /1 passed/);
    assert.equal(headerOf(handler.received.at(-1)!.headers, 'User-Agent'), 'Stripe/1.0', 'headers as exported');
  });

  it('Stripe: a handler holding another secret makes both generated tests fail', async () => {
    handler.handler = stripeHandler('whsec_some_other_secret');
    await runBoth(stripeDir, handler.url, 'fail', { vitest: /400 Webhook Error/, pytest: /1 failed/ });
  });

  it('Stripe: WEBHOOK_SECRET signs with the user\'s own test secret', async () => {
    handler.handler = stripeHandler('whsec_users_own_test_secret');
    const result = await runVitest(stripeDir, handler.url, { WEBHOOK_SECRET: 'whsec_users_own_test_secret' });
    assert.equal(result.code, 0, result.output);
  });

  it('PDF Gorilla sample: both generated tests pass against the documented recipe; another secret fails them', async () => {
    const fixture = t.core.api['fixtures.export'](parseArgs('fixtures.export', { provider: 'pdfgorilla', secret: 'pdfg_test_secret' }));
    const dir = await writtenFixture(fixture);
    dirs.push(dir);
    handler.handler = pdfGorillaHandler('pdfg_test_secret');
    const green = await runVitest(dir, handler.url);
    assert.equal(green.code, 0, green.output);
    assert.equal(headerOf(handler.received.at(-1)!.headers, 'x-pdfg-event-id'), 'job_8f2c');
    if (!noPytest) {
      const greenPy = await runPytest(dir, handler.url);
      assert.equal(greenPy.code, 0, greenPy.output);
    }
    handler.handler = pdfGorillaHandler('another_secret');
    await runBoth(dir, handler.url, 'fail');
  });

  it('Adobe sample: the tests require 200 with {"ack":"done"}; a bare 200 fails them', async () => {
    const fixture = t.core.api['fixtures.export'](parseArgs('fixtures.export', { provider: 'adobe' }));
    const dir = await writtenFixture(fixture);
    dirs.push(dir);
    handler.handler = () => ({ status: 200, headers: [['Content-Type', 'application/json']], body: '{"ack":"done"}' });
    await runBoth(dir, handler.url, 'pass');
    handler.handler = () => ({ status: 200, body: 'OK' });
    await runBoth(dir, handler.url, 'fail');
  });

  it('every signed catalogue sample: its generated Vitest and pytest tests pass against Hookscope\'s verifier holding the test secret', async () => {
    // Twilio signs the URL it calls, so its fixture holds for the default HANDLER_URL only; Linear
    // signs a timestamp inside its body, which a fixture does not rewrite (both said in their README).
    const signed = providerCatalogue
      .filter((entry) => entry.verification && !['twilio', 'linear'].includes(entry.id))
      .map((entry) => ({ entry, fixture: t.core.api['fixtures.export'](parseArgs('fixtures.export', { provider: entry.id })) }))
      .filter(({ fixture }) => fixture.unsigned === null);
    assert.ok(signed.length >= 40, `${signed.length} signed samples`);
    const dir = await mkdtemp(join(tmpdir(), 'hookscope fixtures '));
    dirs.push(dir);
    for (const { entry, fixture } of signed) {
      await mkdir(join(dir, entry.id));
      for (const file of fixture.files) await writeFile(join(dir, entry.id, file.name), Buffer.from(file.content, file.encoding));
    }
    await writeFile(join(dir, 'vitest.config.mjs'), 'export default { test: { include: ["*/handler.test.ts"] } };\n');
    const seen = new Set<string>();
    handler.handler = (request) => {
      const reasons: string[] = [];
      for (const { entry, fixture } of signed.filter(({ entry }) => Buffer.from(entry.sample.body).equals(request.body))) {
        const config = { ...entry.verification!.options, scheme: entry.verification!.scheme, secret: fixture.secret! } as VerificationConfig;
        const result = verify({ method: request.method, url: request.url, headers: request.headers, body: request.body, publicUrl: handler.url }, config, Date.now);
        if (result.status === 'valid') {
          seen.add(entry.id);
          return { status: 200, body: 'ok' };
        }
        reasons.push(`${entry.id}: ${result.reason}`);
      }
      return { status: 401, body: reasons.join('; ') || 'no sample has this body' };
    };
    const url = `${handler.url}/webhooks`;
    const vitestRun = await runCommand(vitestBin, ['run'], dir, { HANDLER_URL: url });
    assert.equal(vitestRun.code, 0, vitestRun.output.slice(-4000));
    assert.match(vitestRun.output, new RegExp(`${signed.length} passed`));
    assert.deepEqual([...seen].sort(), signed.map(({ entry }) => entry.id).sort());
    if (!noPytest) {
      seen.clear();
      const pytestAll = await runCommand('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '--import-mode=importlib', '.'], dir, { HANDLER_URL: url });
      assert.equal(pytestAll.code, 0, pytestAll.output.slice(-4000));
      assert.match(pytestAll.output, new RegExp(`${signed.length} passed`));
      assert.deepEqual([...seen].sort(), signed.map(({ entry }) => entry.id).sort());
    }
  });
});
