// One node of a team (docs/team.md). The local SQLite file stays the store of record for capture:
// a sender is answered once its delivery is committed there, whether PostgreSQL is up or not. This
// node then replicates in one serial loop ("a cycle"): push the shared endpoints changed here, the
// shared deliveries captured here and the replays sent here; pull what other nodes pushed. A cycle
// runs when something is stored here, when PostgreSQL NOTIFYs that another node pushed, and on a
// short poll anyway (a NOTIFY sent while this node was reconnecting is lost; the poll and the
// catch-up by seq after every reconnect make up for it). Errors mark the link down and retry with
// a backoff; nothing is lost meanwhile, since both sides page on high-water marks.
import pg from 'pg';
import type { DeliverySummary, Endpoint, EventMessage, TeamStatus } from '../../contract/index.js';
import type { CoreEvents } from '../events/core-events.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { CHANNEL, migrateTeamSchema } from './pg-schema.js';
import { withClient } from './push.js';
import { Replication, type ReplicationDeps } from './replication.js';

export interface TeamOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Share every endpoint (dedicated capture nodes), not only those marked shared. */
  shareAll?: boolean;
  /** The team key's box; null: this node cannot open or write shared secrets. */
  teamBox?: SecretBox | null;
  /** The fallback poll, in ms (default 1000). */
  pollMs?: number;
}

export interface TeamNodeDeps extends ReplicationDeps {
  events: CoreEvents;
}

/**
 * Handling times are written after the answer, with no event of their own: the loop looks at the
 * local amendment log this often (one SQLite index probe) and runs a cycle when it has rows.
 */
const AMEND_CHECK_MS = 100;
const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 2_000;

export class TeamNode {
  readonly node: string;
  private readonly pool: pg.Pool;
  private listener: pg.Client | null = null;
  private connected = false;
  private migrated = false;
  private lastError: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private backoff = MIN_BACKOFF_MS;
  private closed = false;
  private applying = false;
  private readonly replication: Replication;
  private amendCheck: NodeJS.Timeout | null = null;
  /** The last problem a pass met without failing (kept: it needs the user). */
  private problem: string | null = null;
  private outage = false;
  private readonly unsubscribe: () => void;
  private readonly shareAll: boolean;
  private readonly teamBox: SecretBox | null;
  private readonly pollMs: number;

  constructor(
    private readonly options: TeamOptions,
    private readonly deps: TeamNodeDeps,
  ) {
    this.node = deps.repo.nodeId();
    this.shareAll = options.shareAll ?? false;
    this.teamBox = options.teamBox ?? null;
    this.pollMs = options.pollMs ?? 1000;
    this.pool = new pg.Pool({ connectionString: options.url, max: 3, connectionTimeoutMillis: 5_000, application_name: `hookscope ${this.node}` });
    // An idle client's connection dropped (PostgreSQL restarted): the next query opens a new one.
    this.pool.on('error', (error) => this.down(error));
    this.replication = new Replication(deps, {
      pool: this.pool,
      node: this.node,
      shareAll: this.shareAll,
      teamBox: this.teamBox,
      quietly: (fn) => this.quietly(fn),
      problem: (message) => (this.problem = message),
    });
    this.unsubscribe = deps.events.subscribe((message) => this.noticed(message));
  }

  /** What happened here that the team should hear of. */
  private noticed({ event, data }: EventMessage): void {
    if (event === 'delivery.stored' || event === 'delivery.updated') {
      if ((data as DeliverySummary).node === null) this.wake();
    } else if (event === 'replay.completed' || event === 'documents.changed') this.wake();
    else if (this.applying) return;
    // What is due is in the SQLite outbox (marked with the change itself); the event only wakes the loop.
    else if (event === 'endpoint.saved') {
      if ((data as Endpoint).shared || this.shareAll) this.wake();
    } else if (event === 'endpoint.deleted' || event === 'delivery.deleted' || event === 'deliveries.cleared') this.wake();
    else if (event === 'settings.saved') {
      this.replication.dirtySettings = true;
      this.wake();
    }
  }

  /** Starts replicating; returns at once (capture never waits for PostgreSQL). */
  start(): void {
    this.deps.repo.setAmendLog(true);
    this.amendCheck = setInterval(() => {
      if (!this.running && this.connected && this.deps.repo.amendsWaiting()) this.wake();
    }, AMEND_CHECK_MS);
    this.amendCheck.unref();
    this.wake();
  }

  status(): TeamStatus {
    return {
      enabled: true,
      node: this.node,
      connected: this.connected,
      shareAll: this.shareAll,
      teamKey: this.teamBox !== null,
      pendingPush: this.deps.repo.pendingPush(this.deps.repo.mark('pushed_delivery'), this.shareAll),
      pushed: this.replication.pushed,
      pulled: this.replication.pulled,
      // A problem a pass met without failing (a secret the team key does not open: a wrong key,
      // fixed only by a restart with the right one) stays visible once the link is up.
      lastError: this.lastError ?? this.problem,
    };
  }

  /**
   * Runs a cycle now, or right after the one running. While PostgreSQL is away, local arrivals
   * wait for the backoff's timer instead (a capture burst must not become a connection storm);
   * `force` runs at once anyway (the LISTEN connection just dropped: try to get it back).
   */
  wake(force = false): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (!force && !this.connected && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.cycle().finally(() => {
      this.running = null;
      if (this.closed) return;
      if (this.again && this.connected) {
        this.again = false;
        this.wake();
      } else {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.wake();
        }, this.connected ? this.pollMs : this.backoff);
      }
    });
  }

  /** Resolves once a cycle that started after this call has finished (tests, benchmarks). */
  async settle(): Promise<void> {
    await this.running;
    this.wake();
    await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    if (this.amendCheck) clearInterval(this.amendCheck);
    await this.running;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  private async cycle(): Promise<void> {
    try {
      if (!this.migrated) {
        await withClient(this.pool, (client) => migrateTeamSchema(client));
        this.migrated = true;
      }
      await this.listen();
      await this.replication.run();
      if (this.outage) console.error('hookscope: the team database is reachable again; catching up');
      this.outage = false;
      this.connected = true;
      this.lastError = null;
      this.backoff = MIN_BACKOFF_MS;
    } catch (error) {
      this.down(error);
      // Once per outage, not once per retry: capture goes on meanwhile.
      if (!this.outage) console.error(`hookscope: the team database is unreachable (${this.lastError}); capture goes on, retrying`);
      this.outage = true;
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    }
  }

  /** Announces an endpoint applied from the team without pushing it back (no ping-pong). */
  private quietly(fn: () => void): void {
    this.applying = true;
    try {
      fn();
    } finally {
      this.applying = false;
    }
  }

  /** A dedicated connection that LISTENs; any notification wakes a cycle. Reconnected by the next cycle. */
  private async listen(): Promise<void> {
    if (this.listener) return;
    const client = new pg.Client({ connectionString: this.options.url, connectionTimeoutMillis: 5_000, application_name: `hookscope ${this.node} listen` });
    const drop = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => undefined);
      this.down(error ?? new Error('the LISTEN connection ended'));
      this.wake(true);
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
  }

  private down(error: unknown): void {
    this.connected = false;
    this.lastError = error instanceof Error ? error.message : String(error);
  }
}
