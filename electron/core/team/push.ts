// Push: what this node captured (and the replays it sent) for shared endpoints goes to PostgreSQL.
// The outbox is the local store read past a high-water mark (store/team-repository.ts); the mark
// moves only after PostgreSQL committed, and inserts are idempotent on (node, local_id), so a crash
// anywhere in between pushes the same rows again and nothing twice.
import type pg from 'pg';
import type { OutboxAttempt, OutboxDelivery, TeamRepository } from '../store/team-repository.js';
import { CHANNEL, PUSH_LOCK } from './pg-schema.js';

/** Rows per PostgreSQL transaction (one multi-row INSERT), and at most this much of their bodies. */
const BATCH = 200;
const BATCH_BYTES = 16 * 1024 * 1024;
/** Replay attempts carry an edited body and up to 1 MiB of response: fewer per transaction. */
const ATTEMPT_BATCH = 20;

const DELIVERY_COLUMNS = [
  'node', 'local_id', 'endpoint', 'received_at', 'method', 'url', 'http_version', 'raw_headers', 'headers_truncated', 'body',
  'body_sha256', 'content_type', 'remote_address', 'via_tunnel', 'response_status', 'response_headers', 'response_body',
  'rejected', 'imported', 'handshake', 'failed_scope', 'handled_ms',
] as const;

function deliveryValues(node: string, d: OutboxDelivery): unknown[] {
  return [
    node, d.id, d.endpoint, d.receivedAt, d.method, d.url, d.httpVersion, d.rawHeaders, d.headersTruncated, d.body,
    d.bodySha256, d.contentType, d.remoteAddress, d.viaTunnel, d.responseStatus, d.responseHeaders, d.responseBody,
    d.rejected, d.imported, d.handshake, d.failedScope, d.handledMs,
  ];
}

/** `($1, $2, …), (…)` for `rows` rows of `width` parameters. */
function placeholders(rows: number, width: number): string {
  return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
}

export interface PushContext {
  pool: pg.Pool;
  repo: TeamRepository;
  node: string;
  shareAll: boolean;
}

/**
 * Runs `fn` with a pooled client. A checked-out client has no error listener of the pool's: if the
 * connection dies between two queries (PostgreSQL restarted) its 'error' event would end the
 * process, so one is attached while it is out, and a client that failed is destroyed, not reused.
 */
export async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  const onError = (error: Error) => (failure = error);
  client.on('error', onError);
  try {
    return await fn(client);
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(failure);
  }
}

/** Runs `fn` in a transaction that holds the writers' lock (seq values commit in order), then NOTIFYs. */
export function writeInOrder(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  return withClient(pool, async (client) => {
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
      await fn(client);
      // NOTIFY is delivered at commit, to every listener; the payload is only a hint.
      await client.query(`SELECT pg_notify($1, 'new')`, [CHANNEL]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/** One query on a guarded pooled client. */
export function query<R extends pg.QueryResultRow>(pool: pg.Pool, sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
  return withClient(pool, (client) => client.query<R>(sql, params));
}

/** Pushes every shared delivery captured here past the mark; returns how many were sent. */
export async function pushDeliveries({ pool, repo, node, shareAll }: PushContext): Promise<number> {
  let pushed = 0;
  for (let round = 0; round < 1000; round++) {
    const after = repo.mark('pushed_delivery');
    const rows = repo.deliveriesAfter(after, BATCH, BATCH_BYTES);
    if (rows.length === 0) break;
    const mine = rows.filter((d) => d.originNode === null && (d.shared || shareAll));
    if (mine.length > 0) {
      await writeInOrder(pool, async (client) => {
        await client.query(
          `INSERT INTO team_deliveries (${DELIVERY_COLUMNS.join(', ')}) VALUES ${placeholders(mine.length, DELIVERY_COLUMNS.length)}
           ON CONFLICT (node, local_id) DO NOTHING`,
          mine.flatMap((d) => deliveryValues(node, d)),
        );
        await dropDeleted(client, node, mine.map((d) => d.id));
      });
    }
    repo.setMark('pushed_delivery', rows.at(-1)!.id);
    pushed += mine.length;
  }
  return pushed;
}

/**
 * Drops rows this push just inserted that the team deleted meanwhile: a node killed after
 * PostgreSQL committed its push but before it moved its mark pushes them again (its insert is
 * idempotent only while the row exists), and a node that captured for an endpoint another node
 * deleted pushes before it hears of the deletion.
 */
async function dropDeleted(client: pg.ClientBase, node: string, ids: number[]): Promise<void> {
  await client.query(
    `DELETE FROM team_deliveries d WHERE d.node = $1 AND d.local_id = ANY($2::bigint[]) AND (
       EXISTS (SELECT 1 FROM team_tombstones t WHERE t.node = d.node AND t.local_id = d.local_id)
       OR EXISTS (SELECT 1 FROM team_endpoints e WHERE e.slug = d.endpoint AND e.deleted))`,
    [node, ids],
  );
}

/** Pushes the replay attempts this node made on shared deliveries. */
export async function pushAttempts({ pool, repo, node, shareAll }: PushContext): Promise<number> {
  let pushed = 0;
  for (let round = 0; round < 1000; round++) {
    const rows = repo.attemptsAfter(repo.mark('pushed_attempt'), ATTEMPT_BATCH);
    if (rows.length === 0) break;
    const mine = rows.filter((a) => a.originNode === null && (a.shared || shareAll));
    if (mine.length > 0) await writeInOrder(pool, (client) => insertAttempts(client, node, mine));
    repo.setMark('pushed_attempt', rows.at(-1)!.id);
    pushed += mine.length;
    if (rows.length < ATTEMPT_BATCH) break;
  }
  return pushed;
}

async function insertAttempts(client: pg.PoolClient, node: string, attempts: OutboxAttempt[]): Promise<void> {
  const values = attempts.flatMap((a) => {
    const { request_body, response_body, local_delivery_id, ...columns } = a.columns;
    const delivery = a.delivery ?? { node, id: local_delivery_id as number };
    return [node, a.id, delivery.node, delivery.id, JSON.stringify(columns), request_body ?? null, response_body ?? null];
  });
  await client.query(
    `INSERT INTO team_replay_attempts (node, local_id, delivery_node, delivery_id, attempt, request_body, response_body)
     VALUES ${placeholders(attempts.length, 7)} ON CONFLICT (node, local_id) DO NOTHING`,
    values,
  );
}
