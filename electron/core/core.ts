// The core: store + capture listener + API + events, with no Electron import. The desktop app,
// `serve` and the tests all start exactly this.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliverySummary, SystemInfo } from '../contract/index.js';
import { createApi } from './api.js';
import { GroupCommitter, type GroupCommitOptions } from './capture/group-commit.js';
import { defaultCaptureLimits, startCaptureListener, type CaptureLimits, type CaptureListener } from './capture/listener.js';
import { defaultResponseRule } from './capture/response-rule.js';
import { EndpointTable } from './endpoint-table.js';
import { CoreEvents } from './events.js';
import { databaseFileIn, packageRoot } from './paths.js';
import { openDatabase } from './store/database.js';
import { DeliveryRepository, type NewDelivery } from './store/delivery-repository.js';
import { DEFAULT_ENDPOINT_SLUG, EndpointRepository } from './store/endpoint-repository.js';
import { SettingsRepository } from './store/settings-repository.js';
import { VerificationRepository } from './store/verification-repository.js';
import { KeyFileSecretBox, type SecretBox } from './secrets/secret-box.js';
import { VerificationService } from './verification-service.js';
import { TunnelService } from './tunnel-service.js';
import { TUNNEL_LIMITS, type TunnelOptions } from './tunnel/index.js';

export interface CoreOptions {
  dataDir: string;
  captureHost?: string;
  /** 0 picks a free port. */
  capturePort?: number;
  limits?: Partial<CaptureLimits>;
  groupCommit?: GroupCommitOptions;
  /** How signing secrets are sealed at rest; default: a 0600 key file in the data folder. */
  secrets?: SecretBox;
  /** Tunnel supervisor tuning (tests shorten timeouts). */
  tunnel?: Partial<Omit<TunnelOptions, 'localPort' | 'host' | 'subdomain'>>;
  now?: () => number;
}

export type HookscopeApi = ReturnType<typeof createApi>;

export interface HookscopeCore {
  api: HookscopeApi;
  events: CoreEvents;
  capture: CaptureListener;
  info(): SystemInfo;
  /** Counters for tests and benchmarks: how many transactions the group commit ran. */
  stats(): { commits: number };
  /** Stops the listener, writes what is queued, closes the database. */
  close(): Promise<void>;
}

const PRUNE_INTERVAL_MS = 60_000;

export const version: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

export async function startCore(options: CoreOptions): Promise<HookscopeCore> {
  const now = options.now ?? Date.now;
  const databaseFile = databaseFileIn(options.dataDir);
  const db = openDatabase(databaseFile);
  const endpoints = new EndpointRepository(db);
  const deliveries = new DeliveryRepository(db);
  const settings = new SettingsRepository(db);
  const verifications = new VerificationRepository(db);
  const secrets = options.secrets ?? new KeyFileSecretBox(options.dataDir);
  if (!endpoints.find(DEFAULT_ENDPOINT_SLUG)) {
    endpoints.create(DEFAULT_ENDPOINT_SLUG, 'Default', defaultResponseRule, now(), true);
  }
  const table = new EndpointTable(endpoints, secrets);
  const events = new CoreEvents();
  let tunnel: TunnelService | undefined;
  const publicUrl = () => tunnel?.publicUrl() ?? settings.get().publicUrl;
  const verifier = new VerificationService({ table, deliveries, verifications, events, now, publicUrl });
  const limits = { ...defaultCaptureLimits, ...options.limits };

  let lastPrune = 0;
  const prune = () => {
    lastPrune = now();
    const deleted = deliveries.prune(settings.get().retention, lastPrune);
    if (deleted > 0) events.emit('deliveries.pruned', { deleted });
  };
  const committer = new GroupCommitter<NewDelivery, number>((batch) => {
    const ids = deliveries.insertMany(batch);
    if (now() - lastPrune > PRUNE_INTERVAL_MS) setImmediate(prune);
    return ids;
  }, { now, ...options.groupCommit });
  prune();

  const captureDeps = {
    endpointFor: (path: string) => table.endpointFor(path),
    store: (delivery: NewDelivery) => committer.enqueue(delivery),
    stored: (summary: DeliverySummary, delivery: NewDelivery) => {
      events.emit('delivery.stored', summary);
      verifier.enqueue(summary, delivery);
    },
    now,
  };
  let capture: CaptureListener;
  try {
    capture = await startCaptureListener(
      { host: options.captureHost ?? '127.0.0.1', port: options.capturePort ?? 4400, limits, viaTunnel: false },
      captureDeps,
    );
  } catch (error) {
    db.close();
    throw error;
  }
  tunnel = new TunnelService({ limits, capture: captureDeps, events, now, tunnelOptions: options.tunnel });

  const info = (): SystemInfo => ({
    version,
    captureUrl: capture.url,
    dataDir: options.dataDir,
    databaseFile,
    bodyLimitBytes: limits.bodyLimitBytes,
    publicUrl: publicUrl(),
    tunnelLimits: TUNNEL_LIMITS.map((limit) => ({ ...limit })),
    secretStorage: { kind: secrets.kind, protectsSecrets: secrets.protectsSecrets },
  });
  const api = createApi({ endpoints, deliveries, settings, verifications, verifier, secrets, table, tunnel, events, info, prune, now });

  let closed = false;
  return {
    api,
    events,
    capture,
    info,
    stats: () => ({ commits: committer.transactions }),
    async close() {
      if (closed) return;
      closed = true;
      await tunnel?.close();
      await capture.close();
      committer.drain();
      verifier.close();
      db.close();
    },
  };
}
