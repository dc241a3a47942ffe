import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkControlRequest, hasValidToken, isAllowedHost, isAllowedOrigin, isControlRequestAllowed, RENDERER_CSP } from '../../electron/serve/guard.js';

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
      message: 'missing or wrong bearer token',
    });
    assert.equal(isControlRequestAllowed({ ...ok, host: 'evil:4401' }, { port, token, needsToken: false }), false);
    assert.equal(isControlRequestAllowed({ ...ok, origin: 'http://evil' }, { port, token, needsToken: false }), false);
  });

  it('serves the renderer under a CSP with nothing inline and nothing remote', () => {
    const directives = new Map(RENDERER_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    assert.equal(directives.get('default-src'), "'none'");
    assert.equal(directives.get('script-src'), "'self'");
    assert.equal(directives.get('frame-ancestors'), "'none'");
    assert.doesNotMatch(RENDERER_CSP, /unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
