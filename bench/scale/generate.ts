// Builds a data folder of N realistic deliveries through the store (not over HTTP): the seeds'
// providers (PDF Gorilla jobs with their documents, PDFShift), Stripe and GitHub events, unknown
// JSON, some binary bodies and a few large ones; bodies 0.3–5 KiB; verdicts, recognitions, retries
// and answers in proportions a busy endpoint sees. Deterministic (seeded), batched transactions.
import { createHash } from 'node:crypto';
import { defaultResponseRule } from '../../electron/core/endpoints/response-rule.js';
import { openDatabase, type SqliteDatabase } from '../../electron/core/store/database.js';
import { DeliveryRepository, type NewDelivery } from '../../electron/core/store/delivery-repository.js';
import { EndpointRepository, DEFAULT_ENDPOINT_SLUG } from '../../electron/core/store/endpoint-repository.js';
import { SearchIndexRepository, indexedDelivery } from '../../electron/core/search/search-index-repository.js';
import type { HeaderPair } from '../../electron/contract/index.js';

const DAY = 86_400_000;
const SPAN_DAYS = 60;

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyz0123456789';
const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu order invoice refund shipment customer account'.split(' ');

export interface Generated {
  delivery: NewDelivery;
  provider: { id: string; name: string; event: string | null; status: string | null; jobId: string | null; outcome: string; summary: string } | null;
  dupKey: string | null;
  verification: 'valid' | 'invalid' | 'missing' | 'unverified';
  document: 'archived' | 'failed' | null;
  /** 2 for a sender's retry of an event already delivered. */
  attempt: number;
}

/** Ids the measurements search for: each names exactly one delivery. */
export function eventIdOf(i: number): string {
  return `evt_${(i * 2654435761 % 4294967296).toString(36)}${i.toString(36)}Nx`;
}

export function jobIdOf(i: number): string {
  return `cm${(i * 40503 % 1679616).toString(36)}${i.toString(36).padStart(5, '0')}q8z`;
}

function makeGenerator(seed: number, endpointIds: Record<string, number>, now: number) {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const id = (n: number) => Array.from({ length: n }, () => ALPHA[Math.floor(random() * 36)]).join('');
  const prose = (bytes: number) => {
    const parts: string[] = [];
    let length = 0;
    while (length < bytes) {
      const w = pick(WORDS);
      parts.push(w);
      length += w.length + 1;
    }
    return parts.join(' ');
  };
  const stripeEvents = ['payment_intent.succeeded', 'payment_intent.succeeded', 'payment_intent.succeeded', 'payment_intent.payment_failed', 'invoice.paid', 'invoice.paid', 'invoice.payment_failed', 'customer.subscription.updated', 'charge.refunded', 'checkout.session.completed'];
  const githubEvents = [['push', null], ['pull_request', 'opened'], ['pull_request', 'closed'], ['issues', 'opened'], ['workflow_run', 'completed'], ['check_run', 'completed']] as const;

  return (i: number, total: number): Generated => {
    const receivedAt = now - SPAN_DAYS * DAY + Math.floor((i / total) * SPAN_DAYS * DAY);
    const r = random();
    let slug: string;
    let headers: HeaderPair[];
    let body: Buffer;
    let provider: Generated['provider'] = null;
    let dupKey: string | null = null;
    let document: Generated['document'] = null;
    let url: string;
    if (i % 10_000 === 5_000) {
      // A few large ones: a 1 MiB export of line items.
      slug = DEFAULT_ENDPOINT_SLUG;
      url = '/bulk/export';
      headers = [['Content-Type', 'application/json']];
      body = Buffer.from(JSON.stringify({ export: i, lines: Array.from({ length: 9000 }, (_, n) => ({ n, sku: `sku_${n}`, note: prose(60) })) }));
    } else if (r < 0.4) {
      slug = 'stripe';
      url = '/stripe/webhooks';
      const event = pick(stripeEvents);
      const evt = eventIdOf(i);
      const object = event.split('.')[0]!;
      const payload = {
        id: evt, object: 'event', api_version: '2024-06-20', created: Math.floor(receivedAt / 1000), type: event, livemode: false, pending_webhooks: 1,
        request: { id: `req_${id(14)}`, idempotency_key: crypto.randomUUID() },
        data: { object: { id: `${object.slice(0, 3)}_${id(24)}`, object, amount: Math.floor(random() * 100_000), currency: pick(['usd', 'eur', 'gbp']), customer: `cus_${id(14)}`, status: event.endsWith('failed') ? 'requires_payment_method' : 'succeeded', description: prose(40 + Math.floor(random() * 200)), metadata: { order_id: `ord_${id(10)}`, note: prose(30 + Math.floor(random() * 600)) } } },
      };
      body = Buffer.from(JSON.stringify(payload));
      headers = [['Host', 'hooks.example.com'], ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'], ['Content-Type', 'application/json; charset=utf-8'], ['Stripe-Signature', `t=${Math.floor(receivedAt / 1000)},v1=${id(64)}`], ['Content-Length', String(body.length)]];
      provider = { id: 'stripe', name: 'Stripe', event, status: payload.data.object.status, jobId: evt, outcome: event.endsWith('failed') ? 'failure' : 'success', summary: `${payload.data.object.status} ${object}` };
      dupKey = evt;
    } else if (r < 0.65) {
      slug = 'github';
      url = '/github/hook';
      const [name, action] = pick(githubEvents);
      const delivery = crypto.randomUUID();
      const payload = {
        ...(action ? { action } : {}), ref: 'refs/heads/main', repository: { id: 1000 + (i % 50), full_name: `acme/${pick(WORDS)}-service`, private: true, html_url: 'https://github.com/acme/x', description: prose(80) },
        sender: { login: pick(WORDS), id: i % 997, type: 'User' }, head_commit: { id: createHash('sha1').update(String(i)).digest('hex'), message: prose(60 + Math.floor(random() * 1500)) },
        commits: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ id: id(40), message: prose(60 + Math.floor(random() * 300)), author: { name: pick(WORDS), email: `${pick(WORDS)}@example.com` } })),
      };
      body = Buffer.from(JSON.stringify(payload));
      headers = [['Host', 'hooks.example.com'], ['User-Agent', 'GitHub-Hookshot/abc123'], ['X-GitHub-Event', name], ['X-GitHub-Delivery', delivery], ['X-Hub-Signature-256', `sha256=${id(64)}`], ['Content-Type', 'application/json'], ['Content-Length', String(body.length)]];
      const event = action ? `${name}.${action}` : name;
      provider = { id: 'github', name: 'GitHub', event, status: null, jobId: delivery, outcome: 'success', summary: `${event} acme` };
      dupKey = delivery;
    } else if (r < 0.9) {
      // The seeds' providers: PDF Gorilla jobs (with the document they point to) and PDFShift.
      const job = jobIdOf(i);
      const failed = random() < 0.06;
      if (random() < 0.7) {
        slug = 'pdfgorilla';
        url = '/pdfgorilla/webhooks/pdf';
        const payload = failed
          ? { jobId: job, status: 'failed', timestamp: new Date(receivedAt).toISOString(), error: { code: 'RENDER_TIMEOUT', message: 'rendering took too long' } }
          : { jobId: job, status: 'completed', timestamp: new Date(receivedAt).toISOString(), downloadUrl: `https://files.pdfgorilla.example/${job}.pdf?sig=${id(32)}`, expiresAt: new Date(receivedAt + 3_600_000).toISOString(), pages: 1 + Math.floor(random() * 12) };
        body = Buffer.from(JSON.stringify(payload));
        headers = [['Content-Type', 'application/json'], ['x-pdfg-event-id', job], ['x-pdfg-signature', id(64)], ['User-Agent', 'PDFGorilla-Webhooks/2']];
        provider = { id: 'pdfgorilla', name: 'PDF Gorilla', event: 'job', status: payload.status, jobId: job, outcome: failed ? 'failure' : 'success', summary: `${payload.status} ${job.slice(0, 8)}…` };
        dupKey = job;
        document = failed ? null : random() < 0.95 ? 'archived' : 'failed';
      } else {
        slug = 'pdfshift';
        url = '/pdfshift/done';
        const payload = { id: job, success: !failed, url: `https://pdfshift.example/${job}.pdf`, filesize: Math.floor(random() * 400_000), pdf_pages: 1 + Math.floor(random() * 20), duration: Math.floor(random() * 9000), response: { source: `https://shop.example/invoices/${id(8)}` } };
        body = Buffer.from(JSON.stringify(payload));
        headers = [['Content-Type', 'application/json'], ['User-Agent', 'PDFShift']];
        provider = { id: 'pdfshift', name: 'PDFShift', event: 'conversion', status: failed ? 'failed' : 'success', jobId: job, outcome: failed ? 'failure' : 'success', summary: `${failed ? 'failed' : 'success'} ${job.slice(0, 8)}…` };
        dupKey = job;
      }
    } else if (r < 0.98) {
      slug = DEFAULT_ENDPOINT_SLUG;
      url = `/hooks/${pick(WORDS)}?source=${pick(WORDS)}`;
      body = Buffer.from(JSON.stringify({ kind: pick(WORDS), ref: id(12), note: prose(200 + Math.floor(random() * 2500)) }));
      headers = [['Content-Type', 'application/json'], ['User-Agent', 'curl/8.5.0']];
    } else {
      slug = DEFAULT_ENDPOINT_SLUG;
      url = '/upload';
      body = Buffer.alloc(1024 + Math.floor(random() * 3072));
      for (let n = 0; n < body.length; n++) body[n] = Math.floor(random() * 256);
      headers = [['Content-Type', 'application/octet-stream']];
    }
    const v = random();
    const status = random() < 0.03 ? pick([500, 502, 503, 404, 429]) : 200;
    return {
      delivery: {
        endpointId: endpointIds[slug]!,
        receivedAt,
        method: random() < 0.995 ? 'POST' : 'PUT',
        url,
        httpVersion: '1.1',
        rawHeaders: headers,
        headersTruncated: false,
        body,
        bodySha256: createHash('sha256').update(body).digest('hex'),
        contentType: headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? null,
        remoteAddress: '127.0.0.1',
        viaTunnel: random() < 0.2,
        response: { status, headers: [], body: status === 200 ? '' : 'error' },
        rejected: null,
      },
      provider,
      dupKey,
      verification: provider === null ? 'unverified' : v < 0.88 ? 'valid' : v < 0.94 ? 'invalid' : 'missing',
      document,
      attempt: 1,
    };
  };
}

export const SLUGS = ['stripe', 'github', 'pdfgorilla', 'pdfshift'] as const;

/** Fills `file` with `total` deliveries; calls `progress` every batch. */
export function generate(file: string, total: number, progress: (done: number) => void): SqliteDatabase {
  const db = openDatabase(file);
  const endpoints = new EndpointRepository(db);
  const now = Date.now();
  if (!endpoints.find(DEFAULT_ENDPOINT_SLUG)) endpoints.create(DEFAULT_ENDPOINT_SLUG, 'Default', defaultResponseRule, now, true);
  for (const slug of SLUGS) if (!endpoints.find(slug)) endpoints.create(slug, slug, defaultResponseRule, now);
  const endpointIds = Object.fromEntries([DEFAULT_ENDPOINT_SLUG, ...SLUGS].map((s) => [s, endpoints.find(s)!.id]));
  const searchIndex = new SearchIndexRepository(db);
  const deliveries = new DeliveryRepository(db);
  const insertVerification = db.prepare("INSERT INTO verifications VALUES (?, 'auto', ?, '', '{}', ?)");
  const insertRecognition = db.prepare('INSERT INTO recognitions VALUES (?, ?, ?, ?, ?, ?, ?)');
  // Facets as RecognitionRepository writes them (no insert trigger since migration 9).
  const recognitionFacets = db.prepare('INSERT OR IGNORE INTO delivery_facets SELECT token, delivery_id FROM recognition_facets WHERE delivery_id = ?');
  const insertDocument = db.prepare("INSERT INTO documents (delivery_id, origin, state, fetched_at) VALUES (?, 'link', ?, ?)");
  const next = makeGenerator(42, endpointIds, now);
  const retries = rng(7);
  const BATCH = 2000;
  const write = db.transaction((batch: Generated[]) => {
    const ids = deliveries.insertMany(batch.map((g) => g.delivery));
    searchIndex.indexBatch(ids.map((id, n) => ({ id, delivery: indexedDelivery(batch[n]!.delivery) })));
    batch.forEach((g, n) => {
      const id = ids[n]!;
      insertVerification.run(id, g.verification, g.delivery.receivedAt);
      if (g.provider) {
        insertRecognition.run(id, g.delivery.endpointId, g.provider.id, JSON.stringify({ ...g.provider, fields: {} }), g.dupKey, 'body', g.dupKey ? g.attempt : null);
        recognitionFacets.run(id);
      }
      if (g.document) insertDocument.run(id, g.document, g.delivery.receivedAt);
    });
  });
  let pendingRetry: Generated | null = null;
  for (let done = 0; done < total; ) {
    const batch: Generated[] = [];
    for (let n = 0; n < BATCH && done < total; n++, done++) {
      if (pendingRetry) {
        batch.push(pendingRetry);
        pendingRetry = null;
        continue;
      }
      const g = next(done, total);
      // About 5% of events are delivered twice (the sender retried).
      if (g.dupKey && retries() < 0.05) pendingRetry = { ...g, attempt: 2, delivery: { ...g.delivery, receivedAt: g.delivery.receivedAt + 1000 } };
      batch.push(g);
    }
    write(batch);
    progress(done);
  }
  return db;
}
