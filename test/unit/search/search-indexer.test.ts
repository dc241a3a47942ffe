// The write-behind search index on a real SQLite file: deliveries are found as soon as a search
// runs (it flushes what is pending), a crash before a batch is written loses nothing (the next
// start indexes from the frontier), and a delivery deleted before its batch leaves no index row.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { defaultResponseRule } from '../../../electron/core/endpoints/response-rule.js';
import { parseQuery } from '../../../electron/core/search/query-grammar.js';
import { SearchIndexRepository } from '../../../electron/core/search/search-index-repository.js';
import { SearchIndexer } from '../../../electron/core/search/search-indexer.js';
import { planSearch } from '../../../electron/core/search/search-plan.js';
import { SearchRepository } from '../../../electron/core/search/search-repository.js';
import { openDatabase, type SqliteDatabase } from '../../../electron/core/store/database.js';
import { DeliveryRepository, type NewDelivery } from '../../../electron/core/store/delivery-repository.js';
import { DEFAULT_ENDPOINT_SLUG, EndpointRepository } from '../../../electron/core/store/endpoint-repository.js';
import { makeDataDir } from '../../helpers/data-dir.js';

function delivery(endpointId: number, word: string, status = 200): NewDelivery {
  const body = Buffer.from(JSON.stringify({ id: word, type: 'invoice.paid' }));
  return {
    endpointId,
    receivedAt: Date.now(),
    method: 'POST',
    url: '/default/hook',
    httpVersion: '1.1',
    rawHeaders: [['Content-Type', 'application/json']],
    headersTruncated: false,
    body,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    contentType: 'application/json',
    remoteAddress: '127.0.0.1',
    viaTunnel: false,
    response: { status, headers: [], body: '' },
    rejected: null,
  };
}

describe('search indexer (write-behind)', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let file: string;
  let db: SqliteDatabase;
  let endpointId: number;

  const open = () => {
    db = openDatabase(file);
    const endpoints = new EndpointRepository(db);
    if (!endpoints.find(DEFAULT_ENDPOINT_SLUG)) endpoints.create(DEFAULT_ENDPOINT_SLUG, 'Default', defaultResponseRule, Date.now(), true);
    endpointId = endpoints.find(DEFAULT_ENDPOINT_SLUG)!.id;
    const index = new SearchIndexRepository(db);
    return { deliveries: new DeliveryRepository(db), index, indexer: new SearchIndexer(index, { delayMs: 60_000 }), search: new SearchRepository(db) };
  };
  const find = (search: SearchRepository, q: string) => search.search({ plan: planSearch(parseQuery(q)), limit: 100 }, { count: false }).ids;
  const store = (parts: ReturnType<typeof open>, ...items: NewDelivery[]) => {
    const ids = parts.deliveries.insertMany(items);
    ids.forEach((id, n) => parts.indexer.enqueue(id, items[n]!));
    return ids;
  };

  beforeEach(async () => {
    data = await makeDataDir();
    file = join(data.dir, 'hookscope.db');
  });
  afterEach(async () => {
    if (db.open) db.close();
    await data.remove();
  });

  it('writes nothing until flushed, then the words and the status facets are found', () => {
    const parts = open();
    const [id] = store(parts, delivery(endpointId, 'evt_pending_1', 503));
    assert.deepEqual(find(parts.search, 'evt_pending_1'), [], 'indexed behind the commit, not in it');
    parts.indexer.flush();
    assert.deepEqual(find(parts.search, 'evt_pending_1'), [id]);
    assert.deepEqual(find(parts.search, 'status:5xx'), [id]);
    assert.deepEqual(find(parts.search, 'status:503'), [id]);
  });

  it('writes a batch at once when it is full', () => {
    const parts = open();
    const indexer = new SearchIndexer(parts.index, { delayMs: 60_000, maxPending: 3 });
    const items = [delivery(endpointId, 'evt_full_a'), delivery(endpointId, 'evt_full_b'), delivery(endpointId, 'evt_full_c')];
    const ids = parts.deliveries.insertMany(items);
    ids.forEach((id, n) => indexer.enqueue(id, items[n]!));
    assert.deepEqual(find(parts.search, 'evt_full_c'), [ids[2]]);
  });

  it('after a crash (the pending batch lost), the next start indexes what was stored', () => {
    const first = open();
    const [kept] = store(first, delivery(endpointId, 'evt_before_crash'));
    first.indexer.flush();
    const [lost] = store(first, delivery(endpointId, 'evt_lost_in_crash', 500));
    db.close(); // no flush: the process died with the batch in memory

    const again = open();
    assert.deepEqual(find(again.search, 'evt_lost_in_crash'), [], 'not indexed before the catch-up');
    assert.equal(again.indexer.catchUp(), 1, 'only the delivery past the frontier');
    assert.deepEqual(find(again.search, 'evt_lost_in_crash'), [lost]);
    assert.deepEqual(find(again.search, 'status:500'), [lost]);
    assert.deepEqual(find(again.search, 'evt_before_crash'), [kept]);
    assert.equal(again.indexer.catchUp(), 0, 'the frontier moved past it');
  });

  it('gives a delivery deleted before its batch no index row', () => {
    const parts = open();
    const [gone, kept] = store(parts, delivery(endpointId, 'evt_deleted_early'), delivery(endpointId, 'evt_kept'));
    parts.deliveries.delete(gone!);
    parts.indexer.flush();
    const rows = db.prepare('SELECT rowid FROM delivery_search').all() as Array<{ rowid: number }>;
    assert.deepEqual(rows.map((r) => r.rowid), [kept]);
    assert.deepEqual(find(parts.search, 'evt_deleted_early'), []);
  });
});
