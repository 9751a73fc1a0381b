/**
 * The schema of `pullwatch.db`, as migrations. `MIGRATIONS[n]` takes a database from
 * `user_version` n to n + 1; a new version appends a migration and never edits an old one.
 * `openDatabase` runs the pending ones in one transaction, so a database is always at a
 * version this list knows.
 *
 * Every stored document keeps its JSON (`doc`) beside the columns its queries need; times
 * are epoch milliseconds (UTC). `rid` is the row id: insertion order, used to break ties the
 * way the in-memory adapters do (they keep arrays in insertion order).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: firewall events, pull records, dead letters, integrations, alerts.
  `
  CREATE TABLE firewall_events (
    rid               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL,    -- the envelope id (idempotency key, per stream)
    stream            TEXT NOT NULL,
    ts                INTEGER NOT NULL, -- @timestamp, epoch ms
    source_address    TEXT,             -- log.source.address
    syslog_hostname   TEXT,             -- log.syslog.hostname
    observer_hostname TEXT,             -- observer.hostname
    observer_name     TEXT,             -- observer.name
    observer_serial   TEXT,             -- observer.serial_number
    feed_event        TEXT,             -- pullwatch.feed.event
    cause             TEXT,             -- pullwatch.root_cause.category
    rule              TEXT,             -- pullwatch.root_cause.rule
    message           TEXT,             -- message
    doc               TEXT NOT NULL,    -- the document, JSON
    UNIQUE (stream, id)
  );
  CREATE INDEX firewall_events_stream_ts ON firewall_events (stream, ts);
  CREATE INDEX firewall_events_syslog_hostname ON firewall_events (syslog_hostname, ts) WHERE syslog_hostname IS NOT NULL;
  CREATE INDEX firewall_events_observer_hostname ON firewall_events (observer_hostname, ts) WHERE observer_hostname IS NOT NULL;
  CREATE INDEX firewall_events_observer_name ON firewall_events (observer_name, ts) WHERE observer_name IS NOT NULL;
  CREATE INDEX firewall_events_observer_serial ON firewall_events (observer_serial, ts) WHERE observer_serial IS NOT NULL;
  CREATE INDEX firewall_events_source_address ON firewall_events (source_address, ts) WHERE source_address IS NOT NULL;

  CREATE TABLE pulls (
    rid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL,
    stream         TEXT NOT NULL,
    ts             INTEGER NOT NULL,  -- @timestamp, epoch ms
    integration_id TEXT NOT NULL,     -- integration.id
    source_ip      TEXT NOT NULL,     -- source.ip
    status         INTEGER NOT NULL,  -- http.response.status_code
    url_path       TEXT,              -- url.path
    doc            TEXT NOT NULL,
    UNIQUE (stream, id)
  );
  -- Covers every evidence and timeline query: they read no other column.
  CREATE INDEX pulls_integration_ts ON pulls (integration_id, ts, status, source_ip, url_path);
  CREATE INDEX pulls_stream_ts ON pulls (stream, ts);

  CREATE TABLE dead_letters (
    seq       INTEGER PRIMARY KEY,
    stored_at INTEGER NOT NULL,       -- epoch ms
    at        TEXT NOT NULL,          -- DeadLetter.at as given
    code      TEXT NOT NULL,
    stage     TEXT NOT NULL,
    letter    TEXT NOT NULL           -- the DeadLetter, JSON
  );

  CREATE TABLE integrations (
    id         TEXT PRIMARY KEY,
    vendor     TEXT NOT NULL,
    updated_at INTEGER NOT NULL,      -- epoch ms of the last put
    doc        TEXT NOT NULL          -- the Integration, JSON
  );

  CREATE TABLE alerts (
    rid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    status         TEXT NOT NULL,     -- open | resolved
    vendor         TEXT NOT NULL,     -- integration.vendor
    cause          TEXT,              -- diagnosis.primary.category
    integration_id TEXT NOT NULL,
    opened_at      INTEGER,           -- epoch ms
    updated_at     INTEGER,           -- epoch ms
    doc            TEXT NOT NULL      -- the Alert, JSON
  );
  CREATE INDEX alerts_updated ON alerts (updated_at DESC, id);
  CREATE INDEX alerts_status_updated ON alerts (status, updated_at DESC, id);
  CREATE INDEX alerts_integration ON alerts (integration_id, status, opened_at);
  `,
];

/** The schema version this code writes (`PRAGMA user_version`). */
export const SCHEMA_VERSION = MIGRATIONS.length;
