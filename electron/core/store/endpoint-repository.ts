import type { Endpoint, ForwardRule, ResponseRule, FailureMode, ProviderProfileKey } from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

export const DEFAULT_ENDPOINT_SLUG = 'default';

/** The scheme and its options; the secret is stored apart, sealed. */
export interface StoredVerification {
  scheme: string;
  options: Record<string, unknown>;
}

export interface EndpointRecord extends Omit<Endpoint, 'failureModeState'> {
  id: number;
  /** The signing secret sealed by the SecretBox; only the core opens it. */
  secretSealed: Buffer | null;
}

interface EndpointRow {
  id: number;
  slug: string;
  name: string;
  built_in: number;
  response: string;
  created_at: number;
  verification: string | null;
  secret_sealed: Buffer | null;
  secret_hint: string | null;
  public_url: string | null;
  forward: string | null;
  failure_mode: string | null;
  provider: string | null;
  handshakes: number;
  verify_token: string | null;
  shared: number;
}

function toRecord(row: EndpointRow): EndpointRecord {
  const verification = row.verification === null ? null : (JSON.parse(row.verification) as StoredVerification);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    builtIn: row.built_in === 1,
    response: JSON.parse(row.response) as ResponseRule,
    verification: verification && {
      scheme: verification.scheme,
      options: verification.options,
      secretSet: row.secret_sealed !== null,
      secretHint: row.secret_hint,
    },
    publicUrl: row.public_url,
    forward: row.forward === null ? null : (JSON.parse(row.forward) as ForwardRule),
    failureMode: row.failure_mode === null ? null : (JSON.parse(row.failure_mode) as FailureMode),
    provider: row.provider as ProviderProfileKey | null,
    handshakes: row.handshakes === 1,
    verifyToken: row.verify_token,
    shared: row.shared === 1,
    createdAt: new Date(row.created_at).toISOString(),
    secretSealed: row.secret_sealed,
  };
}

/** The API's view: everything but the database id and the sealed secret (the planner adds failureModeState). */
export function toEndpoint({ id: _id, secretSealed: _secret, ...endpoint }: EndpointRecord): Omit<Endpoint, 'failureModeState'> {
  return endpoint;
}

export class EndpointRepository {
  private readonly selectAll;
  private readonly selectBySlug;
  private readonly insert;
  private readonly updateRow;
  private readonly deleteBySlug;
  private readonly updateVerification;
  private readonly updatePublicUrl;
  private readonly updateForward;
  private readonly updateFailureMode;
  private readonly updateProvider;
  private readonly updateHandshakes;
  private readonly updateShared;

  constructor(db: SqliteDatabase) {
    this.selectAll = db.prepare<[], EndpointRow>('SELECT * FROM endpoints ORDER BY built_in DESC, slug');
    this.selectBySlug = db.prepare<[string], EndpointRow>('SELECT * FROM endpoints WHERE slug = ?');
    this.insert = db.prepare<[string, string, number, string, number]>(
      'INSERT INTO endpoints (slug, name, built_in, response, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.updateRow = db.prepare<[string, string, string]>('UPDATE endpoints SET name = ?, response = ? WHERE slug = ?');
    this.deleteBySlug = db.prepare<[string]>('DELETE FROM endpoints WHERE slug = ? AND built_in = 0');
    this.updateVerification = db.prepare<[string | null, Buffer | null, string | null, string]>(
      'UPDATE endpoints SET verification = ?, secret_sealed = ?, secret_hint = ? WHERE slug = ?',
    );
    this.updatePublicUrl = db.prepare<[string | null, string]>('UPDATE endpoints SET public_url = ? WHERE slug = ?');
    this.updateForward = db.prepare<[string | null, string]>('UPDATE endpoints SET forward = ? WHERE slug = ?');
    this.updateFailureMode = db.prepare<[string | null, string]>('UPDATE endpoints SET failure_mode = ? WHERE slug = ?');
    this.updateProvider = db.prepare<[string | null, string]>('UPDATE endpoints SET provider = ? WHERE slug = ?');
    this.updateShared = db.prepare<[number, string]>('UPDATE endpoints SET shared = ? WHERE slug = ?');
    this.updateHandshakes = db.prepare<[number, string | null, string]>('UPDATE endpoints SET handshakes = ?, verify_token = ? WHERE slug = ?');
  }

  list(): EndpointRecord[] {
    return this.selectAll.all().map(toRecord);
  }

  find(slug: string): EndpointRecord | undefined {
    const row = this.selectBySlug.get(slug);
    return row ? toRecord(row) : undefined;
  }

  create(slug: string, name: string, response: ResponseRule, now: number, builtIn = false): EndpointRecord {
    this.insert.run(slug, name, builtIn ? 1 : 0, JSON.stringify(response), now);
    return this.find(slug)!;
  }

  update(slug: string, name: string, response: ResponseRule): EndpointRecord | undefined {
    this.updateRow.run(name, JSON.stringify(response), slug);
    return this.find(slug);
  }

  /** Sets (or, with null, removes) verification; the secret arrives sealed. */
  setVerification(slug: string, verification: StoredVerification | null, secretSealed: Buffer | null, secretHint: string | null): void {
    this.updateVerification.run(verification && JSON.stringify(verification), secretSealed, secretHint, slug);
  }

  setPublicUrl(slug: string, publicUrl: string | null): void {
    this.updatePublicUrl.run(publicUrl, slug);
  }

  setFailureMode(slug: string, mode: FailureMode | null): void {
    this.updateFailureMode.run(mode && JSON.stringify(mode), slug);
  }

  setProvider(slug: string, provider: ProviderProfileKey | null): void {
    this.updateProvider.run(provider, slug);
  }

  setHandshakes(slug: string, handshakes: boolean, verifyToken: string | null): void {
    this.updateHandshakes.run(handshakes ? 1 : 0, verifyToken, slug);
  }

  /** Team mode: whether the endpoint's history is shared with the team. */
  setShared(slug: string, shared: boolean): void {
    this.updateShared.run(shared ? 1 : 0, slug);
  }

  setForward(slug: string, forward: ForwardRule | null): void {
    this.updateForward.run(forward && JSON.stringify(forward), slug);
  }

  /** Deletes the endpoint and, by cascade, its deliveries. The built-in endpoint is never deleted. */
  delete(slug: string): number {
    return this.deleteBySlug.run(slug).changes;
  }
}
