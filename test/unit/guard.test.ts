import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkControlRequest,
  hasValidToken,
  isAllowedHost,
  isAllowedOrigin,
  isControlRequestAllowed,
  readCookies,
  RENDERER_CSP,
  sessionCookieName,
  type ControlRequestHeaders,
} from '../../electron/serve/guard.js';

const port = 4401;
const token = 'correct-horse-battery-staple';

describe('control API guard', () => {
  it('accepts only this loopback port in Host', () => {
    const table: Array<[string | undefined, boolean]> = [
      ['127.0.0.1:4401', true],
      ['localhost:4401', true],
      ['LOCALHOST:4401', true],
      ['[::1]:4401', true],
      [undefined, false],
      ['', false],
      ['127.0.0.1', false],
      ['127.0.0.1:4400', false],
      ['attacker.example:4401', false],
      ['127.0.0.1.attacker.example:4401', false],
      ['localhost.attacker.example:4401', false],
      [' 127.0.0.1:4401', false],
      ['127.0.0.1:4401 ', false],
      ['0.0.0.0:4401', false],
      ['127.0.0.2:4401', false],
      ['[::ffff:127.0.0.1]:4401', false],
      ['127.0.0.1:4401@attacker.example', false],
    ];
    for (const [host, expected] of table) assert.equal(isAllowedHost(host, port), expected, String(host));
  });

  it('accepts no Origin or our own, nothing else', () => {
    const table: Array<[string | undefined, boolean]> = [
      [undefined, true],
      ['http://127.0.0.1:4401', true],
      ['http://localhost:4401', true],
      ['null', false],
      ['', false],
      ['https://127.0.0.1:4401', false],
      ['http://127.0.0.1:4400', false],
      ['http://127.0.0.1:4401.attacker.example', false],
      ['http://attacker.example', false],
      ['file://', false],
      ['app://hookscope', false],
    ];
    for (const [origin, expected] of table) assert.equal(isAllowedOrigin(origin, port), expected, String(origin));
  });

  it('compares the bearer token exactly', () => {
    const table: Array<[string | undefined, boolean]> = [
      [`Bearer ${token}`, true],
      [undefined, false],
      ['', false],
      ['Bearer', false],
      ['Bearer ', false],
      [`bearer ${token}`, false],
      [`Bearer  ${token}`, false],
      [`Bearer ${token} `, false],
      [`Bearer ${token}x`, false],
      [`Bearer ${token.slice(0, -1)}`, false],
      [`Basic ${token}`, false],
      [token, false],
    ];
    for (const [header, expected] of table) assert.equal(hasValidToken(header, token), expected, String(header));
  });

  it('needs the token only where asked (the static UI is not secret), Host and Origin everywhere', () => {
    const ok = { host: '127.0.0.1:4401', origin: undefined, authorization: undefined };
    assert.equal(isControlRequestAllowed(ok, { port, token, needsToken: false }), true);
    assert.deepEqual(checkControlRequest(ok, { port, token, needsToken: true }), {
      allowed: false,
      status: 401,
      code: 'unauthorized',
      message: 'missing or wrong bearer token, and no session',
    });
    assert.equal(isControlRequestAllowed({ ...ok, host: 'evil:4401' }, { port, token, needsToken: false }), false);
    assert.equal(isControlRequestAllowed({ ...ok, origin: 'http://evil' }, { port, token, needsToken: false }), false);
  });

  it('accepts an open session cookie only on requests the inspector page itself made', () => {
    const session = 'open-session-id';
    const options = { port, token, needsToken: true, isSession: (id: string) => id === session };
    const cookie = `${sessionCookieName(port)}=${session}`;
    const page: ControlRequestHeaders = { host: '127.0.0.1:4401', origin: undefined, authorization: undefined, cookie, method: 'GET', secFetchSite: 'same-origin' };
    const table: Array<[string, ControlRequestHeaders, number | true]> = [
      ['same-origin GET', page, true],
      ['GET from a browser without fetch metadata', { ...page, secFetchSite: undefined }, true],
      ['GET typed in the address bar', { ...page, secFetchSite: 'none' }, true],
      ['same-origin POST with our Origin', { ...page, method: 'POST', origin: 'http://127.0.0.1:4401' }, true],
      ['foreign Origin', { ...page, origin: 'http://attacker.example' }, 403],
      ['another port of 127.0.0.1 (same site)', { ...page, origin: 'http://127.0.0.1:3000', secFetchSite: 'same-site' }, 403],
      ['same-site no-cors GET (no Origin)', { ...page, secFetchSite: 'same-site' }, 401],
      ['cross-site GET (no Origin)', { ...page, secFetchSite: 'cross-site' }, 401],
      ['POST without Origin', { ...page, method: 'POST' }, 401],
      ['DELETE without Origin', { ...page, method: 'DELETE', secFetchSite: undefined }, 401],
      ['foreign Host (DNS rebinding)', { ...page, host: 'attacker.example:4401' }, 403],
      ['unknown session id', { ...page, cookie: `${sessionCookieName(port)}=guessed` }, 401],
      ["another instance's cookie name", { ...page, cookie: `${sessionCookieName(4402)}=${session}` }, 401],
      ['the session id as a bearer token', { ...page, cookie: undefined, authorization: `Bearer ${session}` }, 401],
      ['a tossed cookie beside ours', { ...page, cookie: `${sessionCookieName(port)}=tossed; ${cookie}` }, true],
    ];
    for (const [name, headers, expected] of table) {
      const verdict = checkControlRequest(headers, options);
      if (expected === true) assert.deepEqual(verdict, { allowed: true, via: 'session' }, name);
      else assert.equal(verdict.allowed ? 'allowed' : verdict.status, expected, name);
    }
    assert.equal(checkControlRequest(page, { port, token, needsToken: true }).allowed, false, 'no session store, no cookie sessions');
  });

  it('reads every value of one cookie and nothing else', () => {
    assert.deepEqual(readCookies(undefined, 'a'), []);
    assert.deepEqual(readCookies('a=1; ab=2; b=a=3;a=4', 'a'), ['1', '4']);
    assert.deepEqual(readCookies('xa=1', 'a'), []);
  });

  it('serves the renderer under a CSP with nothing inline and nothing remote', () => {
    const directives = new Map(RENDERER_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    assert.equal(directives.get('default-src'), "'none'");
    assert.equal(directives.get('script-src'), "'self'");
    assert.equal(directives.get('frame-ancestors'), "'none'");
    assert.doesNotMatch(RENDERER_CSP, /unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
