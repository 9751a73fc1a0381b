import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PullwatchError, type EcsDocument } from '@pullwatch/core';
import type { StoredDocument } from '@pullwatch/ports';
import { SqliteEventStore, openDatabase } from '@pullwatch/store-sqlite';
import { FIREWALL, PULLS, freshAdapters, type SqliteAdapters } from './sqlite-fixture.js';

const T0 = Date.parse('2026-11-26T10:00:00.000Z');
const at = (offsetMs: number): string => new Date(T0 + offsetMs).toISOString();
const fw = (id: string, offsetMs: number, message: string, extra: EcsDocument = {}): StoredDocument => ({
  id,
  doc: { '@timestamp': at(offsetMs), message, observer: { name: 'fw1' }, ...extra },
});
const pull = (id: string, offsetMs: number, status: number, integration = 'int-1', path = '/v1/integrations/int-1/content'): StoredDocument => ({
  id,
  doc: { '@timestamp': at(offsetMs), integration: { id: integration }, source: { ip: '203.0.113.9' }, http: { response: { status_code: status } }, url: { path } },
});

describe('store-sqlite > SqliteEventStore', () => {
  let a: SqliteAdapters & { cleanup(): Promise<void> };
  beforeEach(() => {
    a = freshAdapters();
  });
  afterEach(async () => {
    await a.cleanup();
  });

  it('reports SQLite, its version and the file at setup, and WAL', async () => {
    const features = await a.store.setup();
    expect(features.sqlite).toEqual({ available: true, note: expect.stringMatching(new RegExp(`^SQLite 3\\.\\d+\\.\\d+ at ${a.db.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)) });
    expect(features.wal?.available).toBe(true);
    expect(await a.store.setup()).toEqual(features);
  });

  it('writes idempotently by id: a replay and a repeat inside one call are duplicates', async () => {
    const docs = [fw('e1', 0, 'one'), fw('e2', 1000, 'two')];
    expect(await a.store.write(FIREWALL, docs)).toEqual({ created: 2, duplicates: 0, rejected: [] });
    expect(await a.store.write(FIREWALL, [...docs, fw('e3', 2000, 'three'), fw('e3', 2000, 'three again')])).toEqual({ created: 1, duplicates: 3, rejected: [] });
    const hits = await a.store.search(FIREWALL, { limit: 10 });
    expect(hits.map((h) => [h.id, h.doc.message])).toEqual([['e3', 'three'], ['e2', 'two'], ['e1', 'one']]);
    expect(await a.store.write(PULLS, [pull('p1', 0, 200), pull('p1', 0, 200)])).toEqual({ created: 1, duplicates: 1, rejected: [] });
  });

  it('keeps ids per stream: the same id in two streams is two documents', async () => {
    expect((await a.store.write(FIREWALL, [fw('x', 0, 'a')])).created).toBe(1);
    expect((await a.store.write('logs-pullwatch.firewall-site2', [fw('x', 0, 'b')])).created).toBe(1);
    expect((await a.store.search('logs-pullwatch.firewall-site2', { limit: 5 })).map((h) => h.doc.message)).toEqual(['b']);
  });

  it('refuses for good, with a reason, documents without a readable @timestamp and pulls that are not pull records', async () => {
    const noTime: StoredDocument = { id: 'n', doc: { message: 'no time' } };
    const badTime: StoredDocument = { id: 'b', doc: { '@timestamp': 'yesterday-ish', message: 'bad' } };
    const r = await a.store.write(FIREWALL, [noTime, fw('ok', 0, 'ok'), badTime]);
    expect(r.created).toBe(1);
    expect(r.rejected.map((x) => [x.id, x.status])).toEqual([['n', 400], ['b', 400]]);
    expect(r.rejected[0]!.reason).toContain('@timestamp');
    expect(r.rejected[0]!.doc).toBe(noTime.doc);
    const noStatus: StoredDocument = { id: 's', doc: { '@timestamp': at(0), integration: { id: 'i' }, source: { ip: '192.0.2.1' }, http: {} } };
    const p = await a.store.write(PULLS, [noStatus, pull('good', 0, 200)]);
    expect(p).toMatchObject({ created: 1, duplicates: 0 });
    expect(p.rejected[0]!.reason).toContain('http.response.status_code');
    const cyclic: EcsDocument = { '@timestamp': at(0) };
    cyclic.self = cyclic;
    expect((await a.store.write(FIREWALL, [{ id: 'c', doc: cyclic }])).rejected[0]!.reason).toContain('JSON');
  });

  it('stores a batch of 10,000 documents (several transactions of 2,000) and counts them right on a replay', async () => {
    const docs = Array.from({ length: 10_000 }, (_, i) => fw(`bulk-${i}`, i * 10, `line ${i}`, { log: { syslog: { hostname: `host-${i % 7}` } } }));
    expect(await a.store.write(FIREWALL, docs)).toEqual({ created: 10_000, duplicates: 0, rejected: [] });
    expect(a.db.handle.prepare('SELECT COUNT(*) FROM firewall_events').pluck().get()).toBe(10_000);
    const mixed = [...docs.slice(9_000), ...Array.from({ length: 1_000 }, (_, i) => fw(`more-${i}`, i, `more ${i}`))];
    expect(await a.store.write(FIREWALL, mixed)).toEqual({ created: 1_000, duplicates: 1_000, rejected: [] });
    expect((await a.store.search(FIREWALL, { limit: 1 }))[0]!.id).toBe('bulk-9999');
  });

  it('sends each stream to its table: the configured pulls stream and logs-pullwatch.pulls-* hold pulls', async () => {
    await a.store.close();
    const db = openDatabase(a.dir);
    const store = new SqliteEventStore(db, { pullsStream: 'my-pulls' });
    try {
      expect(store.kindOf('my-pulls')).toBe('pulls');
      expect(store.kindOf('logs-pullwatch.pulls-site2')).toBe('pulls');
      expect(store.kindOf(FIREWALL)).toBe('firewall');
      expect(store.kindOf('anything-else')).toBe('firewall');
      await store.write('my-pulls', [pull('p', 0, 200)]);
      expect(db.handle.prepare('SELECT stream, integration_id, status, url_path FROM pulls').all()).toEqual([
        { stream: 'my-pulls', integration_id: 'int-1', status: 200, url_path: '/v1/integrations/int-1/content' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('extracts the indexed columns of firewall events, strings only', async () => {
    await a.store.write(FIREWALL, [
      {
        id: 'cols',
        doc: {
          '@timestamp': '2026-11-26T11:00:00+01:00',
          message: 'feed failed',
          log: { source: { address: '192.0.2.7' }, syslog: { hostname: 'opn1' } },
          observer: { hostname: 'opn1.lan', name: 42, serial_number: 'SN1' },
          pullwatch: { feed: { event: 'fetch_failed' }, root_cause: { category: 'tls_trust', rule: 'opnsense.alias.tls_error' } },
        },
      },
    ]);
    expect(a.db.handle.prepare('SELECT ts, source_address, syslog_hostname, observer_hostname, observer_name, observer_serial, feed_event, cause, rule, message FROM firewall_events').get()).toEqual({
      ts: T0,
      source_address: '192.0.2.7',
      syslog_hostname: 'opn1',
      observer_hostname: 'opn1.lan',
      observer_name: null,
      observer_serial: 'SN1',
      feed_event: 'fetch_failed',
      cause: 'tls_trust',
      rule: 'opnsense.alias.tls_error',
      message: 'feed failed',
    });
  });

  describe('search', () => {
    beforeEach(async () => {
      await a.store.write(FIREWALL, [fw('a', 0, 'Feed download FAILED: 401'), fw('b', 1000, 'traffic accepted'), fw('c', 2000, 'feed download failed: timeout'), fw('d', 2000, 'under_score 100%')]);
      await a.store.write(PULLS, [pull('p1', 0, 200), pull('p2', 1000, 401, 'int-2', '/v1/integrations/int-2/content')]);
    });

    it('returns the newest first (ties: the last written first), with the stored time in UTC', async () => {
      const hits = await a.store.search(FIREWALL, { limit: 10 });
      expect(hits.map((h) => h.id)).toEqual(['d', 'c', 'b', 'a']);
      expect(hits[3]).toEqual({ id: 'a', stream: FIREWALL, '@timestamp': at(0), doc: fw('a', 0, 'Feed download FAILED: 401').doc });
    });

    it('bounds by time (both ends included) and by limit', async () => {
      expect((await a.store.search(FIREWALL, { from: new Date(T0 + 1000), to: new Date(T0 + 2000), limit: 10 })).map((h) => h.id)).toEqual(['d', 'c', 'b']);
      expect((await a.store.search(FIREWALL, { to: new Date(T0 + 999), limit: 10 })).map((h) => h.id)).toEqual(['a']);
      expect((await a.store.search(FIREWALL, { limit: 2 })).map((h) => h.id)).toEqual(['d', 'c']);
      expect(await a.store.search(FIREWALL, { limit: 0 })).toEqual([]);
    });

    it('finds text in the message, ignoring ASCII case, with % and _ taken literally', async () => {
      expect((await a.store.search(FIREWALL, { text: 'feed download failed', limit: 10 })).map((h) => h.id)).toEqual(['c', 'a']);
      expect((await a.store.search(FIREWALL, { text: '0%', limit: 10 })).map((h) => h.id)).toEqual(['d']);
      expect((await a.store.search(FIREWALL, { text: 'r_s', limit: 10 })).map((h) => h.id)).toEqual(['d']);
      expect((await a.store.search(FIREWALL, { text: 'f_ed', limit: 10 })).map((h) => h.id)).toEqual([]);
    });

    it('finds pulls by integration id, source address or path', async () => {
      expect((await a.store.search(PULLS, { text: 'int-2', limit: 10 })).map((h) => h.id)).toEqual(['p2']);
      expect((await a.store.search(PULLS, { text: '203.0.113', limit: 10 })).map((h) => h.id)).toEqual(['p2', 'p1']);
      expect((await a.store.search(PULLS, { text: 'int-1/content', limit: 10 })).map((h) => h.id)).toEqual(['p1']);
      expect((await a.store.search(FIREWALL, { text: 'int-1', limit: 10 })).map((h) => h.id)).toEqual([]);
    });
  });

  describe('when another connection holds the write lock', () => {
    it('retries and succeeds once the lock is released', async () => {
      await a.store.close();
      const db = openDatabase(a.dir, { busyTimeoutMs: 1 });
      const other = openDatabase(a.dir);
      const store = new SqliteEventStore(db, { maxRetries: 8, retryBaseMs: 5 });
      try {
        other.handle.exec('BEGIN IMMEDIATE');
        const pending = store.write(FIREWALL, [fw('late', 0, 'late')]);
        setTimeout(() => other.handle.exec('COMMIT'), 20);
        expect(await pending).toEqual({ created: 1, duplicates: 0, rejected: [] });
      } finally {
        other.close();
        await store.close();
      }
    });

    it('rejects the whole call, retriable, when the lock stays', async () => {
      await a.store.close();
      const db = openDatabase(a.dir, { busyTimeoutMs: 1 });
      const other = openDatabase(a.dir);
      const store = new SqliteEventStore(db, { maxRetries: 2, retryBaseMs: 1 });
      try {
        other.handle.exec('BEGIN IMMEDIATE');
        const error = await store.write(FIREWALL, [fw('blocked', 0, 'blocked')]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PullwatchError);
        expect(error).toMatchObject({ code: 'service_unavailable', retriable: true, context: { sqlite_code: 'SQLITE_BUSY' } });
        other.handle.exec('ROLLBACK');
        expect(await store.search(FIREWALL, { limit: 5 })).toEqual([]);
      } finally {
        other.close();
        await store.close();
      }
    });
  });
});
