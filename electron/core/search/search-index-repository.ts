// Writes the search index: one FTS row per delivery (in the delivery's own transaction, see
// DeliveryRepository) and, for a database that predates search, the background backfill, newest
// first, in short transactions so capture never waits long for the write lock.
import type { HeaderPair } from '../../contract/index.js';
import { searchDocument, type IndexedDelivery } from './search-document.js';
import type { SqliteDatabase } from '../store/database.js';
import type { DeliveryIndexer } from '../store/delivery-repository.js';

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

  constructor(db: SqliteDatabase) {
    this.insertRow = db.prepare<[number, string, string]>('INSERT INTO delivery_search (rowid, t, f) VALUES (?, ?, ?)');
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
      for (const row of rows) {
        this.index(row.id, {
          endpointId: row.endpoint_id,
          method: row.method,
          url: row.url,
          headers: JSON.parse(row.raw_headers) as HeaderPair[],
          body: row.body ?? Buffer.alloc(0),
          viaTunnel: row.via_tunnel === 1,
          imported: row.imported === 1,
        });
      }
      const oldest = rows.length < limit ? 0 : rows[rows.length - 1]!.id - 1;
      if (rows.length > 0) this.facetsFor(rows[rows.length - 1]!.id, state.next_id);
      this.saveState.run(oldest, rows.length);
      return rows.length;
    });
  }

  /** Indexes one delivery; call inside the transaction that inserts it. */
  index(id: number | bigint, delivery: IndexedDelivery): void {
    const doc = searchDocument(delivery);
    this.insertRow.run(Number(id), doc.t, doc.f);
  }

  /** The delivery repository's hook: each new delivery indexed in its own insert's transaction. */
  readonly indexNew: DeliveryIndexer = (id, d) => this.index(id, { ...d, headers: d.rawHeaders, imported: d.imported ?? false });

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
