// One node of a team (docs/team.md). The local SQLite file stays the store of record for capture:
// a sender is answered once its delivery is committed there, whether PostgreSQL is up or not. This
// node then replicates in one serial loop ("a cycle"): push the shared endpoints changed here, the
// shared deliveries captured here and the replays sent here; pull what other nodes pushed. A cycle
// runs when something is stored here, when PostgreSQL NOTIFYs that another node pushed, and on a
// short poll anyway (a NOTIFY sent while this node was reconnecting is lost; the poll and the
// catch-up by seq after every reconnect make up for it). Errors mark the link down and retry with
// a backoff; nothing is lost meanwhile, since both sides page on high-water marks.
import pg from 'pg';
import type { Settings, TeamStatus } from '../../contract/index.js';
import type { CoreEvents } from '../events/core-events.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { NewDelivery } from '../store/delivery-repository.js';
import { defaultResponseRule } from '../endpoints/response-rule.js';
import type { EndpointRepository } from '../store/endpoint-repository.js';
import type { TeamDocumentRepository, TeamRepository } from '../store/team-repository.js';
import { pullDocuments, pushDocuments, type DocumentSyncContext } from './documents-sync.js';
import { pullEndpoints, pushEndpoints, type EndpointSyncContext } from './endpoint-sync.js';
import { CHANNEL, migrateTeamSchema } from './pg-schema.js';
import { pullAttempts, pullDeliveries, type PullContext } from './pull.js';
import { pullSettings, pushSettings, type SettingsSyncContext, type SharedSettings } from './settings-sync.js';
import { pushAttempts, pushDeliveries, withClient, type PushContext } from './push.js';

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

export interface TeamNodeDeps {
  repo: TeamRepository;
  documents: TeamDocumentRepository;
  /** documents.changed for a delivery whose documents another node fetched. */
  documentsChanged: (deliveryId: number) => void;
  endpoints: EndpointRepository;
  secrets: SecretBox;
  events: CoreEvents;
  now: () => number;
  replicate: (batch: NewDelivery[], within: () => void) => number[];
  attemptStored: (id: number) => void;
  /** Reload the endpoint table and announce the endpoint (endpoint.saved). */
  endpointSaved: (slug: string) => void;
  settings: { get(): Settings; replace(shared: SharedSettings): unknown };
  /** A failure mode set by another node restarts its count here too. */
  failureModeChanged: (endpointId: number) => void;
}

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
  private readonly dirtyEndpoints = new Set<string>();
  private dirtySettings = false;
  private pushed = 0;
  private pulled = 0;
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
    this.unsubscribe = deps.events.subscribe(({ event, data }) => {
      if (event === 'delivery.stored' && (data as { node: string | null }).node === null) this.wake();
      else if (event === 'replay.completed' || event === 'documents.changed') this.wake();
      else if (event === 'endpoint.saved' && !this.applying) this.endpointChanged((data as { slug: string; shared: boolean }).slug, (data as { shared: boolean }).shared);
      else if (event === 'settings.saved' && !this.applying) {
        this.dirtySettings = true;
        this.wake();
      }
    });
  }

  /** Starts replicating; returns at once (capture never waits for PostgreSQL). */
  start(): void {
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
      pushed: this.pushed,
      pulled: this.pulled,
      lastError: this.lastError,
    };
  }

  /** Runs a cycle now, or right after the one running. */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.cycle().finally(() => {
      this.running = null;
      if (this.closed) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else this.timer = setTimeout(() => this.wake(), this.connected ? this.pollMs : this.backoff);
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
    await this.running;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  private endpointChanged(slug: string, shared: boolean): void {
    if (!shared && !this.shareAll) return;
    this.dirtyEndpoints.add(slug);
    this.wake();
  }

  private async cycle(): Promise<void> {
    try {
      if (!this.migrated) {
        await withClient(this.pool, (client) => migrateTeamSchema(client));
        this.migrated = true;
      }
      await this.listen();
      await this.replicate();
      this.connected = true;
      this.lastError = null;
      this.backoff = MIN_BACKOFF_MS;
    } catch (error) {
      this.down(error);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    }
  }

  private async replicate(): Promise<void> {
    const sync: EndpointSyncContext = {
      pool: this.pool,
      repo: this.deps.repo,
      node: this.node,
      endpoints: this.deps.endpoints,
      secrets: this.deps.secrets,
      teamBox: this.teamBox,
      now: this.deps.now,
      saved: (slug) => this.quietly(() => this.deps.endpointSaved(slug)),
      failureModeChanged: this.deps.failureModeChanged,
      problem: (message) => (this.lastError = message),
    };
    const dirty = [...this.dirtyEndpoints];
    if (dirty.length > 0) {
      await pushEndpoints(sync, dirty);
      for (const slug of dirty) this.dirtyEndpoints.delete(slug);
    }
    const settings: SettingsSyncContext = {
      pool: this.pool,
      repo: this.deps.repo,
      node: this.node,
      now: this.deps.now,
      current: () => this.deps.settings.get(),
      apply: (shared) => this.quietly(() => this.deps.settings.replace(shared)),
    };
    if (this.dirtySettings) {
      this.dirtySettings = false;
      await pushSettings(settings).catch((error: unknown) => {
        this.dirtySettings = true;
        throw error;
      });
    }
    const push: PushContext = { pool: this.pool, repo: this.deps.repo, node: this.node, shareAll: this.shareAll };
    this.pushed += await pushDeliveries(push);
    await pushAttempts(push);
    await pullEndpoints(sync);
    await pullSettings(settings);
    const pull: PullContext = {
      pool: this.pool,
      repo: this.deps.repo,
      node: this.node,
      endpointId: (slug) => this.localEndpoint(slug),
      replicate: this.deps.replicate,
      attemptStored: this.deps.attemptStored,
    };
    this.pulled += await pullDeliveries(pull);
    await pullAttempts(pull);
    const documents: DocumentSyncContext = {
      pool: this.pool,
      repo: this.deps.repo,
      documents: this.deps.documents,
      node: this.node,
      shareAll: this.shareAll,
      changed: this.deps.documentsChanged,
    };
    await pushDocuments(documents);
    await pullDocuments(documents);
  }

  /** The local endpoint a team slug maps to; one this node never had is made from the slug, shared. */
  private localEndpoint(slug: string): number {
    const existing = this.deps.endpoints.find(slug);
    if (existing) return existing.id;
    const created = this.deps.endpoints.create(slug, slug, defaultResponseRule, this.deps.now());
    this.deps.endpoints.setShared(slug, true);
    this.quietly(() => this.deps.endpointSaved(slug));
    return created.id;
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
      this.wake();
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
