import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { PullwatchError } from '@pullwatch/core';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

/** File name of the database inside the data directory. */
export const DATABASE_FILE = 'pullwatch.db';

export interface OpenDatabaseOptions {
  /**
   * How long a statement waits for a lock held by another connection (another pullwatch
   * process, a `sqlite3` shell) before failing with SQLITE_BUSY, in ms. Default 5000.
   */
  busyTimeoutMs?: number;
}

/**
 * One open `pullwatch.db`: the better-sqlite3 connection shared by the SQLite adapters of a
 * process. better-sqlite3 is synchronous: every query runs to its end on the calling thread,
 * so the adapters' async methods never interleave inside a query or a transaction.
 */
export class SqliteDatabase {
  /** Absolute path of the database file. */
  readonly path: string;
  /** The connection (adapters prepare their statements on it). */
  readonly handle: Database.Database;
  /** SQLite library version, e.g. `3.53.2`. */
  readonly sqliteVersion: string;
  /** `PRAGMA journal_mode` in effect: `wal`, unless the file system refused it. */
  readonly journalMode: string;

  constructor(path: string, handle: Database.Database, journalMode: string) {
    this.path = path;
    this.handle = handle;
    this.journalMode = journalMode;
    this.sqliteVersion = (handle.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  }

  /** `PRAGMA user_version`: the schema version of the file. */
  get schemaVersion(): number {
    return this.handle.pragma('user_version', { simple: true }) as number;
  }

  get open(): boolean {
    return this.handle.open;
  }

  /**
   * Runs `PRAGMA optimize` and closes the connection (SQLite then checkpoints the WAL into
   * the database file). Idempotent. Statements of the adapters fail after this.
   */
  close(): void {
    if (!this.handle.open) return;
    try {
      this.handle.pragma('optimize');
    } finally {
      this.handle.close();
    }
  }
}

/**
 * Opens (creating it and `dir` when missing) `<dir>/pullwatch.db`, and brings its schema to
 * SCHEMA_VERSION by the pending migrations, in one IMMEDIATE transaction (so two processes
 * opening a fresh directory at once do not both migrate). Connection settings:
 * - `journal_mode=WAL`: readers (the CLI, the API) do not block the writer nor it them;
 * - `synchronous=NORMAL`: a committed transaction survives a crash of the process; on a
 *   power loss or an OS crash the last transactions before it may be lost (never a corrupt
 *   file);
 * - `busy_timeout` (OpenDatabaseOptions.busyTimeoutMs), `foreign_keys=ON`.
 * Throws a PullwatchError (`service_unavailable`) naming the path when the file cannot be
 * opened, and (`invalid_config`) when it was written by a newer schema than this code knows.
 */
export function openDatabase(dir: string, opts: OpenDatabaseOptions = {}): SqliteDatabase {
  const path = resolve(join(dir, DATABASE_FILE));
  let handle: Database.Database;
  try {
    mkdirSync(dir, { recursive: true });
    handle = new Database(path, { timeout: opts.busyTimeoutMs ?? 5000 });
  } catch (err) {
    throw new PullwatchError(`opening SQLite database ${path}: ${(err as Error).message}`, 'service_unavailable', { cause: err });
  }
  try {
    const journalMode = String(handle.pragma('journal_mode = WAL', { simple: true }));
    handle.pragma('synchronous = NORMAL');
    handle.pragma('foreign_keys = ON');
    migrate(handle, path);
    return new SqliteDatabase(path, handle, journalMode);
  } catch (err) {
    handle.close();
    if (err instanceof PullwatchError) throw err;
    throw new PullwatchError(`preparing SQLite database ${path}: ${(err as Error).message}`, 'service_unavailable', { cause: err });
  }
}

function migrate(handle: Database.Database, path: string): void {
  const version = (): number => handle.pragma('user_version', { simple: true }) as number;
  const tooNew = (v: number): PullwatchError =>
    new PullwatchError(
      `SQLite database ${path} has schema version ${v}, newer than this pullwatch knows (${SCHEMA_VERSION}): run a newer pullwatch, or use another data directory`,
      'invalid_config',
    );
  const start = version();
  if (start > SCHEMA_VERSION) throw tooNew(start);
  if (start === SCHEMA_VERSION) return;
  handle
    .transaction(() => {
      // Read again under the write lock: another process may have migrated meanwhile.
      const current = version();
      if (current > SCHEMA_VERSION) throw tooNew(current);
      for (let v = current; v < SCHEMA_VERSION; v++) handle.exec(MIGRATIONS[v]!);
      handle.pragma(`user_version = ${SCHEMA_VERSION}`);
    })
    .immediate();
}
