// Writes the search index: batches of new deliveries (the write-behind SearchIndexer, after the
// sender is answered), each batch one FTS row per delivery plus its status facets and the frontier
// (the newest delivery indexed, so a restart indexes what a crash left out); and, for a database that
// predates search, the background backfill, newest first, in short transactions so capture never
// waits long for the write lock.
import type { HeaderPair } from '../../contract/index.js';
import { searchDocument, type IndexedDelivery } from './search-document.js';
import type { SqliteDatabase } from '../store/database.js';
import type { NewDelivery } from '../store/delivery-repository.js';

/** A delivery waiting to be indexed. */
export interface PendingIndexEntry {
  id: number;
  delivery: IndexedDelivery;
}

export interface IndexProgress {
  /** Deliveries of the existing store still to index. */
  pending: number;
  /** How many there were when indexing began. */
  total: number;
}

interface BackfillRow {
  id: number;
  endpoint_id: number;
  method: string;
  url: string;
  raw_headers: string;
  via_tunnel: number;
  imported: number;
  body: Buffer | null;
}

export class SearchIndexRepository {
  private readonly insertRow;
  private readonly selectState;
  private readonly selectBatch;
  private readonly saveState;
  private readonly facetsFor;
  private readonly backfillBatch;
  private readonly existing;
  private readonly statusFacets;
  private readonly selectFrontier;
  private readonly saveFrontier;
  private readonly selectAfter;
  private readonly writeBatch;

  constructor(db: SqliteDatabase) {
    this.insertRow = db.prepare<[number, string, string]>('INSERT INTO delivery_search (rowid, t, f) VALUES (?, ?, ?)');
    this.existing = db.prepare<[string], { id: number }>('SELECT id FROM deliveries WHERE id IN (SELECT value FROM json_each(?))');
    // The answer's status as facets, read from the row: a relay may have changed it since capture
    // (the update trigger keeps them true from then on).
    this.statusFacets = db.prepare<[string]>(
      `WITH batch AS (SELECT id, response_status AS s FROM deliveries WHERE id IN (SELECT value FROM json_each(?)))
       INSERT OR IGNORE INTO delivery_facets SELECT 'status:' || s, id FROM batch UNION ALL SELECT 'status:' || (s / 100) || 'xx', id FROM batch`,
    );
    this.selectFrontier = db.prepare<[], { indexed_through: number }>('SELECT indexed_through FROM search_frontier WHERE id = 1');
    this.saveFrontier = db.prepare<[number]>('UPDATE search_frontier SET indexed_through = max(indexed_through, ?) WHERE id = 1');
    this.selectAfter = db.prepare<[number, number], BackfillRow>(
      `SELECT d.id, d.endpoint_id, d.method, d.url, d.raw_headers, d.via_tunnel, d.imported, b.body
       FROM deliveries d LEFT JOIN delivery_bodies b ON b.delivery_id = d.id WHERE d.id > ? ORDER BY d.id LIMIT ?`,
    );
    this.writeBatch = db.transaction((entries: readonly PendingIndexEntry[]) => {
      if (entries.length === 0) return;
      const ids = JSON.stringify(entries.map((e) => e.id));
      // A delivery deleted before its turn gets no row: contentless FTS rows cannot be found to delete later.
      const alive = new Set(this.existing.all(ids).map((row) => row.id));
      for (const entry of entries) if (alive.has(entry.id)) this.index(entry.id, entry.delivery);
      this.statusFacets.run(ids);
      this.saveFrontier.run(entries[entries.length - 1]!.id);
    });
    this.selectState = db.prepare<[], { next_id: number; total: number; indexed: number }>(
      'SELECT next_id, total, indexed FROM search_backfill WHERE id = 1',
    );
    this.selectBatch = db.prepare<[number, number], BackfillRow>(
      `SELECT d.id, d.endpoint_id, d.method, d.url, d.raw_headers, d.via_tunnel, d.imported, b.body
       FROM deliveries d LEFT JOIN delivery_bodies b ON b.delivery_id = d.id WHERE d.id <= ? ORDER BY d.id DESC LIMIT ?`,
    );
    this.saveState = db.prepare<[number, number]>('UPDATE search_backfill SET next_id = ?, indexed = indexed + ? WHERE id = 1');
    // The facts triggers keep for new rows, written once for the old ones.
    const facets = [
      `INSERT OR IGNORE INTO delivery_facets SELECT 'status:' || response_status, id FROM deliveries WHERE id BETWEEN ? AND ?`,
      `INSERT OR IGNORE INTO delivery_facets SELECT 'status:' || (response_status / 100) || 'xx', id FROM deliveries WHERE id BETWEEN ? AND ?`,
      `INSERT OR IGNORE INTO delivery_facets SELECT 'verified:' || status, delivery_id FROM verifications WHERE delivery_id BETWEEN ? AND ?`,
      `INSERT OR IGNORE INTO delivery_facets SELECT token, delivery_id FROM recognition_facets WHERE delivery_id BETWEEN ? AND ?`,
      `INSERT OR IGNORE INTO delivery_facets SELECT DISTINCT 'document:' || state, delivery_id FROM documents WHERE delivery_id BETWEEN ? AND ?`,
    ].map((sql) => db.prepare<[number, number]>(sql));
    this.facetsFor = (low: number, high: number) => {
      for (const statement of facets) statement.run(low, high);
    };
    this.backfillBatch = db.transaction((limit: number): number => {
      const state = this.selectState.get();
      if (!state || state.next_id <= 0) return 0;
      const rows = this.selectBatch.all(state.next_id, limit);
      for (const row of rows) this.index(row.id, indexedRow(row));
      const oldest = rows.length < limit ? 0 : rows[rows.length - 1]!.id - 1;
      if (rows.length > 0) this.facetsFor(rows[rows.length - 1]!.id, state.next_id);
      this.saveState.run(oldest, rows.length);
      return rows.length;
    });
  }

  private index(id: number, delivery: IndexedDelivery): void {
    const doc = searchDocument(delivery);
    this.insertRow.run(id, doc.t, doc.f);
  }

  /** Indexes these new deliveries (in id order) in one transaction and moves the frontier past them. */
  indexBatch(entries: readonly PendingIndexEntry[]): void {
    this.writeBatch(entries);
  }

  /** Up to `limit` stored deliveries newer than the frontier, oldest first: what a crash left unindexed. */
  unindexed(limit: number): PendingIndexEntry[] {
    const frontier = this.selectFrontier.get()?.indexed_through ?? 0;
    return this.selectAfter.all(frontier, limit).map((row) => ({ id: row.id, delivery: indexedRow(row) }));
  }

  /** Indexes up to `limit` more of the deliveries that predate the index; returns how many. */
  backfill(limit: number): number {
    return this.backfillBatch(limit);
  }

  progress(): IndexProgress {
    const state = this.selectState.get();
    if (!state || state.next_id <= 0) return { pending: 0, total: state?.total ?? 0 };
    // Deliveries deleted meanwhile make this an estimate; it reaches 0 when the walk ends.
    return { pending: Math.max(1, state.total - state.indexed), total: state.total };
  }
}

function indexedRow(row: BackfillRow): IndexedDelivery {
  return {
    endpointId: row.endpoint_id,
    method: row.method,
    url: row.url,
    headers: JSON.parse(row.raw_headers) as HeaderPair[],
    body: row.body ?? Buffer.alloc(0),
    viaTunnel: row.via_tunnel === 1,
    imported: row.imported === 1,
  };
}

/** What the index keeps of a delivery the pipeline just stored. */
export function indexedDelivery(d: NewDelivery): IndexedDelivery {
  return { endpointId: d.endpointId, method: d.method, url: d.url, headers: d.rawHeaders, body: d.body, viaTunnel: d.viaTunnel, imported: d.imported ?? false };
}
