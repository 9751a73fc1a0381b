import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Integration } from '@pullwatch/core';
import { sampleAlert } from '../store-memory/alert-store.contract.js';
import { FIREWALL, PULLS, openAdapters, tempDataDir } from './sqlite-fixture.js';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const at = (offsetMs: number): string => new Date(NOW.getTime() + offsetMs).toISOString();
const HOUR = 3_600_000;

describe('store-sqlite > restart', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('finds integrations, alerts, events, pulls and dead letters again after close and reopen', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const integration: Integration = { id: 'opn-1', name: 'Branch office', vendor: 'opnsense', devices: [{ hostname: 'opn1', address: '192.0.2.10' }] };
    const alert = sampleAlert({ id: 'opn-1:1', integrationId: 'opn-1', vendor: 'opnsense', cause: 'tls_trust' });
    const pulls = [
      { id: 'p1', doc: { '@timestamp': at(-30 * HOUR), integration: { id: 'opn-1' }, source: { ip: '192.0.2.10' }, http: { response: { status_code: 200 } } } },
      { id: 'p2', doc: { '@timestamp': at(-2 * HOUR), integration: { id: 'opn-1' }, source: { ip: '192.0.2.10' }, http: { response: { status_code: 401 } } } },
    ];
    const events = [
      {
        id: 'e1',
        doc: {
          '@timestamp': at(-HOUR),
          message: 'alias CrowdSec_BL: HTTP 401',
          log: { syslog: { hostname: 'opn1' } },
          pullwatch: { feed: { event: 'fetch_failed' }, root_cause: { category: 'credentials_invalid', rule: 'opnsense.alias.http_error' } },
        },
      },
    ];
    const letter = { code: 'invalid_header', reason: 'no PRI', stage: 'parse', payload: 'garbage line', context: { topic: 'pullwatch.syslog.raw', position: '0:17' }, at: at(0) };

    const first = openAdapters(dir);
    await first.registry.put(integration);
    await first.alerts.upsert(alert);
    await first.store.write(PULLS, pulls);
    await first.store.write(FIREWALL, events);
    await first.deadLetters.put([letter]);
    const before = await first.evidence.gather([integration], NOW, 7 * 24 * HOUR, 5);
    await first.close();

    const second = openAdapters(dir);
    try {
      expect(await second.registry.list()).toEqual([integration]);
      expect(await second.alerts.findOpen('opn-1')).toEqual(alert);
      expect(await second.deadLetters.list()).toEqual([letter]);
      expect((await second.store.search(FIREWALL, { limit: 10 })).map((h) => h.doc)).toEqual(events.map((e) => e.doc));
      expect((await second.store.search(PULLS, { limit: 10 })).map((h) => h.id)).toEqual(['p2', 'p1']);
      expect(await second.evidence.gather([integration], NOW, 7 * 24 * HOUR, 5)).toEqual(before);
      expect(before[0]!.devices[0]!.feed_events[0]!.category).toBe('credentials_invalid');
      // Idempotency survives the restart: a replay of the same ids stores nothing new.
      expect(await second.store.write(PULLS, pulls)).toEqual({ created: 0, duplicates: 2, rejected: [] });
      expect(await second.store.write(FIREWALL, events)).toEqual({ created: 0, duplicates: 1, rejected: [] });
    } finally {
      await second.close();
    }
  });
});
