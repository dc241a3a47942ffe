import type { DocumentSummary } from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

export interface NewDocument {
  deliveryId: number;
  origin: DocumentSummary['origin'];
  sourceUrl: string | null;
  field: string | null;
  claimedSize: number | null;
  claimedPages: number | null;
}

export interface DocumentOutcome {
  state: 'archived' | 'failed';
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  pages: number | null;
  error: { code: string; message: string } | null;
  bytes: Buffer | null;
  fetchedAt: number;
}

interface DocumentRow {
  id: number;
  delivery_id: number;
  origin: DocumentSummary['origin'];
  source_url: string | null;
  field: string | null;
  state: DocumentSummary['state'];
  content_type: string | null;
  size: number | null;
  sha256: string | null;
  pages: number | null;
  error: string | null;
  claimed_size: number | null;
  claimed_pages: number | null;
  fetched_at: number | null;
}

/** Claims the file contradicts, in words. */
export function claimMismatches(row: { claimed_size: number | null; claimed_pages: number | null; size: number | null; pages: number | null; state: string }): string[] {
  if (row.state !== 'archived') return [];
  const out: string[] = [];
  if (row.claimed_size !== null && row.size !== null && row.claimed_size !== row.size) {
    out.push(`the payload says ${row.claimed_size} bytes, the file has ${row.size}`);
  }
  if (row.claimed_pages !== null && row.pages !== null && row.claimed_pages !== row.pages) {
    out.push(`the payload says ${row.claimed_pages} page${row.claimed_pages === 1 ? '' : 's'}, the file has ${row.pages}`);
  }
  return out;
}

function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    sourceUrl: row.source_url,
    origin: row.origin,
    field: row.field,
    state: row.state,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    pages: row.pages,
    error: row.error === null ? null : (JSON.parse(row.error) as DocumentSummary['error']),
    claims: { size: row.claimed_size, pages: row.claimed_pages },
    mismatches: claimMismatches(row),
    fetchedAt: row.fetched_at === null ? null : new Date(row.fetched_at).toISOString(),
  };
}

export class DocumentRepository {
  private readonly insertPending;
  private readonly finishRow;
  private readonly insertBytes;
  private readonly selectByDelivery;
  private readonly selectOne;
  private readonly selectBytes;
  private readonly finishTx;
  private readonly resetRow;

  constructor(db: SqliteDatabase) {
    this.insertPending = db.prepare<[number, string, string | null, string | null, number | null, number | null]>(
      `INSERT INTO documents (delivery_id, origin, source_url, field, state, claimed_size, claimed_pages)
       VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
    );
    this.finishRow = db.prepare<[string, string | null, number | null, string | null, number | null, string | null, number, number]>(
      // team_pushed = 0: a new outcome is due for the team (team mode pushes link documents' outcomes).
      `UPDATE documents SET state = ?, content_type = ?, size = ?, sha256 = ?, pages = ?, error = ?, fetched_at = ?, team_pushed = 0 WHERE id = ?`,
    );
    this.insertBytes = db.prepare<[number, Buffer]>('INSERT OR REPLACE INTO document_bodies (document_id, bytes) VALUES (?, ?)');
    this.selectByDelivery = db.prepare<[number], DocumentRow>('SELECT * FROM documents WHERE delivery_id = ? ORDER BY id');
    this.selectOne = db.prepare<[number], DocumentRow>('SELECT * FROM documents WHERE id = ?');
    this.selectBytes = db.prepare<[number], { bytes: Buffer }>('SELECT bytes FROM document_bodies WHERE document_id = ?');
    this.resetRow = db.prepare<[number]>(
      `UPDATE documents SET state = 'pending', content_type = NULL, size = NULL, sha256 = NULL, pages = NULL, error = NULL, fetched_at = NULL WHERE id = ?`,
    );
    this.finishTx = db.transaction((id: number, o: DocumentOutcome) => {
      this.finishRow.run(o.state, o.contentType, o.size, o.sha256, o.pages, o.error && JSON.stringify(o.error), o.fetchedAt, id);
      if (o.bytes) this.insertBytes.run(id, o.bytes);
    });
  }

  /** Records a document about to be fetched; returns its id, or null if the delivery is gone. */
  addPending(d: NewDocument): number | null {
    try {
      return Number(this.insertPending.run(d.deliveryId, d.origin, d.sourceUrl, d.field, d.claimedSize, d.claimedPages).lastInsertRowid);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return null;
      throw error;
    }
  }

  /** A failed document about to be fetched again: pending, its last outcome forgotten. */
  markPending(id: number): void {
    this.resetRow.run(id);
  }

  finish(id: number, outcome: DocumentOutcome): void {
    this.finishTx(id, outcome);
  }

  listForDelivery(deliveryId: number): DocumentSummary[] {
    return this.selectByDelivery.all(deliveryId).map(toSummary);
  }

  get(id: number): DocumentSummary | undefined {
    const row = this.selectOne.get(id);
    return row ? toSummary(row) : undefined;
  }

  bytes(id: number): Buffer | undefined {
    return this.selectBytes.get(id)?.bytes;
  }
}
