import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Integration } from '@pullwatch/core';
import { normalisePulls, indexPulls } from '@pullwatch/pulls';
import { ElasticsearchEvidenceSource, ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { MemoryEvidenceSource } from '@pullwatch/store-memory';
import { endpoints, uniqueName } from '../../helpers/services.js';
import { silent } from '../ingest/worker-pipeline.helpers.js';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const H = 3600_000;
const LOOKBACK = 26 * H;
const at = (msBeforeNow: number) => new Date(NOW.getTime() - msBeforeNow).toISOString();

const pull = (id: string, msBeforeNow: number, status: number, ip = '198.51.100.1', path = `/v1/integrations/${id}/content`) => ({
  '@timestamp': at(msBeforeNow),
  integration: { id },
  source: { ip },
  http: { request: { method: 'GET' }, response: { status_code: status, body: { bytes: status === 200 ? 1234 : 0 } } },
  url: { path },
});

const integration = (id: string, devices: Integration['devices'], vendor: Integration['vendor'] = 'fortigate'): Integration => ({ id, name: `Integration ${id}`, vendor, devices });

/** A firewall event as the ingest pipeline stores it (only the fields the evidence reads). */
const fwEvent = (msBeforeNow: number, keys: Record<string, string>, message: string, feed?: { event: string; category?: string; rule?: string }) => {
  const doc: Record<string, unknown> = { '@timestamp': at(msBeforeNow), message };
  for (const [path, value] of Object.entries(keys)) {
    const [a, b, c] = path.split('.') as [string, string, string | undefined];
    const obj = ((doc[a] as Record<string, unknown>) ??= {});
    if (c === undefined) obj[b] = value;
    else ((obj[b] as Record<string, unknown>) ??= {})[c] = value;
  }
  if (feed) {
    doc.pullwatch = {
      feed: { event: feed.event },
      root_cause: { ...(feed.category ? { category: feed.category } : {}), ...(feed.rule ? { rule: feed.rule } : {}), confidence: 0.9 },
    };
  }
  return doc;
};

const PULLS = [
  // ok: a success every hour, the last 10 minutes ago; one attempt in the future (ignored).
  ...Array.from({ length: 26 }, (_, i) => pull('ok', i * H + 10 * 60_000, 200)),
  pull('ok', -H, 200),
  // auth: fine until 5 h ago, then 401 every hour from two addresses.
  ...Array.from({ length: 10 }, (_, i) => pull('auth', (5 + i) * H, 200)),
  ...[4, 3, 2, 1].map((h) => pull('auth', h * H, 401, h % 2 ? '198.51.100.2' : '198.51.100.3')),
  // flaky: 503s on both sides of the last success (needs the second pass).
  pull('flaky', 10 * H, 503),
  pull('flaky', 9 * H, 200),
  pull('flaky', 8 * H, 503),
  pull('flaky', 7 * H, 404, '198.51.100.1', '/wrong/path'),
  pull('flaky', 6 * H, 503),
  // never: no success in the look-back (one long before it), 500s then 502s.
  pull('never', 30 * H, 200),
  pull('never', 20 * H, 500),
  pull('never', 19 * H, 500),
  pull('never', 3 * H, 502),
];

const DEVICES = {
  ok: [{ hostname: 'fw-ok', serial: 'FGT60F0000000001' }],
  auth: [{ address: '192.0.2.20' }],
  flaky: [{ hostname: 'fw-flaky', address: '192.0.2.30' }, { serial: 'PA-SERIAL-31' }],
  never: [{ hostname: 'fw-never' }],
  silent: [{ hostname: 'fw-silent' }],
  offline: [{ hostname: 'fw-offline', address: '192.0.2.99' }],
};

const EVENTS = [
  fwEvent(1 * H, { 'observer.name': 'fw-ok' }, 'traffic ok 1'),
  fwEvent(2 * H, { 'observer.serial_number': 'FGT60F0000000001' }, 'traffic ok 2'),
  // auth: three credential failures and unrelated traffic, matched by sender address only.
  fwEvent(4 * H - 60_000, { 'log.source.address': '192.0.2.20' }, 'fetch failed: HTTP 401', { event: 'fetch_failed', category: 'credentials_invalid', rule: 'pfsense.pfblockerng.http_401' }),
  fwEvent(3 * H - 60_000, { 'log.source.address': '192.0.2.20' }, 'fetch failed: HTTP 401 again', { event: 'fetch_failed', category: 'credentials_invalid', rule: 'pfsense.pfblockerng.http_401' }),
  fwEvent(2 * H - 60_000, { 'log.source.address': '192.0.2.20' }, 'fetch failed: 401 (3)', { event: 'fetch_failed', category: 'credentials_invalid', rule: 'generic.http_401' }),
  fwEvent(90 * 60_000, { 'log.source.address': '192.0.2.20' }, 'traffic'),
  // auth: a failure before its window (before the last success): not evidence.
  fwEvent(6 * H, { 'log.source.address': '192.0.2.20' }, 'old failure', { event: 'fetch_failed', category: 'tls_trust' }),
  // flaky: one event matching on both hostname fields and the address: counted once.
  fwEvent(8 * H, { 'log.syslog.hostname': 'fw-flaky', 'observer.hostname': 'fw-flaky', 'log.source.address': '192.0.2.30' }, 'feed refreshed', { event: 'fetch_succeeded' }),
  { ...fwEvent(7 * H, { 'log.source.address': '192.0.2.30' }, 'download failed', { event: 'fetch_failed', rule: 'generic.download' }), event: { original: '<27>fw-flaky pfb: download failed' } },
  // A feed value outside the taxonomy is not a feed event (still a sign of life); an unknown category counts as none.
  fwEvent(6 * H, { 'log.source.address': '192.0.2.30' }, 'odd feed value', { event: 'fetch_exploded' }),
  fwEvent(6 * H + 1, { 'log.source.address': '192.0.2.30' }, 'odd category', { event: 'fetch_failed', category: 'gremlins', rule: 'generic.odd' }),
  fwEvent(5 * H, { 'observer.serial_number': 'PA-SERIAL-31' }, 'EDL fetch failed: certificate verify failed', { event: 'fetch_failed', category: 'tls_trust', rule: 'panos.edl.tls' }),
  // never: a TLS failure logged inside its (full look-back) window, another before it.
  fwEvent(10 * H, { 'observer.name': 'fw-never' }, 'SSL certificate verification failed', { event: 'fetch_failed', category: 'tls_trust', rule: 'fortigate.threatfeed.tls' }),
  fwEvent(27 * H, { 'observer.name': 'fw-never' }, 'too old'),
  // silent: alive, but says nothing about the feed.
  ...[5, 4, 3].map((h) => fwEvent(h * H, { 'log.syslog.hostname': 'fw-silent' }, `traffic ${h}`)),
  // someone else's device whose name only starts like one of ours.
  fwEvent(H, { 'observer.name': 'fw-silent-2' }, 'other device'),
];

const INTEGRATIONS = (Object.keys(DEVICES) as Array<keyof typeof DEVICES>).map((id) => integration(id, DEVICES[id]));

describe('store > Elasticsearch evidence source', () => {
  const id = uniqueName('ev').replace(/[^a-z0-9]/g, '');
  const firewallStream = `logs-pullwatch.firewall-${id}`;
  const pullsStream = `logs-pullwatch.pulls-${id}`;
  const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream, pullsStream, retryBaseMs: 20 });
  const source = new ElasticsearchEvidenceSource({ client: store.client, pullsIndex: pullsStream, firewallIndex: firewallStream });

  beforeAll(async () => {
    await store.setup();
    const { records, errors } = normalisePulls(PULLS);
    expect(errors).toEqual([]);
    const r = await indexPulls(store, pullsStream, records);
    expect(r).toMatchObject({ created: PULLS.length, rejected: [] });
    const w = await store.write(firewallStream, EVENTS.map((doc, i) => ({ id: `ev-${i}`, doc })));
    expect(w).toMatchObject({ created: EVENTS.length, rejected: [] });
    await store.client.indices.refresh({ index: [pullsStream, firewallStream] });
  });

  afterAll(async () => {
    await store.client.indices.deleteDataStream({ name: [pullsStream, firewallStream] }).catch(() => undefined);
    await store.close();
  });

  it('summarises the pulls of every integration with pulls, in one composite page and one pass for interleaved failures', async () => {
    source.resetQueryStats();
    const s = await source.pullSummaries(NOW, LOOKBACK);
    expect([...s.keys()].sort()).toEqual(['auth', 'flaky', 'never', 'ok']);
    expect(s.get('ok')).toEqual({ integration_id: 'ok', last_success: at(10 * 60_000), last_attempt: at(10 * 60_000), failures_since_success: 0 });
    expect(s.get('auth')).toEqual({
      integration_id: 'auth',
      last_success: at(5 * H),
      last_attempt: at(1 * H),
      failures_since_success: 4,
      first_failure: { at: at(4 * H), status: 401 },
    });
    expect(s.get('flaky')).toEqual({
      integration_id: 'flaky',
      last_success: at(9 * H),
      last_attempt: at(6 * H),
      failures_since_success: 3,
      first_failure: { at: at(8 * H), status: 503 },
    });
    expect(s.get('never')).toEqual({ integration_id: 'never', last_attempt: at(3 * H), failures_since_success: 3, first_failure: { at: at(20 * H), status: 500 } });
    // One composite page, then one _msearch for `flaky` only.
    expect(source.queryStats).toEqual({ requests: 2, searches: 2 });
  });

  it('limits the summaries to the given integrations and to the look-back', async () => {
    const s = await source.pullSummaries(NOW, 4 * H + 1, ['auth', 'never', 'silent']);
    expect([...s.keys()].sort()).toEqual(['auth', 'never']);
    expect(s.get('auth')).toEqual({ integration_id: 'auth', last_attempt: at(1 * H), failures_since_success: 4, first_failure: { at: at(4 * H), status: 401 } });
    expect(s.get('never')?.failures_since_success).toBe(1);
    expect(await source.pullSummaries(NOW, LOOKBACK, [])).toEqual(new Map());
  });

  it('gathers pull and device evidence over each window', async () => {
    source.resetQueryStats();
    const evidence = await source.gather(INTEGRATIONS, NOW, LOOKBACK, 2);
    expect(evidence.map((e) => e.integration.id)).toEqual(INTEGRATIONS.map((i) => i.id));
    const by = Object.fromEntries(evidence.map((e) => [e.integration.id, e]));
    // One composite page, one _msearch (pull windows, device liveness, device feed events, the interleaved failures).
    expect(source.queryStats).toEqual({ requests: 2, searches: 5 });

    expect(by.ok).toMatchObject({ now: NOW.toISOString(), window: { from: at(10 * 60_000), to: NOW.toISOString() } });
    expect(by.ok!.pulls).toEqual({
      last_success: at(10 * 60_000),
      last_attempt: at(10 * 60_000),
      attempts: 1,
      by_status: [{ status: 200, count: 1, first: at(10 * 60_000), last: at(10 * 60_000) }],
      by_source: [{ ip: '198.51.100.1', count: 1, statuses: [200], last: at(10 * 60_000) }],
      by_path: [{ path: '/v1/integrations/ok/content', count: 1, statuses: [200] }],
    });
    // The device was heard from, but not since the last success.
    expect(by.ok!.devices).toEqual([{ device: DEVICES.ok[0], label: 'fw-ok', syslog: { count: 0 }, feed_events: [] }]);

    expect(by.auth!.window).toEqual({ from: at(5 * H), to: NOW.toISOString() });
    expect(by.auth!.pulls).toEqual({
      last_success: at(5 * H),
      last_attempt: at(1 * H),
      attempts: 5,
      by_status: [
        { status: 200, count: 1, first: at(5 * H), last: at(5 * H) },
        { status: 401, count: 4, first: at(4 * H), last: at(1 * H) },
      ],
      by_source: [
        { ip: '198.51.100.2', count: 2, statuses: [401], last: at(1 * H) },
        { ip: '198.51.100.3', count: 2, statuses: [401], last: at(2 * H) },
        { ip: '198.51.100.1', count: 1, statuses: [200], last: at(5 * H) },
      ],
      by_path: [{ path: '/v1/integrations/auth/content', count: 5, statuses: [200, 401] }],
      first_failure: { at: at(4 * H), status: 401 },
    });
    expect(by.auth!.devices).toEqual([
      {
        device: { address: '192.0.2.20' },
        label: '192.0.2.20',
        syslog: { count: 4, first: at(4 * H - 60_000), last: at(90 * 60_000) },
        feed_events: [
          {
            event: 'fetch_failed',
            category: 'credentials_invalid',
            rule: 'generic.http_401',
            count: 3,
            first: at(4 * H - 60_000),
            last: at(2 * H - 60_000),
            excerpts: [
              { '@timestamp': at(2 * H - 60_000), message: 'fetch failed: 401 (3)', device: '192.0.2.20', rule: 'generic.http_401' },
              { '@timestamp': at(3 * H - 60_000), message: 'fetch failed: HTTP 401 again', device: '192.0.2.20', rule: 'pfsense.pfblockerng.http_401' },
            ],
          },
        ],
      },
    ]);

    expect(by.flaky!.pulls.first_failure).toEqual({ at: at(8 * H), status: 503 });
    expect(by.flaky!.pulls.attempts).toBe(4);
    expect(by.flaky!.pulls.by_path).toEqual([
      { path: '/v1/integrations/flaky/content', count: 3, statuses: [200, 503] },
      { path: '/wrong/path', count: 1, statuses: [404] },
    ]);
    const [flakyA, flakyB] = by.flaky!.devices;
    expect(flakyA!.syslog).toEqual({ count: 4, first: at(8 * H), last: at(6 * H) });
    expect(flakyA!.feed_events.map((f) => [f.event, f.category, f.count])).toEqual([
      ['fetch_failed', undefined, 2],
      ['fetch_succeeded', undefined, 1],
    ]);
    expect(flakyA!.feed_events[0]).toEqual({
      event: 'fetch_failed',
      rule: 'generic.odd',
      count: 2,
      first: at(7 * H),
      last: at(6 * H + 1),
      excerpts: [
        { '@timestamp': at(6 * H + 1), message: 'odd category', device: 'fw-flaky', rule: 'generic.odd' },
        { '@timestamp': at(7 * H), message: '<27>fw-flaky pfb: download failed', device: 'fw-flaky', rule: 'generic.download' },
      ],
    });
    expect(flakyB!.label).toBe('PA-SERIAL-31');
    expect(flakyB!.feed_events).toMatchObject([{ event: 'fetch_failed', category: 'tls_trust', rule: 'panos.edl.tls', count: 1 }]);

    expect(by.never!.window.from).toBe(at(LOOKBACK));
    expect(by.never!.pulls).toMatchObject({ attempts: 3, first_failure: { at: at(20 * H), status: 500 } });
    expect(by.never!.pulls.last_success).toBeUndefined();
    expect(by.never!.devices[0]).toMatchObject({ syslog: { count: 1 }, feed_events: [{ category: 'tls_trust', count: 1 }] });

    expect(by.silent!.pulls).toEqual({ attempts: 0, by_status: [], by_source: [], by_path: [] });
    expect(by.silent!.window.from).toBe(at(LOOKBACK));
    expect(by.silent!.devices[0]).toEqual({ device: DEVICES.silent[0], label: 'fw-silent', syslog: { count: 3, first: at(5 * H), last: at(3 * H) }, feed_events: [] });
    expect(by.offline!.devices[0]!.syslog).toEqual({ count: 0 });
  });

  it('answers the same in many small pages and chunks; the number of requests does not follow the number of integrations', async () => {
    const small = new ElasticsearchEvidenceSource({ client: store.client, pullsIndex: pullsStream, firewallIndex: firewallStream, compositePageSize: 2, clausesPerSearch: 1 });
    expect(await small.pullSummaries(NOW, LOOKBACK)).toEqual(await source.pullSummaries(NOW, LOOKBACK));
    expect(await small.gather(INTEGRATIONS, NOW, LOOKBACK, 2)).toEqual(await source.gather(INTEGRATIONS, NOW, LOOKBACK, 2));
    for (const subset of [INTEGRATIONS.slice(0, 1), INTEGRATIONS.slice(0, 3), INTEGRATIONS]) {
      source.resetQueryStats();
      await source.gather(subset, NOW, LOOKBACK, 2);
      expect(source.queryStats.requests).toBeLessThanOrEqual(2);
    }
  });

  it('reads a device shared by integrations of different windows exactly (one more request)', async () => {
    // One firewall pulling two lists: both integrations name it; their last successes differ.
    const { records } = normalisePulls([pull('shared-a', 2 * H, 200), pull('shared-b', 6 * H, 200), pull('shared-b', 1 * H, 401)]);
    await indexPulls(store, pullsStream, records);
    await store.write(firewallStream, [
      { id: 'shared-1', doc: fwEvent(5 * H, { 'observer.name': 'fw-shared', 'log.source.address': '192.0.2.77' }, 'traffic 1') },
      { id: 'shared-2', doc: fwEvent(90 * 60_000, { 'observer.name': 'fw-shared', 'log.source.address': '192.0.2.77' }, 'traffic 2') },
      { id: 'shared-3', doc: fwEvent(30 * 60_000, { 'log.source.address': '192.0.2.77' }, 'fetch failed 401', { event: 'fetch_failed', category: 'credentials_invalid', rule: 'r.401' }) },
    ]);
    await store.client.indices.refresh({ index: [pullsStream, firewallStream] });
    const shared = [integration('shared-a', [{ hostname: 'fw-shared' }]), integration('shared-b', [{ hostname: 'fw-shared', address: '192.0.2.77' }])];
    source.resetQueryStats();
    const [a, b] = await source.gather(shared, NOW, LOOKBACK, 2);
    expect(source.queryStats.requests).toBe(3);
    expect(a!.devices[0]!.syslog).toEqual({ count: 1, first: at(90 * 60_000), last: at(90 * 60_000) });
    expect(a!.devices[0]!.feed_events).toEqual([]);
    expect(b!.devices[0]!.syslog).toEqual({ count: 3, first: at(5 * H), last: at(30 * 60_000) });
    expect(b!.devices[0]!.feed_events).toMatchObject([{ event: 'fetch_failed', category: 'credentials_invalid', count: 1 }]);
    const memory = new MemoryEvidenceSource();
    memory.addPulls(records.map((r) => r.doc));
    memory.addEvents((await store.client.search<Record<string, unknown>>({ index: firewallStream, size: 100, query: { ids: { values: ['shared-1', 'shared-2', 'shared-3'] } } })).hits.hits.map((h) => h._source!));
    expect([a, b]).toEqual(await memory.gather(shared, NOW, LOOKBACK, 2));
  });

  it('quotes no line with maxExcerpts 0 but still names the rule; answers empty for streams that do not exist', async () => {
    const [auth] = await source.gather([INTEGRATIONS[1]!], NOW, LOOKBACK, 0);
    expect(auth!.devices[0]!.feed_events[0]).toMatchObject({ rule: 'generic.http_401', count: 3, excerpts: [] });
    const none = new ElasticsearchEvidenceSource({ client: store.client, pullsIndex: `${pullsStream}-missing`, firewallIndex: `${firewallStream}-missing*` });
    expect(await none.pullSummaries(NOW, LOOKBACK)).toEqual(new Map());
    const [e] = await none.gather([INTEGRATIONS[0]!], NOW, LOOKBACK, 2);
    expect(e!.pulls).toEqual({ attempts: 0, by_status: [], by_source: [], by_path: [] });
    expect(e!.devices[0]!.syslog).toEqual({ count: 0 });
  });
});

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick };
}

describe('store > Elasticsearch evidence source gives the memory adapter\'s answers', () => {
  const id = uniqueName('evmem').replace(/[^a-z0-9]/g, '');
  const firewallStream = `logs-pullwatch.firewall-${id}`;
  const pullsStream = `logs-pullwatch.pulls-${id}`;
  const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream, pullsStream, retryBaseMs: 20 });
  const es = new ElasticsearchEvidenceSource({ client: store.client, pullsIndex: pullsStream, firewallIndex: firewallStream, compositePageSize: 7, clausesPerSearch: 9 });
  const memory = new MemoryEvidenceSource();
  const seed = Number(process.env.PULLWATCH_TEST_SEED ?? 20261126);
  const r = random(seed);
  const hosts = ['fw-1', 'fw-2', 'fw-3', 'FW-1', 'fw-4'];
  const serials = ['S-1', 'S-2', 'S-3'];
  const addresses = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'];
  const integrations: Integration[] = Array.from({ length: 30 }, (_, i) => {
    const devices = Array.from({ length: 1 + Math.floor(r.next() * 2) }, () => {
      const d: Integration['devices'][number] = {};
      if (r.next() < 0.6) d.hostname = r.pick(hosts);
      if (r.next() < 0.4) d.serial = r.pick(serials);
      if (r.next() < 0.4 || Object.keys(d).length === 0) d.address = r.pick(addresses);
      return d;
    });
    return integration(`rnd-${i}`, devices, r.pick(['fortigate', 'panos', 'pfsense', 'opnsense'] as const));
  });
  // Distinct times (no ties), so "newest" means the same thing to both adapters.
  const used = new Set<number>();
  const time = () => {
    for (;;) {
      const t = NOW.getTime() - Math.floor(r.next() * 30 * H) + H;
      if (!used.has(t)) return (used.add(t), t);
    }
  };
  const pulls = Array.from({ length: 900 }, () => {
    const p = pull(`rnd-${Math.floor(r.next() * 34)}`, NOW.getTime() - time(), r.pick([200, 200, 200, 204, 401, 403, 404, 500, 503]), r.pick(['198.51.100.1', '198.51.100.2', '198.51.100.3']));
    if (r.next() < 0.3) p.url.path = '/other';
    return r.next() < 0.1 ? { ...p, url: undefined } : p;
  });
  const events = Array.from({ length: 600 }, () => {
    const keys: Record<string, string> = {};
    for (const f of ['log.syslog.hostname', 'observer.hostname', 'observer.name']) if (r.next() < 0.25) keys[f] = r.pick(hosts);
    if (r.next() < 0.3) keys['observer.serial_number'] = r.pick(serials);
    if (r.next() < 0.5) keys['log.source.address'] = r.pick(addresses);
    const feed =
      r.next() < 0.5
        ? {
            event: r.pick(['fetch_failed', 'fetch_failed', 'fetch_succeeded', 'feed_removed', 'bogus']),
            ...(r.next() < 0.7 ? { category: r.pick(['credentials_invalid', 'tls_trust', 'dns_failure', 'not_a_cause']) } : {}),
            ...(r.next() < 0.8 ? { rule: r.pick(['rule.a', 'rule.b', 'rule.c']) } : {}),
          }
        : undefined;
    const doc = fwEvent(NOW.getTime() - time(), keys, `line ${used.size}`, feed);
    return r.next() < 0.5 ? { ...doc, event: { original: `<13>original ${used.size}` } } : doc;
  });

  beforeAll(async () => {
    await store.setup();
    const { records, errors } = normalisePulls(pulls);
    expect(errors).toEqual([]);
    memory.addPulls(records.map((x) => x.doc));
    memory.addEvents(events);
    expect(await indexPulls(store, pullsStream, records)).toMatchObject({ created: pulls.length });
    expect(await store.write(firewallStream, events.map((doc, i) => ({ id: `rnd-${i}`, doc })))).toMatchObject({ created: events.length });
    await store.client.indices.refresh({ index: [pullsStream, firewallStream] });
  });

  afterAll(async () => {
    await store.client.indices.deleteDataStream({ name: [pullsStream, firewallStream] }).catch(() => undefined);
    await store.close();
  });

  it.each([
    ['26 h', 26 * H],
    ['6 h', 6 * H],
  ])(`pullSummaries, all and some integrations, look-back %s (seed ${seed})`, async (_, lookback) => {
    expect(await es.pullSummaries(NOW, lookback)).toEqual(await memory.pullSummaries(NOW, lookback));
    const some = ['rnd-1', 'rnd-5', 'rnd-33', 'unknown'];
    expect(await es.pullSummaries(NOW, lookback, some)).toEqual(await memory.pullSummaries(NOW, lookback, some));
  });

  it.each([
    ['26 h, 3 excerpts', 26 * H, 3],
    ['8 h, 1 excerpt', 8 * H, 1],
    ['26 h, no excerpt', 26 * H, 0],
  ])(`gather, %s (seed ${seed})`, async (_, lookback, excerpts) => {
    const expected = await memory.gather(integrations, NOW, lookback, excerpts);
    expect(await es.gather(integrations, NOW, lookback, excerpts)).toEqual(expected);
    // The data exercises what it should: devices heard from, feed groups, failures after a success.
    const devices = expected.flatMap((e) => e.devices);
    expect(devices.filter((d) => d.syslog.count > 0).length).toBeGreaterThan(5);
    expect(devices.filter((d) => d.feed_events.length > 1).length).toBeGreaterThan(3);
    expect(expected.filter((e) => e.pulls.last_success && e.pulls.first_failure).length).toBeGreaterThan(3);
  });
});
