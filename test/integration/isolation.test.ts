// Nothing a sender posts can stop capture: hostile bodies through a real `serve` process (it must
// stay up and keep storing), and a worker that misbehaves on cue inside the real core (what it
// could not analyse is stored as a failure with its reason; its neighbours are unaffected).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { controlClient, send } from '../helpers/http.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { makePdf } from '../fixtures/pdf.js';

const SECRET = 'at-least-32-random-bytes-please-0123456789';
const sign = (body: string | Buffer) => createHmac('sha256', SECRET).update(body).digest('hex');
const deepJson = '['.repeat(10_000) + ']'.repeat(10_000);
/** `%PDF-` then nothing but page-tree markers: seconds per MiB for a backwards scan per match. */
const fakePdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('/Type/Pages '.repeat(Math.ceil(bytes / 12)))]);

describe('hostile bodies through serve', () => {
  let serve: ServeProcess;
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let api: ReturnType<typeof controlClient>;
  let files: Server;
  let filesUrl: string;

  before(async () => {
    data = await makeDataDir();
    serve = await startServe(data.dir);
    api = controlClient(serve.uiUrl, serve.token);
    assert.equal((await api.post('/api/endpoints', { slug: 'signed', verification: { scheme: 'pdfgorilla', secret: SECRET } })).status, 201);
    assert.equal((await api.patch('/api/settings', { archive: { allowLoopback: true } })).status, 200);
    files = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf' });
      res.end(fakePdf(512 * 1024));
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  after(async () => {
    await serve.stop();
    await new Promise((resolve) => files.close(resolve));
    await data.remove();
  });

  async function analysed(id: number) {
    for (let i = 0; i < 500; i++) {
      const { json } = await api.get(`/api/deliveries/${id}`);
      if (json.verification) return json;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`delivery ${id} was never analysed`);
  }

  async function newestId(): Promise<number> {
    const { json } = await api.get('/api/deliveries?limit=1');
    return json.deliveries[0].id as number;
  }

  it('finding 1: 10,000-deep JSON with a wrong signature is stored, judged invalid with a reason, and serve stays up', async () => {
    const res = await send(`${serve.captureUrl}/signed`, { headers: ['Content-Type', 'application/json', 'x-pdfg-signature', sign('other')], body: deepJson });
    assert.equal(res.status, 200);
    const d = await analysed(await newestId());
    assert.equal(d.verification.status, 'invalid');
    assert.match(d.verification.reason, /secret|body/);
    assert.equal(serve.child.exitCode, null, serve.output());
    assert.equal(Buffer.from(d.body, 'base64').toString(), deepJson);

    const good = '{"jobId":"after-deep","status":"completed"}';
    assert.equal((await send(`${serve.captureUrl}/signed`, { headers: ['Content-Type', 'application/json', 'x-pdfg-signature', sign(good)], body: good })).status, 200);
    assert.equal((await analysed(await newestId())).verification.status, 'valid');
  });

  it('finding 2: a fake PDF as the body, as a multipart part and behind a link is read off the capture thread', async () => {
    const pdf = fakePdf(1024 * 1024);
    assert.equal((await send(`${serve.captureUrl}/fake`, { headers: ['Content-Type', 'application/pdf'], body: pdf })).status, 200);
    const asBody = await analysed(await newestId());

    const boundary = 'hookscope-boundary';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    await send(`${serve.captureUrl}/fake`, { headers: ['Content-Type', `multipart/form-data; boundary=${boundary}`], body: multipart });
    const asPart = await analysed(await newestId());

    const linked = JSON.stringify({ jobId: 'fake-link', status: 'completed', downloadUrl: `${filesUrl}/fake.pdf` });
    await send(`${serve.captureUrl}/signed`, { headers: ['Content-Type', 'application/json', 'x-pdfg-signature', sign(linked)], body: linked });
    const asLink = await analysed(await newestId());

    for (const d of [asBody, asPart, asLink]) {
      let docs: Array<{ state: string; pages: number | null }> = [];
      for (let i = 0; i < 500; i++) {
        docs = (await api.get(`/api/deliveries/${d.id}/documents`)).json;
        if (docs.length > 0 && docs.every((doc) => doc.state !== 'pending')) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(docs.length, 1, JSON.stringify(docs));
      assert.equal(docs[0]!.state, 'archived');
      assert.equal(docs[0]!.pages, null, 'no page tree in it, so no page count');
    }
    assert.equal(serve.child.exitCode, null);
  });
});

describe('a worker that misbehaves, inside the real core', () => {
  let t: TestCore;
  const hostile = fileURLToPath(new URL('../fixtures/hostile-analysis-worker.ts', import.meta.url));

  before(async () => {
    // The budget covers starting a thread (under tsx, with every verifier to load) on two shared cores.
    t = await startTestCore({ analysis: { filename: hostile, threads: 1, memoryMb: 64, budget: { baseMs: 4_000 } } });
    t.core.api['endpoints.create']({ slug: 'signed', verification: { scheme: 'pdfgorilla', secret: SECRET } });
  });
  after(() => t.stop());

  async function analysed(id: number) {
    for (let i = 0; i < 1000; i++) {
      const d = t.core.api['deliveries.get']({ id });
      if (d.verification) return d;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`delivery ${id} was never analysed`);
  }

  async function post(marker: string): Promise<number> {
    const body = JSON.stringify({ jobId: marker, status: 'completed', note: marker });
    const res = await send(`${t.captureUrl}/signed`, { headers: ['Content-Type', 'application/json', 'x-pdfg-signature', sign(body)], body });
    assert.equal(res.status, 200);
    return t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
  }

  it('stores an overrun, a heap exhausted and a thread that exits as failures of that stage; the signature is still checked', async () => {
    const ids = [];
    for (const marker of ['HOSTILE-SPIN-recognize', 'HOSTILE-OOM-recognize', 'HOSTILE-EXIT-documents', 'plain']) ids.push(await post(marker));
    const [spin, oom, exit, plain] = await Promise.all(ids.map(analysed));
    for (const d of [spin, oom, exit, plain]) assert.equal(d!.verification?.status, 'valid', d!.verification?.reason);
    assert.deepEqual(spin!.analysisFailures.map((f) => f.stage), ['recognize']);
    assert.match(spin!.analysisFailures[0]!.reason, /ran past its 4 s budget/);
    assert.equal(spin!.provider, null);
    assert.match(oom!.analysisFailures[0]!.reason, /memory budget/);
    assert.deepEqual(exit!.analysisFailures.map((f) => f.stage), ['documents']);
    assert.equal(exit!.provider?.id, 'pdfgorilla', 'recognition ran, only the documents stage failed');
    assert.deepEqual(plain!.analysisFailures, []);
    assert.equal(plain!.provider?.id, 'pdfgorilla');
  });

  it('keeps the verdict when only the diagnosis of a mismatch overruns', async () => {
    const body = JSON.stringify({ jobId: 'x', note: 'HOSTILE-SPIN-verify' });
    await send(`${t.captureUrl}/signed`, { headers: ['Content-Type', 'application/json', 'x-pdfg-signature', sign('something else')], body });
    const d = await analysed(t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id);
    // The marker makes every task with the verify stage spin, so even the plain check fails here:
    // the delivery says it could not be checked, and why, rather than guessing.
    assert.equal(d.verification?.status, 'unverified');
    assert.match(d.verification?.reason ?? '', /could not be checked: it ran past its 4 s budget/);
    assert.deepEqual(d.analysisFailures.map((f) => f.stage), ['verify']);
  });

  it('answers senders while a task spins: capture never waits for analysis', async () => {
    const body = JSON.stringify({ note: 'HOSTILE-SPIN-recognize' });
    await send(`${t.captureUrl}/signed`, { headers: ['Content-Type', 'application/json', 'x-pdfg-signature', sign(body)], body });
    const spinning = t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
    // While the only analysis thread spins, ten more deliveries are each stored and answered.
    for (let i = 0; i < 10; i++) assert.equal((await send(`${t.captureUrl}/signed`, { body: `{"n":${i}}` })).status, 200);
    assert.equal(t.core.api['deliveries.get']({ id: spinning }).verification, null, 'still being analysed');
    assert.equal((await analysed(spinning)).analysisFailures[0]?.stage, 'recognize');
  });
});

describe('analysis lost to a crash', () => {
  it('is picked up again on the next start', async () => {
    const t = await startTestCore({ enrichment: false });
    await send(`${t.captureUrl}/later`, { body: '{"jobId":"j","status":"completed"}', headers: ['Content-Type', 'application/json'] });
    const [summary] = t.core.api['deliveries.list']({ limit: 1 }).deliveries;
    assert.equal(summary?.verification, null);
    await t.core.close();
    const again = await startTestCore({}, t.dataDir);
    try {
      let verification = null;
      for (let i = 0; i < 500 && !verification; i++) {
        verification = again.core.api['deliveries.get']({ id: summary!.id }).verification;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(verification?.status, 'unverified');
    } finally {
      await again.stop();
    }
  });
});

describe('document fetching is fair (finding 7)', () => {
  let t: TestCore;
  let silent: Server;
  let files: Server;
  const held = new Set<import('node:net').Socket>();

  before(async () => {
    // Accepts connections and never answers, like a host an attacker points links at.
    silent = createServer(() => {});
    silent.on('connection', (socket) => held.add(socket));
    files = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf' });
      res.end(makePdf({ pages: 2 }));
    });
    await Promise.all([silent, files].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
    t = await startTestCore();
    t.core.api['settings.update']({ archive: { allowLoopback: true } });
  });
  after(async () => {
    for (const socket of held) socket.destroy();
    await t.stop();
    await Promise.all([silent, files].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('archives a provider link while 40 links to a host that never answers are still waiting', async () => {
    const dead = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    for (let d = 0; d < 4; d++) {
      const body = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`file${i}`, `${dead}/d${d}-${i}.pdf`]));
      await send(`${t.captureUrl}/flood`, { headers: ['Content-Type', 'application/json'], body: JSON.stringify(body) });
    }
    const link = `http://127.0.0.1:${(files.address() as AddressInfo).port}/job-7.pdf`;
    await send(`${t.captureUrl}/pdfg`, { headers: ['Content-Type', 'application/json', 'x-pdfg-event-id', 'job-7'], body: JSON.stringify({ jobId: 'job-7', status: 'completed', downloadUrl: link }) });
    const id = t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
    let state = 'none';
    for (let i = 0; i < 500 && state !== 'archived'; i++) {
      state = t.core.api['documents.list']({ id })[0]?.state ?? 'none';
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(state, 'archived');
    assert.ok(held.size >= 1 && held.size <= 2, `the silent host got ${held.size} connections: at most two at a time`);
  });
});

describe('certificates a request names (SNS) are fetched once, then the delivery is verified', () => {
  it('is unverified until the certificate arrives, then valid; a forged host is never fetched', async () => {
    const { createPrivateKey, sign } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const { snsCanonical } = await import('../../electron/core/verify/sns.js');
    const keyFile = (name: string) => readFileSync(new URL(`../unit/verify/keys/${name}`, import.meta.url), 'utf8');
    const certUrl = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem';
    const fetched: string[] = [];
    const t = await startTestCore({
      certificateFetcher: async (url) => {
        fetched.push(url);
        return { pem: keyFile('signer-cert.pem') };
      },
    });
    try {
      t.core.api['endpoints.create']({ slug: 'sns', verification: { scheme: 'sns', secret: 'fetch' } });
      const message = (signingCertUrl: string) => {
        const base: Record<string, string> = {
          Type: 'Notification',
          MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
          TopicArn: 'arn:aws:sns:eu-west-1:123456789012:orders',
          Message: '{"order":"1001"}',
          Timestamp: new Date().toISOString(),
          SignatureVersion: '2',
          SigningCertURL: signingCertUrl,
          UnsubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
        };
        return JSON.stringify({ ...base, Signature: sign('sha256', snsCanonical(base), createPrivateKey(keyFile('signer-key.pem'))).toString('base64') });
      };
      const post = async (body: string) => {
        await send(`${t.captureUrl}/sns`, { headers: ['x-amz-sns-message-type', 'Notification', 'Content-Type', 'text/plain; charset=UTF-8'], body });
        return t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
      };
      const settledStatus = async (id: number, want: string) => {
        let status: string | undefined;
        for (let i = 0; i < 500 && status !== want; i++) {
          status = t.core.api['deliveries.get']({ id }).verification?.status;
          await new Promise((r) => setTimeout(r, 20));
        }
        return t.core.api['deliveries.get']({ id }).verification;
      };
      const good = await post(message(certUrl));
      assert.equal((await settledStatus(good, 'valid'))?.status, 'valid');
      assert.deepEqual(fetched, [certUrl]);
      const again = await post(message(certUrl));
      assert.equal((await settledStatus(again, 'valid'))?.status, 'valid');
      assert.deepEqual(fetched, [certUrl], 'cached: fetched once');
      const forged = await post(message('https://attacker.example/cert.pem'));
      const verdict = await settledStatus(forged, 'invalid');
      assert.equal(verdict?.status, 'invalid');
      assert.match(verdict?.reason ?? '', /certificate host is not allowed/);
      assert.deepEqual(fetched, [certUrl], 'a host that is not SNS is never fetched');
    } finally {
      await t.stop();
    }
  });
});
