// A trigger template exported as a test fixture (fixtures.export {template}) through a real core,
// and the generated tests RUN as a user would (the installed vitest; python3 -m pytest) against a
// loopback handler that verifies with Stripe's official library or PDF Gorilla's documented
// recipe: green with the fixture's test secret, red with another. The template is rendered fresh
// on each export and carries the edits trigger.send takes (sets, body, headers).
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { ApiError, listedProvider, parseArgs, type FixtureResult, type HeaderPair } from '../../electron/contract/index.js';
import { templates } from '../../electron/core/trigger/index.js';
import { verify, type VerificationConfig } from '../../electron/core/verify/index.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { noPytest, pdfGorillaHandler, runBoth, runPytest, runVitest, stripeHandler, writtenFixture } from '../helpers/fixture-run.js';
import { headerOf, startTargetServer, type TargetServer } from '../helpers/target-server.js';

const fileText = (fixture: FixtureResult, name: string) => {
  const file = fixture.files.find((f) => f.name === name)!;
  return Buffer.from(file.content, file.encoding);
};
const headersOf = (fixture: FixtureResult) => JSON.parse(fileText(fixture, 'headers.json').toString('utf8')) as HeaderPair[];

describe('fixtures.export {template}: a trigger template as a test fixture', () => {
  let t: TestCore;
  let handler: TargetServer;
  const dirs: string[] = [];
  const exportFixture = (args: Record<string, unknown>) => t.core.api['fixtures.export'](parseArgs('fixtures.export', args));

  before(async () => {
    t = await startTestCore();
    handler = await startTargetServer();
  });
  after(async () => {
    await handler?.close();
    await t?.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('PDF Gorilla: rendered fresh and signed its way; both generated tests pass against the recipe, and fail with another secret', async () => {
    const fixture = exportFixture({ template: 'pdfgorilla.completed', secret: 'pdfg_template_test_secret' });
    assert.equal(fixture.name, 'hookscope-fixture-pdfgorilla-completed');
    assert.match(fixture.source, /pdfgorilla\.completed trigger template/);
    assert.deepEqual([fixture.scheme, fixture.secret, fixture.unsigned], ['pdfgorilla', 'pdfg_template_test_secret', null]);
    const body = JSON.parse(fileText(fixture, 'body.bin').toString('utf8')) as { jobId: string; status: string };
    assert.equal(body.status, 'completed');
    const again = JSON.parse(fileText(exportFixture({ template: 'pdfgorilla.completed' }), 'body.bin').toString('utf8')) as { jobId: string };
    assert.notEqual(again.jobId, body.jobId, 'a fresh job id on each export');
    const eventId = headerOf(headersOf(fixture), 'x-pdfg-event-id');
    assert.ok(eventId, 'the template\'s own headers are kept');

    const dir = await writtenFixture(fixture);
    dirs.push(dir);
    handler.handler = pdfGorillaHandler('pdfg_template_test_secret');
    const green = await runVitest(dir, handler.url);
    assert.equal(green.code, 0, green.output);
    assert.match(green.output, /1 passed/);
    const received = handler.received.at(-1)!;
    assert.ok(received.body.equals(await readFile(join(dir, 'body.bin'))), 'the exact bytes');
    assert.equal(headerOf(received.headers, 'x-pdfg-event-id'), eventId);
    if (!noPytest) {
      const greenPy = await runPytest(dir, handler.url);
      assert.equal(greenPy.code, 0, greenPy.output);
    }
    handler.handler = pdfGorillaHandler('another_secret');
    await runBoth(dir, handler.url, 'fail', { vitest: /401/, pytest: /1 failed/ });
  });

  it('Stripe, edited with sets: body.bin carries the edit, headers.json verifies with constructEvent, the tests pass and fail as they should', async () => {
    const fixture = exportFixture({ template: 'stripe.payment_intent.succeeded', sets: ['data.object.amount=5000'] });
    assert.equal(fixture.scheme, 'stripe');
    assert.match(fixture.secret!, /^whsec_test_/, 'a default test secret');
    assert.match(fixture.source, /as edited/);
    const body = fileText(fixture, 'body.bin');
    const signature = headerOf(headersOf(fixture), 'Stripe-Signature')!;
    const event = Stripe.webhooks.constructEvent(body, signature, fixture.secret!) as unknown as { type: string; data: { object: { amount: number } } };
    assert.equal(event.type, 'payment_intent.succeeded');
    assert.equal(event.data.object.amount, 5000);

    const dir = await writtenFixture(fixture);
    dirs.push(dir);
    handler.handler = stripeHandler(fixture.secret!);
    const green = await runVitest(dir, handler.url);
    assert.equal(green.code, 0, green.output);
    assert.match(green.output, /1 passed/);
    assert.ok(handler.received.at(-1)!.body.equals(body));
    handler.handler = stripeHandler('whsec_some_other_secret');
    await runBoth(dir, handler.url, 'fail', { vitest: /400 Webhook Error/ });
  });

  it('the Test event panel\'s edits: its body replaces the template\'s, its headers are added or replace, and the signature covers them', () => {
    const edited = '{"id":"evt_from_panel","object":"event","type":"invoice.paid","data":{"object":{}}}';
    const fixture = exportFixture({
      template: 'stripe.invoice.paid',
      secret: 'whsec_panel_test_secret',
      body: edited,
      headers: [['X-Configured', 'yes'], ['user-agent', 'Edited/2']],
    });
    assert.equal(fileText(fixture, 'body.bin').toString('utf8'), edited);
    const headers = headersOf(fixture);
    assert.equal(headerOf(headers, 'X-Configured'), 'yes');
    assert.equal(headerOf(headers, 'User-Agent'), 'Edited/2');
    assert.equal(headers.filter(([name]) => name.toLowerCase() === 'user-agent').length, 1, 'replaced, not repeated');
    const event = Stripe.webhooks.constructEvent(edited, headerOf(headers, 'Stripe-Signature')!, 'whsec_panel_test_secret') as unknown as { id: string };
    assert.equal(event.id, 'evt_from_panel');
  });

  it('every template exports; each signed one verifies with Hookscope\'s verifier under its test secret, the others say why they are unsigned', () => {
    const unsigned: string[] = [];
    for (const template of templates) {
      const fixture = exportFixture({ template: template.id });
      const listed = listedProvider(template.provider)?.verification;
      if (!fixture.scheme || fixture.unsigned) {
        assert.ok(!listed || fixture.unsigned, `${template.id}: ${listed?.scheme} listed, so unsigned says why`);
        unsigned.push(template.id);
        continue;
      }
      const config = { ...listed!.options, scheme: listed!.scheme, secret: fixture.secret! } as VerificationConfig;
      const input = { method: 'POST', url: '/webhooks', headers: headersOf(fixture), body: fileText(fixture, 'body.bin'), publicUrl: 'http://localhost:3000' };
      const result = verify(input, config, Date.now);
      assert.equal(result.status, 'valid', `${template.id}: ${'reason' in result ? String(result.reason) : ''}`);
      assert.equal(verify(input, { ...config, secret: `${fixture.secret!}x` } as VerificationConfig, Date.now).status === 'valid', false, `${template.id}: another secret fails`);
    }
    assert.ok(templates.length - unsigned.length >= 50, `${templates.length - unsigned.length} of ${templates.length} signed`);
  });

  it('arguments: exactly one of id, provider or template; edits only with a template; unknown templates and bad edits said plainly', () => {
    assert.throws(() => parseArgs('fixtures.export', { template: 'stripe.invoice.paid', provider: 'stripe' }), /exactly one of id, provider or template/);
    assert.throws(() => parseArgs('fixtures.export', {}), /exactly one of id, provider or template/);
    assert.throws(() => parseArgs('fixtures.export', { provider: 'stripe', body: '{}' }), /body, headers and sets edit a template/);
    assert.throws(() => parseArgs('fixtures.export', { template: 'not a template' }), /provider\.event/);
    assert.throws(
      () => exportFixture({ template: 'stripe.invoice.payd' }),
      (error: unknown) => error instanceof ApiError && error.code === 'not_found' && /did you mean .*stripe\.invoice\.paid/.test(error.message),
    );
    assert.throws(
      () => exportFixture({ template: 'stripe.invoice.paid', body: '{}', sets: ['a=1'] }),
      (error: unknown) => error instanceof ApiError && error.code === 'invalid_argument',
    );
    assert.throws(() => exportFixture({ template: 'pdfgorilla.completed', headers: [['Bad Name', 'x']] }), /not a valid HTTP header name/);
  });
});
