// One replication pass, in the order that keeps references resolvable: push what changed here
// (endpoint definitions, settings, deliveries, replay attempts), then pull what others pushed
// (definitions and settings first, so a delivery finds its endpoint; deliveries before the
// attempts and documents that refer to them, and before the tombstones that may delete them), then
// documents both ways.
import type pg from 'pg';
import type { Settings } from '../../contract/index.js';
import { defaultResponseRule } from '../endpoints/response-rule.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { NewDelivery } from '../store/delivery-repository.js';
import type { EndpointRepository } from '../store/endpoint-repository.js';
import type { TeamDocumentRepository } from '../store/team-document-repository.js';
import type { TeamOutboxRepository } from '../store/team-outbox-repository.js';
import type { TeamRepository } from '../store/team-repository.js';
import { pullAmends, pushAmends, type AmendContext } from './amendments.js';
import { pullTombstones, pushDeletions, type DeletionContext } from './deletions.js';
import { pullDocuments, pushDocuments, type DocumentSyncContext } from './documents-sync.js';
import { pullEndpoints, pushEndpoints, type EndpointSyncContext } from './endpoint-sync.js';
import { pullAttempts, pullDeliveries, type PullContext } from './pull.js';
import { pushAttempts, pushDeliveries, type PushContext } from './push.js';
import { pullSettings, pushSettings, type SettingsSyncContext, type SharedSettings } from './settings-sync.js';
import { pruneBefore, pruneBeyond } from './prune.js';

const PRUNE_EVERY_MS = 10 * 60_000;

/** What replication reads and writes on this node (core.ts wires them). */
export interface ReplicationDeps {
  repo: TeamRepository;
  outbox: TeamOutboxRepository;
  documents: TeamDocumentRepository;
  /** documents.changed for a delivery whose documents another node fetched. */
  documentsChanged: (deliveryId: number) => void;
  endpoints: EndpointRepository;
  secrets: SecretBox;
  now: () => number;
  replicate: (batch: NewDelivery[], within: (ids: number[]) => void) => number[];
  attemptStored: (id: number) => void;
  /** delivery.updated for copies whose answer or handling time another node amended (the announcer). */
  deliveriesUpdated: (ids: number[]) => void;
  /** Reload the endpoint table and announce the endpoint (endpoint.saved). */
  endpointSaved: (slug: string) => void;
  /** Reload the endpoint table and announce the deletion (endpoint.deleted). */
  endpointDeleted: (slug: string) => void;
  /** delivery.deleted / deliveries.cleared for copies other nodes' deletions removed (the delivery service). */
  deliveriesDeleted: (ids: number[]) => void;
  deliveriesCleared: (endpoint: string) => void;
  settings: { get(): Settings; replace(shared: SharedSettings): unknown };
  /** A failure mode set by another node restarts its count here too. */
  failureModeChanged: (endpointId: number) => void;
}

export interface ReplicationSetup {
  pool: pg.Pool;
  node: string;
  shareAll: boolean;
  teamBox: SecretBox | null;
  /** Runs `fn` so that what it announces is not taken for a local change (no ping-pong). */
  quietly: (fn: () => void) => void;
  problem: (message: string) => void;
}

export class Replication {
  /** Whether the settings were changed here and are still to push (endpoints: the SQLite outbox). */
  dirtySettings = false;
  pushed = 0;
  pulled = 0;
  private readonly endpointSync: EndpointSyncContext;
  private readonly settingsSync: SettingsSyncContext;
  private readonly push: PushContext;
  private readonly pull: PullContext;
  private readonly documentSync: DocumentSyncContext;
  private readonly amends: AmendContext;
  private readonly deletions: DeletionContext;
  private lastPrune = Number.NEGATIVE_INFINITY;
  private prunedBy = '';

  constructor(
    private readonly deps: ReplicationDeps,
    private readonly setup: ReplicationSetup,
  ) {
    const { pool, node, shareAll } = setup;
    const { repo } = deps;
    this.endpointSync = {
      pool, repo, outbox: deps.outbox, node, shareAll, endpoints: deps.endpoints, secrets: deps.secrets, teamBox: setup.teamBox, now: deps.now,
      saved: (slug) => setup.quietly(() => deps.endpointSaved(slug)),
      deleted: (slug) => setup.quietly(() => deps.endpointDeleted(slug)),
      failureModeChanged: deps.failureModeChanged,
      problem: setup.problem,
    };
    this.settingsSync = {
      pool, repo, node, now: deps.now,
      current: () => deps.settings.get(),
      apply: (shared) => setup.quietly(() => deps.settings.replace(shared)),
    };
    this.push = { pool, repo, node, shareAll };
    this.pull = { pool, repo, node, endpointId: (slug) => this.localEndpoint(slug), replicate: deps.replicate, attemptStored: deps.attemptStored };
    this.amends = { pool, repo, node, shareAll, updated: deps.deliveriesUpdated };
    this.documentSync = { pool, repo, documents: deps.documents, node, shareAll, changed: deps.documentsChanged };
    this.deletions = {
      pool, repo, outbox: deps.outbox, node, shareAll,
      deleted: (ids) => setup.quietly(() => deps.deliveriesDeleted(ids)),
      cleared: (endpoint) => setup.quietly(() => deps.deliveriesCleared(endpoint)),
    };
  }

  async run(): Promise<void> {
    await this.pushDefinitions();
    await pushDeletions(this.deletions);
    this.pushed += await pushDeliveries(this.push);
    await pushAttempts(this.push);
    await pushAmends(this.amends);
    await pullEndpoints(this.endpointSync);
    await pullSettings(this.settingsSync);
    this.pulled += await pullDeliveries(this.pull);
    await pullAttempts(this.pull);
    await pullAmends(this.amends);
    await pullTombstones(this.deletions);
    await pushDocuments(this.documentSync);
    await pullDocuments(this.documentSync);
    await this.pruneTeam();
  }

  /**
   * The team's retention, applied to PostgreSQL too (each node prunes its own copy as alone): by
   * age, and by count (the newest maxCount shared deliveries by seq: the order every node pulls in).
   * At most every PRUNE_EVERY_MS by each node, and at once when the retention changed. Deleting rows
   * never disturbs a reader: they page on seq.
   */
  private async pruneTeam(): Promise<void> {
    const { maxAgeDays, maxCount } = this.deps.settings.get().retention;
    const now = this.deps.now();
    const policy = JSON.stringify({ maxAgeDays, maxCount });
    if ((maxAgeDays === null && maxCount === null) || (policy === this.prunedBy && now - this.lastPrune < PRUNE_EVERY_MS)) return;
    this.lastPrune = now;
    this.prunedBy = policy;
    if (maxAgeDays !== null) await pruneBefore(this.setup.pool, now - maxAgeDays * 86_400_000);
    if (maxCount !== null) await pruneBeyond(this.setup.pool, maxCount);
  }

  /** Endpoint definitions and settings changed here; they stay due until PostgreSQL took them. */
  private async pushDefinitions(): Promise<void> {
    await pushEndpoints(this.endpointSync);
    if (this.dirtySettings) {
      this.dirtySettings = false;
      await pushSettings(this.settingsSync).catch((error: unknown) => {
        this.dirtySettings = true;
        throw error;
      });
    }
  }

  /** The local endpoint a team slug maps to; one this node never had is made from the slug, shared. */
  private localEndpoint(slug: string): number {
    const existing = this.deps.endpoints.find(slug);
    if (existing) return existing.id;
    const created = this.deps.outbox.transaction(() => {
      const record = this.deps.endpoints.create(slug, slug, defaultResponseRule, this.deps.now());
      this.deps.endpoints.setShared(slug, true);
      // Made from the team's rows, not changed here: nothing to push back.
      this.deps.outbox.endpointApplied(slug);
      return record;
    });
    this.setup.quietly(() => this.deps.endpointSaved(slug));
    return created.id;
  }
}
