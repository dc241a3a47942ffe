// The team's retention in PostgreSQL: deliveries received before a time, or beyond the newest N,
// and the replay attempts and documents that belonged to them, in one transaction.
import type pg from 'pg';
import { withClient } from './push.js';

export function pruneBefore(pool: pg.Pool, before: number): Promise<number> {
  return prune(pool, 'DELETE FROM team_deliveries WHERE received_at < $1', [before]);
}

/** Keeps the newest `count` deliveries by seq (the order nodes pull in). */
export function pruneBeyond(pool: pg.Pool, count: number): Promise<number> {
  return prune(pool, 'DELETE FROM team_deliveries WHERE seq <= (SELECT seq FROM team_deliveries ORDER BY seq DESC LIMIT 1 OFFSET $1)', [count]);
}

async function prune(pool: pg.Pool, sql: string, params: unknown[]): Promise<number> {
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const { rowCount } = await client.query(sql, params);
      const orphans = 'NOT EXISTS (SELECT 1 FROM team_deliveries d WHERE d.node = t.delivery_node AND d.local_id = t.delivery_id)';
      await client.query(`DELETE FROM team_replay_attempts t WHERE ${orphans}`);
      await client.query(`DELETE FROM team_documents t WHERE ${orphans}`);
      await client.query('COMMIT');
      return rowCount ?? 0;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
