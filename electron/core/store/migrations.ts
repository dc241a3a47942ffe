// Schema migrations, applied in order and keyed on PRAGMA user_version: migration i brings the
// database from version i to i + 1. Append only; never edit a migration that has shipped.
// Verifications, replay attempts and documents get their own tables in later migrations, each
// with a NOT NULL foreign key to deliveries(id) ON DELETE CASCADE like delivery_bodies below.
export const migrations: readonly string[] = [
  /* 1: endpoints, deliveries (metadata apart from the body so listing never touches blobs), settings */ `
  CREATE TABLE endpoints (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    built_in   INTEGER NOT NULL DEFAULT 0,
    response   TEXT NOT NULL,            -- ResponseRule as JSON
    created_at INTEGER NOT NULL          -- ms since epoch
  );
  CREATE TABLE deliveries (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    endpoint_id       INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
    received_at       INTEGER NOT NULL,  -- ms since epoch
    method            TEXT NOT NULL,
    url               TEXT NOT NULL,     -- raw request target, as sent
    http_version      TEXT NOT NULL,
    raw_headers       TEXT NOT NULL,     -- JSON [[name, value], ...] in wire order
    headers_truncated INTEGER NOT NULL DEFAULT 0,
    body_size         INTEGER NOT NULL,
    body_sha256       TEXT NOT NULL,
    content_type      TEXT,
    remote_address    TEXT,
    via_tunnel        INTEGER NOT NULL DEFAULT 0,
    response_status   INTEGER NOT NULL,
    response_headers  TEXT NOT NULL,     -- JSON [[name, value], ...]
    response_body     TEXT NOT NULL,
    rejected          TEXT               -- null, or why the listener refused it
  );
  CREATE INDEX deliveries_by_endpoint ON deliveries(endpoint_id, id);
  CREATE TABLE delivery_bodies (
    delivery_id INTEGER PRIMARY KEY REFERENCES deliveries(id) ON DELETE CASCADE,
    body        BLOB NOT NULL
  );
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL                  -- JSON
  );
  `,
  /* 2: signature verification: per-endpoint settings with the secret sealed by a SecretBox, one verdict per delivery */ `
  ALTER TABLE endpoints ADD COLUMN verification TEXT;        -- JSON {scheme, options}; no secret in it
  ALTER TABLE endpoints ADD COLUMN secret_sealed BLOB;       -- SecretBox.seal(secret)
  ALTER TABLE endpoints ADD COLUMN secret_hint TEXT;         -- last four characters
  ALTER TABLE endpoints ADD COLUMN public_url TEXT;
  CREATE TABLE verifications (
    delivery_id INTEGER PRIMARY KEY REFERENCES deliveries(id) ON DELETE CASCADE,
    scheme      TEXT NOT NULL,
    status      TEXT NOT NULL,       -- valid | invalid | missing | unverified
    reason      TEXT NOT NULL,
    details     TEXT NOT NULL,       -- JSON
    verified_at INTEGER NOT NULL
  );
  `,
];
