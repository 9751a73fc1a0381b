import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PullwatchError } from '@pullwatch/core';
import { DATABASE_FILE, SCHEMA_VERSION, openDatabase, type SqliteDatabase } from '@pullwatch/store-sqlite';
import { tempDataDir } from './sqlite-fixture.js';

describe('store-sqlite > openDatabase', () => {
  const dirs: string[] = [];
  const open: SqliteDatabase[] = [];
  const fresh = (): string => {
    const d = tempDataDir();
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const track = (db: SqliteDatabase): SqliteDatabase => (open.push(db), db);

  it('creates <dir>/pullwatch.db (and the directory) with its schema at the current version', () => {
    const dir = join(fresh(), 'nested', 'data');
    const db = track(openDatabase(dir));
    expect(db.path).toBe(join(dir, DATABASE_FILE));
    expect(existsSync(db.path)).toBe(true);
    expect(db.schemaVersion).toBe(SCHEMA_VERSION);
    const tables = db.handle.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['alerts', 'dead_letters', 'firewall_events', 'integrations', 'pulls']);
  });

  it('sets WAL, synchronous=NORMAL, a busy timeout and foreign keys', () => {
    const db = track(openDatabase(fresh(), { busyTimeoutMs: 1234 }));
    expect(db.journalMode).toBe('wal');
    expect(db.handle.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.handle.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.handle.pragma('busy_timeout', { simple: true })).toBe(1234);
    expect(db.handle.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('opens an existing database without migrating it again, beside another open connection', () => {
    const dir = fresh();
    const first = track(openDatabase(dir));
    first.handle.prepare("INSERT INTO integrations (id, vendor, updated_at, doc) VALUES ('a', 'panos', 0, '{}')").run();
    const second = track(openDatabase(dir));
    expect(second.schemaVersion).toBe(SCHEMA_VERSION);
    expect(second.handle.prepare('SELECT COUNT(*) FROM integrations').pluck().get()).toBe(1);
  });

  it('refuses a database whose schema is newer than this code, naming the path', () => {
    const dir = fresh();
    const db = openDatabase(dir);
    db.handle.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    let error: unknown;
    try {
      openDatabase(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PullwatchError);
    expect((error as PullwatchError).code).toBe('invalid_config');
    expect((error as PullwatchError).message).toContain(join(dir, DATABASE_FILE));
    expect((error as PullwatchError).message).toContain(`schema version ${SCHEMA_VERSION + 1}`);
  });

  it('closes idempotently', () => {
    const db = openDatabase(fresh());
    db.close();
    db.close();
    expect(db.open).toBe(false);
  });
});
