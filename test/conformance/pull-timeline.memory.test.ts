import type { PullRecord } from '@pullwatch/core';
import type { PullBucket, PullTimeline } from '@pullwatch/ports';
import { MemoryEvidenceSource } from '@pullwatch/store-memory';
import { pullTimelineContract } from './pull-timeline.contract.js';

/**
 * MemoryEvidenceSource does not implement PullTimeline yet; this subclass does, as the
 * reference the SQLite (and later Elasticsearch) timelines are held to. When store-memory
 * grows its own `pullTimeline`, run the contract against it and delete this class.
 */
class TimelineMemoryEvidenceSource extends MemoryEvidenceSource implements PullTimeline {
  readonly #pulls: Array<{ id: string; t: number; status: number }> = [];

  override addPulls(records: readonly PullRecord[]): void {
    super.addPulls(records);
    for (const r of records) {
      const t = Date.parse(r['@timestamp']);
      if (!Number.isNaN(t)) this.#pulls.push({ id: r.integration.id, t, status: r.http.response.status_code });
    }
  }

  async pullTimeline(integrationId: string, from: Date, to: Date, bucketMs: number): Promise<PullBucket[]> {
    const step = Math.floor(bucketMs);
    if (!(step >= 1)) throw new RangeError(`bucketMs must be at least 1 ms (got ${bucketMs})`);
    const f = from.getTime();
    const t = to.getTime();
    if (t < f) return [];
    const origin = Math.floor(f / step) * step;
    const buckets: PullBucket[] = [];
    for (let b = origin; b <= t; b += step) buckets.push({ at: new Date(b).toISOString(), statuses: {} });
    for (const p of [...this.#pulls].sort((x, y) => x.status - y.status)) {
      if (p.id !== integrationId || p.t < f || p.t > t) continue;
      const statuses = buckets[Math.floor((p.t - origin) / step)]!.statuses;
      statuses[String(p.status)] = (statuses[String(p.status)] ?? 0) + 1;
    }
    return buckets;
  }
}

pullTimelineContract('memory', async () => {
  const source = new TimelineMemoryEvidenceSource();
  return { timeline: source, addPulls: async (records) => source.addPulls(records), cleanup: async () => {} };
});
