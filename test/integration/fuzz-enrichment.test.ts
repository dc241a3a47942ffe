// Fuzzing what runs after the answer (enrichment) with bodies built to hurt it, against a real
// `serve` process: JSON nested tens of thousands deep with a wrong signature (the mismatch
// diagnosis re-serialises the body), and fake PDFs (`/Type/Pages ` repeated up to 1 MiB) that a
// page counter chews on. Property: the process stays up, and a well-formed delivery sent while the
// enrichment runs is answered within the header deadline (5 s, README) and stored byte-exact.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { makeDataDir } from '../helpers/data-dir.js';
import { prober, type Prober } from '../helpers/fuzz-requests.js';
import { controlClient, send } from '../helpers/http.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

/** The capture listener's header deadline: a stall longer than this turns senders away with 408. */
const PROBE_DEADLINE_MS = 5_000;

describe('fuzz: enrichment against hostile bodies', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let serve: ServeProcess;
  let probe: Prober;
  // A fresh process per property: one that crashed must not fail the next.
  beforeEach(async () => {
    data = await makeDataDir();
    serve = await startServe(data.dir);
    const api = controlClient(serve.uiUrl, serve.token);
    assert.equal((await api.post('/api/endpoints', { slug: 'probe' })).status, 201);
    const signed = await api.post('/api/endpoints', { slug: 'signed', verification: { scheme: 'stripe', secret: 'whsec_fuzz_secret' } });
    assert.equal(signed.status, 201, JSON.stringify(signed.json));
    probe = prober(serve.captureUrl, serve.uiUrl, serve.token);
  });
  afterEach(async () => {
    await serve?.stop();
    await data?.remove();
  });

  /** Sends the hostile delivery, then a probe at once (while enrichment runs); both must be stored. */
  const hostileThenProbe = async (path: string, headers: string[], hostile: Buffer, probeBody: Buffer) => {
    const res = await send(`${serve.captureUrl}${path}`, { headers, body: hostile });
    assert.equal(res.status, 200, `the hostile delivery itself is captured: ${res.body.toString().slice(0, 200)}`);
    const started = performance.now();
    const probed = await probe.probe(probeBody, 'application/json').then(() => null, (error: unknown) => error);
    const waited = performance.now() - started;
    // A reset probe usually means the process died: say how (give it a moment to exit).
    for (let i = 0; probed && i < 20 && serve.child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 25));
    if (serve.child.exitCode !== null) throw new Error(`serve exited ${serve.child.exitCode}:\n${serve.output().slice(-1500)}`);
    if (probed) throw probed;
    assert.ok(waited < PROBE_DEADLINE_MS, `the probe waited ${waited.toFixed(0)} ms: capture was stalled by enrichment`);
  };

  it('survives JSON nested up to 40,000 deep under a wrong signature', async (t) => {
    let runs = 0;
    let deepest = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 2_000, max: 40_000 })),
        fc.uint8Array({ maxLength: 4096 }),
        async (depth, probeBody) => {
          runs++;
          deepest = Math.max(deepest, depth);
          const hostile = Buffer.from('['.repeat(depth) + ']'.repeat(depth));
          const signature = `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`;
          await hostileThenProbe('/signed/deep', ['Content-Type', 'application/json', 'Stripe-Signature', signature], hostile, Buffer.from(probeBody));
        },
      ),
      { numRuns: 40, endOnFailure: true, includeErrorInReport: true },
    );
    t.diagnostic(`deep JSON: runs ${runs}, deepest ${deepest}`);
  });

  it('is not stalled by fake PDFs up to 1 MiB', async (t) => {
    let runs = 0;
    let biggest = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1_000, max: 1024 * 1024 }), fc.uint8Array({ maxLength: 4096 }), async (size, probeBody) => {
        runs++;
        const hostile = Buffer.from('%PDF-1.7\n' + '/Type/Pages '.repeat(Math.floor(size / 12)));
        biggest = Math.max(biggest, hostile.length);
        await hostileThenProbe('/fake.pdf', ['Content-Type', 'application/pdf'], hostile, Buffer.from(probeBody));
      }),
      { numRuns: 12, endOnFailure: true, includeErrorInReport: true },
    );
    t.diagnostic(`fake PDFs: runs ${runs}, biggest ${biggest} bytes`);
  });
});
