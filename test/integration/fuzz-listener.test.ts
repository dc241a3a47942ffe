// Fuzzing the capture listener of a real `serve` process with hostile request bytes (fast-check):
// odd methods and targets, odd, duplicate, huge and folded headers, bare LF and CR, chunked bodies
// with bad sizes, extensions and trailers, Content-Length and chunked at once, plain garbage
// (test/helpers/fuzz-requests.ts).
// Property: the process stays up, and a well-formed delivery sent after each one is stored byte-exact.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { after, before, describe, it } from 'node:test';
import { makeDataDir } from '../helpers/data-dir.js';
import { hostileRequest, prober, throwBytes, type Prober } from '../helpers/fuzz-requests.js';
import { controlClient, send } from '../helpers/http.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

const RUNS = 200;

describe('fuzz: the capture listener against hostile request bytes', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let serve: ServeProcess;
  let probe: Prober;
  let api: ReturnType<typeof controlClient>;
  before(async () => {
    data = await makeDataDir();
    serve = await startServe(data.dir);
    api = controlClient(serve.uiUrl, serve.token);
    assert.equal((await api.post('/api/endpoints', { slug: 'probe' })).status, 201);
    probe = prober(serve.captureUrl, serve.uiUrl, serve.token);
  });
  after(async () => {
    await serve?.stop();
    await data?.remove();
  });

  it('captures a delivery with an Expect value Node does not know (it answered 417 and kept nothing)', async () => {
    const body = Buffer.from('{"expect":"the unexpected"}');
    const res = await send(`${serve.captureUrl}/probe/expect`, { headers: ['Expect', 'x-custom-expectation', 'Content-Type', 'application/json'], body });
    assert.equal(res.status, 200, res.body.toString());
    const list = await api.get<{ deliveries: { id: number; path: string; bodySize: number }[] }>('/api/deliveries?endpoint=probe&limit=1');
    assert.equal(list.json.deliveries[0]?.path, '/probe/expect');
    assert.equal(list.json.deliveries[0]?.bodySize, body.length);
  });

  it(`stays up and keeps storing well-formed deliveries byte-exact (${RUNS} runs)`, async (t) => {
    const port = Number(new URL(serve.captureUrl).port);
    let bytesThrown = 0;
    let runs = 0;
    const answers = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(hostileRequest, fc.uint8Array({ maxLength: 32 * 1024 }), fc.constantFrom('application/json', 'application/octet-stream', 'text/plain; charset=latin1'), async (hostile, body, type) => {
        runs++;
        bytesThrown += hostile.length;
        const status = await throwBytes(port, hostile);
        answers.set(status, (answers.get(status) ?? 0) + 1);
        if (serve.child.exitCode !== null) throw new Error(`serve exited ${serve.child.exitCode}:\n${serve.output().slice(-2000)}`);
        await probe.probe(Buffer.from(body), type);
      }),
      { numRuns: RUNS, endOnFailure: true, includeErrorInReport: true, interruptAfterTimeLimit: 90_000 },
    );
    const tally = [...answers].sort().map(([s, n]) => `${s}×${n}`).join(' ');
    t.diagnostic(`runs ${runs}, hostile bytes ${bytesThrown}, answers ${tally}, probes stored byte-exact ${runs}`);
    assert.equal(runs, RUNS, 'every run ran (no time-limit interrupt)');
    assert.equal(serve.child.exitCode, null);
  });
});
