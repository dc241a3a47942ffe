// Documents a shared delivery's payload links to: fetched once, by the node that captured it
// (provider links are often single-use and expire within minutes), then shared with their bytes.
// Other nodes store the outcome against their own copy of the delivery and never fetch the link.
// Documents a body carries itself are not shared: every node extracts them from the same bytes.
import type pg from 'pg';
import type { TeamDocumentRepository } from '../store/team-document-repository.js';
import type { TeamRepository } from '../store/team-repository.js';
import { query, writeInOrder } from './push.js';

// Archived documents go up to the archive's size limit (50 MiB by default): a few per transaction.
const BATCH = 4;

export interface DocumentSyncContext {
  pool: pg.Pool;
  repo: TeamRepository;
  documents: TeamDocumentRepository;
  node: string;
  shareAll: boolean;
  /** documents.changed for this node's copy of a delivery. */
  changed: (deliveryId: number) => void;
}

export async function pushDocuments(ctx: DocumentSyncContext): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const due = ctx.documents.due(ctx.shareAll, BATCH);
    if (due.length === 0) return;
    await writeInOrder(ctx.pool, async (client) => {
      for (const doc of due) {
        const delivery = doc.delivery ?? { node: ctx.node, id: doc.deliveryId };
        await client.query(
          `INSERT INTO team_documents (node, local_id, seq, delivery_node, delivery_id, document, bytes)
           VALUES ($1, $2, nextval('team_documents_seq'), $3, $4, $5, $6)
           ON CONFLICT (node, local_id) DO UPDATE SET seq = excluded.seq, document = excluded.document, bytes = excluded.bytes`,
          [ctx.node, doc.id, delivery.node, delivery.id, JSON.stringify(doc.document), doc.bytes],
        );
      }
    });
    for (const doc of due) ctx.documents.pushed(doc.id, doc.fetchedAt);
    if (due.length < BATCH) return;
  }
}

interface DocumentRow {
  seq: string;
  node: string;
  local_id: string;
  delivery_node: string;
  delivery_id: string;
  document: Record<string, unknown>;
  bytes: Buffer | null;
  delivery_seq: string | null;
}

export async function pullDocuments(ctx: DocumentSyncContext): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const { rows } = await query<DocumentRow>(
      ctx.pool,
      `SELECT t.seq, t.node, t.local_id, t.delivery_node, t.delivery_id, t.document, CASE WHEN t.node <> $3 THEN t.bytes END AS bytes, d.seq AS delivery_seq
       FROM team_documents t LEFT JOIN team_deliveries d ON d.node = t.delivery_node AND d.local_id = t.delivery_id
       WHERE t.seq > $1 ORDER BY t.seq LIMIT $2`,
      [ctx.repo.mark('pulled_document'), BATCH, ctx.node],
    );
    // A document whose delivery is not here yet waits for the next cycle, as replay attempts do.
    const pulledDeliveries = ctx.repo.mark('pulled_delivery');
    const wait = rows.findIndex((r) => r.delivery_seq !== null && Number(r.delivery_seq) > pulledDeliveries && r.delivery_node !== ctx.node);
    const take = wait === -1 ? rows : rows.slice(0, wait);
    if (take.length === 0) return;
    const changed = ctx.repo.transaction(() => {
      const deliveries = new Set<number>();
      for (const r of take) {
        if (r.node === ctx.node) continue;
        const deliveryId = r.delivery_node === ctx.node ? Number(r.delivery_id) : ctx.repo.deliveryByOrigin({ node: r.delivery_node, id: Number(r.delivery_id) });
        if (deliveryId === undefined) continue;
        if (ctx.documents.store(deliveryId, { node: r.node, id: Number(r.local_id) }, r.document, r.bytes)) deliveries.add(deliveryId);
      }
      ctx.repo.setMark('pulled_document', Number(take.at(-1)!.seq));
      return deliveries;
    });
    for (const id of changed) ctx.changed(id);
    if (take.length < BATCH) return;
  }
}
