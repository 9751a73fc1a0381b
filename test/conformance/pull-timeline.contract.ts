import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullRecord } from '@pullwatch/core';
import type { PullTimeline } from '@pullwatch/ports';

/** What a backend under test provides: the timeline, and how to put pull records behind it. */
export interface PullTimelineHarness {
  timeline: PullTimeline;
  addPulls(records: PullRecord[]): Promise<void>;
  cleanup(): Promise<void>;
}

const T0 = Date.parse('2026-11-26T08:00:00.000Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (offsetMs: number): string => new Date(T0 + offsetMs).toISOString();
const date = (offsetMs: number): Date => new Date(T0 + offsetMs);

/**
 * The PullTimeline contract (packages/ports/src/evidence-source.ts): a date histogram over
 * one integration's pulls, as Elasticsearch's `date_histogram` with `extended_bounds` and a
 * range filter gives it. Buckets start at multiples of `bucketMs` since the epoch, from the
 * one holding `from` to the one holding `to`; pulls in [from, to] (both included) count;
 * empty buckets are included; oldest first. Each test uses its own integration ids.
 */
export function pullTimelineContract(name: string, factory: () => Promise<PullTimelineHarness>): void {
  describe(`PullTimeline contract > ${name}`, () => {
    let h: PullTimelineHarness;
    let tag: string;
    beforeEach(async () => {
      h = await factory();
      tag = randomUUID().slice(0, 8);
    });
    afterEach(async () => {
      await h.cleanup();
    });
    const iid = (s: string): string => `${s}-${tag}`;
    const pull = (id: string, offsetMs: number, status: number): PullRecord => ({
      '@timestamp': at(offsetMs),
      integration: { id },
      source: { ip: '203.0.113.9' },
      http: { response: { status_code: status } },
    });

    it('counts pulls per bucket and status, oldest first, with the empty buckets', async () => {
      const a = iid('a');
      await h.addPulls([pull(a, 5 * MIN, 200), pull(a, 10 * MIN, 200), pull(a, 20 * MIN, 401), pull(a, 95 * MIN, 401), pull(a, 96 * MIN, 503), pull(a, 97 * MIN, 401)]);
      expect(await h.timeline.pullTimeline(a, date(0), date(119 * MIN), 30 * MIN)).toEqual([
        { at: at(0), statuses: { '200': 2, '401': 1 } },
        { at: at(30 * MIN), statuses: {} },
        { at: at(60 * MIN), statuses: {} },
        { at: at(90 * MIN), statuses: { '401': 2, '503': 1 } },
      ]);
    });

    it('aligns buckets on multiples of the width since the epoch, and counts [from, to] only', async () => {
      const a = iid('a');
      await h.addPulls([pull(a, 9 * MIN, 200), pull(a, 10 * MIN, 200), pull(a, 110 * MIN, 404), pull(a, 111 * MIN, 404)]);
      const buckets = await h.timeline.pullTimeline(a, date(10 * MIN), date(110 * MIN), HOUR);
      expect(buckets).toEqual([
        { at: at(0), statuses: { '200': 1 } },
        { at: at(HOUR), statuses: { '404': 1 } },
      ]);
    });

    it('gives the bucket that starts at `to` when `to` falls on a boundary', async () => {
      const a = iid('a');
      await h.addPulls([pull(a, 2 * HOUR, 200)]);
      expect(await h.timeline.pullTimeline(a, date(0), date(2 * HOUR), HOUR)).toEqual([
        { at: at(0), statuses: {} },
        { at: at(HOUR), statuses: {} },
        { at: at(2 * HOUR), statuses: { '200': 1 } },
      ]);
    });

    it("counts the integration asked for, not another's", async () => {
      const a = iid('a');
      const b = iid('b');
      await h.addPulls([pull(a, 5 * MIN, 200), pull(b, 6 * MIN, 500), pull(b, 7 * MIN, 500)]);
      expect(await h.timeline.pullTimeline(a, date(0), date(59 * MIN), HOUR)).toEqual([{ at: at(0), statuses: { '200': 1 } }]);
      expect(await h.timeline.pullTimeline(b, date(0), date(59 * MIN), HOUR)).toEqual([{ at: at(0), statuses: { '500': 2 } }]);
    });

    it('reads times stored with an offset in UTC', async () => {
      const a = iid('a');
      await h.addPulls([{ ...pull(a, 0, 200), '@timestamp': '2026-11-26T09:15:00+01:00' }]);
      expect(await h.timeline.pullTimeline(a, date(0), date(59 * MIN), 15 * MIN)).toEqual([
        { at: at(0), statuses: {} },
        { at: at(15 * MIN), statuses: { '200': 1 } },
        { at: at(30 * MIN), statuses: {} },
        { at: at(45 * MIN), statuses: {} },
      ]);
    });

    it('has only empty buckets without pulls, none when `to` is before `from`, and refuses a width below 1 ms', async () => {
      const a = iid('none');
      expect(await h.timeline.pullTimeline(a, date(0), date(2 * HOUR - 1), HOUR)).toEqual([
        { at: at(0), statuses: {} },
        { at: at(HOUR), statuses: {} },
      ]);
      expect(await h.timeline.pullTimeline(a, date(HOUR), date(0), HOUR)).toEqual([]);
      await expect(h.timeline.pullTimeline(a, date(0), date(HOUR), 0)).rejects.toThrow(RangeError);
    });
  });
}
