import type {
  HeaderPair,
  ReplayAttempt,
  ReplayAttemptSummary,
  ReplayErrorCode,
  ReplayMode,
  ReplaySigning,
  ReplayTrigger,
} from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

/** An attempt as the replay service hands it to the store. */
export interface NewReplayAttempt {
  deliveryId: number;
  trigger: ReplayTrigger;
  bulkId: string | null;
  mode: ReplayMode;
  target: string;
  startedAt: number;
  durationMs: number;
  request: { method: string; url: string; headers: HeaderPair[]; body: Buffer; bodySha256: string };
  /** The request body is byte for byte the delivery's: stored as NULL, read back from the delivery. */
  bodyIsOriginal: boolean;
  signing: ReplaySigning | null;
  response: { status: number; headers: HeaderPair[]; body: Buffer; bodySize: number; truncated: boolean } | null;
  error: { code: ReplayErrorCode; message: string } | null;
}

interface SummaryRow {
  id: number;
  delivery_id: number;
  trigger: ReplayTrigger;
  bulk_id: string | null;
  mode: ReplayMode;
  target: string;
  started_at: number;
  duration_ms: number;
  request_method: string;
  request_url: string;
  request_headers: string;
  request_body_size: number;
  signing: string | null;
  response_status: number | null;
  response_headers: string | null;
  response_body_size: number | null;
  response_truncated: number;
  error_code: ReplayErrorCode | null;
  error_message: string | null;
}

interface DetailRow extends SummaryRow {
  request_body: Buffer | null;
  original_body: Buffer | null;
  response_body: Buffer | null;
}

const SUMMARY_COLUMNS = `a.id, a.delivery_id, a.trigger, a.bulk_id, a.mode, a.target, a.started_at, a.duration_ms,
  a.request_method, a.request_url, a.request_headers, a.request_body_size, a.signing, a.response_status,
  a.response_headers, a.response_body_size, a.response_truncated, a.error_code, a.error_message`;

function toSummary(row: SummaryRow): ReplayAttemptSummary {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    target: row.target,
    mode: row.mode,
    trigger: row.trigger,
    bulkId: row.bulk_id,
    request: {
      method: row.request_method,
      url: row.request_url,
      headers: JSON.parse(row.request_headers) as HeaderPair[],
      bodySize: row.request_body_size,
    },
    response:
      row.response_status === null
        ? null
        : {
            status: row.response_status,
            headers: JSON.parse(row.response_headers ?? '[]') as HeaderPair[],
            bodySize: row.response_body_size ?? 0,
            truncated: row.response_truncated === 1,
          },
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    signing: row.signing === null ? null : (JSON.parse(row.signing) as ReplaySigning),
    durationMs: row.duration_ms,
    startedAt: new Date(row.started_at).toISOString(),
  };
}

type InsertRow = [
  deliveryId: number,
  trigger: string,
  bulkId: string | null,
  mode: string,
  target: string,
  startedAt: number,
  durationMs: number,
  method: string,
  url: string,
  headers: string,
  bodySize: number,
  bodySha256: string,
  signing: string | null,
  status: number | null,
  responseHeaders: string | null,
  responseBodySize: number | null,
  truncated: number,
  errorCode: string | null,
  errorMessage: string | null,
  requestBody: Buffer | null,
  responseBody: Buffer | null,
];

export class ReplayAttemptRepository {
  private readonly insert;
  private readonly pageByDelivery;
  private readonly selectSummary;
  private readonly selectDetail;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare<InsertRow>(`INSERT INTO replay_attempts (delivery_id, trigger, bulk_id, mode, target, started_at,
      duration_ms, request_method, request_url, request_headers, request_body_size, request_body_sha256, signing,
      response_status, response_headers, response_body_size, response_truncated, error_code, error_message,
      request_body, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.pageByDelivery = db.prepare<[number, number, number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM replay_attempts a WHERE a.delivery_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?`,
    );
    this.selectSummary = db.prepare<[number], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM replay_attempts a WHERE a.id = ?`);
    this.selectDetail = db.prepare<[number], DetailRow>(
      `SELECT ${SUMMARY_COLUMNS}, a.request_body, b.body AS original_body, a.response_body
       FROM replay_attempts a LEFT JOIN delivery_bodies b ON b.delivery_id = a.delivery_id AND a.request_body IS NULL
       WHERE a.id = ?`,
    );
  }

  /**
   * One short statement, no await: called once the send has settled. Returns undefined when the
   * delivery was deleted meanwhile (its attempts would have gone with it anyway).
   */
  add(a: NewReplayAttempt): ReplayAttemptSummary | undefined {
    try {
      const { lastInsertRowid } = this.insert.run(
        a.deliveryId,
        a.trigger,
        a.bulkId,
        a.mode,
        a.target,
        a.startedAt,
        a.durationMs,
        a.request.method,
        a.request.url,
        JSON.stringify(a.request.headers),
        a.request.body.length,
        a.request.bodySha256,
        a.signing && JSON.stringify(a.signing),
        a.response?.status ?? null,
        a.response ? JSON.stringify(a.response.headers) : null,
        a.response?.bodySize ?? null,
        a.response?.truncated ? 1 : 0,
        a.error?.code ?? null,
        a.error?.message ?? null,
        a.bodyIsOriginal ? null : a.request.body,
        a.response?.body ?? null,
      );
      return this.summary(Number(lastInsertRowid));
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return undefined;
      throw error;
    }
  }

  summary(id: number): ReplayAttemptSummary | undefined {
    const row = this.selectSummary.get(id);
    return row ? toSummary(row) : undefined;
  }

  /** Newest first, keyset paging on id. */
  list(deliveryId: number, options: { before?: number; limit: number }): ReplayAttemptSummary[] {
    return this.pageByDelivery.all(deliveryId, options.before ?? Number.MAX_SAFE_INTEGER, options.limit).map(toSummary);
  }

  get(id: number): ReplayAttempt | undefined {
    const row = this.selectDetail.get(id);
    if (!row) return undefined;
    const summary = toSummary(row);
    const requestBody = row.request_body ?? row.original_body ?? Buffer.alloc(0);
    return {
      ...summary,
      request: { ...summary.request, body: requestBody.toString('base64') },
      response: summary.response && { ...summary.response, body: (row.response_body ?? Buffer.alloc(0)).toString('base64') },
    };
  }
}
