import type { Statement } from 'better-sqlite3';
import type { EcsDocument } from '@pullwatch/core';
import type { EventStore, StoreFeatures, StoredDocument, WriteResult } from '@pullwatch/ports';
import { DEFAULT_PULLS_STREAM, FIREWALL_COLUMNS, firewallRow, pullRow, streamKind, type FirewallRow, type PullRow, type StreamKind } from './columns.js';
import type { SqliteDatabase } from './database.js';
import { SCHEMA_VERSION } from './schema.js';
import { withWriteRetry, type WriteRetryOptions } from './write-retry.js';

export interface SqliteEventStoreOptions extends WriteRetryOptions {
  /**
   * The stream of pull records (config `elasticsearch.pullsStream`); it and any
   * `logs-pullwatch.pulls-*` go to the `pulls` table, every other stream to
   * `firewall_events`. Default `logs-pullwatch.pulls-default`.
   */
  pullsStream?: string;
  /** Documents per transaction: a `write` of more commits in several. Default 2000. */
  batchDocs?: number;
}

/** Options of `search`. */
export interface SearchOptions {
  /** Oldest `@timestamp` included. */
  from?: Date;
  /** Newest `@timestamp` included. */
  to?: Date;
  /**
   * Substring to find, case-insensitive for ASCII letters (SQLite LIKE): in `message` for
   * firewall streams; in `integration.id`, `source.ip` or `url.path` for pull streams.
   */
  text?: string;
  /** Most documents returned (at most 10,000). */
  limit: number;
}

/** A stored document, as `search` returns it. */
export interface SearchHit {
  id: string;
  stream: string;
  /** The stored time, ISO-8601 UTC with milliseconds (the document keeps its own `@timestamp` as written). */
  '@timestamp': string;
  doc: EcsDocument;
}

/** Largest `limit` of `search`. */
export const MAX_SEARCH_LIMIT = 10_000;

/** A LIKE pattern finding `s` anywhere (with `\` as the escape character). */
const containing = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface SearchRow {
  id: string;
  stream: string;
  ts: number;
  doc: string;
}

/**
 * EventStore over SQLite (embedded mode). `write` inserts each document once per (stream, id):
 * `INSERT … ON CONFLICT (stream, id) DO NOTHING`, a row inserted is `created`, one ignored a
 * `duplicate` (a replay). Documents go in transactions of `batchDocs`; each commits whole or
 * not at all, and the event loop gets a turn between them. Refused for good (status 400, as an
 * Elasticsearch mapping error): a document without a readable `@timestamp`, one that is not
 * JSON, and on a pulls stream one without integration id, source address or integer status.
 * A transaction failing transiently (SQLITE_BUSY past the busy timeout, disk full, I/O error)
 * is retried with back-off, then the call rejects (retriable); batches committed before stay.
 *
 * Each document is kept as JSON with the columns the queries need (see schema.ts).
 * `close` closes the database: close the store after every adapter sharing it.
 */
export class SqliteEventStore implements EventStore {
  readonly pullsStream: string;
  readonly #db: SqliteDatabase;
  readonly #opts: SqliteEventStoreOptions;
  readonly #batch: number;
  readonly #insertFirewall: Statement<[FirewallRow]>;
  readonly #insertPull: Statement<[PullRow]>;

  constructor(db: SqliteDatabase, opts: SqliteEventStoreOptions = {}) {
    this.#db = db;
    this.#opts = opts;
    this.pullsStream = opts.pullsStream ?? DEFAULT_PULLS_STREAM;
    this.#batch = Math.max(1, opts.batchDocs ?? 2000);
    const columns = ['id', 'stream', 'ts', ...FIREWALL_COLUMNS.map(([c]) => c), 'doc'];
    this.#insertFirewall = db.handle.prepare(
      `INSERT INTO firewall_events (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')}) ON CONFLICT (stream, id) DO NOTHING`,
    );
    this.#insertPull = db.handle.prepare(
      `INSERT INTO pulls (id, stream, ts, integration_id, source_ip, status, url_path, doc)
       VALUES (@id, @stream, @ts, @integration_id, @source_ip, @status, @url_path, @doc) ON CONFLICT (stream, id) DO NOTHING`,
    );
  }

  /** Which table `stream` is kept in. */
  kindOf(stream: string): StreamKind {
    return streamKind(stream, this.pullsStream);
  }

  /** The schema is created by `openDatabase`; this reports what the database offers. */
  async setup(): Promise<StoreFeatures> {
    const db = this.#db;
    const features: StoreFeatures = {
      sqlite: { available: true, note: `SQLite ${db.sqliteVersion} at ${db.path} (schema version ${db.schemaVersion} of ${SCHEMA_VERSION})` },
      wal: db.journalMode === 'wal'
        ? { available: true, note: 'write-ahead log: readers do not block the writer' }
        : { available: false, note: `journal_mode is ${db.journalMode}: the file system refused WAL, so readers and the writer block each other` },
    };
    return features;
  }

  async write(stream: string, docs: StoredDocument[]): Promise<WriteResult> {
    const result: WriteResult = { created: 0, duplicates: 0, rejected: [] };
    const kind = this.kindOf(stream);
    for (let i = 0; i < docs.length; i += this.#batch) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      const rows: Array<FirewallRow | PullRow> = [];
      for (const d of docs.slice(i, i + this.#batch)) {
        const outcome = kind === 'pulls' ? pullRow(stream, d.id, d.doc) : firewallRow(stream, d.id, d.doc);
        if ('row' in outcome) rows.push(outcome.row);
        else result.rejected.push({ id: d.id, doc: d.doc, status: 400, reason: outcome.reason });
      }
      if (rows.length === 0) continue;
      const insert = (kind === 'pulls' ? this.#insertPull : this.#insertFirewall) as Statement<[FirewallRow | PullRow]>;
      const created = await withWriteRetry(`writing ${rows.length} document(s) to ${stream}`, this.#db.path, this.#opts, () =>
        this.#db.handle
          .transaction(() => {
            let n = 0;
            for (const row of rows) n += insert.run(row).changes;
            return n;
          })
          .immediate(),
      );
      result.created += created;
      result.duplicates += rows.length - created;
    }
    return result;
  }

  /**
   * Documents of one stream, newest first (ties: the last written first), for the page and
   * for inspection. Not part of the EventStore port.
   */
  async search(stream: string, opts: SearchOptions): Promise<SearchHit[]> {
    const limit = Math.max(0, Math.min(MAX_SEARCH_LIMIT, Math.floor(opts.limit)));
    if (!(limit > 0)) return [];
    const pulls = this.kindOf(stream) === 'pulls';
    const where = ['stream = @stream'];
    const params: Record<string, string | number> = { stream, limit };
    if (opts.from !== undefined) {
      where.push('ts >= @from');
      params.from = opts.from.getTime();
    }
    if (opts.to !== undefined) {
      where.push('ts <= @to');
      params.to = opts.to.getTime();
    }
    if (opts.text !== undefined && opts.text !== '') {
      where.push(pulls ? "(integration_id LIKE @text ESCAPE '\\' OR source_ip LIKE @text ESCAPE '\\' OR url_path LIKE @text ESCAPE '\\')" : "message LIKE @text ESCAPE '\\'");
      params.text = containing(opts.text);
    }
    const rows = this.#db.handle
      .prepare<Record<string, string | number>, SearchRow>(
        `SELECT id, stream, ts, doc FROM ${pulls ? 'pulls' : 'firewall_events'} WHERE ${where.join(' AND ')} ORDER BY ts DESC, rid DESC LIMIT @limit`,
      )
      .all(params);
    return rows.map((r) => ({ id: r.id, stream: r.stream, '@timestamp': new Date(r.ts).toISOString(), doc: JSON.parse(r.doc) as EcsDocument }));
  }

  /** Closes the shared database (see SqliteDatabase.close). */
  async close(): Promise<void> {
    this.#db.close();
  }
}
