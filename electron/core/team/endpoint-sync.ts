// Endpoint definitions shared with the team: a shared endpoint's settings (response rule,
// verification with its secret, failure mode, provider, handshakes) as one JSON document per slug.
// The secret is re-sealed with the team key for PostgreSQL and with this node's own box locally;
// it is never in clear outside this process. The forward rule stays per node (it names a developer's
// own machine). The last writer wins, per endpoint.
import type pg from 'pg';
import type { FailureMode, ProviderProfileKey, ResponseRule } from '../../contract/index.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { EndpointRecord, EndpointRepository, StoredVerification } from '../store/endpoint-repository.js';
import type { TeamRepository } from '../store/team-repository.js';
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
  node: string;
  endpoints: EndpointRepository;
  /** This node's own box (the local store's sealed secrets). */
  secrets: SecretBox;
  /** The team key's box, or null when this node was not given the key. */
  teamBox: SecretBox | null;
  now: () => number;
  /** Reload the routing table and announce the endpoint (endpoint.saved). */
  saved: (slug: string) => void;
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

/** Pushes these endpoints' definitions (the ones changed here). */
export async function pushEndpoints(ctx: EndpointSyncContext, slugs: readonly string[]): Promise<void> {
  const records = slugs.map((slug) => ctx.endpoints.find(slug)).filter((e): e is EndpointRecord => e !== undefined);
  if (records.length === 0) return;
  await writeInOrder(ctx.pool, async (client) => {
    for (const e of records) {
      const sealed = teamSealed(ctx, e);
      // Without the team key this node cannot write a secret: it keeps the team's (if the scheme is unchanged).
      await client.query(
        `INSERT INTO team_endpoints (slug, seq, definition, secret_sealed, updated_by, updated_at)
         VALUES ($1, nextval('team_endpoints_seq'), $2, $3, $4, $5)
         ON CONFLICT (slug) DO UPDATE SET seq = excluded.seq, definition = excluded.definition, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at,
           secret_sealed = CASE WHEN $6 THEN excluded.secret_sealed ELSE team_endpoints.secret_sealed END`,
        [e.slug, JSON.stringify(definitionOf(e)), sealed, ctx.node, ctx.now(), ctx.teamBox !== null],
      );
    }
  });
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
}

/** Applies definitions other nodes wrote since the mark; returns the slugs applied. */
export async function pullEndpoints(ctx: EndpointSyncContext): Promise<string[]> {
  const { rows } = await query<EndpointRow>(
    ctx.pool,
    'SELECT slug, seq, definition, secret_sealed, updated_by FROM team_endpoints WHERE seq > $1 ORDER BY seq',
    [ctx.repo.mark('pulled_endpoint')],
  );
  if (rows.length === 0) return [];
  const applied = rows.filter((r) => r.updated_by !== ctx.node);
  ctx.repo.transaction(() => {
    for (const row of applied) apply(ctx, row);
    ctx.repo.setMark('pulled_endpoint', Number(rows.at(-1)!.seq));
  });
  for (const row of applied) ctx.saved(row.slug);
  return applied.map((r) => r.slug);
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
