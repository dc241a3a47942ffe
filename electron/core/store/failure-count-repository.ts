// "Fail the first N" counts, kept in SQLite so a restart continues the count instead of failing
// the first N all over again. One row per scope: the endpoint, or (per: 'event') each event's
// duplicate key. Only failures are counted: once a scope has failed N times nothing more is
// written, so an endpoint done failing costs one indexed read per delivery on the capture path.
import type { SqliteDatabase } from './database.js';

/** The scope of the endpoint as a whole (per event: of the deliveries without an event id). */
export const ENDPOINT_SCOPE = '';

export interface FailureCounts {
  /** Deliveries failed on purpose in this scope since the mode was set. */
  failed(endpointId: number, scope: string): number;
  /** Counts one more failure in the scope. */
  addFailure(endpointId: number, scope: string): void;
  /** Failures on the endpoint in every scope, and how many events (scopes other than the endpoint's) failed. */
  totals(endpointId: number): { failed: number; events: number };
  /** Forgets every count of the endpoint: its failure mode was set again. */
  reset(endpointId: number): void;
}

export class FailureCountRepository implements FailureCounts {
  private readonly selectFailed;
  private readonly upsert;
  private readonly selectTotals;
  private readonly deleteAll;

  constructor(db: SqliteDatabase) {
    this.selectFailed = db.prepare<[number, string], { failed: number }>(
      'SELECT failed FROM failure_mode_counts WHERE endpoint_id = ? AND scope = ?',
    );
    this.upsert = db.prepare<[number, string]>(
      `INSERT INTO failure_mode_counts (endpoint_id, scope, failed) VALUES (?, ?, 1)
       ON CONFLICT(endpoint_id, scope) DO UPDATE SET failed = failed + 1`,
    );
    this.selectTotals = db.prepare<[string, number], { failed: number | null; events: number }>(
      `SELECT sum(failed) AS failed, count(*) FILTER (WHERE scope <> ?) AS events
       FROM failure_mode_counts WHERE endpoint_id = ?`,
    );
    this.deleteAll = db.prepare<[number]>('DELETE FROM failure_mode_counts WHERE endpoint_id = ?');
  }

  failed(endpointId: number, scope: string): number {
    return this.selectFailed.get(endpointId, scope)?.failed ?? 0;
  }

  addFailure(endpointId: number, scope: string): void {
    this.upsert.run(endpointId, scope);
  }

  totals(endpointId: number): { failed: number; events: number } {
    const row = this.selectTotals.get(ENDPOINT_SCOPE, endpointId);
    return { failed: row?.failed ?? 0, events: row?.events ?? 0 };
  }

  reset(endpointId: number): void {
    this.deleteAll.run(endpointId);
  }
}

/** The same counts in memory, for a planner without a store (unit tests). */
export class MemoryFailureCounts implements FailureCounts {
  private readonly rows = new Map<number, Map<string, number>>();

  failed(endpointId: number, scope: string): number {
    return this.rows.get(endpointId)?.get(scope) ?? 0;
  }

  addFailure(endpointId: number, scope: string): void {
    const scopes = this.rows.get(endpointId) ?? new Map<string, number>();
    this.rows.set(endpointId, scopes.set(scope, (scopes.get(scope) ?? 0) + 1));
  }

  totals(endpointId: number): { failed: number; events: number } {
    const scopes = [...(this.rows.get(endpointId) ?? new Map<string, number>())];
    return {
      failed: scopes.reduce((sum, [, n]) => sum + n, 0),
      events: scopes.filter(([scope]) => scope !== ENDPOINT_SCOPE).length,
    };
  }

  reset(endpointId: number): void {
    this.rows.delete(endpointId);
  }
}
