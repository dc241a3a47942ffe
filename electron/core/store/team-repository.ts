// Team mode's side of the SQLite file: this node's id, the push and pull high-water marks, and the
// rows still to push. The outbox is the deliveries table itself, read past a high-water mark: a
// delivery acknowledged to its sender is committed here first, so a node killed before it pushed
// pushes it when it runs again (the mark moves only after PostgreSQL has committed the rows).
import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from './database.js';
import type { DeliveryOrigin } from './delivery-repository.js';

export type TeamMark = 'pushed_delivery' | 'pushed_attempt' | 'pulled_delivery' | 'pulled_attempt' | 'pulled_endpoint' | 'pulled_setting' | 'pulled_document' | 'pushed_amend' | 'pulled_amend' | 'pulled_tombstone';

/** What changed on a delivery after its commit: the answer the sender got and how long it waited. */
export interface Amendment {
  handledMs: number | null;
  responseStatus: number;
  responseHeaders: string;
  responseBody: string;
}

/** A stored delivery as pushed: everything a node needs to store it as its own copy. */
export interface OutboxDelivery {
  id: number;
  endpoint: string;
  shared: boolean;
  originNode: string | null;
  receivedAt: number;
  method: string;
  url: string;
  httpVersion: string;
  rawHeaders: string;
  headersTruncated: boolean;
  body: Buffer;
  bodySha256: string;
  contentType: string | null;
  remoteAddress: string | null;
  viaTunnel: boolean;
  responseStatus: number;
  responseHeaders: string;
  responseBody: string;
  rejected: string | null;
  imported: boolean;
  handshake: string | null;
  failedScope: string | null;
  handledMs: number | null;
}

/** A replay attempt as pushed; `delivery` names its delivery team-wide. */
export interface OutboxAttempt {
  id: number;
  shared: boolean;
  originNode: string | null;
  delivery: DeliveryOrigin | null;
  /** The attempt's columns but its id and delivery id, as stored. */
  columns: Record<string, unknown>;
}

const ATTEMPT_COLUMNS = [
  'trigger', 'bulk_id', 'mode', 'target', 'started_at', 'duration_ms', 'request_method', 'request_url', 'request_headers',
  'request_body_size', 'request_body_sha256', 'signing', 'response_status', 'response_headers', 'response_body_size',
  'response_truncated', 'error_code', 'error_message', 'request_body', 'response_body',
] as const;

interface OutboxRow {
  id: number;
  endpoint: string;
  shared: number;
  origin_node: string | null;
  received_at: number;
  method: string;
  url: string;
  http_version: string;
  raw_headers: string;
  headers_truncated: number;
  body: Buffer;
  body_sha256: string;
  content_type: string | null;
  remote_address: string | null;
  via_tunnel: number;
  response_status: number;
  response_headers: string;
  response_body: string;
  rejected: string | null;
  imported: number;
  handshake: string | null;
  failed_scope: string | null;
  handled_ms: number | null;
}

export class TeamRepository {
  private readonly selectMark;
  private readonly upsertMark;
  private readonly selectOutbox;
  private readonly selectOutboxSizes;
  private readonly selectOutboxAttempts;
  private readonly countPending;
  private readonly selectByOrigin;
  private readonly selectAttemptByOrigin;
  private readonly insertAttempt;
  private readonly selectAmends;
  private readonly deleteAmends;
  private readonly updateAmended;
  private readonly selectAnyAmend;

  constructor(private readonly db: SqliteDatabase) {
    this.selectMark = db.prepare<[string], { value: string }>('SELECT value FROM team_state WHERE key = ?');
    this.upsertMark = db.prepare<[string, string]>('INSERT INTO team_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.selectOutboxSizes = db.prepare<[number, number], { id: number; body_size: number }>(
      'SELECT id, body_size FROM deliveries WHERE id > ? ORDER BY id LIMIT ?',
    );
    this.selectOutbox = db.prepare<[number, number], OutboxRow>(
      `SELECT d.id, e.slug AS endpoint, e.shared, d.origin_node, d.received_at, d.method, d.url, d.http_version, d.raw_headers,
        d.headers_truncated, b.body, d.body_sha256, d.content_type, d.remote_address, d.via_tunnel, d.response_status,
        d.response_headers, d.response_body, d.rejected, d.imported, d.handshake, d.failed_scope, d.handled_ms
       FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id JOIN delivery_bodies b ON b.delivery_id = d.id
       WHERE d.id > ? AND d.id <= ? ORDER BY d.id`,
    );
    this.selectOutboxAttempts = db.prepare<[number, number], Record<string, unknown>>(
      `SELECT a.id, e.shared, a.origin_node, d.id AS delivery_id, d.origin_node AS delivery_node, d.origin_id AS delivery_origin_id,
        ${ATTEMPT_COLUMNS.map((c) => `a.${c}`).join(', ')}
       FROM replay_attempts a JOIN deliveries d ON d.id = a.delivery_id JOIN endpoints e ON e.id = d.endpoint_id
       WHERE a.id > ? ORDER BY a.id LIMIT ?`,
    );
    this.countPending = db.prepare<[number, number], { n: number }>(
      `SELECT count(*) AS n FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id
       WHERE d.id > ? AND d.origin_node IS NULL AND (e.shared = 1 OR ? = 1)`,
    );
    this.selectByOrigin = db.prepare<[string, number], { id: number }>('SELECT id FROM deliveries WHERE origin_node = ? AND origin_id = ?');
    this.selectAttemptByOrigin = db.prepare<[string, number], { id: number }>('SELECT id FROM replay_attempts WHERE origin_node = ? AND origin_id = ?');
    this.selectAmends = db.prepare<[number, number], { amend_id: number; id: number; shared: number; handled_ms: number | null; response_status: number; response_headers: string; response_body: string }>(
      `SELECT a.id AS amend_id, d.id, e.shared, d.handled_ms, d.response_status, d.response_headers, d.response_body
       FROM team_amends a JOIN deliveries d ON d.id = a.delivery_id JOIN endpoints e ON e.id = d.endpoint_id
       WHERE a.id > ? ORDER BY a.id LIMIT ?`,
    );
    this.deleteAmends = db.prepare<[number]>('DELETE FROM team_amends WHERE id <= ?');
    this.selectAnyAmend = db.prepare<[number], { id: number }>('SELECT id FROM team_amends WHERE id > ? LIMIT 1');
    this.updateAmended = db.prepare<[number | null, number, string, string, number]>(
      'UPDATE deliveries SET handled_ms = ?, response_status = ?, response_headers = ?, response_body = ? WHERE id = ?',
    );
    this.insertAttempt = db.prepare(
      `INSERT INTO replay_attempts (delivery_id, origin_node, origin_id, ${ATTEMPT_COLUMNS.join(', ')})
       VALUES (@delivery_id, @origin_node, @origin_id, ${ATTEMPT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
  }

  /** This node's id in the team: made once, kept in the file (a copied data folder is the same node). */
  nodeId(): string {
    const existing = this.selectMark.get('node_id')?.value;
    if (existing) return existing;
    const id = randomUUID();
    this.upsertMark.run('node_id', id);
    return id;
  }

  mark(name: TeamMark): number {
    return Number(this.selectMark.get(name)?.value ?? 0);
  }

  /** Call inside the transaction that stores what the mark covers (pull), or after the remote commit (push). */
  setMark(name: TeamMark, value: number): void {
    this.upsertMark.run(name, String(value));
  }

  /**
   * The deliveries after `afterId`, oldest first, shared or not (the caller pushes the shared ones
   * captured here, and moves its mark past all of them).
   */
  deliveriesAfter(afterId: number, limit: number, maxBytes: number): OutboxDelivery[] {
    // Bodies go up to the body limit (100 MiB): a batch holds `limit` rows or `maxBytes` of bodies,
    // whichever comes first, and always at least one row.
    const sizes = this.selectOutboxSizes.all(afterId, limit);
    if (sizes.length === 0) return [];
    let bytes = 0;
    let last = sizes[0]!.id;
    for (const { id, body_size } of sizes) {
      if (bytes > 0 && bytes + body_size > maxBytes) break;
      bytes += body_size;
      last = id;
    }
    return this.selectOutbox.all(afterId, last).map((r) => ({
      id: r.id,
      endpoint: r.endpoint,
      shared: r.shared === 1,
      originNode: r.origin_node,
      receivedAt: r.received_at,
      method: r.method,
      url: r.url,
      httpVersion: r.http_version,
      rawHeaders: r.raw_headers,
      headersTruncated: r.headers_truncated === 1,
      body: r.body,
      bodySha256: r.body_sha256,
      contentType: r.content_type,
      remoteAddress: r.remote_address,
      viaTunnel: r.via_tunnel === 1,
      responseStatus: r.response_status,
      responseHeaders: r.response_headers,
      responseBody: r.response_body,
      rejected: r.rejected,
      imported: r.imported === 1,
      handshake: r.handshake,
      failedScope: r.failed_scope,
      handledMs: r.handled_ms,
    }));
  }

  /** Replay attempts after `afterId`, each with its delivery's team-wide name (null: the delivery is this node's own). */
  attemptsAfter(afterId: number, limit: number): OutboxAttempt[] {
    return this.selectOutboxAttempts.all(afterId, limit).map((row) => {
      const columns: Record<string, unknown> = {};
      for (const c of ATTEMPT_COLUMNS) columns[c] = row[c];
      const node = row.delivery_node as string | null;
      return {
        id: row.id as number,
        shared: row.shared === 1,
        originNode: row.origin_node as string | null,
        delivery: node === null ? null : { node, id: row.delivery_origin_id as number },
        columns: { ...columns, local_delivery_id: row.delivery_id },
      };
    });
  }

  /**
   * Amendments logged after `afterId` (the trigger in migration 10), with the delivery's current
   * answer; `last` is the log's last id read, for the mark.
   */
  amendsAfter(afterId: number, limit: number): { last: number | null; rows: Array<Amendment & { id: number; shared: boolean }> } {
    const rows = this.selectAmends.all(afterId, limit);
    return {
      last: rows.at(-1)?.amend_id ?? null,
      rows: rows.map((r) => ({ id: r.id, shared: r.shared === 1, handledMs: r.handled_ms, responseStatus: r.response_status, responseHeaders: r.response_headers, responseBody: r.response_body })),
    };
  }

  /** Whether amendments wait to be pushed (one index probe: the team loop looks often). */
  amendsWaiting(): boolean {
    return this.selectAnyAmend.get(this.mark('pushed_amend')) !== undefined;
  }

  /** The amendments up to `id` are in PostgreSQL: the log is kept short. */
  forgetAmends(id: number): void {
    this.deleteAmends.run(id);
  }

  /** Team mode on: log amendments for the team loop. Off (a start without --team): stop, and forget the log. */
  setAmendLog(on: boolean): void {
    if (on) this.upsertMark.run('amend_log', '1');
    // A read first: a node that never joined a team writes nothing at start (the store may be busy).
    else if (this.selectMark.get('amend_log')) this.transaction(() => {
      this.db.prepare("DELETE FROM team_state WHERE key = 'amend_log'").run();
      this.db.prepare('DELETE FROM team_amends').run();
    });
  }

  /** Another node's amendment applied to this node's copy. */
  amend(deliveryId: number, a: Amendment): void {
    this.updateAmended.run(a.handledMs, a.responseStatus, a.responseHeaders, a.responseBody, deliveryId);
  }

  /** Shared deliveries captured here and not pushed yet. */
  pendingPush(afterId: number, shareAll: boolean): number {
    return this.countPending.get(afterId, shareAll ? 1 : 0)!.n;
  }

  /** This node's id for a delivery another node captured, if it has it. */
  deliveryByOrigin(origin: DeliveryOrigin): number | undefined {
    return this.selectByOrigin.get(origin.node, origin.id)?.id;
  }

  hasAttempt(origin: DeliveryOrigin): boolean {
    return this.selectAttemptByOrigin.get(origin.node, origin.id) !== undefined;
  }

  /** A replay attempt another node made, stored against this node's copy of its delivery. */
  addReplicatedAttempt(deliveryId: number, origin: DeliveryOrigin, columns: Record<string, unknown>): number | undefined {
    const row: Record<string, unknown> = { delivery_id: deliveryId, origin_node: origin.node, origin_id: origin.id };
    for (const c of ATTEMPT_COLUMNS) row[c] = columns[c] ?? null;
    try {
      return Number(this.insertAttempt.run(row).lastInsertRowid);
    } catch (error) {
      // This node deleted its copy of the delivery: the attempt has nothing to belong to here.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return undefined;
      throw error;
    }
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
