import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryAlertStore } from '@pullwatch/store-memory';
import { sampleAlert } from '../store-memory/alert-store.contract.js';
import { freshAdapters, type SqliteAdapters } from './sqlite-fixture.js';

describe('store-sqlite > SqliteAlertStore', () => {
  let a: SqliteAdapters & { cleanup(): Promise<void> };
  beforeEach(() => {
    a = freshAdapters();
  });
  afterEach(async () => {
    await a.cleanup();
  });

  it('keeps its own copies: changing a written or read alert does not change the stored one', async () => {
    const alert = sampleAlert({ id: 'i:1', integrationId: 'i' });
    await a.alerts.upsert(alert);
    alert.history.push({ at: 'x', state: 'resolved', cause: 'unknown', confidence: 0, summary: 'x' });
    const read = (await a.alerts.get('i:1'))!;
    expect(read.history).toHaveLength(1);
    read.status = 'resolved';
    expect((await a.alerts.findOpen('i'))?.status).toBe('open');
  });

  it('reads limits as MemoryAlertStore does: fractions truncate, Infinity is everything, NaN and 0 nothing', async () => {
    const memory = new MemoryAlertStore();
    for (let n = 0; n < 5; n++) {
      const alert = sampleAlert({ id: `i:${n}`, integrationId: 'i', updatedAt: new Date(Date.UTC(2026, 10, 26, 10, n)).toISOString() });
      await a.alerts.upsert(alert);
      await memory.upsert(alert);
    }
    for (const limit of [2.7, Infinity, Number.NaN, 0, -3, 1]) {
      expect((await a.alerts.list({ limit })).map((x) => x.id)).toEqual((await memory.list({ limit })).map((x) => x.id));
    }
    expect(a.alerts.size).toBe(5);
  });
});
