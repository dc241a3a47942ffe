// The team's PostgreSQL schema: its own migrations, applied in order under an advisory lock so
// nodes starting together do not race, and recorded in hookscope_schema. Append only.
//
// Every replicated row has a `seq` (bigserial) that readers page on, and a (node, local_id)
// natural key that makes pushing idempotent (ON CONFLICT DO NOTHING). Writers take one
// transaction-scoped advisory lock before inserting (see PUSH_LOCK): sequence values are handed out
// in commit order, so a reader that has seen seq N has seen every row below N. Without it, a
// transaction holding seq 9 could commit after one holding seq 10 had been read, and 9 would be
// skipped for ever.
import type pg from 'pg';

/** pg_advisory_xact_lock key for writers of replicated rows ("hook" in ASCII). */
export const PUSH_LOCK = 0x686f6f6b;
/** pg_advisory_lock key held while migrating. */
const MIGRATE_LOCK = 0x686f6f6c;
/** The NOTIFY channel: its payload is only a hint (the newest seq); readers always catch up by seq. */
export const CHANNEL = 'hookscope';

const migrations: readonly string[] = [
  /* 1: endpoints, deliveries, replay attempts, settings */ `
  CREATE TABLE team_endpoints (
    slug          text PRIMARY KEY,
    seq           bigint NOT NULL,
    definition    jsonb NOT NULL,   -- the endpoint without secret, forward rule or local ids
    secret_sealed bytea,            -- sealed with the team key; never in clear
    updated_by    text NOT NULL,
    updated_at    bigint NOT NULL
  );
  CREATE SEQUENCE team_endpoints_seq;
  CREATE TABLE team_deliveries (
    seq               bigserial PRIMARY KEY,
    node              text NOT NULL,
    local_id          bigint NOT NULL,
    endpoint          text NOT NULL,
    received_at       bigint NOT NULL,
    method            text NOT NULL,
    url               text NOT NULL,
    http_version      text NOT NULL,
    raw_headers       text NOT NULL,
    headers_truncated boolean NOT NULL,
    body              bytea NOT NULL,
    body_sha256       text NOT NULL,
    content_type      text,
    remote_address    text,
    via_tunnel        boolean NOT NULL,
    response_status   integer NOT NULL,
    response_headers  text NOT NULL,
    response_body     text NOT NULL,
    rejected          text,
    imported          boolean NOT NULL,
    handshake         text,
    failed_scope      text,             -- "fail the first N" failed it on purpose in this scope
    handled_ms        integer,          -- set by an amendment: how long the sender waited
    amend_seq         bigint,           -- from team_amend_seq: the last amendment (answer, handling time)
    UNIQUE (node, local_id)
  );
  CREATE INDEX team_deliveries_by_endpoint ON team_deliveries (endpoint, seq);
  CREATE SEQUENCE team_amend_seq;
  CREATE INDEX team_deliveries_by_amendment ON team_deliveries (amend_seq) WHERE amend_seq IS NOT NULL;
  CREATE TABLE team_replay_attempts (
    seq           bigserial PRIMARY KEY,
    node          text NOT NULL,
    local_id      bigint NOT NULL,
    delivery_node text NOT NULL,
    delivery_id   bigint NOT NULL,
    attempt       jsonb NOT NULL,   -- the attempt's columns but its bodies
    request_body  bytea,            -- null: the delivery's own body
    response_body bytea,
    UNIQUE (node, local_id)
  );
  CREATE SEQUENCE team_documents_seq;
  CREATE TABLE team_documents (       -- documents fetched from a payload's link, by the capturing node
    node          text NOT NULL,
    local_id      bigint NOT NULL,
    seq           bigint NOT NULL UNIQUE,  -- renewed when the outcome changes (a refetch)
    delivery_node text NOT NULL,
    delivery_id   bigint NOT NULL,
    document      jsonb NOT NULL,          -- the row but its ids and bytes
    bytes         bytea,
    PRIMARY KEY (node, local_id)
  );
  CREATE TABLE team_settings (
    key        text PRIMARY KEY,      -- retention | archive | publicUrl: the settings a team shares
    seq        bigint NOT NULL,       -- from team_endpoints_seq: one order for definitions
    value      jsonb NOT NULL,
    updated_by text NOT NULL,
    updated_at bigint NOT NULL
  );
  `,
  /* 2: deletions are the team's: a deleted shared endpoint, and tombstones of deleted deliveries */ `
  ALTER TABLE team_endpoints ADD COLUMN deleted boolean NOT NULL DEFAULT false;  -- definition '{}' then
  CREATE TABLE team_tombstones (
    seq        bigserial PRIMARY KEY,
    node       text NOT NULL,       -- the deleted delivery's capturing node
    local_id   bigint NOT NULL,     -- its id there
    cleared    text,                -- a clear of this endpoint deleted it (null: deleted alone)
    deleted_by text NOT NULL
  );
  CREATE INDEX team_tombstones_by_delivery ON team_tombstones (node, local_id);
  `,
];

export async function migrateTeamSchema(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS hookscope_schema (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM hookscope_schema');
    const current = rows[0]!.version;
    if (current > migrations.length) throw new Error(`the team database's schema (${current}) is newer than this Hookscope (${migrations.length}); upgrade Hookscope`);
    for (let version = current; version < migrations.length; version++) {
      await client.query('BEGIN');
      try {
        await client.query(migrations[version]!);
        await client.query('INSERT INTO hookscope_schema (version) VALUES ($1)', [version + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]);
  }
}
