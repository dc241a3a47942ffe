// Test events sent from an endpoint's "Test event" panel (trigger.send), kept once they finish so
// the panel shows what was sent and how the handler fared after a restart too. A run is the tool's
// own output, not captured traffic: it is stored whole as JSON, the newest KEPT per endpoint.
import type { TriggerRun } from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

export class TriggerRunRepository {
  private readonly insert;
  private readonly prune;
  private readonly select;

  constructor(
    db: SqliteDatabase,
    private readonly kept: number,
  ) {
    this.insert = db.prepare<[string, number, number, string]>('INSERT OR REPLACE INTO trigger_runs (id, endpoint_id, started_at, run) VALUES (?, ?, ?, ?)');
    this.prune = db.prepare<[number, number, number]>(
      `DELETE FROM trigger_runs WHERE endpoint_id = ? AND rowid NOT IN
         (SELECT rowid FROM trigger_runs WHERE endpoint_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?)`,
    );
    this.select = db.prepare<[number, number], { run: string }>(
      'SELECT run FROM trigger_runs WHERE endpoint_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?',
    );
  }

  save(endpointId: number, run: TriggerRun): void {
    this.insert.run(run.id, endpointId, run.startedAt, JSON.stringify(run));
    this.prune.run(endpointId, endpointId, this.kept);
  }

  /** The newest first. */
  list(endpointId: number, limit: number): TriggerRun[] {
    return this.select.all(endpointId, limit).map((row) => JSON.parse(row.run) as TriggerRun);
  }
}
