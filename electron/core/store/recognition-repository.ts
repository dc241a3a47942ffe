import type { ProviderInfo } from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

export interface RecognitionRecord {
  deliveryId: number;
  endpointId: number;
  provider: ProviderInfo | null;
  dupKey: string | null;
  dupSource: string | null;
}

export class RecognitionRepository {
  private readonly saveBatch;
  private readonly selectOne;
  private readonly selectEvent;
  private readonly selectLatestProvider;

  constructor(db: SqliteDatabase) {
    // The attempt number is fixed when the delivery is recognised: index probes for the event's
    // latest attempt, not a count, so the hundredth retry of an event costs what the second did.
    // RETURNING: re-recognising a delivery keeps the attempt number it was given first.
    const upsert = db.prepare<[number, number, string | null, string | null, string | null, string | null, number | null], { attempt: number | null }>(
      `INSERT INTO recognitions (delivery_id, endpoint_id, provider_id, provider, dup_key, dup_source, attempt) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(delivery_id) DO UPDATE SET provider_id = excluded.provider_id, provider = excluded.provider,
         dup_key = excluded.dup_key, dup_source = excluded.dup_source
       RETURNING attempt`,
    );
    const lastAttempt = db.prepare<[number, string], { attempt: number | null }>(
      'SELECT max(attempt) AS attempt FROM recognitions WHERE endpoint_id = ? AND dup_key = ?',
    );
    // Most events arrive once, so ask first whether the event has been seen at all: max() walks the
    // index backwards (SeekLE) and cost ~7 µs per delivery even when nothing matched, a forward
    // probe ~0.7 µs (measured, docs/benchmarks.md).
    const seen = db.prepare<[number, string], number>('SELECT 1 FROM recognitions WHERE endpoint_id = ? AND dup_key = ? LIMIT 1').pluck();
    const nextAttempt = (endpointId: number, dupKey: string) =>
      seen.get(endpointId, dupKey) === undefined ? 1 : (lastAttempt.get(endpointId, dupKey)?.attempt ?? 0) + 1;
    // The search facets of a first recognition, written here from what is in hand rather than by an
    // insert trigger that re-read the row and parsed its JSON (migration 9); re-recognition (an
    // upsert's update) still goes through recognitions_facet_update.
    const facet = db.prepare<[string, number]>('INSERT OR IGNORE INTO delivery_facets (token, delivery_id) VALUES (?, ?)');
    const writeFacets = (r: RecognitionRecord, attempt: number | null) => {
      if (r.provider?.id) facet.run(`provider:${r.provider.id.toLowerCase()}`, r.deliveryId);
      if (r.provider?.event) facet.run(`event:${r.provider.event.toLowerCase()}`, r.deliveryId);
      if (attempt !== null && attempt > 1) facet.run('retry:yes', r.deliveryId);
    };
    // Not a transaction of its own: the enrichment writes its batch in one.
    this.saveBatch = (records: readonly RecognitionRecord[]) => {
      const attempts = new Map<number, number | null>();
      for (const r of records) {
        try {
          const next = r.dupKey === null ? null : nextAttempt(r.endpointId, r.dupKey);
          const attempt = upsert.get(r.deliveryId, r.endpointId, r.provider?.id ?? null, r.provider && JSON.stringify(r.provider), r.dupKey, r.dupSource, next)?.attempt ?? null;
          writeFacets(r, attempt);
          attempts.set(r.deliveryId, attempt);
        } catch (error) {
          // Deleted meanwhile: nothing to recognise.
          if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
        }
      }
      return attempts;
    };
    this.selectOne = db.prepare<[number], { endpoint_id: number; provider: string | null; dup_key: string | null; dup_source: string | null }>(
      'SELECT endpoint_id, provider, dup_key, dup_source FROM recognitions WHERE delivery_id = ?',
    );
    this.selectEvent = db.prepare<[number, string], { id: number; received_at: number; body_sha256: string }>(
      `SELECT d.id, d.received_at, d.body_sha256 FROM recognitions r JOIN deliveries d ON d.id = r.delivery_id
       WHERE r.endpoint_id = ? AND r.dup_key = ? ORDER BY d.id`,
    );
    this.selectLatestProvider = db.prepare<[number], { provider_id: string }>(
      'SELECT provider_id FROM recognitions WHERE endpoint_id = ? AND provider_id IS NOT NULL ORDER BY delivery_id DESC LIMIT 1',
    );
  }

  /** Stores a batch (call inside a transaction); returns each delivery's attempt number within its event (null without one). */
  saveMany(records: readonly RecognitionRecord[]): Map<number, number | null> {
    return this.saveBatch(records);
  }

  get(deliveryId: number): { endpointId: number; provider: ProviderInfo | null; dupKey: string | null; dupSource: string | null } | null {
    const row = this.selectOne.get(deliveryId);
    if (!row) return null;
    return {
      endpointId: row.endpoint_id,
      provider: row.provider === null ? null : (JSON.parse(row.provider) as ProviderInfo),
      dupKey: row.dup_key,
      dupSource: row.dup_source,
    };
  }

  /** Every delivery of one event at one endpoint, oldest first. */
  eventDeliveries(endpointId: number, dupKey: string): { id: number; receivedAt: number; bodySha256: string }[] {
    return this.selectEvent.all(endpointId, dupKey).map((r) => ({ id: r.id, receivedAt: r.received_at, bodySha256: r.body_sha256 }));
  }

  latestProvider(endpointId: number): string | null {
    return this.selectLatestProvider.get(endpointId)?.provider_id ?? null;
  }
}
