import type { Delivery, DeliverySummary, HandshakeInfo, HeaderPair, SentResponse, VerificationStatus, ProviderInfo } from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

/** A stored request as received, to replay or analyse again. */
export interface RawDelivery {
  endpointId: number;
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Buffer;
  contentType: string | null;
  rejected: boolean;
}

/** A delivery as the capture listener hands it to the store. */
export interface NewDelivery {
  endpointId: number;
  receivedAt: number;
  method: string;
  url: string;
  httpVersion: string;
  rawHeaders: HeaderPair[];
  headersTruncated: boolean;
  body: Buffer;
  bodySha256: string;
  contentType: string | null;
  remoteAddress: string | null;
  viaTunnel: boolean;
  response: SentResponse;
  rejected: string | null;
  /** From a HAR/JSON import rather than the listener; absent = false. */
  imported?: boolean;
  /** An endpoint-validation handshake answered (or held) for the user; absent = none. */
  handshake?: HandshakeInfo | null;
  /** "Fail the first N" failed it on purpose, counted in this scope; absent = not. */
  failedScope?: string | null;
  /** Team mode: captured by another node (its id and its own id for the delivery); absent = here. */
  origin?: DeliveryOrigin | null;
}

/** Where a replicated delivery (or replay attempt) was first stored: a team node and its local id. */
export interface DeliveryOrigin {
  node: string;
  id: number;
}

type InsertRow = [
  endpointId: number,
  receivedAt: number,
  method: string,
  url: string,
  httpVersion: string,
  rawHeaders: string,
  headersTruncated: number,
  bodySize: number,
  bodySha256: string,
  contentType: string | null,
  remoteAddress: string | null,
  viaTunnel: number,
  responseStatus: number,
  responseHeaders: string,
  responseBody: string,
  rejected: string | null,
  imported: number,
  handshake: string | null,
  originNode: string | null,
  originId: number | null,
  failedScope: string | null,
];

const SUMMARY_COLUMNS = `d.id, e.slug AS endpoint, d.received_at, d.method, d.url, d.body_size, d.content_type,
  d.response_status, d.via_tunnel, d.headers_truncated, d.rejected, d.imported, v.status AS verification,
  r.provider AS provider, r.attempt AS attempt, d.handshake, d.origin_node`;

interface SummaryRow {
  id: number;
  endpoint: string;
  received_at: number;
  method: string;
  url: string;
  body_size: number;
  content_type: string | null;
  response_status: number;
  via_tunnel: number;
  headers_truncated: number;
  rejected: string | null;
  imported: number;
  verification: VerificationStatus | null;
  provider: string | null;
  attempt: number | null;
  handshake: string | null;
  origin_node: string | null;
}

interface DetailRow extends SummaryRow {
  handled_ms: number | null;
  http_version: string;
  raw_headers: string;
  body_sha256: string;
  remote_address: string | null;
  response_headers: string;
  response_body: string;
}

/** Splits a raw request target at its first `?` without decoding anything. */
export function splitTarget(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

function toSummary(row: SummaryRow): DeliverySummary {
  return {
    id: row.id,
    endpoint: row.endpoint,
    receivedAt: new Date(row.received_at).toISOString(),
    method: row.method,
    ...splitTarget(row.url),
    bodySize: row.body_size,
    contentType: row.content_type,
    responseStatus: row.response_status,
    viaTunnel: row.via_tunnel === 1,
    headersTruncated: row.headers_truncated === 1,
    rejected: row.rejected,
    verification: row.verification,
    imported: row.imported === 1,
    provider: providerBadge(row.provider),
    attempt: row.attempt,
    handshake: row.handshake === null ? null : (JSON.parse(row.handshake) as HandshakeInfo),
    node: row.origin_node,
  };
}

/**
 * The summary of a delivery just committed, before any analysis: the same builder as a stored
 * row's (toSummary), fed the fields the listener already holds, so no read follows each commit.
 */
export function newDeliverySummary(id: number, endpointSlug: string, d: NewDelivery): DeliverySummary {
  return toSummary({
    id,
    endpoint: endpointSlug,
    received_at: d.receivedAt,
    method: d.method,
    url: d.url,
    body_size: d.body.length,
    content_type: d.contentType,
    response_status: d.response.status,
    via_tunnel: d.viaTunnel ? 1 : 0,
    headers_truncated: d.headersTruncated ? 1 : 0,
    rejected: d.rejected,
    imported: d.imported ? 1 : 0,
    verification: null,
    provider: null,
    attempt: null,
    handshake: d.handshake ? JSON.stringify(d.handshake) : null,
    origin_node: d.origin?.node ?? null,
  });
}

/** The list shows a badge; the full ProviderInfo is in the detail. */
function providerBadge(json: string | null): DeliverySummary['provider'] {
  if (json === null) return null;
  const { id, name, event, outcome, summary } = JSON.parse(json) as ProviderInfo;
  return { id, name, event, outcome, summary };
}

export class DeliveryRepository {
  private readonly insertMeta;
  private readonly insertBody;
  private readonly selectSummary;
  private readonly selectSummaries;
  private readonly pageAll;
  private readonly pageByEndpoint;
  private readonly selectDetail;
  private readonly selectBody;
  private readonly deleteOne;
  private readonly deleteAll;
  private readonly deleteByEndpoint;
  private readonly deleteOlderThan;
  private readonly deleteBeyondCount;
  private readonly insertBatch;
  private readonly updateHandledBatch;
  private readonly selectAnswers;
  private readonly selectTraffic;
  private readonly selectRaw;
  private readonly selectUnanalysed;
  private readonly selectIdsByEndpoint;
  private readonly updateResponse;
  private readonly updateHandshake;
  private readonly countAll;
  private readonly countByEndpoint;
  constructor(private readonly db: SqliteDatabase) {
    this.countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM deliveries');
    this.countByEndpoint = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM deliveries WHERE endpoint_id = (SELECT id FROM endpoints WHERE slug = ?)',
    );
    // Positional parameters: binding 16 named ones costs measurably more on the capture path.
    this.insertMeta = db.prepare<InsertRow>(`INSERT INTO deliveries (endpoint_id, received_at, method, url, http_version,
      raw_headers, headers_truncated, body_size, body_sha256, content_type, remote_address, via_tunnel,
      response_status, response_headers, response_body, rejected, imported, handshake, origin_node, origin_id, failed_scope)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertBody = db.prepare<[number | bigint, Buffer]>('INSERT INTO delivery_bodies (delivery_id, body) VALUES (?, ?)');
    const from = `FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id LEFT JOIN verifications v ON v.delivery_id = d.id
      LEFT JOIN recognitions r ON r.delivery_id = d.id`;
    this.selectSummary = db.prepare<[number], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} ${from} WHERE d.id = ?`);
    this.selectSummaries = db.prepare<[string], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} ${from} WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.id`,
    );
    this.pageAll = db.prepare<[number, number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} ${from} WHERE d.id < ? ORDER BY d.id DESC LIMIT ?`,
    );
    this.pageByEndpoint = db.prepare<[string, number, number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} ${from} WHERE e.slug = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?`,
    );
    this.selectDetail = db.prepare<[number], DetailRow>(
      `SELECT ${SUMMARY_COLUMNS}, d.http_version, d.raw_headers, d.body_sha256, d.remote_address,
        d.response_headers, d.response_body, d.handled_ms ${from} WHERE d.id = ?`,
    );
    this.selectBody = db.prepare<[number], { body: Buffer }>('SELECT body FROM delivery_bodies WHERE delivery_id = ?');
    this.deleteOne = db.prepare<[number]>('DELETE FROM deliveries WHERE id = ?');
    this.deleteAll = db.prepare('DELETE FROM deliveries');
    this.deleteByEndpoint = db.prepare<[string]>(
      'DELETE FROM deliveries WHERE endpoint_id = (SELECT id FROM endpoints WHERE slug = ?)',
    );
    this.deleteOlderThan = db.prepare<[number]>('DELETE FROM deliveries WHERE received_at < ?');
    this.deleteBeyondCount = db.prepare<[number]>(
      'DELETE FROM deliveries WHERE id <= (SELECT id FROM deliveries ORDER BY id DESC LIMIT 1 OFFSET ?)',
    );
    this.selectRaw = db.prepare<[number], { endpoint_id: number; method: string; url: string; raw_headers: string; body: Buffer; content_type: string | null; rejected: string | null }>(
      `SELECT d.endpoint_id, d.method, d.url, d.raw_headers, b.body, d.content_type, d.rejected
       FROM deliveries d JOIN delivery_bodies b ON b.delivery_id = d.id WHERE d.id = ?`,
    );
    this.selectUnanalysed = db.prepare<[number], { id: number }>(
      `SELECT d.id FROM deliveries d
       WHERE d.id > (SELECT coalesce(max(id), 0) FROM deliveries) - ?
         AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.delivery_id = d.id)
       ORDER BY d.id`,
    );
    this.selectIdsByEndpoint = db.prepare<[string], { id: number }>(
      'SELECT d.id FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id WHERE e.slug = ? ORDER BY d.id',
    );
    this.updateResponse = db.prepare<[number, string, string, number]>(
      'UPDATE deliveries SET response_status = ?, response_headers = ?, response_body = ? WHERE id = ?',
    );
    this.updateHandshake = db.prepare<[string, number]>('UPDATE deliveries SET handshake = ? WHERE id = ?');
    const updateHandled = db.prepare<[number, number]>('UPDATE deliveries SET handled_ms = ? WHERE id = ?');
    this.updateHandledBatch = (times: readonly { id: number; handledMs: number }[]) => {
      for (const t of times) updateHandled.run(t.handledMs, t.id);
    };
    this.selectAnswers = db.prepare<[number, number], { received_at: number; response_status: number; response_body: string; handled_ms: number | null }>(
      'SELECT received_at, response_status, response_body, handled_ms FROM deliveries WHERE endpoint_id = ? AND received_at >= ? AND rejected IS NULL ORDER BY id',
    );
    // Captured deliveries only: an import carries its original times and is not traffic. JS numbers
    // bind as REAL, so the bucket index is cast back to an integer.
    this.selectTraffic = db.prepare<[{ from: number; to: number; bucketMs: number; endpointId: number }], { slot: number; status: number; rejected: number; count: number }>(
      `SELECT CAST((received_at - @from) / @bucketMs AS INTEGER) AS slot, response_status AS status, rejected IS NOT NULL AS rejected, COUNT(*) AS count
       FROM deliveries WHERE endpoint_id = @endpointId AND received_at >= @from AND received_at < @to AND imported = 0
       GROUP BY slot, status, rejected`,
    );
    // One transaction for a whole batch: the group commit's point.
    this.insertBatch = db.transaction((batch: readonly NewDelivery[]): number[] => batch.map((d) => this.insertOne(d)));
  }

  private insertOne(d: NewDelivery): number {
    const { lastInsertRowid } = this.insertMeta.run(
      d.endpointId,
      d.receivedAt,
      d.method,
      d.url,
      d.httpVersion,
      JSON.stringify(d.rawHeaders),
      d.headersTruncated ? 1 : 0,
      d.body.length,
      d.bodySha256,
      d.contentType,
      d.remoteAddress,
      d.viaTunnel ? 1 : 0,
      d.response.status,
      JSON.stringify(d.response.headers),
      d.response.body,
      d.rejected,
      d.imported ? 1 : 0,
      d.handshake ? JSON.stringify(d.handshake) : null,
      d.origin?.node ?? null,
      d.origin?.id ?? null,
      d.failedScope ?? null,
    );
    this.insertBody.run(lastInsertRowid, d.body);
    return Number(lastInsertRowid);
  }

  /** Stores a batch in one transaction and returns the new ids in batch order. */
  insertMany(batch: readonly NewDelivery[]): number[] {
    return this.insertBatch(batch);
  }

  /** What became of a handshake after it was stored (SNS: confirmed on the user's click). */
  setHandshake(id: number, handshake: HandshakeInfo): void {
    this.updateHandshake.run(JSON.stringify(handshake), id);
  }

  summary(id: number): DeliverySummary | undefined {
    const row = this.selectSummary.get(id);
    return row ? toSummary(row) : undefined;
  }

  /** Summaries of these deliveries (those still stored), in one query. */
  summaries(ids: readonly number[]): DeliverySummary[] {
    if (ids.length === 0) return [];
    return this.selectSummaries.all(JSON.stringify(ids)).map(toSummary);
  }

  /** Newest first; keyset paging on id so page N costs the same as page 1. */
  list(options: { endpoint?: string; before?: number; limit: number }): DeliverySummary[] {
    const before = options.before ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.endpoint === undefined
        ? this.pageAll.all(before, options.limit)
        : this.pageByEndpoint.all(options.endpoint, before, options.limit);
    return rows.map(toSummary);
  }

  /** How many deliveries there are (of an endpoint): one walk of the smallest index. */
  count(endpoint?: string): number {
    return (endpoint === undefined ? this.countAll.get() : this.countByEndpoint.get(endpoint))!.n;
  }

  /** The delivery with its body; verification, provider and duplicate come from their own tables. */
  get(id: number): Omit<Delivery, 'verification' | 'provider' | 'duplicate' | 'analysisFailures'> | undefined {
    const row = this.selectDetail.get(id);
    if (!row) return undefined;
    const body = this.body(id) ?? Buffer.alloc(0);
    const { verification: _status, provider: _provider, ...summary } = toSummary(row);
    return {
      ...summary,
      handledMs: row.handled_ms,
      url: row.url,
      httpVersion: row.http_version,
      headers: JSON.parse(row.raw_headers) as HeaderPair[],
      body: body.toString('base64'),
      bodySha256: row.body_sha256,
      remoteAddress: row.remote_address,
      response: {
        status: row.response_status,
        headers: JSON.parse(row.response_headers) as HeaderPair[],
        body: row.response_body,
      },
    };
  }

  /** What a verifier or a replay needs: the request as received, body as bytes. */
  raw(id: number): RawDelivery | undefined {
    const row = this.selectRaw.get(id);
    if (!row) return undefined;
    return {
      endpointId: row.endpoint_id,
      method: row.method,
      url: row.url,
      headers: JSON.parse(row.raw_headers) as HeaderPair[],
      body: row.body,
      contentType: row.content_type,
      rejected: row.rejected !== null,
    };
  }

  /**
   * Recent deliveries with no verification: stored, but their analysis was lost to a crash or a
   * close. Looks only at the last `window` deliveries, so start-up stays quick on a big store.
   */
  unanalysed(window: number): number[] {
    return this.selectUnanalysed.all(window).map((row) => row.id);
  }

  /** How long each sender waited for its answer (call inside the enrichment's transaction). */
  setHandledTimes(times: readonly { id: number; handledMs: number }[]): void {
    this.updateHandledBatch(times);
  }

  /** Handling times and answers of an endpoint's recent deliveries, for its deadline and error reports. */
  answersSince(endpointId: number, since: number): { at: number; status: number; body: string; handledMs: number | null }[] {
    return this.selectAnswers.all(endpointId, since).map((r) => ({ at: r.received_at, status: r.response_status, body: r.response_body, handledMs: r.handled_ms }));
  }

  /** Deliveries of an endpoint in [from, to) counted per bucket of `bucketMs` and answer status. */
  trafficGroups(endpointId: number, from: number, to: number, bucketMs: number): { slot: number; status: number; rejected: boolean; count: number }[] {
    return this.selectTraffic.all({ from, to, bucketMs, endpointId }).map((r) => ({ slot: r.slot, status: r.status, rejected: r.rejected === 1, count: r.count }));
  }

  /** Records what the sender actually got when it differs from the rule (a relayed forward response). */
  setResponse(id: number, response: SentResponse): void {
    this.updateResponse.run(response.status, JSON.stringify(response.headers), response.body, id);
  }

  /** Oldest first. */
  idsOfEndpoint(slug: string): number[] {
    return this.selectIdsByEndpoint.all(slug).map((r) => r.id);
  }

  body(id: number): Buffer | undefined {
    return this.selectBody.get(id)?.body;
  }

  delete(id: number): number {
    return this.deleteOne.run(id).changes;
  }

  clear(endpoint?: string): number {
    return (endpoint === undefined ? this.deleteAll.run() : this.deleteByEndpoint.run(endpoint)).changes;
  }

  /** Deletes every delivery received before `time` (ms since epoch); returns how many. */
  deleteBefore(time: number): number {
    return this.deleteOlderThan.run(time).changes;
  }

  /** Applies a retention policy; returns how many deliveries it deleted. */
  prune(retention: { maxCount: number | null; maxAgeDays: number | null }, now: number): number {
    let deleted = 0;
    if (retention.maxAgeDays !== null) deleted += this.deleteOlderThan.run(now - retention.maxAgeDays * 86_400_000).changes;
    if (retention.maxCount !== null) deleted += this.deleteBeyondCount.run(retention.maxCount).changes;
    return deleted;
  }
}
