// `npm run bench:steps`: the CPU of each SQLite write a delivery costs, measured apart from HTTP and
// threads, through the built core's own repositories on a real file (WAL, synchronous NORMAL, as
// the app opens it), in the batch sizes the pipeline uses: what the full path cannot go below
// while it keeps this schema. The deliveries are the bench's (bench/payload.ts), verified and
// recognised by the real code once, up front (not timed).
//   STEPS_DELIVERIES=40000
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewDelivery } from '../electron/core/store/delivery-repository.js';
import { nextSignedRequest, REQUEST_PATH, SIGNING_SECRET } from './payload.js';

const built = (path: string) => import(new URL(`../dist/electron/core/${path}`, import.meta.url).href);
const { openDatabase } = (await built('store/database.js')) as typeof import('../electron/core/store/database.js');
const { Checkpointer } = (await built('store/checkpointer.js')) as typeof import('../electron/core/store/checkpointer.js');
const { DeliveryRepository } = (await built('store/delivery-repository.js')) as typeof import('../electron/core/store/delivery-repository.js');
const { SearchIndexRepository, indexedDelivery } = (await built('search/search-index-repository.js')) as typeof import('../electron/core/search/search-index-repository.js');
const { RecognitionRepository } = (await built('store/recognition-repository.js')) as typeof import('../electron/core/store/recognition-repository.js');
const { VerificationRepository } = (await built('store/verification-repository.js')) as typeof import('../electron/core/store/verification-repository.js');
const { analyze } = (await built('recognize/index.js')) as typeof import('../electron/core/recognize/index.js');
const { verify } = (await built('verify/index.js')) as typeof import('../electron/core/verify/index.js');

const count = Number(process.env.STEPS_DELIVERIES ?? 40_000);

function deliveriesFor(endpointId: number): NewDelivery[] {
  return Array.from({ length: count }, () => {
    const { headers, body } = nextSignedRequest();
    return {
      endpointId,
      receivedAt: Date.now(),
      method: 'POST',
      url: REQUEST_PATH,
      httpVersion: '1.1',
      rawHeaders: [['Host', '127.0.0.1:40000'], ['Connection', 'keep-alive'], ['Content-Length', String(body.length)], ...Object.entries(headers)],
      headersTruncated: false,
      body,
      bodySha256: createHash('sha256').update(body).digest('hex'),
      contentType: 'application/json',
      remoteAddress: '127.0.0.1',
      viaTunnel: false,
      response: { status: 200, headers: [['content-type', 'application/json']], body: '{"received":true}' },
      rejected: null,
    };
  });
}

interface StepCost {
  /** CPU µs per delivery. */
  micros: number;
  /** The longest single batch, wall ms: what a sender waits behind when it lands in one. */
  longestMs: number;
}

/** The cost of `write` over all deliveries (synchronous: the checkpoint thread runs beside it meanwhile), `batch` at a time, on the store as the earlier steps left it. */
function perDelivery(batch: number, write: (from: number, to: number) => void): StepCost {
  const start = process.cpuUsage();
  let longestMs = 0;
  for (let from = 0; from < count; from += batch) {
    const began = performance.now();
    write(from, Math.min(count, from + batch));
    longestMs = Math.max(longestMs, performance.now() - began);
  }
  const used = process.cpuUsage(start);
  return { micros: (used.user + used.system) / count, longestMs };
}

/** One store, every step in pipeline order; `insertBatch` deliveries per group commit. */
async function measure(insertBatch: number, indexBatch: number): Promise<Array<[string, StepCost]>> {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope bench steps-'));
  const file = join(dir, 'hookscope.db');
  const db = openDatabase(file);
  // As in the app: checkpoints on their own thread (its CPU counts: process.cpuUsage covers every
  // thread), the writer's own only past its threshold.
  const checkpointer = new Checkpointer(db, file);
  db.prepare(`INSERT INTO endpoints (slug, name, response, created_at) VALUES ('pdfgorilla', 'pdfgorilla', '{"status":200}', 0)`).run();
  const endpointId = (db.prepare(`SELECT id FROM endpoints WHERE slug = 'pdfgorilla'`).get() as { id: number }).id;
  const items = deliveriesFor(endpointId);
  const deliveries = new DeliveryRepository(db);
  const index = new SearchIndexRepository(db);
  const recognitions = new RecognitionRepository(db);
  const verifications = new VerificationRepository(db);
  const verified = items.map((d) => verify({ method: d.method, url: d.url, headers: d.rawHeaders, body: d.body }, { scheme: 'pdfgorilla', secret: SIGNING_SECRET }, Date.now));
  const analysed = items.map((d) => analyze({ headers: d.rawHeaders, body: d.body, contentType: d.contentType }));
  const ids: number[] = [];
  const inTransaction = (fn: () => void) => db.transaction(fn)();
  const rows: Array<[string, StepCost]> = [
    [`the delivery committed (${insertBatch} per commit)`, perDelivery(insertBatch, (a, b) => ids.push(...deliveries.insertMany(items.slice(a, b))))],
    [`search index (${indexBatch} per batch)`, perDelivery(indexBatch, (a, b) => index.indexBatch(ids.slice(a, b).map((id, i) => ({ id, delivery: indexedDelivery(items[a + i]!) }))))],
    ['verification written (64 per transaction)', perDelivery(64, (a, b) => inTransaction(() => verifications.saveMany(ids.slice(a, b).map((id, i) => ({ deliveryId: id, verification: verified[a + i]! })), Date.now())))],
    [
      'recognition written, attempt numbered, facets (64 per transaction)',
      perDelivery(64, (a, b) =>
        inTransaction(() =>
          recognitions.saveMany(
            ids.slice(a, b).map((id, i) => {
              const { provider, duplicate } = analysed[a + i]!;
              return { deliveryId: id, endpointId, provider, dupKey: duplicate?.key ?? null, dupSource: duplicate?.source ?? null };
            }),
          ),
        ),
      ),
    ],
    ['handling time written (64 per transaction)', perDelivery(64, (a, b) => inTransaction(() => deliveries.setHandledTimes(ids.slice(a, b).map((id) => ({ id, handledMs: 1.5 })))))],
    ['summaries read back for delivery.updated (64 at a time)', perDelivery(64, (a, b) => deliveries.summaries(ids.slice(a, b)))],
  ];
  await checkpointer.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return rows;
}

console.log(`${count} deliveries of the bench's payload (${nextSignedRequest().body.length} bytes, signed), CPU µs per delivery of each step, Node ${process.version}\n`);
for (const [insertBatch, indexBatch] of [[1, 20], [27, 256]] as const) {
  const rows = await measure(insertBatch, indexBatch);
  console.log(`| step (${insertBatch === 1 ? 'a lone delivery per commit, as at a steady 1,000/s' : 'batches as under 50 concurrent senders'}) | µs per delivery | longest batch, ms |\n| --- | ---: | ---: |`);
  for (const [step, cost] of rows) console.log(`| ${step} | ${cost.micros.toFixed(1)} | ${cost.longestMs.toFixed(1)} |`);
  console.log(`| **all of them** | **${rows.reduce((sum, [, cost]) => sum + cost.micros, 0).toFixed(1)}** | |\n`);
}
