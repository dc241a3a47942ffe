import type { Verification, VerificationStatus } from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

export interface VerificationRecord {
  deliveryId: number;
  verification: Verification;
}

interface VerificationRow {
  scheme: string;
  status: VerificationStatus;
  reason: string;
  details: string;
}

export class VerificationRepository {
  private readonly upsert;
  private readonly selectOne;
  private readonly saveBatch;

  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare<[number, string, string, string, string, number]>(
      `INSERT INTO verifications (delivery_id, scheme, status, reason, details, verified_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(delivery_id) DO UPDATE SET scheme = excluded.scheme, status = excluded.status,
         reason = excluded.reason, details = excluded.details, verified_at = excluded.verified_at`,
    );
    this.selectOne = db.prepare<[number], VerificationRow>('SELECT scheme, status, reason, details FROM verifications WHERE delivery_id = ?');
    // Not a transaction of its own: the enrichment writes a whole batch in one (a nested one would
    // cost a savepoint per call), and a single re-verification needs none.
    this.saveBatch = (records: readonly VerificationRecord[], now: number) => {
      for (const { deliveryId, verification: v } of records) {
        // The delivery may have been deleted meanwhile; the foreign key would refuse the row.
        try {
          this.upsert.run(deliveryId, v.scheme, v.status, v.reason, JSON.stringify(v.details), now);
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
        }
      }
    };
  }

  /** Call inside a transaction to write a batch at once. */
  saveMany(records: readonly VerificationRecord[], now: number): void {
    this.saveBatch(records, now);
  }

  get(deliveryId: number): Verification | null {
    const row = this.selectOne.get(deliveryId);
    if (!row) return null;
    return { scheme: row.scheme, status: row.status, reason: row.reason, details: JSON.parse(row.details) as Verification['details'] };
  }
}
