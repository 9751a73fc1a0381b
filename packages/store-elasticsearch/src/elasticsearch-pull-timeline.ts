import type { Client } from '@elastic/elasticsearch';
import type { PullBucket, PullTimeline } from '@pullwatch/ports';
import { F } from './evidence-queries.js';
import { requestError } from './state-index.js';

export interface ElasticsearchPullTimelineOptions {
  client: Client;
  /** Pull records: a data stream, index or pattern. Default `logs-pullwatch.pulls-*`. */
  pullsIndex?: string;
  /**
   * Most distinct HTTP statuses counted per bucket (the `terms` size); rarer ones are left
   * out of that bucket. Default 50: an endpoint answers a handful of statuses.
   */
  maxStatusesPerBucket?: number;
}

/**
 * The bucket grid: starts at multiples of `bucketMs` since the epoch, from the bucket holding
 * `from` to the one holding `to`, oldest first, every bucket empty; none when `to` is before
 * `from`. A width below 1 ms is a RangeError (fractions are dropped). Deliberately duplicated
 * from store-memory (memory-pull-timeline.ts), the reference of the contract: keep the two in sync.
 */
function bucketGrid(from: Date, to: Date, bucketMs: number): { origin: number; step: number; buckets: PullBucket[] } {
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

/** Body of the timeline search: one integration's pulls in [from, to], a date histogram with a `terms` on the status under it. */
export function pullTimelineBody(integrationId: string, from: number, to: number, step: number, maxStatuses: number): Record<string, unknown> {
  return {
    size: 0,
    track_total_hits: false,
    query: {
      bool: {
        filter: [{ term: { [F.integration]: integrationId } }, { range: { [F.timestamp]: { gte: from, lte: to, format: 'epoch_millis' } } }],
      },
    },
    aggs: {
      timeline: {
        // Fixed intervals are aligned on the epoch (UTC, no offset): the grid of the contract.
        date_histogram: { field: F.timestamp, fixed_interval: `${step}ms`, min_doc_count: 1 },
        aggs: { statuses: { terms: { field: F.status, size: maxStatuses } } },
      },
    },
  };
}

interface TimelineAggs {
  timeline?: { buckets: Array<{ key: number; doc_count: number; statuses: { buckets: Array<{ key: number | string; doc_count: number }> } }> };
}

/**
 * PullTimeline over Elasticsearch: one `_search` per call, a `date_histogram` (fixed interval
 * of `bucketMs`) over the integration's pull records in [from, to], with a `terms` aggregation
 * on `http.response.status_code` under each bucket. Only buckets holding pulls come back
 * (`min_doc_count: 1`); the empty ones are filled in here, so the answer has every bucket of
 * the range, oldest first, as MemoryPullTimeline's (the contract suite runs against both).
 * The caller bounds the number of buckets (the API allows 500; a node refuses more than
 * `search.max_buckets`, 65,536 by default).
 */
export class ElasticsearchPullTimeline implements PullTimeline {
  readonly pullsIndex: string;
  readonly #client: Client;
  readonly #maxStatuses: number;

  constructor(opts: ElasticsearchPullTimelineOptions) {
    this.#client = opts.client;
    this.pullsIndex = opts.pullsIndex ?? 'logs-pullwatch.pulls-*';
    this.#maxStatuses = opts.maxStatusesPerBucket ?? 50;
  }

  async pullTimeline(integrationId: string, from: Date, to: Date, bucketMs: number): Promise<PullBucket[]> {
    const { origin, step, buckets } = bucketGrid(from, to, bucketMs);
    if (buckets.length === 0) return buckets;
    let aggs: TimelineAggs | undefined;
    try {
      const resp = await this.#client.search({
        index: this.pullsIndex,
        ignore_unavailable: true,
        allow_no_indices: true,
        ...pullTimelineBody(integrationId, from.getTime(), to.getTime(), step, this.#maxStatuses),
      } as never);
      aggs = (resp as { aggregations?: TimelineAggs }).aggregations;
    } catch (err) {
      throw requestError(`reading the pull timeline of ${integrationId} from ${this.pullsIndex}`, err);
    }
    for (const b of aggs?.timeline?.buckets ?? []) {
      const bucket = buckets[Math.round((b.key - origin) / step)];
      if (bucket === undefined) continue;
      for (const s of b.statuses.buckets) bucket.statuses[String(s.key)] = (bucket.statuses[String(s.key)] ?? 0) + s.doc_count;
    }
    return buckets;
  }
}
