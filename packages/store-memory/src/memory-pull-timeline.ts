import type { PullRecord } from '@pullwatch/core';
import type { PullBucket, PullTimeline } from '@pullwatch/ports';

interface TimedPull {
  t: number;
  status: number;
}

/**
 * The bucket grid of a pull timeline: starts at multiples of `bucketMs` since the epoch, from
 * the bucket holding `from` to the one holding `to`, oldest first, every bucket empty. None when
 * `to` is before `from`. Throws a RangeError for a width below 1 ms (fractions are dropped).
 * Deliberately duplicated in store-elasticsearch (elasticsearch-pull-timeline.ts, `bucketGrid`),
 * which fills the same grid from its date histogram: keep the two in sync.
 */
function pullBucketGrid(from: Date, to: Date, bucketMs: number): { origin: number; step: number; buckets: PullBucket[] } {
  const step = Math.floor(bucketMs);
  if (!(step >= 1)) throw new RangeError(`bucketMs must be at least 1 ms (got ${bucketMs})`);
  const f = from.getTime();
  const t = to.getTime();
  if (Number.isNaN(f) || Number.isNaN(t)) throw new RangeError('from and to must be valid dates');
  const origin = Math.floor(f / step) * step;
  const buckets: PullBucket[] = [];
  if (t >= f) for (let b = origin; b <= t; b += step) buckets.push({ at: new Date(b).toISOString(), statuses: {} });
  return { origin, step, buckets };
}

/**
 * PullTimeline over pull records in memory, for `pullwatch diagnose`, tests and the page's
 * chart when the API runs on the memory adapters.
 *
 * MemoryEvidenceSource keeps its pulls private, so this class keeps its own copy (time and
 * status only): hand it the same records as `MemoryEvidenceSource.addPulls`, or let
 * `addPullsTo` do both. Like the evidence source, it skips records whose `@timestamp` does not
 * parse. Semantics (test/conformance/pull-timeline.contract.ts): pulls in [from, to], both
 * included, counted per bucket and HTTP status; empty buckets included; oldest first.
 */
export class MemoryPullTimeline implements PullTimeline {
  readonly #pulls = new Map<string, TimedPull[]>();

  constructor(records: readonly PullRecord[] = []) {
    this.addPulls(records);
  }

  /** Adds pull records; records with an unreadable `@timestamp` are skipped. */
  addPulls(records: readonly PullRecord[]): void {
    for (const r of records) {
      const t = Date.parse(r['@timestamp']);
      if (Number.isNaN(t)) continue;
      let list = this.#pulls.get(r.integration.id);
      if (list === undefined) this.#pulls.set(r.integration.id, (list = []));
      list.push({ t, status: r.http.response.status_code });
    }
  }

  async pullTimeline(integrationId: string, from: Date, to: Date, bucketMs: number): Promise<PullBucket[]> {
    const { origin, step, buckets } = pullBucketGrid(from, to, bucketMs);
    const f = from.getTime();
    const t = to.getTime();
    for (const p of this.#pulls.get(integrationId) ?? []) {
      if (p.t < f || p.t > t) continue;
      const statuses = buckets[Math.floor((p.t - origin) / step)]!.statuses;
      const key = String(p.status);
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    return buckets;
  }
}

/** Gives the same pull records to every target (a MemoryEvidenceSource and a MemoryPullTimeline, typically). */
export function addPullsTo(records: readonly PullRecord[], ...targets: ReadonlyArray<{ addPulls(records: readonly PullRecord[]): void }>): void {
  for (const target of targets) target.addPulls(records);
}
