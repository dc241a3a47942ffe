// Schema migrations, applied in order and keyed on PRAGMA user_version: migration i brings the
// database from version i to i + 1. Append only; never edit a migration that has shipped.
// Tables about a delivery (bodies, verifications, replay attempts, documents, …) each have a
// NOT NULL foreign key to deliveries(id) ON DELETE CASCADE.
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
  /* 3: replay: every attempt (manual, forward, bulk) with what was sent and what came back; live forwarding per endpoint; imported deliveries */ `
  CREATE TABLE replay_attempts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id         INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    trigger             TEXT NOT NULL,     -- manual | forward | bulk
    bulk_id             TEXT,              -- the bulk job that sent it
    mode                TEXT NOT NULL,     -- as-is | edited | resigned | bad-signature
    target              TEXT NOT NULL,     -- as given; request_url is what was called
    started_at          INTEGER NOT NULL,  -- ms since epoch
    duration_ms         REAL NOT NULL,
    request_method      TEXT NOT NULL,
    request_url         TEXT NOT NULL,
    request_headers     TEXT NOT NULL,     -- JSON [[name, value], ...] in the order sent
    request_body_size   INTEGER NOT NULL,
    request_body_sha256 TEXT NOT NULL,
    signing             TEXT,              -- JSON {scheme, valid, headers}; never the secret
    response_status     INTEGER,           -- null: no response (see error_code)
    response_headers    TEXT,              -- JSON [[name, value], ...] as received
    response_body_size  INTEGER,
    response_truncated  INTEGER NOT NULL DEFAULT 0,
    error_code          TEXT,
    error_message       TEXT,
    -- Blobs last, so reading the columns above never walks their overflow pages.
    request_body        BLOB,              -- null: byte for byte the delivery's body (not copied)
    response_body       BLOB               -- up to the cap (1 MiB)
  );
  CREATE INDEX replay_attempts_by_delivery ON replay_attempts(delivery_id, id);
  ALTER TABLE endpoints ADD COLUMN forward TEXT;                          -- JSON ForwardRule, or null
  ALTER TABLE deliveries ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;  -- 1: from a HAR/JSON import
  `,
  /* 4: what arrived: recognition and duplicate keys, archived documents, failure modes, handling time */ `
  CREATE TABLE recognitions (
    delivery_id INTEGER PRIMARY KEY REFERENCES deliveries(id) ON DELETE CASCADE,
    endpoint_id INTEGER NOT NULL,
    provider_id TEXT,                  -- null: not recognised
    provider    TEXT,                  -- ProviderInfo as JSON
    dup_key     TEXT,
    dup_source  TEXT,
    attempt     INTEGER                -- 1 = first delivery of its event at this endpoint
  );
  CREATE INDEX recognitions_by_event ON recognitions(endpoint_id, dup_key, attempt) WHERE dup_key IS NOT NULL;
  CREATE TABLE documents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id   INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    origin        TEXT NOT NULL,       -- link | body | multipart
    source_url    TEXT,
    field         TEXT,
    state         TEXT NOT NULL,       -- pending | archived | failed
    content_type  TEXT,
    size          INTEGER,
    sha256        TEXT,
    pages         INTEGER,
    error         TEXT,                -- JSON {code, message}
    claimed_size  INTEGER,
    claimed_pages INTEGER,
    fetched_at    INTEGER
  );
  CREATE INDEX documents_by_delivery ON documents(delivery_id);
  CREATE TABLE document_bodies (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    bytes       BLOB NOT NULL
  );
  ALTER TABLE endpoints ADD COLUMN failure_mode TEXT;   -- FailureMode as JSON
  ALTER TABLE endpoints ADD COLUMN provider TEXT;       -- provider profile key
  ALTER TABLE deliveries ADD COLUMN handled_ms INTEGER; -- how long the sender waited for its answer
  `,
  /* 5: "fail the first N" counts, so a restart continues the count instead of re-arming it */ `
  CREATE TABLE failure_mode_counts (
    endpoint_id INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
    scope       TEXT NOT NULL,     -- an event's duplicate key; '' = the endpoint (or, per event, deliveries without a key)
    failed      INTEGER NOT NULL,  -- deliveries failed on purpose in this scope since the mode was set
    PRIMARY KEY (endpoint_id, scope)
  ) WITHOUT ROWID;
  `,
  /* 6: analysis that failed (threw, overran its time or memory budget, killed its thread), per delivery and stage, with the reason */ `
  CREATE TABLE analysis_failures (
    delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    stage       TEXT NOT NULL,         -- verify | recognize | documents
    reason      TEXT NOT NULL,
    failed_at   INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, stage)
  );
  `,
  /*
   * 7: search. A contentless FTS5 index (no copy of the text: the bodies are already stored) over
   * each delivery's path, query, headers and body text (column t) and the facts fixed at capture
   * (column f: method, endpoint, via, header names, size class), written in the delivery's own
   * transaction. unicode61 with '_' and '-' as token characters keeps pasted identifiers
   * (evt_1Nx…, job_…, UUIDs) whole; detail=full for phrases (measured: ~1 µs/row more CPU than
   * detail=none, ~1.8x the index size; trigram costs ~5x the CPU). Facts that change or arrive
   * later (the answer's status, verification, provider and event, retries, documents) are rows of
   * delivery_facets, kept true by triggers whatever code writes those tables. Existing deliveries
   * are indexed in the background, newest first, from search_backfill.next_id down.
   */ `
  CREATE VIRTUAL TABLE delivery_search USING fts5(
    t, f, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2 tokenchars '_-'"
  );
  CREATE TABLE delivery_facets (
    token       TEXT NOT NULL,     -- "status:500", "verified:invalid", "event:invoice.paid", …
    delivery_id INTEGER NOT NULL,
    PRIMARY KEY (token, delivery_id)
  ) WITHOUT ROWID;
  CREATE TABLE search_backfill (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    next_id INTEGER NOT NULL,      -- the newest delivery not yet indexed; 0 = done
    total   INTEGER NOT NULL,      -- how many there were to index
    indexed INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO search_backfill (id, next_id, total)
    SELECT 1, coalesce(max(id), 0), count(*) FROM deliveries;
  CREATE INDEX deliveries_by_time ON deliveries(received_at);

  CREATE TRIGGER deliveries_search_delete AFTER DELETE ON deliveries BEGIN
    DELETE FROM delivery_search WHERE rowid = old.id;
    DELETE FROM delivery_facets WHERE token = 'status:' || old.response_status AND delivery_id = old.id;
    DELETE FROM delivery_facets WHERE token = 'status:' || (old.response_status / 100) || 'xx' AND delivery_id = old.id;
  END;
  CREATE TRIGGER deliveries_facet_insert AFTER INSERT ON deliveries BEGIN
    INSERT OR IGNORE INTO delivery_facets VALUES ('status:' || new.response_status, new.id), ('status:' || (new.response_status / 100) || 'xx', new.id);
  END;
  CREATE TRIGGER deliveries_facet_update AFTER UPDATE OF response_status ON deliveries BEGIN
    DELETE FROM delivery_facets WHERE token IN ('status:' || old.response_status, 'status:' || (old.response_status / 100) || 'xx') AND delivery_id = old.id;
    INSERT OR IGNORE INTO delivery_facets VALUES ('status:' || new.response_status, new.id), ('status:' || (new.response_status / 100) || 'xx', new.id);
  END;

  CREATE TRIGGER verifications_facet_insert AFTER INSERT ON verifications BEGIN
    INSERT OR IGNORE INTO delivery_facets VALUES ('verified:' || new.status, new.delivery_id);
  END;
  CREATE TRIGGER verifications_facet_update AFTER UPDATE OF status ON verifications BEGIN
    DELETE FROM delivery_facets WHERE token = 'verified:' || old.status AND delivery_id = old.delivery_id;
    INSERT OR IGNORE INTO delivery_facets VALUES ('verified:' || new.status, new.delivery_id);
  END;
  CREATE TRIGGER verifications_facet_delete AFTER DELETE ON verifications BEGIN
    DELETE FROM delivery_facets WHERE token = 'verified:' || old.status AND delivery_id = old.delivery_id;
  END;

  CREATE VIEW recognition_facets AS
    SELECT delivery_id, 'provider:' || lower(provider_id) AS token FROM recognitions WHERE provider_id IS NOT NULL
    UNION ALL SELECT delivery_id, 'event:' || lower(provider ->> '$.event') FROM recognitions WHERE provider ->> '$.event' IS NOT NULL
    UNION ALL SELECT delivery_id, 'retry:yes' FROM recognitions WHERE attempt > 1;
  CREATE TRIGGER recognitions_facet_insert AFTER INSERT ON recognitions BEGIN
    INSERT OR IGNORE INTO delivery_facets SELECT token, delivery_id FROM recognition_facets WHERE delivery_id = new.delivery_id;
  END;
  CREATE TRIGGER recognitions_facet_update AFTER UPDATE ON recognitions BEGIN
    DELETE FROM delivery_facets WHERE delivery_id = old.delivery_id
      AND token IN ('provider:' || lower(old.provider_id), 'event:' || lower(old.provider ->> '$.event'), 'retry:yes');
    INSERT OR IGNORE INTO delivery_facets SELECT token, delivery_id FROM recognition_facets WHERE delivery_id = new.delivery_id;
  END;
  CREATE TRIGGER recognitions_facet_delete AFTER DELETE ON recognitions BEGIN
    DELETE FROM delivery_facets WHERE delivery_id = old.delivery_id
      AND token IN ('provider:' || lower(old.provider_id), 'event:' || lower(old.provider ->> '$.event'), 'retry:yes');
  END;

  CREATE TRIGGER documents_facet_insert AFTER INSERT ON documents BEGIN
    INSERT OR IGNORE INTO delivery_facets VALUES ('document:' || new.state, new.delivery_id);
  END;
  CREATE TRIGGER documents_facet_update AFTER UPDATE OF state ON documents BEGIN
    DELETE FROM delivery_facets WHERE token = 'document:' || old.state AND delivery_id = old.delivery_id
      AND NOT EXISTS (SELECT 1 FROM documents WHERE delivery_id = old.delivery_id AND state = old.state AND id <> old.id);
    INSERT OR IGNORE INTO delivery_facets VALUES ('document:' || new.state, new.delivery_id);
  END;
  CREATE TRIGGER documents_facet_delete AFTER DELETE ON documents BEGIN
    DELETE FROM delivery_facets WHERE token = 'document:' || old.state AND delivery_id = old.delivery_id
      AND NOT EXISTS (SELECT 1 FROM documents WHERE delivery_id = old.delivery_id AND state = old.state AND id <> old.id);
  END;
  `,
  /* 8: handshakes answered for the user (per endpoint, on by default), Meta's verify token, and the handshake a delivery was */ `
  ALTER TABLE endpoints ADD COLUMN handshakes INTEGER NOT NULL DEFAULT 1; -- 0: answer handshakes by the endpoint's rule
  ALTER TABLE endpoints ADD COLUMN verify_token TEXT;                     -- Meta/WhatsApp hub.verify_token; null: the secret
  ALTER TABLE deliveries ADD COLUMN handshake TEXT;                       -- HandshakeInfo as JSON, or null
  `,
  /*
   * 9: search indexing moves behind the answer (search/search-indexer.ts): new deliveries are
   * indexed in batches after their commit, and the frontier records the newest one indexed so a
   * restart indexes what a crash left out. The status facets of a new delivery are written with its
   * batch, so their insert trigger goes (the update trigger stays: a relayed answer changes them);
   * a first recognition's facets are written by its repository from what it holds, so that insert
   * trigger (a view re-read and the JSON parsed twice per row) goes too.
   */ `
  CREATE TABLE search_frontier (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_through INTEGER NOT NULL   -- every delivery up to this id has been indexed (or backfilled)
  );
  INSERT INTO search_frontier (id, indexed_through) SELECT 1, coalesce(max(id), 0) FROM deliveries;
  DROP TRIGGER deliveries_facet_insert;
  DROP TRIGGER recognitions_facet_insert;
  `,
  /* 10: finished test events (trigger.send), kept per endpoint (the newest 20) across restarts */ `
  CREATE TABLE trigger_runs (
    id          TEXT PRIMARY KEY,
    endpoint_id INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
    started_at  INTEGER NOT NULL,
    run         TEXT NOT NULL      -- TriggerRun as JSON
  );
  CREATE INDEX trigger_runs_by_endpoint ON trigger_runs(endpoint_id, started_at);
  `,
  /*
   * 11: team mode (electron/core/team/). Which endpoints a team shares; for deliveries and replay
   * attempts that came from another node, that node's id and its own local id (null: captured or
   * sent here), unique so a replicated row is stored once; this node's id and its push and pull
   * high-water marks, written in the same transaction as the rows they cover (crash-safe outbox).
   */ `
  ALTER TABLE endpoints ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE deliveries ADD COLUMN origin_node TEXT;
  ALTER TABLE deliveries ADD COLUMN origin_id INTEGER;
  CREATE UNIQUE INDEX deliveries_by_origin ON deliveries(origin_node, origin_id) WHERE origin_node IS NOT NULL;
  ALTER TABLE deliveries ADD COLUMN failed_scope TEXT;   -- "fail the first N" failed it on purpose in this scope
  ALTER TABLE replay_attempts ADD COLUMN origin_node TEXT;
  ALTER TABLE replay_attempts ADD COLUMN origin_id INTEGER;
  CREATE UNIQUE INDEX replay_attempts_by_origin ON replay_attempts(origin_node, origin_id) WHERE origin_node IS NOT NULL;
  ALTER TABLE documents ADD COLUMN team_pushed INTEGER NOT NULL DEFAULT 0;  -- 1: this outcome is in PostgreSQL
  ALTER TABLE documents ADD COLUMN origin_node TEXT;
  ALTER TABLE documents ADD COLUMN origin_id INTEGER;
  CREATE UNIQUE INDEX documents_by_origin ON documents(origin_node, origin_id) WHERE origin_node IS NOT NULL;
  CREATE INDEX documents_to_push ON documents(id) WHERE team_pushed = 0 AND origin = 'link';
  CREATE TABLE team_state (
    key   TEXT PRIMARY KEY,        -- node_id, and the push and pull marks (store/team-repository.ts)
    value TEXT NOT NULL
  );
  -- What the sender got and how long it waited are written after the commit (handling time, a
  -- relayed answer): while in team mode (amend_log set by the team loop, cleared by a start
  -- without it) each such change of a delivery captured here is logged, in its own transaction,
  -- for the team loop to push.
  CREATE TABLE team_amends (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL
  );
  CREATE TRIGGER deliveries_team_amend AFTER UPDATE OF handled_ms, response_status, response_headers, response_body ON deliveries
    WHEN new.origin_node IS NULL AND EXISTS (SELECT 1 FROM team_state WHERE key = 'amend_log')
  BEGIN
    INSERT INTO team_amends (delivery_id) VALUES (new.id);
  END;
  `,
  /*
   * 12: team mode's durable outboxes for what is not a delivery (store/team-repository.ts), both
   * written only while in team mode (amend_log set) and in the transaction of the change itself, so
   * a node stopped or killed before PostgreSQL took them pushes them when it runs again:
   * - endpoint definitions changed or deleted here, marked by triggers in the statement that changes
   *   them (one row per slug; `version` grows with each change, and a push clears only the version
   *   it read, so a change made while pushing stays due);
   * - deletions of deliveries and clears of an endpoint's deliveries, written by the delivery service
   *   in the transaction that deletes (a clear names how far this node's history went: its own
   *   deliveries up to `through_local`, other nodes' up to the pulled mark `through_seq`).
   */ `
  CREATE TABLE team_endpoint_changes (
    slug    TEXT PRIMARY KEY,
    shared  INTEGER NOT NULL,            -- shared when changed (a deleted endpoint has no row left to ask)
    version INTEGER NOT NULL DEFAULT 1
  );
  CREATE TRIGGER endpoints_team_insert AFTER INSERT ON endpoints
    WHEN EXISTS (SELECT 1 FROM team_state WHERE key = 'amend_log')
  BEGIN
    INSERT INTO team_endpoint_changes (slug, shared) VALUES (new.slug, new.shared)
      ON CONFLICT (slug) DO UPDATE SET shared = excluded.shared, version = version + 1;
  END;
  -- Not the forward rule: it stays per node.
  CREATE TRIGGER endpoints_team_update AFTER UPDATE OF name, response, verification, secret_sealed, secret_hint, public_url,
      failure_mode, provider, handshakes, verify_token, shared ON endpoints
    WHEN EXISTS (SELECT 1 FROM team_state WHERE key = 'amend_log')
  BEGIN
    INSERT INTO team_endpoint_changes (slug, shared) VALUES (new.slug, new.shared)
      ON CONFLICT (slug) DO UPDATE SET shared = excluded.shared, version = version + 1;
  END;
  CREATE TRIGGER endpoints_team_delete AFTER DELETE ON endpoints
    WHEN EXISTS (SELECT 1 FROM team_state WHERE key = 'amend_log')
  BEGIN
    INSERT INTO team_endpoint_changes (slug, shared) VALUES (old.slug, old.shared)
      ON CONFLICT (slug) DO UPDATE SET shared = excluded.shared, version = version + 1;
  END;
  CREATE TABLE team_deletions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    endpoint      TEXT NOT NULL,     -- the endpoint's slug
    shared        INTEGER NOT NULL,  -- it was shared then
    delivery_node TEXT,              -- one delivery: its team-wide name (null node: captured here)
    delivery_id   INTEGER,           -- null: a clear of the endpoint's deliveries
    through_local INTEGER,           -- a clear: this node's last delivery id then
    through_seq   INTEGER            -- a clear: this node's pulled_delivery mark then
  );
  `,
];
