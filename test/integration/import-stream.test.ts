// The streaming import of `hookscope serve` (POST /api/deliveries/import/upload): real browser
// HARs, generated multi-MB ones, and hostile or broken files. A bad file is a 400 that says what
// and where, and leaves the store as it was; capture keeps answering while a file is read.
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { harBytes } from '../fixtures/har-generator.js';
import { startTestCore } from '../helpers/core.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { controlClient, send } from '../helpers/http.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';
import { CORPUS_DIR } from '../helpers/corpus.js';

const CORPUS = join(CORPUS_DIR, 'har');
const BROWSER_HARS = ['chrome', 'firefox', 'safari', 'charles', 'insomnia', 'postdata', 'head-content-length'];

describe('serve: streaming import', () => {
  let serve: ServeProcess;
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let api: ReturnType<typeof controlClient>;

  const upload = async (endpoint: string, body: BodyInit | Buffer, importId?: string) => {
    const query = new URLSearchParams({ endpoint, ...(importId ? { importId } : {}) });
    const response = await fetch(`${serve.uiUrl}/api/deliveries/import/upload?${query}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/octet-stream' },
      body: body as BodyInit,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: response.status, json: (await response.json()) as any };
  };
  const countOf = async (endpoint: string) => (await api.get(`/api/deliveries?endpoint=${endpoint}&limit=1000`)).json.deliveries.length as number;

  before(async () => {
    data = await makeDataDir();
    serve = await startServe(data.dir);
    api = controlClient(serve.uiUrl, serve.token);
    await send(`${serve.captureUrl}/kept`, { headers: ['Content-Type', 'application/json'], body: '{"captured":true}' });
  });
  after(async () => {
    await serve.stop();
    await data.remove();
  });

  it('imports every browser-exported HAR of the corpus, entry for entry, bodies exact', async () => {
    for (const name of BROWSER_HARS) {
      const bytes = await readFile(`${CORPUS}/${name}.har`);
      const har = JSON.parse(bytes.toString('utf8'));
      await api.post('/api/endpoints', { slug: `corpus-${name}` });
      const imported = await upload(`corpus-${name}`, bytes);
      assert.equal(imported.status, 200, `${name}: ${JSON.stringify(imported.json)}`);
      assert.equal(imported.json.imported, har.log.entries.length, name);
      for (const [i, id] of imported.json.ids.entries()) {
        const entry = har.log.entries[i];
        const d = (await api.get(`/api/deliveries/${id}`)).json;
        assert.equal(d.method, entry.request.method, `${name} #${i}`);
        assert.equal(d.imported, true);
        assert.equal(d.response.status, entry.response.status);
        if (entry.request.postData?.text !== undefined) assert.equal(Buffer.from(d.body, 'base64').toString('utf8'), entry.request.postData.text, `${name} #${i} body`);
        const content = entry.response.content;
        if (content?.text && content.encoding === 'base64') assert.equal(d.response.body, Buffer.from(content.text, 'base64').toString('utf8'), `${name} #${i} response`);
      }
    }
  });

  it('refuses invalid base64 (request postData or response content) with a 400 naming the entry, storing nothing', async () => {
    const har = JSON.parse(await readFile(`${CORPUS}/postdata.har`, 'utf8'));
    await api.post('/api/endpoints', { slug: 'b64' });
    const good = har.log.entries[0];
    const cases: Array<[string, unknown, RegExp]> = [
      ['request', { ...good, request: { ...good.request, postData: { mimeType: 'application/octet-stream', text: '!!! not base64 @@@', _encoding: 'base64' } } }, /log\.entries\.1\.request\.postData\.text: not valid base64.*\(entry 2: POST /],
      ['response', { ...good, response: { ...good.response, content: { size: 3, text: '!!! not base64 @@@', encoding: 'base64' } } }, /log\.entries\.1\.response\.content\.text: not valid base64.*\(entry 2: POST /],
    ];
    for (const [where, bad, message] of cases) {
      const refused = await upload('b64', JSON.stringify({ log: { ...har.log, entries: [good, bad, good] } }));
      assert.equal(refused.status, 400, where);
      assert.equal(refused.json.error.code, 'invalid_argument');
      assert.match(refused.json.error.message, message);
      assert.equal(await countOf('b64'), 0, `${where}: nothing stored`);
    }
    // The same entry in valid base64 goes in.
    const valid = { ...good, request: { ...good.request, postData: { mimeType: 'application/octet-stream', text: Buffer.from([0, 1, 254, 255]).toString('base64'), _encoding: 'base64' } } };
    const ok = await upload('b64', JSON.stringify({ log: { ...har.log, entries: [valid] } }));
    assert.equal(ok.status, 200);
    assert.deepEqual([...Buffer.from((await api.get(`/api/deliveries/${ok.json.ids[0]}`)).json.body, 'base64')], [0, 1, 254, 255]);
  });

  it('a file that breaks off after many stored batches: 400 saying where, the batches taken back, captured deliveries kept', async () => {
    await api.post('/api/endpoints', { slug: 'cut' });
    const { bytes, entries } = await harBytes({ bytes: 3 * 1024 * 1024, bodyBytes: 4 * 1024, tail: ',{"request":{"method":"POST","url":"/x"' });
    assert.ok(entries > 300, 'several batches of 100 were stored before the break');
    const refused = await upload('cut', bytes);
    assert.equal(refused.status, 400);
    assert.match(refused.json.error.message, /the file ends in the middle of the JSON|not valid JSON/);
    assert.match(refused.json.error.message, new RegExp(`(at byte|between bytes \\d+ and) ${bytes.length}\\b.*entry ${entries + 1}`));
    assert.equal(await countOf('cut'), 0, 'all or nothing');
    assert.equal(await countOf('default'), 1, 'the captured delivery is untouched');

    const garbage = await upload('cut', '{"log":{"entries":[{"request":{"method":"GET","url":"/"}}, nonsense]}}');
    assert.equal(garbage.status, 400);
    assert.match(garbage.json.error.message, /not valid JSON: .*\((at byte 70|between bytes 0 and 70), after entry 1\)/);
    for (const [file, message] of [['', /not valid JSON/], ['[1,2]', /not a JSON object/], ['{"log":{}}', /log\.entries: missing/]] as const) {
      const answer = await upload('cut', file);
      assert.equal(answer.status, 400, file);
      assert.match(answer.json.error.message, message);
    }
  });

  it('survives hostile nesting: a deep HAR structure is refused; a deep JSON body inside postData.text is just text', async () => {
    await api.post('/api/endpoints', { slug: 'deep' });
    const depth = 200_000;
    const deepStructure = `{"log":{"entries":[{"request":{"method":"POST","url":"/d"},"_x":${'['.repeat(depth)}${']'.repeat(depth)}}]}}`;
    const refused = await upload('deep', deepStructure);
    assert.equal(refused.status, 400);
    assert.match(refused.json.error.message, /nested deeper than 512 levels.*in entry 1/);
    const deepBody = '['.repeat(depth) + ']'.repeat(depth);
    const imported = await upload('deep', JSON.stringify({ log: { entries: [{ request: { method: 'POST', url: '/d', headers: [{ name: 'Content-Type', value: 'text/plain' }], postData: { mimeType: 'text/plain', text: deepBody } } }] } }));
    assert.equal(imported.status, 200, JSON.stringify(imported.json));
    assert.equal(Buffer.from((await api.get(`/api/deliveries/${imported.json.ids[0]}`)).json.body, 'base64').toString(), deepBody);
    const still = await send(`${serve.captureUrl}/deep`, { body: 'alive' });
    assert.equal(still.status, 200, 'capture still answers');
  });

  it('keeps capturing while a multi-MB file is read slowly; reports import.progressed up to the whole file', async () => {
    await api.post('/api/endpoints', { slug: 'big' });
    const { bytes, entries } = await harBytes({ bytes: 6 * 1024 * 1024 });
    const controller = new AbortController();
    const events = await fetch(`${serve.uiUrl}/api/events`, { headers: { Authorization: `Bearer ${serve.token}` }, signal: controller.signal });
    const reader = events.body!.getReader();
    let feed = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        feed += Buffer.from(value!).toString();
      }
    })();

    // The upload pauses halfway until a delivery has been captured and answered.
    let captured: Awaited<ReturnType<typeof send>> | null = null;
    const half = Math.floor(bytes.length / 2);
    const body = new ReadableStream<Uint8Array>({
      async start(stream) {
        for (let at = 0; at < half; at += 256 * 1024) stream.enqueue(bytes.subarray(at, Math.min(at + 256 * 1024, half)));
        // Wait until the server has started storing this import's batches.
        for (let i = 0; i < 200 && !/"state":"running","bytesRead":[1-9]/.test(feed.replace(/"importId":"[^"]+","endpoint":"big",/g, '')); i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        captured = await send(`${serve.captureUrl}/big/during-import`, { headers: ['Content-Type', 'application/json'], body: '{"during":true}' });
        stream.enqueue(bytes.subarray(half));
        stream.close();
      },
    });
    const imported = await upload('big', body, 'big-import-1');
    assert.equal(imported.status, 200, JSON.stringify(imported.json));
    assert.equal(imported.json.imported, entries);
    assert.equal(captured!.status, 200, 'the delivery sent mid-import was answered');
    const list = (await api.get('/api/deliveries?endpoint=big&limit=1000')).json.deliveries as { path: string; imported: boolean }[];
    assert.equal(list.filter((d) => d.path === '/big/during-import' && !d.imported).length, 1, 'and stored');
    assert.equal(list.length, entries + 1);

    for (let i = 0; i < 100 && !feed.includes('"state":"completed"'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await reading;
    const progress = feed
      .split('\n\n')
      .filter((record) => record.startsWith('event: import.progressed'))
      .map((record) => JSON.parse(record.split('\n')[1]!.slice('data: '.length)) as { importId: string; state: string; bytesRead: number; entries: number });
    assert.ok(progress.every((p) => p.importId === 'big-import-1'));
    assert.ok(progress.some((p) => p.state === 'running' && p.bytesRead > 0 && p.bytesRead < bytes.length), 'progress while reading');
    assert.deepEqual({ ...progress.at(-1)!, importId: undefined }, { ...progress.at(-1)!, importId: undefined, state: 'completed', bytesRead: bytes.length, entries });
  });
});

describe('import in the core: budgets and the event loop', () => {
  it('takes a file\'s text as deliveries.import (the desktop\'s IPC form) by the same path', async () => {
    const t = await startTestCore();
    try {
      const text = await readFile(`${CORPUS}/chrome.har`, 'utf8');
      const result = await t.core.api['deliveries.import']({ endpoint: 'default', text, importId: 'ipc-1' });
      assert.equal(result.imported, JSON.parse(text).log.entries.length);
      await assert.rejects(async () => t.core.api['deliveries.import']({ endpoint: 'default', text: text.slice(0, 5000) }), /ends in the middle of the JSON|not valid JSON/);
      assert.equal(t.core.api['deliveries.list']({ limit: 100 }).deliveries.length, result.imported);
    } finally {
      await t.stop();
    }
  });

  it('an entry over the size bound, or a worker out of memory, is a clear error; nothing stored', async () => {
    const t = await startTestCore({ importBudget: { limits: { maxEntryBytes: 256 * 1024 } } });
    try {
      const { bytes } = await harBytes({ bytes: 2 * 1024 * 1024, bodyBytes: 512 * 1024 });
      await assert.rejects(t.core.importStream({ endpoint: 'default', source: [bytes], totalBytes: bytes.length }), /entry 1 spans more than 262144 bytes of the file/);
      assert.equal(t.core.api['deliveries.list']({ limit: 10 }).deliveries.length, 0);
    } finally {
      await t.stop();
    }
    const small = await startTestCore({ importBudget: { maxHeapMb: 16 } });
    try {
      const huge = `{"log":{"entries":[{"request":{"method":"POST","url":"/","postData":{"text":"${'a'.repeat(96 * 1024 * 1024)}"}}}]}}`;
      await assert.rejects(
        small.core.importStream({ endpoint: 'default', source: [Buffer.from(huge)], totalBytes: huge.length }),
        /needs more memory than an import may use|the import worker stopped/,
      );
      assert.equal(small.core.api['deliveries.list']({ limit: 10 }).deliveries.length, 0);
      assert.equal((await send(`${small.captureUrl}/after`, { body: 'x' })).status, 200, 'the core carries on');
    } finally {
      await small.stop();
    }
  });

  it('measures the event-loop delay while an 8 MB file is imported (reported, not asserted)', async (context) => {
    const t = await startTestCore();
    try {
      const { bytes, entries } = await harBytes({ bytes: 8 * 1024 * 1024 });
      const histogram = monitorEventLoopDelay({ resolution: 5 });
      histogram.enable();
      const source = (async function* () {
        for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
      })();
      const result = await t.core.importStream({ endpoint: 'default', source, totalBytes: bytes.length });
      histogram.disable();
      assert.equal(result.imported, entries);
      context.diagnostic(`event-loop delay during an 8 MB import of ${entries} entries: max ${(histogram.max / 1e6).toFixed(1)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, mean ${(histogram.mean / 1e6).toFixed(1)} ms`);
    } finally {
      await t.stop();
    }
  });
});
