// Endpoint definitions shared with the team: a shared endpoint's settings (response rule,
// verification with its secret, failure mode, provider, handshakes) as one JSON document per slug.
// The secret is re-sealed with the team key for PostgreSQL and with this node's own box locally;
// it is never in clear outside this process. The forward rule stays per node (it names a developer's
// own machine). The last writer wins, per endpoint. What changed here is due in the SQLite outbox
// (store/team-outbox-repository.ts: marked by triggers with the change itself) until PostgreSQL
// committed it, so a change made while PostgreSQL is away survives a restart. A deleted shared
// endpoint is a row marked deleted (its deliveries go with it on every node); a later definition of
// the slug brings it back.
import type pg from 'pg';
import type { FailureMode, ProviderProfileKey, ResponseRule } from '../../contract/index.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { EndpointRecord, EndpointRepository, StoredVerification } from '../store/endpoint-repository.js';
import type { EndpointChange, TeamOutboxRepository } from '../store/team-outbox-repository.js';
import type { TeamRepository } from '../store/team-repository.js';
import { removeDeliveries } from './deletions.js';
import { query, writeInOrder } from './push.js';

/** What PostgreSQL holds of an endpoint, but its secret. */
export interface TeamEndpointDefinition {
  name: string;
  response: ResponseRule;
  verification: StoredVerification | null;
  secretHint: string | null;
  publicUrl: string | null;
  failureMode: FailureMode | null;
  provider: ProviderProfileKey | null;
  handshakes: boolean;
  verifyToken: string | null;
}

export interface EndpointSyncContext {
  pool: pg.Pool;
  repo: TeamRepository;
  outbox: TeamOutboxRepository;
  node: string;
  shareAll: boolean;
  endpoints: EndpointRepository;
  /** This node's own box (the local store's sealed secrets). */
  secrets: SecretBox;
  /** The team key's box, or null when this node was not given the key. */
  teamBox: SecretBox | null;
  now: () => number;
  /** Reload the routing table and announce the endpoint (endpoint.saved). */
  saved: (slug: string) => void;
  /** Reload the routing table and announce the deletion (endpoint.deleted). */
  deleted: (slug: string) => void;
  /** The failure mode changed: its count restarts, as when it is set here. */
  failureModeChanged: (endpointId: number) => void;
  /** A secret could not be opened or sealed (wrong key). */
  problem: (message: string) => void;
}

function definitionOf(e: EndpointRecord): TeamEndpointDefinition {
  return {
    name: e.name,
    response: e.response,
    verification: e.verification && { scheme: e.verification.scheme, options: e.verification.options },
    secretHint: e.verification?.secretHint ?? null,
    publicUrl: e.publicUrl,
    failureMode: e.failureMode,
    provider: e.provider,
    handshakes: e.handshakes,
    verifyToken: e.verifyToken,
  };
}

/** Pushes the definitions changed (or endpoints deleted) here that are the team's; the others' marks are dropped. */
export async function pushEndpoints(ctx: EndpointSyncContext): Promise<void> {
  const changes = ctx.outbox.endpointChanges();
  if (changes.length === 0) return;
  const due = changes
    .map((change) => ({ change, record: ctx.endpoints.find(change.slug) }))
    .filter(({ change, record }) => ctx.shareAll || (record ? record.shared : change.shared));
  if (due.length > 0) {
    await writeInOrder(ctx.pool, async (client) => {
      for (const { change, record } of due) {
        if (record) await upsertDefinition(ctx, client, record);
        else await markDeleted(ctx, client, change);
      }
    });
  }
  ctx.outbox.transaction(() => changes.forEach((change) => ctx.outbox.endpointPushed(change)));
}

async function upsertDefinition(ctx: EndpointSyncContext, client: pg.ClientBase, e: EndpointRecord): Promise<void> {
  const sealed = teamSealed(ctx, e);
  // Without the team key this node cannot write a secret: it keeps the team's (if the scheme is unchanged).
  await client.query(
    `INSERT INTO team_endpoints (slug, seq, definition, secret_sealed, updated_by, updated_at)
     VALUES ($1, nextval('team_endpoints_seq'), $2, $3, $4, $5)
     ON CONFLICT (slug) DO UPDATE SET seq = excluded.seq, definition = excluded.definition, updated_by = excluded.updated_by,
       updated_at = excluded.updated_at, deleted = false,
       secret_sealed = CASE WHEN $6 THEN excluded.secret_sealed ELSE team_endpoints.secret_sealed END`,
    [e.slug, JSON.stringify(definitionOf(e)), sealed, ctx.node, ctx.now(), ctx.teamBox !== null],
  );
}

/** The endpoint is deleted for the team, with every delivery of it PostgreSQL has. */
async function markDeleted(ctx: EndpointSyncContext, client: pg.ClientBase, change: EndpointChange): Promise<void> {
  await client.query(
    `INSERT INTO team_endpoints (slug, seq, definition, secret_sealed, updated_by, updated_at, deleted)
     VALUES ($1, nextval('team_endpoints_seq'), '{}', NULL, $2, $3, true)
     ON CONFLICT (slug) DO UPDATE SET seq = excluded.seq, definition = excluded.definition, secret_sealed = NULL,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at, deleted = true`,
    [change.slug, ctx.node, ctx.now()],
  );
  await removeDeliveries(client, ctx.node, 'endpoint = $1', [change.slug], change.slug);
}

function teamSealed(ctx: EndpointSyncContext, e: EndpointRecord): Buffer | null {
  if (!ctx.teamBox || !e.secretSealed) return null;
  try {
    return ctx.teamBox.seal(ctx.secrets.open(e.secretSealed));
  } catch (error) {
    ctx.problem(`could not seal the secret of "${e.slug}" for the team: ${(error as Error).message}`);
    return null;
  }
}

interface EndpointRow {
  slug: string;
  seq: string;
  definition: TeamEndpointDefinition;
  secret_sealed: Buffer | null;
  updated_by: string;
  deleted: boolean;
}

/** Applies definitions (and deletions) other nodes wrote since the mark; returns the slugs applied. */
export async function pullEndpoints(ctx: EndpointSyncContext): Promise<string[]> {
  const { rows } = await query<EndpointRow>(
    ctx.pool,
    'SELECT slug, seq, definition, secret_sealed, updated_by, deleted FROM team_endpoints WHERE seq > $1 ORDER BY seq',
    [ctx.repo.mark('pulled_endpoint')],
  );
  if (rows.length === 0) return [];
  // A change made here since this cycle pushed is due: pushed next, it is the last writer anyway.
  const pending = new Set(ctx.outbox.endpointChanges().filter((c) => c.shared || ctx.shareAll).map((c) => c.slug));
  const applied = rows.filter((r) => r.updated_by !== ctx.node && !pending.has(r.slug));
  const removed = ctx.outbox.transaction(() => {
    const gone: string[] = [];
    for (const row of applied) {
      if (!row.deleted) apply(ctx, row);
      else if (remove(ctx, row.slug)) gone.push(row.slug);
      ctx.outbox.endpointApplied(row.slug);
    }
    ctx.repo.setMark('pulled_endpoint', Number(rows.at(-1)!.seq));
    return gone;
  });
  for (const row of applied) {
    if (!row.deleted) ctx.saved(row.slug);
    else if (removed.includes(row.slug)) ctx.deleted(row.slug);
  }
  return applied.map((r) => r.slug);
}

/** Deletes this node's endpoint (its deliveries by cascade) if it is the team's; a private one of the same slug stays. */
function remove(ctx: EndpointSyncContext, slug: string): boolean {
  const local = ctx.endpoints.find(slug);
  if (!local || local.builtIn || !(local.shared || ctx.shareAll)) return false;
  return ctx.endpoints.delete(slug) > 0;
}

function apply(ctx: EndpointSyncContext, { slug, definition: d, secret_sealed }: EndpointRow): void {
  const { endpoints } = ctx;
  const before = endpoints.find(slug) ?? endpoints.create(slug, d.name, d.response, ctx.now());
  if (JSON.stringify(before.failureMode) !== JSON.stringify(d.failureMode)) ctx.failureModeChanged(before.id);
  endpoints.update(slug, d.name, d.response);
  endpoints.setVerification(slug, d.verification, d.verification ? localSealed(ctx, slug, secret_sealed) : null, d.verification ? d.secretHint : null);
  endpoints.setPublicUrl(slug, d.publicUrl);
  endpoints.setFailureMode(slug, d.failureMode);
  endpoints.setProvider(slug, d.provider);
  endpoints.setHandshakes(slug, d.handshakes, d.verifyToken);
  endpoints.setShared(slug, true);
}

/** The team's sealed secret opened with the team key and sealed again with this node's box; null without the key. */
function localSealed(ctx: EndpointSyncContext, slug: string, sealed: Buffer | null): Buffer | null {
  if (!sealed || !ctx.teamBox) return null;
  try {
    return ctx.secrets.seal(ctx.teamBox.open(sealed));
  } catch (error) {
    ctx.problem(`could not open the team's secret of "${slug}" (is this the team's key?): ${(error as Error).message}`);
    return null;
  }
}
