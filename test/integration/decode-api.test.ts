// `GET /api/deliveries/:id/raw?decode=1` and `deliveries.decoded` against `serve`, as a script would
// call them: a gzip body comes back decoded, a bomb and a lie come back 422 with the reason, and
// the stored bytes stay exactly what arrived.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import { send } from '../helpers/http.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import type { ServeProcess } from '../helpers/serve-process.js';
import { startServeSession, type ControlClient, type ServeSession } from '../helpers/serve-session.js';

const original = readFileSync(join(CORPUS_DIR, 'stripe', 'fixtures3.json'));

describe('serve: decoded bodies', () => {
  let session: ServeSession;
  let serve: ServeProcess;
  let api: ControlClient;
  before(async () => {
    session = await startServeSession();
    ({ serve, api } = session);
  });
  after(async () => {
    await session.close();
  });

  const capture = async (body: Buffer, encoding: string): Promise<number> => {
    const res = await send(`${serve.captureUrl}/decode`, { headers: ['Content-Type', 'application/json', 'Content-Encoding', encoding], body });
    assert.equal(res.status, 200);
    const { json } = await api.get('/api/deliveries?limit=1');
    return json.deliveries[0].id as number;
  };
  const raw = (path: string) => fetch(new URL(path, serve.uiUrl), { headers: { Authorization: `Bearer ${serve.token}` } });

  it('serves a gzip body decoded with ?decode=1 and as stored without it', async () => {
    const gz = zlib.gzipSync(original);
    const id = await capture(gz, 'gzip');
    const decoded = await raw(`/api/deliveries/${id}/raw?decode=1`);
    assert.equal(decoded.status, 200);
    assert.ok(Buffer.from(await decoded.arrayBuffer()).equals(original));
    const stored = await raw(`/api/deliveries/${id}/raw`);
    assert.ok(Buffer.from(await stored.arrayBuffer()).equals(gz), 'the stored bytes are what arrived');
    const { status, json } = await api.get(`/api/deliveries/${id}/decoded`);
    assert.equal(status, 200);
    assert.deepEqual(json.encodings, ['gzip']);
    assert.equal(json.size, original.length);
    assert.ok(Buffer.from(json.body, 'base64').equals(original));
  });

  it('answers 422 unprocessable with the reason for a decompression bomb', async () => {
    const id = await capture(zlib.brotliCompressSync(Buffer.alloc(20 * 1024 * 1024)), 'br');
    const res = await raw(`/api/deliveries/${id}/raw?decode=1`);
    assert.equal(res.status, 422);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'unprocessable');
    assert.match(error.message, /decoding "br" went past .* decompression bomb/);
  });

  it('answers 422 for a body that is not what its Content-Encoding says, and for an unknown coding', async () => {
    const liar = await capture(original, 'gzip');
    const res = await api.get(`/api/deliveries/${liar}/decoded`);
    assert.equal(res.status, 422);
    assert.match(res.json.error.message, /labelled "gzip" but is not valid gzip/);
    const unknown = await capture(original, 'compress');
    assert.equal((await api.get(`/api/deliveries/${unknown}/decoded`)).status, 422);
  });
});
