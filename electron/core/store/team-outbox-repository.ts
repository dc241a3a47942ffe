// Team mode's outboxes for what is not a delivery (migration 12): endpoint definitions changed or
// deleted here (marked by triggers in the statement that changes them) and deletions of deliveries
// and clears (logged here, in the transaction that deletes). Rows stay until PostgreSQL committed
// them, so a node stopped or killed while PostgreSQL was away pushes them when it runs again.
import type { SqliteDatabase } from './database.js';

/** An endpoint changed (or deleted) here; `version` is cleared only if unchanged since it was read. */
export interface EndpointChange {
  slug: string;
  shared: boolean;
  version: number;
}

/** A deletion to push: one delivery (`delivery` set) or a clear of the endpoint's deliveries. */
export interface LoggedDeletion {
  id: number;
  endpoint: string;
  shared: boolean;
  /** The delivery's team-wide name; node null: captured here. */
  delivery: { node: string | null; id: number } | null;
  throughLocal: number | null;
  throughSeq: number | null;
}

interface DeletionRow {
  id: number;
  endpoint: string;
  shared: number;
  delivery_node: string | null;
  delivery_id: number | null;
  through_local: number | null;
  through_seq: number | null;
}

export class TeamOutboxRepository {
  private readonly selectTeamMode;
  private readonly selectChanges;
  private readonly deleteChangeVersion;
  private readonly deleteChange;
  private readonly insertDeliveryDeletion;
  private readonly insertClear;
  private readonly selectDeletions;
  private readonly deleteDeletions;
  private readonly deleteDelivery;
  private readonly selectPulledMark;

  constructor(private readonly db: SqliteDatabase) {
    this.selectTeamMode = db.prepare<[], { key: string }>("SELECT key FROM team_state WHERE key = 'amend_log'");
    this.selectPulledMark = db.prepare<[], { value: string }>("SELECT value FROM team_state WHERE key = 'pulled_delivery'");
    this.selectChanges = db.prepare<[], { slug: string; shared: number; version: number }>('SELECT slug, shared, version FROM team_endpoint_changes ORDER BY slug');
    this.deleteChangeVersion = db.prepare<[string, number]>('DELETE FROM team_endpoint_changes WHERE slug = ? AND version = ?');
    this.deleteChange = db.prepare<[string]>('DELETE FROM team_endpoint_changes WHERE slug = ?');
    this.insertDeliveryDeletion = db.prepare<[number]>(
      `INSERT INTO team_deletions (endpoint, shared, delivery_node, delivery_id)
       SELECT e.slug, e.shared, d.origin_node, coalesce(d.origin_id, d.id) FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id WHERE d.id = ?`,
    );
    this.insertClear = db.prepare<[number, string | null, string | null]>(
      `INSERT INTO team_deletions (endpoint, shared, through_local, through_seq)
       SELECT slug, shared, (SELECT coalesce(max(id), 0) FROM deliveries), ? FROM endpoints WHERE ? IS NULL OR slug = ?`,
    );
    this.selectDeletions = db.prepare<[number], DeletionRow>('SELECT * FROM team_deletions ORDER BY id LIMIT ?');
    this.deleteDeletions = db.prepare<[number]>('DELETE FROM team_deletions WHERE id <= ?');
    this.deleteDelivery = db.prepare<[number]>('DELETE FROM deliveries WHERE id = ?');
  }

  /** Team mode is on (the team loop set the flag at start; a start alone cleared it). */
  private teamMode(): boolean {
    return this.selectTeamMode.get() !== undefined;
  }

  endpointChanges(): EndpointChange[] {
    return this.selectChanges.all().map((r) => ({ slug: r.slug, shared: r.shared === 1, version: r.version }));
  }

  /** PostgreSQL took this version of the change (or it was not the team's): no longer due. */
  endpointPushed(change: EndpointChange): void {
    this.deleteChangeVersion.run(change.slug, change.version);
  }

  /** Call in the transaction that applied the team's definition: the trigger's mark is not a change made here. */
  endpointApplied(slug: string): void {
    this.deleteChange.run(slug);
  }

  /** Call in the transaction that deletes the delivery, before deleting it. */
  logDeletion(id: number): void {
    if (this.teamMode()) this.insertDeliveryDeletion.run(id);
  }

  /** Call in the transaction that clears, before clearing: one row per endpoint cleared (all without `endpoint`). */
  logClear(endpoint?: string): void {
    if (!this.teamMode()) return;
    const pulled = Number(this.selectPulledMark.get()?.value ?? 0);
    this.insertClear.run(pulled, endpoint ?? null, endpoint ?? null);
  }

  deletions(limit: number): LoggedDeletion[] {
    return this.selectDeletions.all(limit).map((r) => ({
      id: r.id,
      endpoint: r.endpoint,
      shared: r.shared === 1,
      delivery: r.delivery_id === null ? null : { node: r.delivery_node, id: r.delivery_id },
      throughLocal: r.through_local,
      throughSeq: r.through_seq,
    }));
  }

  /** The deletions up to `id` are in PostgreSQL. */
  forgetDeletions(id: number): void {
    this.deleteDeletions.run(id);
  }

  /** A deletion another node made, applied here (not logged: it is the team's already). */
  deleteCopy(id: number): boolean {
    return this.deleteDelivery.run(id).changes > 0;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
