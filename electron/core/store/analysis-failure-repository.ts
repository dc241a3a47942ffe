import type { AnalysisFailure } from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

export interface AnalysisFailureRecord extends AnalysisFailure {
  deliveryId: number;
}

/** Analysis of a delivery that could not be done, and why: shown with the delivery, never retried on its own. */
export class AnalysisFailureRepository {
  private readonly upsert;
  private readonly clearOne;
  private readonly selectFor;

  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare<[number, string, string, number]>(
      `INSERT INTO analysis_failures (delivery_id, stage, reason, failed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(delivery_id, stage) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at`,
    );
    this.clearOne = db.prepare<[number, string]>('DELETE FROM analysis_failures WHERE delivery_id = ? AND stage = ?');
    this.selectFor = db.prepare<[number], AnalysisFailure>('SELECT stage, reason FROM analysis_failures WHERE delivery_id = ? ORDER BY stage');
  }

  /** Call inside the enrichment's transaction. A delivery deleted meanwhile is skipped. */
  saveMany(records: readonly AnalysisFailureRecord[], now: number): void {
    for (const record of records) {
      try {
        this.upsert.run(record.deliveryId, record.stage, record.reason, now);
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
      }
    }
  }

  /** A stage that succeeded on a later run (re-verify) is no longer a failure. */
  clear(deliveryId: number, stage: AnalysisFailure['stage']): void {
    this.clearOne.run(deliveryId, stage);
  }

  listFor(deliveryId: number): AnalysisFailure[] {
    return this.selectFor.all(deliveryId);
  }
}
