// The document fetcher against a real loopback HTTP server: expiring links, storage errors, HTML
// in place of a PDF, a 10 MiB PDF, caps, redirects, the SSRF guard and the deadline.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fetchDocument, type FetchDocumentOptions, type ResolvedAddress } from '../../electron/core/archive/index.js';
import { loginPage, makePdf, s3Denied, s3Expired } from '../fixtures/pdf.js';

const MiB = 1024 * 1024;
const bigPdf = makePdf({ pages: 12, padTo: 10 * MiB });
const smallPdf = makePdf({ pages: 3 });

interface Seen {
  connections: number;
  requests: Array<{ url: string; host: string | undefined }>;
}

function startServer(): Promise<{ server: Server; base: string; port: number; seen: Seen; sockets: Set<Socket> }> {
  const seen: Seen = { connections: 0, requests: [] };
  const sockets = new Set<Socket>();
  let expiringServed = 0;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    seen.requests.push({ url, host: req.headers.host });
    const pdf = (body: Buffer, extra: Record<string, string> = {}) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': String(body.length), ...extra });
      res.end(body);
    };
    const xml = (status: number, body: string) => {
      res.writeHead(status, { 'Content-Type': 'application/xml' });
      res.end(body);
    };
    const redirect = /^\/redirect\/(\d+)$/.exec(url);
    if (redirect) {
      const n = Number(redirect[1]);
      if (n === 0) return pdf(smallPdf);
      res.writeHead(302, { Location: `/redirect/${n - 1}` });
      return res.end();
    }
    switch (url.split('?')[0]) {
      case '/expiring.pdf':
        // A presigned link good for one download: afterwards S3 says it has expired.
        if (expiringServed++ === 0) return pdf(smallPdf);
        return xml(403, s3Expired);
      case '/denied.pdf':
        return xml(403, s3Denied);
      case '/login.pdf':
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(loginPage);
      case '/big.pdf':
        return pdf(bigPdf);
      case '/big-chunked.pdf':
        // No Content-Length: only the streaming cap can stop it.
        res.writeHead(200, { 'Content-Type': 'application/pdf' });
        for (let i = 0; i < bigPdf.length; i += 64 * 1024) res.write(bigPdf.subarray(i, i + 64 * 1024));
        return res.end();
      case '/gzip.pdf': {
        const gz = gzipSync(smallPdf);
        res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Encoding': 'gzip', 'Content-Length': String(gz.length) });
        return res.end(gz);
      }
      case '/gzip-bomb.pdf': {
        // 10 MiB that compresses to a few KiB: the cap must hold after decoding.
        const gz = gzipSync(bigPdf);
        res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Encoding': 'gzip', 'Content-Length': String(gz.length) });
        return res.end(gz);
      }
      case '/to-metadata':
        res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' });
        return res.end();
      case '/to-private':
        res.writeHead(301, { Location: 'http://10.0.0.1/admin.pdf' });
        return res.end();
      case '/to-internal-name':
        res.writeHead(307, { Location: 'http://internal.test/secret.pdf' });
        return res.end();
      case '/to-file':
        res.writeHead(302, { Location: 'file:///etc/passwd' });
        return res.end();
      case '/slow.pdf':
        res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': String(smallPdf.length) });
        res.write(smallPdf.subarray(0, 100));
        return; // never finishes
      case '/empty.pdf':
        res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': '0' });
        return res.end();
      case '/data.json':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end('{"not":"a pdf"}');
      case '/missing.pdf':
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('no such file');
      default:
        return pdf(smallPdf);
    }
  });
  server.on('connection', (socket) => {
    seen.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, base: `http://127.0.0.1:${port}`, port, seen, sockets });
    }),
  );
}

/** A resolver with a fixed table that records what it was asked. */
function fakeDns(table: Record<string, string | string[]>) {
  const asked: string[] = [];
  const lookup = async (hostname: string): Promise<ResolvedAddress[]> => {
    asked.push(hostname);
    const entry = table[hostname];
    if (entry === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return (Array.isArray(entry) ? entry : [entry]).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { lookup, asked };
}

describe('archive: fetchDocument over real loopback HTTP', () => {
  let t: Awaited<ReturnType<typeof startServer>>;
  const hops: string[] = [];
  const options = (extra: Partial<FetchDocumentOptions> = {}): FetchDocumentOptions => ({
    maxBytes: 16 * MiB,
    timeoutMs: 10_000,
    maxRedirects: 3,
    allowLoopback: true,
    beforeConnect: (hop) => hops.push(`${hop.address} ${hop.url}`),
    ...extra,
  });

  before(async () => {
    t = await startServer();
  });
  after(() => {
    for (const s of t.sockets) s.destroy();
    t.server.close();
  });

  it('a link that expires after the first download: fetched at once, it is archived', async () => {
    const url = `${t.base}/expiring.pdf?X-Amz-Expires=60&X-Amz-Signature=abc`;
    const first = await fetchDocument(url, options());
    assert.equal(first.state, 'archived');
    assert.ok(first.state === 'archived' && first.bytes.equals(smallPdf));
    assert.equal(first.state === 'archived' && first.pages, 3);
    const second = await fetchDocument(url, options());
    assert.equal(second.state, 'failed');
    assert.equal(second.state === 'failed' && second.error.code, 'expired');
    assert.equal(second.state === 'failed' && second.error.storageCode, 'AccessDenied');
    assert.match(second.state === 'failed' ? second.error.message : '', /Request has expired/);
    assert.equal(second.state === 'failed' && second.error.status, 403);
  });

  it('an S3 AccessDenied XML: failed, with S3 reason', async () => {
    const r = await fetchDocument(`${t.base}/denied.pdf`, options());
    assert.equal(r.state, 'failed');
    if (r.state !== 'failed') return;
    assert.deepEqual(r.error, { code: 'access_denied', message: 'AccessDenied: Access Denied (HTTP 403)', status: 403, storageCode: 'AccessDenied' });
    assert.equal(r.contentType, 'application/xml');
  });

  it('an HTML page behind a PDF-looking URL: not_a_pdf, with a snippet', async () => {
    const r = await fetchDocument(`${t.base}/login.pdf`, options());
    assert.equal(r.state, 'failed');
    if (r.state !== 'failed') return;
    assert.equal(r.error.code, 'not_a_pdf');
    assert.equal(r.error.status, 200);
    assert.equal(r.contentType, 'text/html; charset=utf-8');
    assert.match(r.snippet ?? '', /^Sign in to Acme Docs — Please sign in Your session has ended\./);
    assert.ok(!(r.snippet ?? '').includes('focus()'), 'scripts are not quoted');
  });

  it('a 10 MiB PDF: archived with the right sha256, size and pages', async () => {
    const r = await fetchDocument(`${t.base}/big.pdf`, options());
    assert.equal(r.state, 'archived');
    if (r.state !== 'archived') return;
    assert.ok(bigPdf.length >= 10 * MiB);
    assert.equal(r.size, bigPdf.length);
    assert.equal(r.sha256, createHash('sha256').update(bigPdf).digest('hex'));
    assert.equal(r.pages, 12);
    assert.equal(r.contentType, 'application/pdf');
    assert.equal(r.status, 200);
    assert.equal(r.remoteAddress, '127.0.0.1');
  });

  it('over the cap: too_large, by Content-Length and while streaming', async () => {
    const declared = await fetchDocument(`${t.base}/big.pdf`, options({ maxBytes: MiB }));
    assert.equal(declared.state === 'failed' && declared.error.code, 'too_large');
    assert.match(declared.state === 'failed' ? declared.error.message : '', /over the 1048576-byte cap/);
    const streamed = await fetchDocument(`${t.base}/big-chunked.pdf`, options({ maxBytes: MiB }));
    assert.equal(streamed.state === 'failed' && streamed.error.code, 'too_large');
  });

  it('a gzip-encoded answer is decoded (and capped after decoding)', async () => {
    const r = await fetchDocument(`${t.base}/gzip.pdf`, options());
    assert.ok(r.state === 'archived' && r.bytes.equals(smallPdf));
    const capped = await fetchDocument(`${t.base}/gzip-bomb.pdf`, options({ maxBytes: MiB }));
    assert.equal(capped.state === 'failed' && capped.error.code, 'too_large');
  });

  it('redirects: followed up to the limit, refused beyond it', async () => {
    const within = await fetchDocument(`${t.base}/redirect/3`, options({ maxRedirects: 3 }));
    assert.equal(within.state, 'archived');
    assert.deepEqual(within.redirects, [`${t.base}/redirect/2`, `${t.base}/redirect/1`, `${t.base}/redirect/0`]);
    assert.equal(within.finalUrl, `${t.base}/redirect/0`);
    const before = t.seen.requests.length;
    const beyond = await fetchDocument(`${t.base}/redirect/5`, options({ maxRedirects: 3 }));
    assert.equal(beyond.state === 'failed' && beyond.error.code, 'too_many_redirects');
    assert.equal(beyond.redirects.length, 3);
    assert.equal(t.seen.requests.length - before, 4, 'the fourth redirect is not followed');
  });

  it('a redirect to the metadata service (169.254.169.254) is refused without connecting', async () => {
    hops.length = 0;
    const r = await fetchDocument(`${t.base}/to-metadata`, options());
    assert.equal(r.state === 'failed' && r.error.code, 'blocked_address');
    assert.match(r.state === 'failed' ? r.error.message : '', /169\.254\.169\.254 is a link-local address/);
    assert.deepEqual(hops, [`127.0.0.1 ${t.base}/to-metadata`], 'only the first hop was connected');
    assert.ok(r.durationMs < 2_000);
  });

  it('a redirect to 10.0.0.1, or to a name that resolves there, is refused without connecting', async () => {
    hops.length = 0;
    const literal = await fetchDocument(`${t.base}/to-private`, options());
    assert.equal(literal.state === 'failed' && literal.error.code, 'blocked_address');
    assert.match(literal.state === 'failed' ? literal.error.message : '', /10\.0\.0\.1 is a private address/);

    const dns = fakeDns({ 'internal.test': '10.0.0.1' });
    const named = await fetchDocument(`${t.base}/to-internal-name`, options({ lookup: dns.lookup }));
    assert.equal(named.state === 'failed' && named.error.code, 'blocked_address');
    assert.match(named.state === 'failed' ? named.error.message : '', /internal\.test resolves to 10\.0\.0\.1, a private address/);
    assert.deepEqual(dns.asked, ['internal.test']);
    assert.deepEqual(hops, [`127.0.0.1 ${t.base}/to-private`, `127.0.0.1 ${t.base}/to-internal-name`]);
  });

  it('a name with any internal address among its answers is refused', async () => {
    const dns = fakeDns({ 'mixed.test': ['93.184.216.34', '169.254.169.254'] });
    const r = await fetchDocument('http://mixed.test/file.pdf', options({ lookup: dns.lookup }));
    assert.equal(r.state === 'failed' && r.error.code, 'blocked_address');
  });

  it('loopback is refused unless allowed, and no connection is made', async () => {
    const connections = t.seen.connections;
    const refused = await fetchDocument(`${t.base}/doc.pdf`, options({ allowLoopback: false }));
    assert.equal(refused.state === 'failed' && refused.error.code, 'blocked_address');
    assert.match(refused.state === 'failed' ? refused.error.message : '', /127\.0\.0\.1 is a loopback address/);
    assert.match(refused.state === 'failed' ? refused.error.message : '', /"Allow loopback addresses" in the archive settings/, 'the refusal says how to lift it');
    for (const disguised of [`http://0x7f.1:${t.port}/doc.pdf`, `http://2130706433:${t.port}/doc.pdf`, `http://[::ffff:127.0.0.1]:${t.port}/doc.pdf`]) {
      const r = await fetchDocument(disguised, options({ allowLoopback: false }));
      assert.equal(r.state === 'failed' && r.error.code, 'blocked_address', disguised);
    }
    const dns = fakeDns({ localhost: ['127.0.0.1', '::1'] });
    const byName = await fetchDocument(`http://localhost:${t.port}/doc.pdf`, options({ allowLoopback: false, lookup: dns.lookup }));
    assert.equal(byName.state === 'failed' && byName.error.code, 'blocked_address');
    assert.equal(t.seen.connections, connections, 'the server saw no connection');
    const allowed = await fetchDocument(`${t.base}/doc.pdf`, options({ allowLoopback: true }));
    assert.equal(allowed.state, 'archived');
  });

  it('connects to the address it checked (pinned): a rebinding DNS cannot move it', async () => {
    let calls = 0;
    const rebinding = async (): Promise<ResolvedAddress[]> => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.1', family: 4 }]);
    const r = await fetchDocument(`http://files.test:${t.port}/doc.pdf`, options({ lookup: rebinding }));
    assert.equal(r.state, 'archived');
    assert.equal(calls, 1, 'resolved once, by the guard; the HTTP stack did not resolve again');
    assert.equal(t.seen.requests.at(-1)?.host, `files.test:${t.port}`, 'the Host header names the host, the socket goes to the pinned address');
  });

  it('times out: one deadline for the whole fetch', async () => {
    const started = Date.now();
    const r = await fetchDocument(`${t.base}/slow.pdf`, options({ timeoutMs: 300 }));
    assert.equal(r.state === 'failed' && r.error.code, 'timeout');
    assert.ok(Date.now() - started < 3_000);
    const slowDns = async (): Promise<ResolvedAddress[]> => new Promise(() => {});
    const dnsStuck = await fetchDocument('http://stuck.test/doc.pdf', options({ timeoutMs: 200, lookup: slowDns }));
    assert.equal(dnsStuck.state === 'failed' && dnsStuck.error.code, 'timeout');
  });

  it('other failures are data with a reason', async () => {
    const cases: Array<[string, Partial<FetchDocumentOptions>, string]> = [
      [`${t.base}/empty.pdf`, {}, 'empty'],
      [`${t.base}/data.json`, {}, 'not_a_pdf'],
      [`${t.base}/missing.pdf`, {}, 'http_error'],
      [`${t.base}/to-file`, {}, 'unsupported_protocol'],
      ['ftp://example.com/a.pdf', {}, 'unsupported_protocol'],
      ['http://user:pass@example.com/a.pdf', {}, 'bad_url'],
      ['not a url', {}, 'bad_url'],
      ['http://nowhere.test/a.pdf', { lookup: fakeDns({}).lookup }, 'dns_failed'],
      [`http://127.0.0.1:1/a.pdf`, {}, 'network_error'],
    ];
    for (const [url, extra, code] of cases) {
      const r = await fetchDocument(url, options(extra));
      assert.equal(r.state === 'failed' && r.error.code, code, `${url}: ${JSON.stringify(r.state === 'failed' ? r.error : r.state)}`);
    }
    const missing = await fetchDocument(`${t.base}/missing.pdf`, options());
    assert.equal(missing.state === 'failed' && missing.snippet, 'no such file');
    const json = await fetchDocument(`${t.base}/data.json`, options({ accept: 'any' }));
    assert.equal(json.state, 'archived', "accept: 'any' keeps other files");
    assert.equal(json.state === 'archived' && json.pages, null);
  });

  it('an injected clock stamps the result', async () => {
    let now = 1_000;
    const r = await fetchDocument(`${t.base}/doc.pdf`, options({ now: () => (now += 250) }));
    assert.equal(r.fetchedAt, 1_250);
    assert.equal(r.durationMs, 250);
  });
});
