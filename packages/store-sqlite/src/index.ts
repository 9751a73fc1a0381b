/**
 * @pullwatch/store-sqlite: the storage ports over one SQLite file (better-sqlite3), for
 * embedded mode. Open the database once (`openDatabase(dir)`), build the adapters on it, and
 * close the event store last (it closes the database). See docs/embedded.md.
 */
export { openDatabase, SqliteDatabase, DATABASE_FILE, type OpenDatabaseOptions } from './database.js';
export { SCHEMA_VERSION } from './schema.js';
export { DEFAULT_PULLS_STREAM, DEFAULT_FIREWALL_STREAM, type StreamKind } from './columns.js';
export { SqliteEventStore, MAX_SEARCH_LIMIT, type SqliteEventStoreOptions, type SearchOptions, type SearchHit } from './sqlite-event-store.js';
export { SqliteDeadLetters, DEFAULT_DEAD_LETTER_LIMIT } from './sqlite-dead-letters.js';
export { SqliteEvidenceSource, MAX_TIMELINE_BUCKETS } from './sqlite-evidence-source.js';
export { SqliteIntegrationRegistry } from './sqlite-integration-registry.js';
export { SqliteAlertStore, DEFAULT_ALERT_LIMIT } from './sqlite-alert-store.js';
export { isTransientSqliteError, type WriteRetryOptions } from './write-retry.js';
