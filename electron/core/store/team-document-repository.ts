// Team mode's documents: a document fetched from a shared delivery's link is pushed once per
// outcome (team_pushed, reset when the document is fetched again), and stored by the other nodes
// against their copy of the delivery (origin_node, origin_id) instead of being fetched again.
import type { SqliteDatabase } from './database.js';
import type { DeliveryOrigin } from './delivery-repository.js';

/** A link document's outcome as pushed, with its delivery's team-wide name (null: this node's own). */
export interface OutboxDocument {
  id: number;
  deliveryId: number;
  delivery: DeliveryOrigin | null;
  fetchedAt: number | null;
  /** The row's columns but ids and flags. */
  document: Record<string, unknown>;
  bytes: Buffer | null;
}

const DOCUMENT_COLUMNS = ['origin', 'source_url', 'field', 'state', 'content_type', 'size', 'sha256', 'pages', 'error', 'claimed_size', 'claimed_pages', 'fetched_at'] as const;

/**
 * Documents fetched from links: the capturing node pushes each finished outcome once (team_pushed),
 * other nodes store it against their copy of the delivery instead of fetching the link again.
 */
export class TeamDocumentRepository {
  private readonly selectDue;
  private readonly markPushed;
  private readonly selectByOrigin;
  private readonly insertRow;
  private readonly updateRow;
  private readonly upsertBytes;

  constructor(db: SqliteDatabase) {
    this.selectDue = db.prepare<[number, number], Record<string, unknown> & { id: number; delivery_id: number; delivery_node: string | null; delivery_origin_id: number | null; shared: number; bytes: Buffer | null }>(
      `SELECT doc.id, doc.delivery_id, d.origin_node AS delivery_node, d.origin_id AS delivery_origin_id, e.shared, b.bytes,
        ${DOCUMENT_COLUMNS.map((c) => `doc.${c}`).join(', ')}
       FROM documents doc JOIN deliveries d ON d.id = doc.delivery_id JOIN endpoints e ON e.id = d.endpoint_id
       LEFT JOIN document_bodies b ON b.document_id = doc.id
       WHERE doc.team_pushed = 0 AND doc.origin = 'link' AND doc.state <> 'pending' AND doc.origin_node IS NULL
         AND (e.shared = 1 OR ? = 1) ORDER BY doc.id LIMIT ?`,
    );
    this.markPushed = db.prepare<[number, number | null]>('UPDATE documents SET team_pushed = 1 WHERE id = ? AND fetched_at IS ?');
    this.selectByOrigin = db.prepare<[string, number], { id: number }>('SELECT id FROM documents WHERE origin_node = ? AND origin_id = ?');
    const columns = DOCUMENT_COLUMNS.join(', ');
    this.insertRow = db.prepare(
      `INSERT INTO documents (delivery_id, origin_node, origin_id, team_pushed, ${columns})
       VALUES (@delivery_id, @origin_node, @origin_id, 1, ${DOCUMENT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.updateRow = db.prepare(`UPDATE documents SET ${DOCUMENT_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
    this.upsertBytes = db.prepare<[number, Buffer]>('INSERT OR REPLACE INTO document_bodies (document_id, bytes) VALUES (?, ?)');
  }

  /** Finished link documents of shared deliveries not pushed in their current outcome. */
  due(shareAll: boolean, limit: number): OutboxDocument[] {
    return this.selectDue.all(shareAll ? 1 : 0, limit).map((row) => {
      const document: Record<string, unknown> = {};
      for (const c of DOCUMENT_COLUMNS) document[c] = row[c];
      return {
        id: row.id,
        deliveryId: row.delivery_id,
        delivery: row.delivery_node === null ? null : { node: row.delivery_node, id: row.delivery_origin_id! },
        fetchedAt: row.fetched_at as number | null,
        document,
        bytes: row.bytes,
      };
    });
  }

  /** Pushed, unless it was fetched again meanwhile (then the newer outcome is still due). */
  pushed(id: number, fetchedAt: number | null): void {
    this.markPushed.run(id, fetchedAt);
  }

  /** Stores (or updates) another node's document against this node's copy of its delivery; false when the delivery is gone. */
  store(deliveryId: number, origin: DeliveryOrigin, document: Record<string, unknown>, bytes: Buffer | null): boolean {
    const values: Record<string, unknown> = {};
    for (const c of DOCUMENT_COLUMNS) values[c] = document[c] ?? null;
    let id = this.selectByOrigin.get(origin.node, origin.id)?.id;
    try {
      if (id === undefined) id = Number(this.insertRow.run({ ...values, delivery_id: deliveryId, origin_node: origin.node, origin_id: origin.id }).lastInsertRowid);
      else this.updateRow.run({ ...values, id });
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return false;
      throw error;
    }
    if (bytes) this.upsertBytes.run(id, bytes);
    return true;
  }
}
