import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Device, EcsDocument, Integration, PullRecord } from '@pullwatch/core';
import { MemoryEvidenceSource } from '@pullwatch/store-memory';
import { FIREWALL, PULLS, freshAdapters, type SqliteAdapters } from './sqlite-fixture.js';

/** mulberry32: the same data on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOW = new Date('2026-11-26T10:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A messy population, to hold the SQLite queries to MemoryEvidenceSource's answers beyond the
 * contract's cases: timestamps on an hourly grid (many ties), devices sharing names, events
 * matching a device by several fields at once, unknown feed events and categories, lines
 * without a rule, an original line or a message, pulls without a path, records outside the
 * look-back and after now.
 */
function population(seed: number): { integrations: Integration[]; pulls: PullRecord[]; events: EcsDocument[] } {
  const rand = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const hosts = ['fw-a', 'fw-b', 'fw-c', 'fw-d', 'FW-A', 'opn1', 'pa-ha-1', 'pa-ha-2'];
  const serials = ['FG100', 'FG200', 'PA001', 'PA002'];
  const addresses = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '198.51.100.9'];
  const grid = (): string => new Date(NOW.getTime() - Math.floor(rand() * 9 * 24) * HOUR + (rand() < 0.05 ? 2 * HOUR : 0)).toISOString();

  const integrations: Integration[] = [];
  for (let i = 0; i < 40; i++) {
    const devices: Device[] = [];
    const n = 1 + Math.floor(rand() * 3);
    for (let d = 0; d < n; d++) {
      const device: Device = {};
      if (rand() < 0.7) device.hostname = pick(hosts);
      if (rand() < 0.4) device.serial = pick(serials);
      if (rand() < 0.4 || (device.hostname === undefined && device.serial === undefined)) device.address = pick(addresses);
      devices.push(device);
    }
    integrations.push({ id: `int-${i % 37}`, name: `integration ${i}`, vendor: pick(['fortigate', 'panos', 'pfsense', 'opnsense'] as const), devices });
  }

  const pulls: PullRecord[] = [];
  for (let k = 0; k < 1500; k++) {
    const r: PullRecord = {
      '@timestamp': grid(),
      integration: { id: `int-${Math.floor(rand() * 45)}` },
      source: { ip: pick(['203.0.113.9', '203.0.113.10', '2001:db8::7']) },
      http: { response: { status_code: pick([200, 200, 200, 204, 301, 401, 403, 404, 500, 503]) } },
    };
    if (rand() < 0.8) r.url = { path: pick(['/v1/integrations/x/content', '/v1/integrations/y/content', '/v1/integrations/x/contents']) };
    pulls.push(r);
  }

  const events: EcsDocument[] = [];
  for (let k = 0; k < 3000; k++) {
    const doc: EcsDocument = { '@timestamp': grid() };
    const log: Record<string, unknown> = {};
    const observer: Record<string, unknown> = {};
    if (rand() < 0.4) log.syslog = { hostname: pick(hosts) };
    if (rand() < 0.3) log.source = { address: pick(addresses) };
    if (rand() < 0.3) observer.hostname = pick(hosts);
    if (rand() < 0.3) observer.name = pick(hosts);
    if (rand() < 0.3) observer.serial_number = pick(serials);
    if (Object.keys(log).length) doc.log = log;
    if (Object.keys(observer).length) doc.observer = observer;
    const m = rand();
    if (m < 0.85) doc.message = `message ${k}`;
    else if (m < 0.9) doc.message = k;
    const o = rand();
    if (o < 0.6) doc.event = { original: `<134>line ${k}` };
    else if (o < 0.65) doc.event = { original: '' };
    else if (o < 0.7) doc.event = { original: 17 };
    if (rand() < 0.35) {
      const rootCause: Record<string, unknown> = { confidence: 0.9 };
      const c = rand();
      if (c < 0.7) rootCause.category = pick(['tls_trust', 'credentials_invalid', 'dns_failure', 'rule_removed_or_disabled']);
      else if (c < 0.8) rootCause.category = 'not_a_cause';
      if (rand() < 0.8) rootCause.rule = pick(['r.one', 'r.two', 'r.three']);
      doc.pullwatch = { feed: { event: pick(['fetch_failed', 'fetch_failed', 'fetch_succeeded', 'feed_removed', 'feed_disabled', 'bogus']) }, root_cause: rootCause };
    }
    events.push(doc);
  }
  return { integrations, pulls, events };
}

describe('store-sqlite > SqliteEvidenceSource answers as MemoryEvidenceSource', () => {
  let a: SqliteAdapters & { cleanup(): Promise<void> };
  beforeEach(() => {
    a = freshAdapters();
  });
  afterEach(async () => {
    await a.cleanup();
  });

  for (const seed of [1, 2, 3]) {
    it(`on a messy population (seed ${seed})`, async () => {
      const { integrations, pulls, events } = population(seed);
      const memory = new MemoryEvidenceSource();
      memory.addPulls(pulls);
      memory.addEvents(events);
      // Several writes, as batches arrive.
      for (let i = 0; i < pulls.length; i += 400) await a.store.write(PULLS, pulls.slice(i, i + 400).map((doc) => ({ id: randomUUID(), doc })));
      for (let i = 0; i < events.length; i += 700) await a.store.write(FIREWALL, events.slice(i, i + 700).map((doc) => ({ id: randomUUID(), doc })));

      for (const lookback of [DAY, 3 * DAY, 7 * DAY]) {
        for (const max of [0, 1, 3]) {
          const expected = await memory.gather(integrations, NOW, lookback, max);
          expect(await a.evidence.gather(integrations, NOW, lookback, max)).toEqual(expected);
        }
        const ids = [...integrations.map((i) => i.id), 'int-44', 'never'];
        const sorted = (m: Map<string, unknown>): Array<[string, unknown]> => [...m].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
        expect(sorted(await a.evidence.pullSummaries(NOW, lookback, ids))).toEqual(sorted(await memory.pullSummaries(NOW, lookback, ids)));
        expect(sorted(await a.evidence.pullSummaries(NOW, lookback))).toEqual(sorted(await memory.pullSummaries(NOW, lookback)));
      }
    });
  }

  it('keys pull summaries in the order of the ids given', async () => {
    const { pulls } = population(4);
    await a.store.write(PULLS, pulls.map((doc) => ({ id: randomUUID(), doc })));
    const ids = ['int-9', 'int-2', 'int-30', 'int-2'];
    expect([...(await a.evidence.pullSummaries(NOW, 7 * DAY, ids)).keys()]).toEqual(['int-9', 'int-2', 'int-30']);
    expect(await a.evidence.pullSummaries(NOW, 7 * DAY, [])).toEqual(new Map());
    expect(await a.evidence.gather([], NOW, DAY, 3)).toEqual([]);
  });
});
