// HAR export and import as pure functions: exact bodies both ways, hostile or foreign files refused
// with a reason, redaction that keeps header order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import harValidator from 'har-validator';
import { snippetTargets, type Delivery, type SnippetLanguage } from '../../../electron/contract/index.js';
import { harEntry, harLog, queryString } from '../../../electron/core/export/har.js';
import { ImportError, MAX_IMPORT_ENTRIES, targetOf } from '../../../electron/core/export/import.js';
import { parseImport } from '../../../electron/core/export/import-reader.js';
import { configuredHeaders, Redactor, REDACTED } from '../../../electron/core/export/redact.js';
import { renderSnippet } from '../../../electron/core/export/snippet.js';
import { binaryBody } from '../../fixtures/signing.js';

function delivery(body: Buffer, extra: Partial<Delivery> = {}): Delivery {
  return {
    id: 7,
    endpoint: 'hooks',
    receivedAt: '2026-04-06T10:01:23.456Z',
    method: 'POST',
    path: '/hooks/x',
    query: 'a=1&b=%F0%9F%98%80&flag&bad=%E0%A4%A',
    url: '/hooks/x?a=1&b=%F0%9F%98%80&flag&bad=%E0%A4%A',
    bodySize: body.length,
    contentType: 'application/octet-stream',
    responseStatus: 200,
    viaTunnel: false,
    headersTruncated: false,
    rejected: null,
    imported: false,
    httpVersion: '1.1',
    headers: [['Content-Type', 'application/octet-stream'], ['X-Dup', '1'], ['x-dup', '2']],
    body: body.toString('base64'),
    bodySha256: '',
    remoteAddress: '127.0.0.1',
    response: { status: 200, headers: [['Content-Type', 'application/json']], body: '{"received":true}' },
    verification: null,
    provider: null,
    duplicate: null,
    attempt: null,
    handshake: null,
    node: null,
    handledMs: null,
    analysisFailures: [],
    ...extra,
  };
}

describe('HAR export', () => {
  it('decodes query parameters for reading and tolerates broken escapes', () => {
    assert.deepEqual(queryString('a=1&b=%F0%9F%98%80&flag&bad=%E0%A4%A&sp=a+b'), [
      { name: 'a', value: '1' },
      { name: 'b', value: '😀' },
      { name: 'flag', value: '' },
      { name: 'bad', value: '%E0%A4%A' },
      { name: 'sp', value: 'a b' },
    ]);
    assert.deepEqual(queryString(''), []);
  });

  it('writes valid HAR 1.2 for binary, text and empty bodies, and reads them back exactly', async () => {
    const bodies = [binaryBody, Buffer.from('\ufeff{"text":"é"}\r\n'), Buffer.alloc(0)];
    const har = harLog(bodies.map((body) => harEntry({ delivery: delivery(body), body, captureUrl: 'http://127.0.0.1:4400' })), '0.1.0');
    await harValidator.har(har);
    const [binary, text, empty] = har.log.entries;
    assert.equal(binary!.request.postData?._encoding, 'base64');
    assert.equal(text!.request.postData?._encoding, undefined);
    assert.equal(empty!.request.postData, undefined);
    assert.equal(binary!.request.url, 'http://127.0.0.1:4400/hooks/x?a=1&b=%F0%9F%98%80&flag&bad=%E0%A4%A');
    const back = parseImport(JSON.parse(JSON.stringify(har)), 3, 0);
    back.forEach((d, i) => {
      assert.ok(d.body.equals(bodies[i]!), `body ${i}`);
      assert.equal(d.url, '/hooks/x?a=1&b=%F0%9F%98%80&flag&bad=%E0%A4%A');
      assert.deepEqual(d.rawHeaders, [['Content-Type', 'application/octet-stream'], ['X-Dup', '1'], ['x-dup', '2']]);
      assert.equal(d.httpVersion, '1.1');
      assert.equal(d.receivedAt, Date.parse('2026-04-06T10:01:23.456Z'));
      assert.equal(d.endpointId, 3);
      assert.equal(d.imported, true);
      assert.deepEqual(d.response, { status: 200, headers: [['Content-Type', 'application/json']], body: '{"received":true}' });
    });
  });
});

describe('import', () => {
  it('takes the raw request target from any URL form', () => {
    assert.equal(targetOf('https://x.loca.lt/a/b?c=%20#frag'), '/a/b?c=%20');
    assert.equal(targetOf('http://host:8080'), '/');
    assert.equal(targetOf('http://host?x=1'), '/?x=1');
    assert.equal(targetOf('/relative?x'), '/relative?x');
    assert.equal(targetOf('relative'), '/relative');
  });

  it('reads HTTP versions as Hookscope stores them', () => {
    const har = (httpVersion: string) => ({ log: { entries: [{ request: { method: 'GET', url: 'http://h/', httpVersion, headers: [] } }] } });
    assert.equal(parseImport(har('HTTP/1.1'), 1, 0)[0]!.httpVersion, '1.1');
    assert.equal(parseImport(har('HTTP/2'), 1, 0)[0]!.httpVersion, '2.0');
    assert.equal(parseImport(har('h2'), 1, 0)[0]!.httpVersion, '2.0');
    assert.equal(parseImport(har('spdy'), 1, 0)[0]!.httpVersion, '1.1');
  });

  it('refuses what is not HAR or a Hookscope export, naming the first problem', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{}, /not a valid HAR 1\.2 log: log/],
      [{ log: { entries: 'no' } }, /log\.entries/],
      [{ log: { entries: [{ request: { method: 'GET', url: 'http://h/', headers: [{ name: 1 }] } }] } }, /headers\.0\.name/],
      [{ log: { entries: Array.from({ length: MAX_IMPORT_ENTRIES + 1 }, () => ({ request: { method: 'GET', url: '/' } })) } }, /at most 100000 entries/],
      [{ format: 'hookscope.deliveries', deliveries: [{ method: 'POST' }] }, /not a valid Hookscope export: deliveries\.0\./],
    ];
    for (const [document, message] of bad) {
      assert.throws(() => parseImport(document, 1, 0), (error: unknown) => error instanceof ImportError && message.test(error.message), JSON.stringify(document).slice(0, 80));
    }
  });

  it('uses the import time when an entry has no usable date', () => {
    const [d] = parseImport({ log: { entries: [{ startedDateTime: 'yesterday', request: { method: 'GET', url: '/' } }] } }, 1, 1234);
    assert.equal(d!.receivedAt, 1234);
    assert.deepEqual(d!.response, { status: 0, headers: [], body: '' });
  });
});

describe('redaction', () => {
  it('masks every known signature header, credentials and configured headers, keeping order', () => {
    const redactor = new Redactor(configuredHeaders({ header: 'X-Adobe-Token' }));
    const headers = redactor.headers([
      ['Content-Type', 'application/json'],
      ['stripe-signature', 't=1,v1=ab'],
      ['X-Hub-Signature-256', 'sha256=ab'],
      ['X-Hub-Signature', 'sha1=ab'],
      ['webhook-id', 'msg_1'],
      ['webhook-signature', 'v1,ab'],
      ['svix-signature', 'v1,ab'],
      ['X-Shopify-Hmac-Sha256', 'ab'],
      ['X-Slack-Signature', 'v0=ab'],
      ['X-Twilio-Signature', 'ab'],
      ['x-pdfg-signature', 'ab'],
      ['X-Signature', 'ab'],
      ['Authorization', 'Bearer x'],
      ['Cookie', 'a=b'],
      ['x-adobe-token', 'the secret'],
    ]);
    assert.deepEqual(headers.filter(([, value]) => value !== REDACTED), [['Content-Type', 'application/json'], ['webhook-id', 'msg_1']]);
    assert.equal(headers.length, 15);
    assert.deepEqual(configuredHeaders(undefined), []);
    const verification = redactor.verification({ scheme: 'stripe', status: 'valid', reason: 'ok', details: { signedContentPreview: 'x', expected: 't=1,v1=ab', received: 't=1,v1=ab', timestamp: null, skewSeconds: null } });
    assert.equal(verification?.details.expected, null);
    assert.equal(verification?.details.received, null);
    assert.equal(verification?.reason, 'ok');
  });
});

describe('snippets', () => {
  it('renders every language and client the contract offers', () => {
    const request = { method: 'POST', url: 'http://localhost:3000/a', headers: [['Content-Type', 'application/json']] as Array<[string, string]>, body: Buffer.from('{"a":1}') };
    for (const [language, clients] of Object.entries(snippetTargets)) {
      for (const client of clients) {
        const snippet = renderSnippet(request, language as SnippetLanguage, client);
        assert.match(snippet.code, /localhost/, `${language}/${client}`);
      }
    }
  });

  it('leaves Host and Content-Length to httpsnippet\'s clients, keeps them in curl (byte-exact), and a binary body out with a warning', () => {
    const request = { method: 'POST', url: 'http://localhost:3000/a?b=1', headers: [['Host', 'x'], ['Content-Type', 'application/json'], ['Content-Length', '2']] as Array<[string, string]>, body: Buffer.from('{}') };
    const curl = renderSnippet(request, 'shell', undefined);
    assert.equal(curl.client, 'curl');
    assert.match(curl.code, /^curl --http1\.1 --globoff --path-as-is 'http:\/\/localhost:3000\/a\?b=1'/);
    assert.match(curl.code, /-H 'Host: x'[\s\S]*-H 'Content-Length: 2'/);
    assert.match(curl.code, /--data-raw '\{\}'$/);
    assert.equal(curl.warning, null);
    const python = renderSnippet(request, 'python', 'requests');
    assert.doesNotMatch(python.code, /Host|Content-Length/);
    const binary = renderSnippet({ ...request, body: binaryBody }, 'node', 'fetch');
    assert.match(binary.warning ?? '', /512 bytes\) is not UTF-8/);
  });
});
