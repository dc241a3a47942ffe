// Export and import through the real core: HAR 1.2 (checked by har-validator) and JSON, bodies
// byte-exact both ways, secrets and signatures masked by default; code snippets via httpsnippet.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import harValidator, { type HarError } from 'har-validator';
import Stripe from 'stripe';
import type { Delivery } from '../../electron/contract/index.js';
import { parseArgs } from '../../electron/contract/index.js';
import { send } from '../helpers/http.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const STRIPE_SECRET = 'whsec_export_secret_do_not_leak_42';
const HEADER_SECRET = 'shared-header-value-do-not-leak';

async function validHar(document: unknown): Promise<void> {
  try {
    await harValidator.har(document);
  } catch (error) {
    assert.fail(`not valid HAR 1.2: ${JSON.stringify((error as HarError).errors)}`);
  }
}

/** What must survive a round trip exactly. */
function essence(d: Delivery) {
  return { method: d.method, url: d.url, httpVersion: d.httpVersion, headers: d.headers, body: d.body, bodySha256: d.bodySha256, receivedAt: d.receivedAt, contentType: d.contentType, responseStatus: d.responseStatus, response: d.response };
}

describe('export and import', () => {
  let t: TestCore;
  let ids: number[];
  before(async () => {
    t = await startTestCore();
    t.core.api['endpoints.create']({ slug: 'hooks', verification: { scheme: 'stripe', secret: STRIPE_SECRET } });
    t.core.api['endpoints.create']({ slug: 'adobe', verification: { scheme: 'header', header: 'X-Adobe-Token', secret: HEADER_SECRET } });
    const event = JSON.stringify({ id: 'evt_export', type: 'charge.succeeded' });
    const binary = randomBytes(2048);
    binary[0] = 0xff;
    const bodies: Array<[string, string[], Buffer | string | undefined, string?]> = [
      ['/hooks/stripe?src=test', ['Content-Type', 'application/json', 'Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload: event, secret: STRIPE_SECRET }), 'X-Dup', '1', 'x-dup', '2'], event],
      ['/hooks/binary', ['Content-Type', 'application/pdf', 'Authorization', 'Bearer sk_live_do_not_leak'], binary],
      ['/hooks/gzip', ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'], gzipSync('{"compressed":true}')],
      ['/hooks/bom', ['Content-Type', 'text/plain; charset=utf-8'], Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo\r\n\u0000end')])],
      ['/hooks/empty', ['Content-Length', '0'], undefined],
      ['/hooks/get?a=1&a=%F0%9F%98%80&flag', [], undefined, 'GET'],
      ['/adobe/job', ['Content-Type', 'application/json', 'X-Adobe-Token', HEADER_SECRET, 'Cookie', 'session=do_not_leak'], '{"event_type":"PDF_SERVICES_JOB_STATUS"}'],
    ];
    for (const [path, headers, body, method] of bodies) {
      const res = await send(`${t.captureUrl}${path}`, { method: method ?? 'POST', headers, body });
      assert.equal(res.status, 200);
    }
    ids = t.core.api['deliveries.list']({ limit: 100 }).deliveries.map((d) => d.id).sort((a, b) => a - b);
  });
  after(() => t.stop());

  it('exports an endpoint as valid HAR 1.2 with signatures and credentials masked by default, and no secret anywhere', async () => {
    const result = t.core.api['deliveries.export'](parseArgs('deliveries.export', { endpoint: 'hooks' }));
    assert.equal(result.format, 'har');
    assert.equal(result.redacted, true);
    assert.equal(result.count, 6);
    assert.match(result.filename, /^hookscope-hooks-\d{8}-\d{6}\.har$/);
    await validHar(result.document);
    const text = JSON.stringify(result.document);
    for (const secret of [STRIPE_SECRET, 'sk_live_do_not_leak']) assert.ok(!text.includes(secret), `${secret} is not exported`);
    const entries = (result.document as { log: { entries: Array<{ request: { url: string; headers: Array<{ name: string; value: string }>; postData?: { text: string; _encoding?: string } } }> } }).log.entries;
    assert.equal(entries.length, 6);
    assert.ok(entries[0]!.request.url.endsWith('/hooks/stripe?src=test'), 'oldest first');
    assert.deepEqual(entries[0]!.request.headers.find((h) => h.name === 'Stripe-Signature'), { name: 'Stripe-Signature', value: '[redacted]' });
    assert.deepEqual(entries[1]!.request.headers.find((h) => h.name === 'Authorization'), { name: 'Authorization', value: '[redacted]' });
    assert.equal(entries[1]!.request.postData?._encoding, 'base64', 'a binary body travels as base64');
    assert.equal(entries[0]!.request.postData?._encoding, undefined, 'a text body as text');

    const adobe = JSON.stringify(t.core.api['deliveries.export'](parseArgs('deliveries.export', { endpoint: 'adobe', format: 'json' })).document);
    assert.ok(!adobe.includes(HEADER_SECRET), 'the header a `header` scheme checks is masked: its value is the secret');
    assert.ok(!adobe.includes('session=do_not_leak'), 'cookies are masked');
  });

  it('round-trips a HAR export through import byte-exact, marked imported and verified again', async () => {
    const exported = t.core.api['deliveries.export'](parseArgs('deliveries.export', { endpoint: 'hooks', redact: false }));
    assert.equal(exported.redacted, false);
    await validHar(exported.document);
    // Through JSON text, as a file would.
    const document = JSON.parse(JSON.stringify(exported.document)) as Record<string, unknown>;
    t.core.api['endpoints.create']({ slug: 'copy', verification: { scheme: 'stripe', secret: STRIPE_SECRET } });
    const imported = await t.core.api['deliveries.import'](parseArgs('deliveries.import', { endpoint: 'copy', document }));
    assert.equal(imported.imported, 6);
    const originals = t.core.api['deliveries.list']({ endpoint: 'hooks', limit: 100 }).deliveries.reverse();
    for (const [i, newId] of imported.ids.entries()) {
      const copy = t.core.api['deliveries.get']({ id: newId });
      const original = t.core.api['deliveries.get']({ id: originals[i]!.id });
      assert.deepEqual(essence(copy), essence(original), `delivery ${original.url}`);
      assert.equal(copy.endpoint, 'copy');
      assert.equal(copy.imported, true);
      assert.equal(original.imported, false);
    }
    // Imported deliveries are verified like captured ones (the Stripe one is old by now, or valid: either way, computed).
    for (let i = 0; i < 100 && t.core.api['deliveries.list']({ endpoint: 'copy', limit: 100 }).deliveries.some((d) => d.verification === null); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const stripeCopy = t.core.api['deliveries.get']({ id: imported.ids[0]! });
    assert.equal(stripeCopy.verification?.status, 'valid');
  });

  it('round-trips a JSON export of a selection, in received order', async () => {
    const chosen = [ids[3]!, ids[1]!];
    const exported = t.core.api['deliveries.export'](parseArgs('deliveries.export', { ids: chosen, format: 'json', redact: false }));
    assert.equal(exported.format, 'json');
    assert.match(exported.filename, /^hookscope-selection-.*\.json$/);
    const document = JSON.parse(JSON.stringify(exported.document)) as { format: string; deliveries: Delivery[] };
    assert.equal(document.format, 'hookscope.deliveries');
    assert.deepEqual(document.deliveries.map((d) => d.id), [ids[1], ids[3]]);
    const imported = await t.core.api['deliveries.import']({ endpoint: 'default', document });
    assert.equal(imported.imported, 2);
    for (const [i, newId] of imported.ids.entries()) {
      assert.deepEqual(essence(t.core.api['deliveries.get']({ id: newId })), essence(t.core.api['deliveries.get']({ id: document.deliveries[i]!.id })));
    }
  });

  it('imports a HAR written by a browser (form params, no body text) and refuses what is not HAR', async () => {
    const browserHar = {
      log: {
        version: '1.2',
        creator: { name: 'Browser', version: '1' },
        entries: [
          {
            startedDateTime: '2026-04-06T10:00:00.000Z',
            request: {
              method: 'POST',
              url: 'https://example.test/form/submit?x=1#frag',
              httpVersion: 'h2',
              headers: [{ name: 'content-type', value: 'application/x-www-form-urlencoded' }],
              postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'a', value: '1 2' }, { name: 'b', value: 'é' }] },
            },
            response: { status: 204, headers: [], content: { text: 'aGk=', encoding: 'base64' } },
          },
        ],
      },
    };
    const { ids: [id] } = await t.core.api['deliveries.import']({ endpoint: 'default', document: browserHar });
    const d = t.core.api['deliveries.get']({ id: id! });
    assert.equal(d.url, '/form/submit?x=1');
    assert.equal(Buffer.from(d.body, 'base64').toString(), 'a=1+2&b=%C3%A9');
    assert.equal(d.receivedAt, '2026-04-06T10:00:00.000Z');
    assert.equal(d.response.status, 204);
    assert.equal(d.response.body, 'hi');
    await assert.rejects(async () => t.core.api['deliveries.import']({ endpoint: 'default', document: { log: { entries: [{ request: {} }] } } }), /not a valid HAR 1\.2 log: log\.entries\.0\.request\.method/);
    await assert.rejects(async () => t.core.api['deliveries.import']({ endpoint: 'nope', document: browserHar }), /no endpoint "nope"/);
  });

  it('renders a delivery as cURL and other snippets, masked by default', async () => {
    const stripeId = ids[0]!;
    const curl = await t.core.api['deliveries.snippet'](parseArgs('deliveries.snippet', { id: stripeId }));
    assert.equal(curl.language, 'shell');
    assert.equal(curl.client, 'curl');
    assert.equal(curl.url, `${t.captureUrl}/hooks/stripe?src=test`, 'no forward target: the capture URL');
    assert.match(curl.code, /^curl --http1\.1 /);
    assert.match(curl.code, /-H 'Stripe-Signature: \[redacted\]'/);
    assert.match(curl.code, /evt_export/);
    assert.match(curl.code, /-H 'Content-Length: \d+'/, 'byte-exact: the sender\'s framing (curl-roundtrip.test.ts runs it)');
    assert.equal(curl.warning, null);

    const raw = await t.core.api['deliveries.snippet'](parseArgs('deliveries.snippet', { id: stripeId, language: 'python', client: 'requests', target: 'http://localhost:3000/app', redact: 'false' }));
    assert.equal(raw.url, 'http://localhost:3000/app/stripe?src=test');
    assert.match(raw.code, /import requests/);
    assert.match(raw.code, /t=\d+,v1=[0-9a-f]{64}/, 'unmasked on request');

    for (const [language, clients] of Object.entries({ node: ['fetch', 'axios', 'native'], go: ['native'], http: ['http1.1'], php: ['curl', 'guzzle'] })) {
      for (const client of clients) {
        const snippet = await t.core.api['deliveries.snippet'](parseArgs('deliveries.snippet', { id: stripeId, language, client }));
        assert.ok(snippet.code.length > 0, `${language}/${client}`);
      }
    }
    const binary = await t.core.api['deliveries.snippet'](parseArgs('deliveries.snippet', { id: ids[1]!, language: 'python' }));
    assert.match(binary.warning ?? '', /not UTF-8 text/);
    const binaryCurl = await t.core.api['deliveries.snippet'](parseArgs('deliveries.snippet', { id: ids[1]! }));
    assert.equal(binaryCurl.warning, null, 'curl carries any bytes');

    // A body too deep for httpsnippet's JSON formatting (it recurses) is given as text, on a worker thread.
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    await send(`${t.captureUrl}/hooks/deep`, { headers: ['Content-Type', 'application/json'], body: deep });
    const deepId = t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
    for (const language of ['node', 'python', 'shell'] as const) {
      const snippet = await t.core.api['deliveries.snippet'](parseArgs('deliveries.snippet', { id: deepId, language }));
      assert.ok(snippet.code.includes(deep), `${language}: the body exactly as received`);
      // curl never formats the body, so nothing to warn about there.
      if (language !== 'shell') assert.match(snippet.warning ?? '', /nests too deep/);
    }
    assert.throws(() => parseArgs('deliveries.snippet', { id: stripeId, language: 'shell', client: 'requests' }), /client/);
    assert.throws(() => parseArgs('deliveries.snippet', { id: stripeId, language: 'cobol' }), /language/);
  });

  it('a forward target becomes the snippet\'s default target', async () => {
    t.core.api['endpoints.update']({ slug: 'hooks', forward: { target: 'http://127.0.0.1:9/in', appendPath: false, relayResponse: false, timeoutMs: 1000 } });
    const snippet = await t.core.api['deliveries.snippet'](parseArgs('deliveries.snippet', { id: ids[0]! }));
    assert.equal(snippet.url, 'http://127.0.0.1:9/in');
    t.core.api['endpoints.update']({ slug: 'hooks', forward: null });
  });

  it('refuses an export that names neither ids nor an endpoint, or both, or unknown ones', () => {
    assert.throws(() => parseArgs('deliveries.export', {}), /either ids or endpoint/);
    assert.throws(() => parseArgs('deliveries.export', { ids: [1], endpoint: 'hooks' }), /either ids or endpoint/);
    assert.throws(() => t.core.api['deliveries.export'](parseArgs('deliveries.export', { ids: [999_999] })), /no delivery 999999/);
    assert.throws(() => t.core.api['deliveries.export'](parseArgs('deliveries.export', { endpoint: 'nope' })), /no endpoint/);
  });
});
