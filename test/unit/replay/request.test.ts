// Building a replay's request from a stored delivery: where it goes and which headers it carries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { outgoingHeaders, setHeader } from '../../../electron/core/replay/outgoing-headers.js';
import { capturedRest, joinTarget, parseTarget } from '../../../electron/core/replay/request-target.js';
import { classify } from '../../../electron/core/replay/send.js';

describe('replay: target URL', () => {
  it('takes the captured target after the endpoint path', () => {
    const cases: Array<[string, string, string]> = [
      ['/stripe/hooks?x=1', 'stripe', '/hooks?x=1'],
      ['/stripe', 'stripe', ''],
      ['/stripe/', 'stripe', '/'],
      ['/stripe?x=1', 'stripe', '?x=1'],
      ['/stripex/a', 'stripe', '/stripex/a'],
      ['/anything/else', 'default', '/anything/else'],
      ['/default/x', 'default', '/x'],
      ['/odd/%7Epath%20x?a=%F0%9F', 'default', '/odd/%7Epath%20x?a=%F0%9F'],
    ];
    for (const [url, slug, rest] of cases) assert.equal(capturedRest(url, slug), rest, `${url} on ${slug}`);
  });

  it('appends path and query to the target without normalising either', () => {
    const cases: Array<[string, string, string]> = [
      ['http://localhost:3000', '/hooks?x=1', 'http://localhost:3000/hooks?x=1'],
      ['http://localhost:3000/webhook', '', 'http://localhost:3000/webhook'],
      ['http://localhost:3000/webhook', '/', 'http://localhost:3000/webhook'],
      ['http://localhost:3000/webhook/', '/a/../b', 'http://localhost:3000/webhook/a/../b'],
      ['http://localhost:3000/webhook?token=1', '?x=2', 'http://localhost:3000/webhook?token=1&x=2'],
      ['http://localhost:3000/webhook?token=1', '/p?x=2', 'http://localhost:3000/webhook/p?token=1&x=2'],
      ['http://h/x#frag', '/y', 'http://h/x/y'],
      ['http://h', '/%7Epath%20x', 'http://h/%7Epath%20x'],
    ];
    for (const [target, rest, url] of cases) assert.equal(joinTarget(target, rest), url, `${target} + ${rest}`);
  });

  it('parses targets into what node:http needs, keeping the raw path', () => {
    assert.deepEqual(parseTarget('http://127.0.0.1:3000/a/../b?x=%7E'), {
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 3000,
      host: '127.0.0.1:3000',
      path: '/a/../b?x=%7E',
    });
    assert.deepEqual(parseTarget('https://example.test'), { protocol: 'https:', hostname: 'example.test', port: 443, host: 'example.test', path: '/' });
    assert.equal(parseTarget('http://[::1]:8080?x').hostname, '::1');
    assert.equal(parseTarget('http://[::1]:8080?x').path, '/?x');
    assert.throws(() => parseTarget('ftp://example.test/'), /not an http/);
  });
});

describe('replay: outgoing headers', () => {
  const original: HeaderPair[] = [
    ['host', 'abc.loca.lt'],
    ['User-Agent', 'Stripe/1.0'],
    ['Connection', 'keep-alive, X-Drop-Me'],
    ['X-Drop-Me', 'hop'],
    ['Content-Type', 'application/json'],
    ['content-length', '999'],
    ['Keep-Alive', 'timeout=5'],
    ['X-Dup', 'one'],
    ['Transfer-Encoding', 'chunked'],
    ['x-dup', 'two'],
    ['Proxy-Authorization', 'Basic xyz'],
    ['TE', 'trailers'],
    ['Upgrade', 'h2c'],
    ['Trailer', 'X-T'],
  ];

  it('drops hop-by-hop and Connection-named headers, keeps the rest in order, recomputes Host and Content-Length in place', () => {
    assert.deepEqual(outgoingHeaders(original, { host: '127.0.0.1:3000', method: 'POST', bodyLength: 12 }), [
      ['host', '127.0.0.1:3000'],
      ['User-Agent', 'Stripe/1.0'],
      ['Content-Type', 'application/json'],
      ['content-length', '12'],
      ['X-Dup', 'one'],
      ['x-dup', 'two'],
    ]);
  });

  it('adds Host first and Content-Length last when the original had none', () => {
    assert.deepEqual(outgoingHeaders([['X-A', '1']], { host: 'h:1', method: 'POST', bodyLength: 0 }), [
      ['Host', 'h:1'],
      ['X-A', '1'],
      ['Content-Length', '0'],
    ]);
  });

  it('adds no Content-Length to a bodiless GET', () => {
    assert.deepEqual(outgoingHeaders([['Accept', '*/*']], { host: 'h', method: 'GET', bodyLength: 0 }), [
      ['Host', 'h'],
      ['Accept', '*/*'],
    ]);
  });

  it('sets a header in place, keeping its spelling, dropping later duplicates; appends an absent one', () => {
    const headers: HeaderPair[] = [['a', '1'], ['stripe-signature', 'old'], ['b', '2'], ['Stripe-Signature', 'older']];
    assert.deepEqual(setHeader(headers, 'Stripe-Signature', 'new'), [['a', '1'], ['stripe-signature', 'new'], ['b', '2']]);
    assert.deepEqual(setHeader([['a', '1']], 'X-New', 'v'), [['a', '1'], ['X-New', 'v']]);
  });
});

describe('replay: error classification', () => {
  const live = new AbortController().signal;
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1', address: '127.0.0.1', port: 1 }, 'connection_refused'],
    [{ code: 'ECONNRESET', message: 'read ECONNRESET' }, 'reset'],
    [{ message: 'socket hang up' }, 'reset'],
    [{ code: 'EPIPE', message: 'write EPIPE' }, 'reset'],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND nope.invalid', hostname: 'nope.invalid' }, 'dns'],
    [{ code: 'EAI_AGAIN', message: 'getaddrinfo EAI_AGAIN x' }, 'dns'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 'tls'],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' }, 'tls'],
    [{ code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' }, 'tls'],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" }, 'tls'],
    [{ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }, 'timeout'],
    [{ code: 'ERR_INVALID_CHAR', message: 'Invalid character in header content' }, 'invalid_request'],
    [{ code: 'EHOSTUNREACH', message: 'no route' }, 'other'],
  ];
  for (const [error, code] of cases) {
    it(`${String(error.code ?? error.message)} → ${code}`, () => {
      assert.equal(classify(Object.assign(new Error(String(error.message)), error), live).code, code);
    });
  }

  it('an aborted request is cancelled, unless the abort was the deadline', () => {
    const cancelled = new AbortController();
    cancelled.abort();
    assert.equal(classify(new Error('aborted'), cancelled.signal).code, 'cancelled');
  });
});
