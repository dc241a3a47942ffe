// Deletions are the team's: deleting a shared delivery, clearing a shared endpoint's deliveries or
// deleting a shared endpoint on one node deletes them on every node. The node that deletes logs the
// deletion in its SQLite file in the transaction that deletes (store/team-outbox-repository.ts);
// the push deletes the rows from PostgreSQL and leaves a tombstone per deleted delivery, in one
// transaction under the writers' lock; every node pages on the tombstones' seq and deletes its copy.
// Applying a tombstone twice, or one of a delivery a node never had, does nothing.
import type pg from 'pg';
import type { DeliveryOrigin } from '../store/delivery-repository.js';
import type { TeamOutboxRepository } from '../store/team-outbox-repository.js';
import type { TeamRepository } from '../store/team-repository.js';
import { query, writeInOrder } from './push.js';

const PUSH_BATCH = 100;
const PULL_BATCH = 1000;

export interface DeletionContext {
  pool: pg.Pool;
  repo: TeamRepository;
  outbox: TeamOutboxRepository;
  node: string;
  shareAll: boolean;
  /** delivery.deleted for these copies (the delivery service). */
  deleted: (ids: number[]) => void;
  /** deliveries.cleared for an endpoint a clear elsewhere emptied here (the delivery service). */
  cleared: (endpoint: string) => void;
}

/**
 * Deletes the deliveries `where` selects from PostgreSQL, with their replay attempts and documents,
 * and leaves a tombstone for each (`cleared`: the endpoint a clear emptied). Call under the
 * writers' lock (writeInOrder): tombstones' seq values then commit in order.
 */
export async function removeDeliveries(client: pg.ClientBase, by: string, where: string, params: unknown[], cleared: string | null): Promise<void> {
  const n = params.length;
  await client.query(
    `WITH gone AS (DELETE FROM team_deliveries WHERE ${where} RETURNING node, local_id),
       attempts AS (DELETE FROM team_replay_attempts a USING gone g WHERE a.delivery_node = g.node AND a.delivery_id = g.local_id),
       documents AS (DELETE FROM team_documents x USING gone g WHERE x.delivery_node = g.node AND x.delivery_id = g.local_id)
     INSERT INTO team_tombstones (node, local_id, cleared, deleted_by) SELECT node, local_id, $${n + 1}, $${n + 2} FROM gone`,
    [...params, cleared, by],
  );
}

/** Pushes the deletions logged here (those of shared endpoints; every one with --share-all). */
export async function pushDeletions(ctx: DeletionContext): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    const rows = ctx.outbox.deletions(PUSH_BATCH);
    if (rows.length === 0) return;
    const team = rows.filter((r) => r.shared || ctx.shareAll);
    if (team.length > 0) {
      await writeInOrder(ctx.pool, async (client) => {
        for (const r of team) {
          if (r.delivery) await removeOne(client, ctx.node, { node: r.delivery.node ?? ctx.node, id: r.delivery.id });
          // A clear removes what this node held when it cleared: its own deliveries up to its id
          // then, other nodes' up to its pull mark then (not what they captured since).
          else await removeDeliveries(client, ctx.node, 'endpoint = $1 AND ((node = $2 AND local_id <= $3) OR (node <> $2 AND seq <= $4))', [r.endpoint, ctx.node, r.throughLocal, r.throughSeq], r.endpoint);
        }
      });
    }
    ctx.outbox.forgetDeletions(rows.at(-1)!.id);
  }
}

/** One delivery; its tombstone is written even when PostgreSQL does not have it (yet): a later push of it is then dropped. */
async function removeOne(client: pg.ClientBase, by: string, delivery: DeliveryOrigin): Promise<void> {
  await removeDeliveries(client, by, 'node = $1 AND local_id = $2', [delivery.node, delivery.id], null);
  await client.query(
    `INSERT INTO team_tombstones (node, local_id, cleared, deleted_by) SELECT $1, $2, NULL, $3
     WHERE NOT EXISTS (SELECT 1 FROM team_tombstones WHERE node = $1 AND local_id = $2)`,
    [delivery.node, delivery.id, by],
  );
}

interface TombstoneRow {
  seq: string;
  node: string;
  local_id: string;
  cleared: string | null;
}

/** Deletes this node's copies of what other nodes deleted (and, for its own deliveries, its originals). */
export async function pullTombstones(ctx: DeletionContext): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    const { rows } = await query<TombstoneRow>(
      ctx.pool,
      'SELECT seq, node, local_id, cleared FROM team_tombstones WHERE seq > $1 ORDER BY seq LIMIT $2',
      [ctx.repo.mark('pulled_tombstone'), PULL_BATCH],
    );
    if (rows.length === 0) return;
    const { deleted, cleared } = ctx.outbox.transaction(() => {
      const ids: number[] = [];
      const endpoints = new Set<string>();
      for (const r of rows) {
        const local = r.node === ctx.node ? Number(r.local_id) : ctx.repo.deliveryByOrigin({ node: r.node, id: Number(r.local_id) });
        if (local === undefined || !ctx.outbox.deleteCopy(local)) continue;
        if (r.cleared === null) ids.push(local);
        else endpoints.add(r.cleared);
      }
      ctx.repo.setMark('pulled_tombstone', Number(rows.at(-1)!.seq));
      return { deleted: ids, cleared: endpoints };
    });
    if (deleted.length > 0) ctx.deleted(deleted);
    for (const endpoint of cleared) ctx.cleared(endpoint);
    if (rows.length < PULL_BATCH) return;
  }
}
