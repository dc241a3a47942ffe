// Pull: rows other nodes pushed, read by seq past this node's mark, stored in the local SQLite with
// their origin (the mark moves in the same transaction, so a crash re-reads nothing twice and skips
// nothing) and announced through the one delivery pipeline: the list, the API, search, duplicate
// grouping and the endpoint's reports then cover the team's history without knowing about it.
import type pg from 'pg';
import type { HeaderPair } from '../../contract/index.js';
import type { NewDelivery } from '../store/delivery-repository.js';
import type { TeamRepository } from '../store/team-repository.js';
import { query } from './push.js';

const BATCH = 500;
/** Bodies go up to the body limit (100 MiB): a batch stops at this much of them (at least one row). */
const BATCH_BYTES = 16 * 1024 * 1024;
/** Replay attempts carry an edited body and up to 1 MiB of response: fewer per read. */
const ATTEMPT_BATCH = 20;

interface DeliveryRow {
  seq: string;
  node: string;
  local_id: string;
  endpoint: string;
  received_at: string;
  method: string;
  url: string;
  http_version: string;
  raw_headers: string;
  headers_truncated: boolean;
  body: Buffer | null;
  body_sha256: string;
  content_type: string | null;
  remote_address: string | null;
  via_tunnel: boolean;
  response_status: number;
  response_headers: string;
  response_body: string;
  rejected: string | null;
  imported: boolean;
  handshake: string | null;
  failed_scope: string | null;
  handled_ms: number | null;
  endpoint_deleted: boolean;
}

export interface PullContext {
  pool: pg.Pool;
  repo: TeamRepository;
  node: string;
  /** The local endpoint id for a team slug (created when this node has none yet). */
  endpointId: (slug: string) => number;
  replicate: (batch: NewDelivery[], within: (ids: number[]) => void) => number[];
  /** A replicated replay attempt was stored (replay.completed). */
  attemptStored: (id: number) => void;
}

function toNewDelivery(row: DeliveryRow, endpointId: number): NewDelivery {
  return {
    endpointId,
    receivedAt: Number(row.received_at),
    method: row.method,
    url: row.url,
    httpVersion: row.http_version,
    rawHeaders: JSON.parse(row.raw_headers) as HeaderPair[],
    headersTruncated: row.headers_truncated,
    body: row.body ?? Buffer.alloc(0),
    bodySha256: row.body_sha256,
    contentType: row.content_type,
    remoteAddress: row.remote_address,
    viaTunnel: row.via_tunnel,
    response: { status: row.response_status, headers: JSON.parse(row.response_headers) as HeaderPair[], body: row.response_body },
    rejected: row.rejected,
    imported: row.imported,
    handshake: row.handshake === null ? null : JSON.parse(row.handshake),
    origin: { node: row.node, id: Number(row.local_id) },
    failedScope: row.failed_scope,
  };
}

/** Stores what other nodes pushed since the mark; returns how many deliveries were new here. */
export async function pullDeliveries(ctx: PullContext): Promise<number> {
  let pulled = 0;
  for (let round = 0; round < 1000; round++) {
    const after = ctx.repo.mark('pulled_delivery');
    const until = await batchEnd(ctx, after);
    if (until === null) break;
    // This node's own rows come back too (the mark must pass them) but without their bodies.
    const { rows } = await query<DeliveryRow>(
      ctx.pool,
      `SELECT d.seq, d.node, d.local_id, d.endpoint, d.received_at, d.method, d.url, d.http_version, d.raw_headers, d.headers_truncated,
        CASE WHEN d.node <> $2 THEN d.body END AS body, d.body_sha256, d.content_type, d.remote_address, d.via_tunnel, d.response_status,
        d.response_headers, d.response_body, d.rejected, d.imported, d.handshake, d.failed_scope, d.handled_ms,
        coalesce(e.deleted, false) AS endpoint_deleted
       FROM team_deliveries d LEFT JOIN team_endpoints e ON e.slug = d.endpoint WHERE d.seq > $1 AND d.seq <= $3 ORDER BY d.seq`,
      [after, ctx.node, until],
    );
    if (rows.length === 0) break;
    // A row of an endpoint the team deleted (pushed by a node before it heard) would bring it back: passed over.
    const fresh = rows.filter((r) => r.node !== ctx.node && !r.endpoint_deleted && ctx.repo.deliveryByOrigin({ node: r.node, id: Number(r.local_id) }) === undefined);
    const batch = fresh.map((r) => toNewDelivery(r, ctx.endpointId(r.endpoint)));
    const last = Number(rows.at(-1)!.seq);
    ctx.replicate(batch, (ids) => {
      // How long the sender waited, when the capturing node knew it before pushing.
      ids.forEach((id, i) => {
        const r = fresh[i]!;
        if (r.handled_ms !== null) ctx.repo.amend(id, { handledMs: r.handled_ms, responseStatus: r.response_status, responseHeaders: r.response_headers, responseBody: r.response_body });
      });
      ctx.repo.setMark('pulled_delivery', last);
    });
    pulled += batch.length;
  }
  return pulled;
}

/** The last seq of the next batch: up to BATCH rows or BATCH_BYTES of other nodes' bodies; null: nothing new. */
async function batchEnd(ctx: PullContext, after: number): Promise<number | null> {
  const { rows } = await query<{ seq: string; size: number }>(
    ctx.pool,
    `SELECT seq, CASE WHEN node <> $2 THEN octet_length(body) ELSE 0 END AS size FROM team_deliveries WHERE seq > $1 ORDER BY seq LIMIT $3`,
    [after, ctx.node, BATCH],
  );
  if (rows.length === 0) return null;
  let bytes = 0;
  let last = Number(rows[0]!.seq);
  for (const row of rows) {
    if (bytes > 0 && bytes + row.size > BATCH_BYTES) break;
    bytes += row.size;
    last = Number(row.seq);
  }
  return last;
}

interface AttemptRow {
  seq: string;
  node: string;
  local_id: string;
  delivery_node: string;
  delivery_id: string;
  attempt: Record<string, unknown>;
  request_body: Buffer | null;
  response_body: Buffer | null;
  delivery_seq: string | null;
}

/** Stores the replay attempts other nodes made on deliveries this node has. */
export async function pullAttempts(ctx: PullContext): Promise<number> {
  let pulled = 0;
  for (let round = 0; round < 1000; round++) {
    const { rows } = await query<AttemptRow>(
      ctx.pool,
      `SELECT a.seq, a.node, a.local_id, a.delivery_node, a.delivery_id, a.attempt, a.request_body, a.response_body, d.seq AS delivery_seq
       FROM team_replay_attempts a LEFT JOIN team_deliveries d ON d.node = a.delivery_node AND d.local_id = a.delivery_id
       WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`,
      [ctx.repo.mark('pulled_attempt'), ATTEMPT_BATCH],
    );
    // An attempt whose delivery this node has not pulled yet waits for the next round (it will
    // come: it is in PostgreSQL); one whose delivery was never shared is passed over.
    const pulledDeliveries = ctx.repo.mark('pulled_delivery');
    const ready = rows.findIndex((r) => r.delivery_seq !== null && Number(r.delivery_seq) > pulledDeliveries && r.delivery_node !== ctx.node);
    const take = ready === -1 ? rows : rows.slice(0, ready);
    if (take.length === 0) break;
    const stored = ctx.repo.transaction(() => {
      const ids: number[] = [];
      for (const r of take) {
        const origin = { node: r.node, id: Number(r.local_id) };
        if (r.node === ctx.node || ctx.repo.hasAttempt(origin)) continue;
        const deliveryId = r.delivery_node === ctx.node ? Number(r.delivery_id) : ctx.repo.deliveryByOrigin({ node: r.delivery_node, id: Number(r.delivery_id) });
        if (deliveryId === undefined) continue;
        const id = ctx.repo.addReplicatedAttempt(deliveryId, origin, { ...r.attempt, request_body: r.request_body, response_body: r.response_body });
        if (id !== undefined) ids.push(id);
      }
      ctx.repo.setMark('pulled_attempt', Number(take.at(-1)!.seq));
      return ids;
    });
    stored.forEach((id) => ctx.attemptStored(id));
    pulled += stored.length;
    if (take.length < ATTEMPT_BATCH) break;
  }
  return pulled;
}
