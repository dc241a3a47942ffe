// The desktop shell's security predicates, against hostile inputs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  APP_CSP,
  APP_ENTRY_URL,
  APP_ORIGIN,
  appResponseHeaders,
  isAllowedNavigation,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedSender,
} from '../../../electron/main/security-policy.js';

const root = join(import.meta.dirname, '..', '..', '..');

/** Directive name → source list. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

describe('isAllowedNavigation (the navigation allow-list: our origin only)', () => {
  const allowed = [APP_ENTRY_URL, `${APP_ORIGIN}/`, `${APP_ORIGIN}/index.html?x=1#top`, 'APP://hookscope/index.html', 'app://HookScope/'];
  const denied: [string, unknown][] = [
    ['look-alike host (suffix)', 'app://hookscope.attacker.com/'],
    ['look-alike host (prefix)', 'app://evilhookscope/'],
    ['the classic suffix attack', 'https://app.example.com.attacker.com'],
    ['credentials smuggling the host', 'app://hookscope@attacker.com/'],
    ['credentials on our host', 'app://user:pass@hookscope/'],
    ['a port', 'app://hookscope:8080/'],
    ['https', 'https://hookscope/'],
    ['http', 'http://hookscope/index.html'],
    ['javascript:', 'javascript:alert(1)'],
    ['JavaScript: mixed case', 'JaVaScRiPt:alert(document.domain)'],
    ['javascript: with our name in it', 'javascript://hookscope/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['file: on our host', 'file://hookscope/index.html'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:app://hookscope/0b5f-1234'],
    ['about:blank', 'about:blank'],
    ['leading whitespace', ' app://hookscope/index.html'],
    ['leading tab', '\tapp://hookscope/'],
    ['leading newline', '\napp://hookscope/'],
    ['trailing whitespace', 'app://hookscope/ '],
    ['embedded newline', 'app://hook\nscope/'],
    ['NUL', 'app://hookscope/\u0000'],
    ['backslashes', 'app:\\\\hookscope\\index.html'],
    ['relative', '/index.html'],
    ['empty', ''],
    ['not a URL', 'hookscope'],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { toString: () => APP_ENTRY_URL }],
    ['overlong', `${APP_ORIGIN}/${'a'.repeat(9000)}`],
  ];

  for (const url of allowed) {
    it(`allows ${url}`, () => assert.equal(isAllowedNavigation(url), true));
  }
  for (const [name, url] of denied) {
    it(`denies ${name}`, () => {
      assert.equal(isAllowedNavigation(url), false);
      assert.equal(isAppUrl(url), false);
    });
  }
});

describe('isSafeExternalUrl (what may go to the default browser)', () => {
  const safe = ['https://example.com', 'http://example.com/path?q=1#x', 'HTTPS://Example.com/', 'HtTp://example.com', 'https://docs.stripe.com/webhooks/signatures', 'https://[::1]:8443/'];
  const unsafe: [string, unknown][] = [
    ['javascript:', 'javascript:alert(1)'],
    ['JAVASCRIPT: upper case', 'JAVASCRIPT:alert(1)'],
    ['javascript: with leading space', ' javascript:alert(1)'],
    ['https with leading whitespace', ' https://example.com'],
    ['https with leading newline', '\nhttps://example.com'],
    ['https with a tab inside', 'https://exa\tmple.com'],
    ['file:', 'file:///C:/Windows/System32/calc.exe'],
    ['file: UNC', 'file://attacker.com/share/payload.exe'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['smb:', 'smb://attacker.com/share'],
    ['ms-msdt (Follina)', 'ms-msdt:/id PCWDiagnostic /skip force'],
    ['vscode:', 'vscode://file/etc/passwd'],
    ['mailto:', 'mailto:someone@example.com'],
    ['ftp:', 'ftp://example.com/'],
    ['our own app://', APP_ENTRY_URL],
    ['credentials', 'https://user:pass@example.com/'],
    ['a user name that looks like a host', 'https://example.com@attacker.com/'],
    ['backslashes', 'https:\\\\attacker.com'],
    ['scheme-relative', '//attacker.com/'],
    ['no host', 'https://'],
    ['empty', ''],
    ['undefined', undefined],
    ['a number', 1],
    ['overlong', `https://example.com/${'a'.repeat(9000)}`],
  ];
  for (const url of safe) it(`allows ${url}`, () => assert.equal(isSafeExternalUrl(url), true));
  for (const [name, url] of unsafe) it(`refuses ${name}`, () => assert.equal(isSafeExternalUrl(url), false));
});

describe('isTrustedSender (the IPC gatekeeper’s frame check)', () => {
  it('trusts our main frame', () => {
    assert.equal(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true }), true);
    assert.equal(isTrustedSender({ url: `${APP_ORIGIN}/`, isMainFrame: true }), true);
  });
  const negatives: [string, unknown][] = [
    ['a subframe on our origin', { url: APP_ENTRY_URL, isMainFrame: false }],
    ['a main frame elsewhere', { url: 'https://attacker.com/', isMainFrame: true }],
    ['a look-alike origin', { url: 'app://hookscope.attacker.com/', isMainFrame: true }],
    ['the suffix attack', { url: 'https://app.example.com.attacker.com', isMainFrame: true }],
    ['file:', { url: 'file:///index.html', isMainFrame: true }],
    ['data:', { url: 'data:text/html,hi', isMainFrame: true }],
    ['about:blank (before load, after a failed load)', { url: 'about:blank', isMainFrame: true }],
    ['an empty URL', { url: '', isMainFrame: true }],
    ['isMainFrame as a truthy string', { url: APP_ENTRY_URL, isMainFrame: 'true' }],
    ['isMainFrame missing', { url: APP_ENTRY_URL }],
    ['a frame that is gone', null],
    ['undefined', undefined],
    ['a string', APP_ENTRY_URL],
  ];
  for (const [name, frame] of negatives) {
    it(`refuses ${name}`, () => assert.equal(isTrustedSender(frame as never), false));
  }
});

describe('the Content Security Policy', () => {
  const header = parseCsp(APP_CSP);

  it('denies by default and runs only our own files', () => {
    assert.deepEqual(header.get('default-src'), ["'none'"]);
    assert.deepEqual(header.get('script-src'), ["'self'"]);
    assert.deepEqual(header.get('object-src'), ["'none'"]);
    assert.deepEqual(header.get('base-uri'), ["'none'"]);
    assert.deepEqual(header.get('form-action'), ["'none'"]);
    assert.deepEqual(header.get('frame-ancestors'), ["'none'"]);
  });

  it('allows nothing inline, evaluated or remote', () => {
    assert.doesNotMatch(APP_CSP, /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
    assert.doesNotMatch(APP_CSP, /\*|https?:|wss?:|file:|app:/);
    for (const [name, sources] of header) {
      if (name === 'img-src' || name === 'worker-src') {
        assert.ok(sources.every((s) => ["'self'", 'data:', 'blob:'].includes(s)), `${name}: ${sources.join(' ')}`);
      } else {
        assert.ok(sources.every((s) => s === "'self'" || s === "'none'"), `${name}: ${sources.join(' ')}`);
      }
    }
  });

  it('is sent with every app:// response, with nosniff', () => {
    const headers = appResponseHeaders('text/html; charset=utf-8');
    assert.equal(headers['Content-Security-Policy'], APP_CSP);
    assert.equal(headers['X-Content-Type-Options'], 'nosniff');
  });

  it("matches the renderer's index.html <meta> policy, which works under app:// ('self' = app://hookscope)", () => {
    const html = readFileSync(join(root, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    assert.ok(meta, 'renderer/index.html has a CSP <meta> tag');
    const policy = parseCsp(meta[1]!);
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('script-src'), ["'self'"]);
    assert.doesNotMatch(meta[1]!, /unsafe-inline|unsafe-eval/);
    // The <meta> cannot carry frame-ancestors; every other directive is the header's, and none is missing.
    const expected = new Map([...header].filter(([name]) => name !== 'frame-ancestors'));
    assert.deepEqual(new Map(policy), expected);
  });
});
