// app://hookscope serves dist/renderer and nothing else.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { contentTypeFor, resolveAppUrl, serveAppRequest } from '../../../electron/main/app-protocol.js';
import { APP_CSP } from '../../../electron/main/security-policy.js';

const rootDir = resolve('/srv/hook scope/dist/renderer');

describe('resolveAppUrl', () => {
  const served: [string, string][] = [
    ['app://hookscope/', 'index.html'],
    ['app://hookscope', 'index.html'],
    ['app://hookscope/index.html', 'index.html'],
    ['app://hookscope/index.html?token=x#frag', 'index.html'],
    ['app://hookscope/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['app://hookscope/assets/a%20b.css', 'assets/a b.css'],
    ['app://HOOKSCOPE/assets/x.js', 'assets/x.js'],
    ['app://hookscope//assets//x.js', 'assets/x.js'],
    // The URL parser resolves dot segments inside the root before we see them.
    ['app://hookscope/assets/../index.html', 'index.html'],
  ];
  for (const [url, relative] of served) {
    it(`serves ${url} as ${relative}`, () => assert.equal(resolveAppUrl(url, rootDir), join(rootDir, relative)));
  }

  // Dot segments in the URL itself are resolved by the URL parser (as Chromium does) and stop at
  // the root: they can only name files inside it.
  const clamped: [string, string][] = [
    ['../ above the root', 'app://hookscope/../../etc/passwd'],
    ['%2e%2e segments', 'app://hookscope/%2e%2e/%2e%2e/etc/passwd'],
    ['%2E%2E upper case', 'app://hookscope/%2E%2E/etc/passwd'],
    ['.%2e mixed', 'app://hookscope/.%2e/etc/passwd'],
  ];
  for (const [name, url] of clamped) {
    it(`keeps ${name} inside the root`, () => assert.equal(resolveAppUrl(url, rootDir), join(rootDir, 'etc', 'passwd')));
  }

  const refused: [string, string][] = [
    ['encoded slashes', 'app://hookscope/..%2f..%2fetc%2fpasswd'],
    ['encoded slash inside a segment', 'app://hookscope/assets%2f..%2f..%2f..%2fetc%2fpasswd'],
    ['encoded backslashes', 'app://hookscope/..%5c..%5cwindows%5cwin.ini'],
    ['literal backslashes', 'app://hookscope/..\\..\\windows\\win.ini'],
    ['an encoded NUL', 'app://hookscope/index.html%00.png'],
    ['a Windows drive', 'app://hookscope/C:/Windows/win.ini'],
    ['an encoded drive', 'app://hookscope/C%3a%5cWindows%5cwin.ini'],
    ['an absolute path after decoding', 'app://hookscope/%2fetc%2fpasswd'],
    ['malformed percent-encoding', 'app://hookscope/%E0%A4%A'],
    ['another host', 'app://attacker/index.html'],
    ['a look-alike host', 'app://hookscope.attacker.com/index.html'],
    ['credentials', 'app://user@hookscope/index.html'],
    ['a port', 'app://hookscope:1234/index.html'],
    ['file:', 'file:///etc/passwd'],
    ['https:', 'https://hookscope/index.html'],
    ['leading whitespace', ' app://hookscope/index.html'],
    ['not a URL', 'index.html'],
    ['empty', ''],
  ];
  for (const [name, url] of refused) {
    it(`refuses ${name}`, () => assert.equal(resolveAppUrl(url, rootDir), null));
  }

  it('never returns a path outside the root, for many generated inputs', () => {
    const parts = ['..', '.', '%2e%2e', '%2e', '%2f', '%5c', 'a', 'assets', '%00', '..%2f', '%2e%2e%2f', '/', '//'];
    for (let i = 0; i < 3000; i++) {
      let path = '';
      for (let n = 1 + (i % 6), k = i; n > 0; n--, k = Math.floor(k / parts.length) + n * 7) path += `/${parts[k % parts.length]}`;
      const file = resolveAppUrl(`app://hookscope${path}`, rootDir);
      if (file !== null) assert.ok(file.startsWith(rootDir + '/') || file.startsWith(rootDir + '\\'), `${path} → ${file}`);
    }
  });
});

describe('serveAppRequest', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hook scope-app-'));
    await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Hookscope</title>');
    await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'outside the root');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('serves index.html with the CSP and nosniff', async () => {
    const response = await serveAppRequest({ url: 'app://hookscope/', method: 'GET' }, join(dir, 'renderer'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('content-security-policy'), APP_CSP);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await response.text(), '<!doctype html><title>Hookscope</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await serveAppRequest({ url: 'app://hookscope/assets/app.js', method: 'GET' }, join(dir, 'renderer'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
  });

  it('answers 404, with the CSP, for traversal and for missing files', async () => {
    for (const url of ['app://hookscope/..%2fsecret.txt', 'app://hookscope/%2e%2e/secret.txt', 'app://hookscope/missing.js']) {
      const response = await serveAppRequest({ url, method: 'GET' }, join(dir, 'renderer'));
      assert.equal(response.status, 404, url);
      assert.equal(response.headers.get('content-security-policy'), APP_CSP);
      assert.doesNotMatch(await response.text(), /outside the root/);
    }
  });

  it('is read-only', async () => {
    const response = await serveAppRequest({ url: 'app://hookscope/index.html', method: 'POST' }, join(dir, 'renderer'));
    assert.equal(response.status, 405);
  });

  it('answers HEAD without a body', async () => {
    const response = await serveAppRequest({ url: 'app://hookscope/index.html', method: 'HEAD' }, join(dir, 'renderer'));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '');
  });

  it('types unknown files as octet-stream', () => {
    assert.equal(contentTypeFor('/x/payload.html.exe'), 'application/octet-stream');
    assert.equal(contentTypeFor('/x/INDEX.HTML'), 'text/html; charset=utf-8');
  });
});
