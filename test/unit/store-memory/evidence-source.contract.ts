import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EcsDocument, Integration, PullRecord } from '@pullwatch/core';
import type { EvidenceSource } from '@pullwatch/ports';

/** What a backend under test provides: the source, and how to put data behind it. */
export interface EvidenceSourceHarness {
  source: EvidenceSource;
  addPulls(records: PullRecord[]): Promise<void>;
  addEvents(docs: EcsDocument[]): Promise<void>;
  cleanup(): Promise<void>;
}

const NOW = new Date('2026-11-26T10:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number): string => new Date(NOW.getTime() + offsetMs).toISOString();

/**
 * The EvidenceSource contract (packages/ports/src/evidence-source.ts), one suite for every
 * adapter: memory (test/unit/store-memory/memory-evidence-source.test.ts), Elasticsearch and
 * SQLite. Every test uses its own integration ids and device names, so a backend shared
 * between tests (an Elasticsearch data stream) gives the same answers.
 */
export function evidenceSourceContract(name: string, factory: () => Promise<EvidenceSourceHarness>): void {
  describe(`EvidenceSource contract > ${name}`, () => {
    let h: EvidenceSourceHarness;
    let tag: string;
    beforeEach(async () => {
      h = await factory();
      tag = randomUUID().slice(0, 8);
    });
    afterEach(async () => {
      await h.cleanup();
    });

    const iid = (s: string): string => `${s}-${tag}`;
    const host = (s: string): string => `${s}-${tag}`;
    const pull = (id: string, offsetMs: number, status: number, ip = '203.0.113.9', path?: string): PullRecord => ({
      '@timestamp': at(offsetMs),
      integration: { id },
      source: { ip },
      http: { request: { method: 'GET' }, response: { status_code: status } },
      ...(path !== undefined ? { url: { path } } : {}),
    });
    const integration = (id: string, devices: Integration['devices']): Integration => ({ id, name: id, vendor: 'fortigate', devices });
    const event = (offsetMs: number, fields: Record<string, unknown>, feed?: { event: string; category?: string; rule?: string }): EcsDocument => ({
      '@timestamp': at(offsetMs),
      message: `message at ${offsetMs}`,
      event: { original: `<134>line at ${offsetMs}` },
      ...fields,
      ...(feed !== undefined
        ? { pullwatch: { feed: { event: feed.event }, root_cause: { ...(feed.category ? { category: feed.category } : {}), ...(feed.rule ? { rule: feed.rule } : {}), confidence: 0.9 } } }
        : {}),
    });

    describe('pullSummaries', () => {
      it('gives the last success, the last attempt and the failures after the last success', async () => {
        const a = iid('a');
        await h.addPulls([pull(a, -30 * HOUR, 200), pull(a, -26 * HOUR, 200), pull(a, -25 * HOUR, 401), pull(a, -2 * HOUR, 401), pull(a, -1 * HOUR, 403)]);
        const m = await h.source.pullSummaries(NOW, 7 * DAY, [a]);
        expect(m.get(a)).toEqual({
          integration_id: a,
          last_success: at(-26 * HOUR),
          last_attempt: at(-1 * HOUR),
          failures_since_success: 3,
          first_failure: { at: at(-25 * HOUR), status: 401 },
        });
      });

      it('has no failures and no first failure when the newest pull succeeded', async () => {
        const a = iid('a');
        await h.addPulls([pull(a, -3 * HOUR, 401), pull(a, -2 * HOUR, 200)]);
        const s = (await h.source.pullSummaries(NOW, DAY, [a])).get(a)!;
        expect(s.failures_since_success).toBe(0);
        expect(s.first_failure).toBeUndefined();
        expect(s.last_success).toBe(at(-2 * HOUR));
      });

      it('counts every pull as a failure when none succeeded in the look-back', async () => {
        const a = iid('a');
        await h.addPulls([pull(a, -8 * DAY, 200), pull(a, -2 * DAY, 404), pull(a, -1 * DAY, 404)]);
        const s = (await h.source.pullSummaries(NOW, 7 * DAY, [a])).get(a)!;
        expect(s.last_success).toBeUndefined();
        expect(s.failures_since_success).toBe(2);
        expect(s.first_failure).toEqual({ at: at(-2 * DAY), status: 404 });
      });

      it('searches [now − look-back, now] only: older and later records do not count', async () => {
        const a = iid('a');
        await h.addPulls([pull(a, -2 * DAY, 200), pull(a, 1 * HOUR, 200)]);
        expect((await h.source.pullSummaries(NOW, DAY, [a])).has(a)).toBe(false);
        const s = (await h.source.pullSummaries(NOW, 3 * DAY, [a])).get(a)!;
        expect(s.last_success).toBe(at(-2 * DAY));
        expect(s.last_attempt).toBe(at(-2 * DAY));
      });

      it('returns the given integrations that have pulls, or all that have pulls when none are given', async () => {
        const a = iid('a');
        const b = iid('b');
        const none = iid('none');
        await h.addPulls([pull(a, -HOUR, 200), pull(b, -HOUR, 500)]);
        const some = await h.source.pullSummaries(NOW, DAY, [a, none]);
        expect([...some.keys()]).toEqual([a]);
        const all = await h.source.pullSummaries(NOW, DAY);
        expect(all.has(a) && all.has(b)).toBe(true);
        expect(all.has(none)).toBe(false);
      });
    });

    describe('gather: pulls', () => {
      it('windows from the last success to now, grouped by status, source and path', async () => {
        const a = iid('a');
        const p = `/v1/integrations/${a}/content`;
        await h.addPulls([
          pull(a, -40 * HOUR, 200, '203.0.113.9', p),
          pull(a, -30 * HOUR, 200, '203.0.113.9', p),
          pull(a, -29 * HOUR, 401, '203.0.113.9', p),
          pull(a, -28 * HOUR, 401, '203.0.113.10', p),
          pull(a, -27 * HOUR, 404, '203.0.113.9', `${p}s`),
          pull(a, -26 * HOUR, 401, '203.0.113.9'),
        ]);
        const [ev] = await h.source.gather([integration(a, [{ hostname: host('fw') }])], NOW, 7 * DAY, 5);
        expect(ev!.now).toBe(NOW.toISOString());
        expect(ev!.window).toEqual({ from: at(-30 * HOUR), to: NOW.toISOString() });
        expect(ev!.pulls).toEqual({
          last_success: at(-30 * HOUR),
          last_attempt: at(-26 * HOUR),
          attempts: 5,
          by_status: [
            { status: 200, count: 1, first: at(-30 * HOUR), last: at(-30 * HOUR) },
            { status: 401, count: 3, first: at(-29 * HOUR), last: at(-26 * HOUR) },
            { status: 404, count: 1, first: at(-27 * HOUR), last: at(-27 * HOUR) },
          ],
          by_source: [
            { ip: '203.0.113.9', count: 4, statuses: [200, 401, 404], last: at(-26 * HOUR) },
            { ip: '203.0.113.10', count: 1, statuses: [401], last: at(-28 * HOUR) },
          ],
          by_path: [
            { path: p, count: 3, statuses: [200, 401] },
            { path: `${p}s`, count: 1, statuses: [404] },
          ],
          first_failure: { at: at(-29 * HOUR), status: 401 },
        });
      });

      it('windows over the look-back when there is no success, and is empty without pulls', async () => {
        const a = iid('a');
        const b = iid('b');
        await h.addPulls([pull(a, -2 * DAY, 503), pull(a, -1 * DAY, 503)]);
        const [ea, eb] = await h.source.gather([integration(a, [{ hostname: host('a') }]), integration(b, [{ hostname: host('b') }])], NOW, 3 * DAY, 5);
        expect(ea!.window.from).toBe(at(-3 * DAY));
        expect(ea!.pulls.last_success).toBeUndefined();
        expect(ea!.pulls.attempts).toBe(2);
        expect(ea!.pulls.first_failure).toEqual({ at: at(-2 * DAY), status: 503 });
        expect(eb!.integration.id).toBe(b);
        expect(eb!.pulls).toEqual({ attempts: 0, by_status: [], by_source: [], by_path: [] });
        expect(eb!.window).toEqual({ from: at(-3 * DAY), to: NOW.toISOString() });
      });

      it('returns one evidence per integration, in the order given', async () => {
        const ids = [iid('c'), iid('a'), iid('b')];
        await h.addPulls(ids.map((id, n) => pull(id, -(n + 1) * HOUR, 200)));
        const evs = await h.source.gather(
          ids.map((id) => integration(id, [{ hostname: host(id) }])),
          NOW,
          DAY,
          5,
        );
        expect(evs.map((e) => e.integration.id)).toEqual(ids);
        expect(evs.map((e) => e.pulls.last_success)).toEqual([at(-HOUR), at(-2 * HOUR), at(-3 * HOUR)]);
      });
    });

    describe('gather: devices', () => {
      it('matches events by syslog host, observer hostname or name, serial, or sender address', async () => {
        const a = iid('a');
        const name = host('fw');
        const serial = `FG${tag}`;
        const addr = '192.0.2.77';
        await h.addPulls([pull(a, -10 * HOUR, 200)]);
        await h.addEvents([
          event(-9 * HOUR, { log: { syslog: { hostname: name } } }),
          event(-8 * HOUR, { observer: { hostname: name } }),
          event(-7 * HOUR, { observer: { name } }),
          event(-6 * HOUR, { observer: { serial_number: serial } }),
          event(-5 * HOUR, { log: { source: { address: addr } }, tags: [tag] }),
          event(-4 * HOUR, { observer: { name: `${name}-other` } }),
          event(-3 * HOUR, { observer: { name: name.toUpperCase() } }),
        ]);
        const devices = [{ hostname: name }, { serial }, { address: addr }];
        const [ev] = await h.source.gather([integration(a, devices)], NOW, DAY, 5);
        expect(ev!.devices.map((d) => [d.label, d.syslog])).toEqual([
          [name, { count: 3, first: at(-9 * HOUR), last: at(-7 * HOUR) }],
          [serial, { count: 1, first: at(-6 * HOUR), last: at(-6 * HOUR) }],
          [addr, { count: 1, first: at(-5 * HOUR), last: at(-5 * HOUR) }],
        ]);
        expect(ev!.devices[0]!.device).toEqual({ hostname: name });
      });

      it('counts only events of the window [last success, now]', async () => {
        const a = iid('a');
        const name = host('fw');
        await h.addPulls([pull(a, -10 * HOUR, 200)]);
        await h.addEvents([event(-11 * HOUR, { observer: { name } }), event(-10 * HOUR, { observer: { name } }), event(-HOUR, { observer: { name } }), event(HOUR, { observer: { name } })]);
        const [ev] = await h.source.gather([integration(a, [{ hostname: name }])], NOW, DAY, 5);
        expect(ev!.devices[0]!.syslog).toEqual({ count: 2, first: at(-10 * HOUR), last: at(-HOUR) });
      });

      it('says a device sent nothing with a zero count and no times', async () => {
        const a = iid('a');
        const [ev] = await h.source.gather([integration(a, [{ hostname: host('silent'), address: '192.0.2.250' }])], NOW, DAY, 5);
        expect(ev!.devices).toEqual([{ device: { hostname: host('silent'), address: '192.0.2.250' }, label: host('silent'), syslog: { count: 0 }, feed_events: [] }]);
      });

      it('groups feed events by event and category, newest group first, with the rule of the newest line', async () => {
        const a = iid('a');
        const name = host('fw');
        const o = { observer: { name } };
        await h.addEvents([
          event(-9 * HOUR, o, { event: 'fetch_failed', category: 'tls_trust', rule: 'generic.tls.certificate' }),
          event(-8 * HOUR, o, { event: 'fetch_failed', category: 'tls_trust', rule: 'opnsense.alias.tls_error' }),
          event(-7 * HOUR, o, { event: 'fetch_failed', category: 'credentials_invalid', rule: 'opnsense.alias.http_error' }),
          event(-6 * HOUR, o, { event: 'fetch_succeeded', rule: 'opnsense.alias.fetched' }),
          event(-5 * HOUR, o),
          event(-4 * HOUR, o, { event: 'feed_removed', category: 'rule_removed_or_disabled', rule: 'opnsense.alias.removed' }),
        ]);
        const [ev] = await h.source.gather([integration(a, [{ hostname: name }])], NOW, DAY, 5);
        const groups = ev!.devices[0]!.feed_events.map(({ excerpts, ...g }) => ({ ...g, excerpts: excerpts.length }));
        expect(groups).toEqual([
          { event: 'feed_removed', category: 'rule_removed_or_disabled', rule: 'opnsense.alias.removed', count: 1, first: at(-4 * HOUR), last: at(-4 * HOUR), excerpts: 1 },
          { event: 'fetch_succeeded', rule: 'opnsense.alias.fetched', count: 1, first: at(-6 * HOUR), last: at(-6 * HOUR), excerpts: 1 },
          { event: 'fetch_failed', category: 'credentials_invalid', rule: 'opnsense.alias.http_error', count: 1, first: at(-7 * HOUR), last: at(-7 * HOUR), excerpts: 1 },
          { event: 'fetch_failed', category: 'tls_trust', rule: 'opnsense.alias.tls_error', count: 2, first: at(-9 * HOUR), last: at(-8 * HOUR), excerpts: 2 },
        ]);
        expect(ev!.devices[0]!.syslog.count).toBe(6);
      });

      it('quotes up to maxExcerpts lines per group, newest first: the original line, else the message', async () => {
        const a = iid('a');
        const name = host('fw');
        const docs = [1, 2, 3, 4].map((n) => event(-n * HOUR, { observer: { name } }, { event: 'fetch_failed', category: 'dns_failure', rule: 'r' }));
        const bare = event(-30 * 60_000, { observer: { name } }, { event: 'fetch_failed', category: 'dns_failure', rule: 'r' });
        delete (bare as { event?: unknown }).event;
        await h.addEvents([...docs, bare]);
        const [ev] = await h.source.gather([integration(a, [{ hostname: name }])], NOW, DAY, 3);
        const group = ev!.devices[0]!.feed_events[0]!;
        expect(group.count).toBe(5);
        expect(group.excerpts).toEqual([
          { '@timestamp': at(-30 * 60_000), message: `message at ${-30 * 60_000}`, device: name, rule: 'r' },
          { '@timestamp': at(-HOUR), message: `<134>line at ${-HOUR}`, device: name, rule: 'r' },
          { '@timestamp': at(-2 * HOUR), message: `<134>line at ${-2 * HOUR}`, device: name, rule: 'r' },
        ]);
      });

      it('gives times in UTC with milliseconds whatever the offset stored', async () => {
        const a = iid('a');
        const name = host('fw');
        await h.addPulls([{ ...pull(a, -HOUR, 200), '@timestamp': '2026-11-26T10:00:00+01:00' }]);
        await h.addEvents([{ ...event(0, { observer: { name } }), '@timestamp': '2026-11-26T10:30:00+01:00' }]);
        const [ev] = await h.source.gather([integration(a, [{ hostname: name }])], NOW, DAY, 5);
        expect(ev!.pulls.last_success).toBe('2026-11-26T09:00:00.000Z');
        expect(ev!.devices[0]!.syslog).toEqual({ count: 1, first: '2026-11-26T09:30:00.000Z', last: '2026-11-26T09:30:00.000Z' });
      });
    });
  });
}
