import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_FIREWALL_STREAM,
  DEFAULT_PULLS_STREAM,
  SqliteAlertStore,
  SqliteDeadLetters,
  SqliteEventStore,
  SqliteEvidenceSource,
  SqliteIntegrationRegistry,
  openDatabase,
  type SqliteDatabase,
  type SqliteEventStoreOptions,
} from '@pullwatch/store-sqlite';

/** A fresh data directory under the OS temp directory. */
export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'pullwatch-sqlite-'));

/** Every SQLite adapter over one database, as the embedded composition root builds them. */
export interface SqliteAdapters {
  dir: string;
  db: SqliteDatabase;
  store: SqliteEventStore;
  deadLetters: SqliteDeadLetters;
  evidence: SqliteEvidenceSource;
  registry: SqliteIntegrationRegistry;
  alerts: SqliteAlertStore;
  /** Closes the database (the data stays in `dir`). */
  close(): Promise<void>;
}

export function openAdapters(dir: string, opts: SqliteEventStoreOptions = {}): SqliteAdapters {
  const db = openDatabase(dir);
  const store = new SqliteEventStore(db, opts);
  return {
    dir,
    db,
    store,
    deadLetters: new SqliteDeadLetters(db),
    evidence: new SqliteEvidenceSource(db),
    registry: new SqliteIntegrationRegistry(db),
    alerts: new SqliteAlertStore(db),
    close: () => store.close(),
  };
}

/** Adapters over a fresh temp directory, and the clean-up that closes and removes it. */
export function freshAdapters(opts: SqliteEventStoreOptions = {}): SqliteAdapters & { cleanup(): Promise<void> } {
  const a = openAdapters(tempDataDir(), opts);
  return {
    ...a,
    cleanup: async () => {
      await a.close();
      rmSync(a.dir, { recursive: true, force: true });
    },
  };
}

export const PULLS = DEFAULT_PULLS_STREAM;
export const FIREWALL = DEFAULT_FIREWALL_STREAM;
