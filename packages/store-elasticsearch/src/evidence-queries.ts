/**
 * Query bodies and response readers of ElasticsearchEvidenceSource. Pure: no
 * I/O, so the shapes can be read (and tested) without a node.
 *
 * Only aggregations a minimal node has are used (composite, terms, filters,
 * filter, min/max, top_hits): no scripts, no multi_terms/top_metrics/bucket_sort.
 */
import type { Device, Excerpt, FeedEvent, FeedEventEvidence, RootCause, SourceCount, StatusCount } from '@pullwatch/core';

/** Field names the queries read (pull records and firewall events, ECS). */
export const F = {
  timestamp: '@timestamp',
  integration: 'integration.id',
  status: 'http.response.status_code',
  sourceIp: 'source.ip',
  path: 'url.path',
  feedEvent: 'pullwatch.feed.event',
  category: 'pullwatch.root_cause.category',
  rule: 'pullwatch.root_cause.rule',
} as const;

/** The device identity fields: an event belongs to a device when one of them equals the device's value. */
export const DEVICE_KEYS = {
  hostname: ['log.syslog.hostname', 'observer.hostname', 'observer.name'],
  serial: ['observer.serial_number'],
  address: ['log.source.address'],
} as const;

/** Largest number of distinct HTTP statuses (0..999): a terms size that never truncates. */
const ALL_STATUSES = 1000;
/** Marks events without a root-cause category in the category terms aggregation. */
export const NO_CATEGORY = '__none__';

const range = (gte: number | undefined, lte: number, gt?: number) => ({
  range: { [F.timestamp]: { ...(gt !== undefined ? { gt } : { gte }), lte, format: 'epoch_millis' } },
});
const success = { range: { [F.status]: { gte: 200, lt: 300 } } };
const minMax = { first: { min: { field: F.timestamp } }, last: { max: { field: F.timestamp } } };

// ---------------------------------------------------------------------------
// Pass 1: one composite aggregation over integration.id, pulls by status.

/** One status of one integration over the look-back: how many pulls, first and last (epoch ms). */
export interface StatusStat {
  status: number;
  count: number;
  first: number;
  last: number;
}

/** Body of one page of the per-integration, per-status composite aggregation. */
export function statusCompositeBody(opts: { from: number; to: number; ids?: readonly string[]; size: number; after?: Record<string, unknown> }): Record<string, unknown> {
  const filter: unknown[] = [range(opts.from, opts.to)];
  if (opts.ids) filter.push({ terms: { [F.integration]: opts.ids } });
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter } },
    aggs: {
      integrations: {
        composite: { size: opts.size, sources: [{ id: { terms: { field: F.integration } } }], ...(opts.after ? { after: opts.after } : {}) },
        aggs: { status: { terms: { field: F.status, size: ALL_STATUSES }, aggs: minMax } },
      },
    },
  };
}

interface ValueAgg {
  value: number | null;
}
interface TermsAgg<B> {
  buckets: Array<B & { key: string | number; key_as_string?: string; doc_count: number }>;
}
interface StatusBucketAggs {
  first: ValueAgg;
  last: ValueAgg;
}

/** Reads one composite page: integration id → statuses, and the `after` key of the next page. */
export function readStatusComposite(aggs: unknown): { page: Map<string, StatusStat[]>; after?: Record<string, unknown> } {
  const agg = (aggs as { integrations?: { after_key?: Record<string, unknown>; buckets: Array<{ key: { id: string }; status: TermsAgg<StatusBucketAggs> }> } } | undefined)
    ?.integrations;
  const page = new Map<string, StatusStat[]>();
  for (const b of agg?.buckets ?? []) page.set(b.key.id, readStatuses(b.status));
  return { page, ...(agg?.after_key && agg.buckets.length > 0 ? { after: agg.after_key } : {}) };
}

function readStatuses(terms: TermsAgg<StatusBucketAggs> | undefined): StatusStat[] {
  return (terms?.buckets ?? [])
    .map((s) => ({ status: Number(s.key), count: s.doc_count, first: s.first.value ?? 0, last: s.last.value ?? 0 }))
    .sort((a, b) => a.status - b.status);
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** What the per-status figures of one integration say, and whether they are enough for its first failure. */
export interface PullState {
  lastSuccess?: number;
  lastAttempt?: number;
  /** Non-2xx pulls after the last success, when the figures decide it. */
  failures?: number;
  firstFailure?: { at: number; status: number };
  /**
   * A non-2xx status has pulls both before (or at) and after the last success:
   * only a second query can count those after it.
   */
  ambiguous: boolean;
}

/**
 * Derives the pull state from per-status figures. Statuses whose pulls all
 * follow the last success count whole; statuses that all precede it, not at
 * all; a status that straddles it makes the state ambiguous (second pass).
 * The first failure is the failing status with the earliest pull after the
 * last success (the lower status on a tie).
 */
export function pullState(statuses: readonly StatusStat[]): PullState {
  let lastSuccess: number | undefined;
  let lastAttempt: number | undefined;
  for (const s of statuses) {
    if (lastAttempt === undefined || s.last > lastAttempt) lastAttempt = s.last;
    if (isSuccess(s.status) && (lastSuccess === undefined || s.last > lastSuccess)) lastSuccess = s.last;
  }
  let failures = 0;
  let firstFailure: { at: number; status: number } | undefined;
  let ambiguous = false;
  for (const s of statuses) {
    if (isSuccess(s.status)) continue;
    if (lastSuccess === undefined || s.first > lastSuccess) {
      failures += s.count;
      if (!firstFailure || s.first < firstFailure.at) firstFailure = { at: s.first, status: s.status };
    } else if (s.last > lastSuccess) ambiguous = true;
  }
  return {
    ...(lastSuccess !== undefined ? { lastSuccess } : {}),
    ...(lastAttempt !== undefined ? { lastAttempt } : {}),
    ambiguous,
    ...(ambiguous ? {} : { failures, ...(firstFailure ? { firstFailure } : {}) }),
  };
}

// ---------------------------------------------------------------------------
// Failures after the last success: one filter per integration, chunked.

/**
 * Body of one search counting, for several integrations (a `filters` bucket
 * each), the non-2xx pulls after the last success (exclusive), or over the
 * whole look-back when there is none.
 */
export function failuresBody(items: ReadonlyArray<{ id: string; lastSuccess?: number }>, from: number, to: number): Record<string, unknown> {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [range(from, to)] } },
    aggs: {
      each: {
        filters: {
          filters: items.map((i) => ({
            bool: {
              filter: [{ term: { [F.integration]: i.id } }, i.lastSuccess !== undefined ? range(undefined, to, i.lastSuccess) : range(from, to)],
              must_not: [success],
            },
          })),
        },
        aggs: { status: { terms: { field: F.status, size: ALL_STATUSES }, aggs: { first: { min: { field: F.timestamp } } } } },
      },
    },
  };
}

/** The failures of one integration after its last success: how many, and the first (earliest, then lowest status). */
export function readFailures(bucket: { doc_count: number; status?: TermsAgg<{ first: ValueAgg }> } | undefined): { count: number; first?: { at: number; status: number } } {
  let first: { at: number; status: number } | undefined;
  for (const s of bucket?.status?.buckets ?? []) {
    const at = s.first.value ?? 0;
    const status = Number(s.key);
    if (!first || at < first.at || (at === first.at && status < first.status)) first = { at, status };
  }
  return { count: bucket?.doc_count ?? 0, ...(first ? { first } : {}) };
}

/** Buckets of a `filters` aggregation named `each`, in the order of its filters. */
export function filterBuckets<B>(aggs: unknown, expected: number): Array<(B & { doc_count: number }) | undefined> {
  const buckets = (aggs as { each?: { buckets?: Array<B & { doc_count: number }> } } | undefined)?.each?.buckets ?? [];
  return Array.from({ length: expected }, (_, i) => buckets[i]);
}

// ---------------------------------------------------------------------------
// Pull evidence over each integration's window.

export interface PullWindowRequest {
  id: string;
  from: number;
  lastSuccess?: number;
}

/** Body of one search of the pulls in each integration's window (a `filters` bucket each). */
export function pullWindowBody(items: readonly PullWindowRequest[], lookbackFrom: number, to: number): Record<string, unknown> {
  const statusTerms = { terms: { field: F.status, size: ALL_STATUSES } };
  return {
    size: 0,
    track_total_hits: false,
    aggs: {
      each: {
        filters: { filters: items.map((i) => ({ bool: { filter: [{ term: { [F.integration]: i.id } }, range(i.from, to)] } })) },
        aggs: {
          status: { terms: { field: F.status, size: ALL_STATUSES }, aggs: minMax },
          source: { terms: { field: F.sourceIp, size: 1000 }, aggs: { statuses: statusTerms, last: { max: { field: F.timestamp } } } },
          path: { terms: { field: F.path, size: 1000 }, aggs: { statuses: statusTerms } },
        },
      },
    },
    // The filters all lie inside the look-back: say so to the top-level query, which lets the node skip older shards.
    query: { bool: { filter: [range(lookbackFrom, to)] } },
  };
}

interface PullWindowBucket {
  doc_count: number;
  status?: TermsAgg<StatusBucketAggs>;
  source?: TermsAgg<{ statuses: TermsAgg<object>; last: ValueAgg }>;
  path?: TermsAgg<{ statuses: TermsAgg<object> }>;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const byCountThenKey = <T extends { count: number }>(key: (t: T) => string) => (a: T, b: T) => b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const statusList = (terms: TermsAgg<object> | undefined): number[] => (terms?.buckets ?? []).map((b) => Number(b.key)).sort((a, b) => a - b);

/** Reads the window figures of one integration into PullEvidence's lists. */
export function readPullWindow(bucket: PullWindowBucket | undefined): {
  attempts: number;
  by_status: StatusCount[];
  by_source: SourceCount[];
  by_path: Array<{ path: string; count: number; statuses: number[] }>;
} {
  return {
    attempts: bucket?.doc_count ?? 0,
    by_status: readStatuses(bucket?.status).map((s) => ({ status: s.status, count: s.count, first: iso(s.first), last: iso(s.last) })),
    by_source: (bucket?.source?.buckets ?? [])
      .map((b) => ({ ip: String(b.key_as_string ?? b.key), count: b.doc_count, statuses: statusList(b.statuses), last: iso(b.last.value ?? 0) }))
      .sort(byCountThenKey((s) => s.ip)),
    by_path: (bucket?.path?.buckets ?? [])
      .map((b) => ({ path: String(b.key), count: b.doc_count, statuses: statusList(b.statuses) }))
      .sort(byCountThenKey((p) => p.path)),
  };
}

// ---------------------------------------------------------------------------
// Device evidence: liveness and feed events per device, over its integration's window.

/** The identity clauses of a device: any of them makes an event the device's. */
export function deviceClauses(device: Device): unknown[] {
  const clauses: unknown[] = [];
  if (device.hostname !== undefined) for (const f of DEVICE_KEYS.hostname) clauses.push({ term: { [f]: device.hostname } });
  if (device.serial !== undefined) for (const f of DEVICE_KEYS.serial) clauses.push({ term: { [f]: device.serial } });
  if (device.address !== undefined) for (const f of DEVICE_KEYS.address) clauses.push({ term: { [f]: device.address } });
  return clauses;
}

export interface DeviceWindowRequest {
  device: Device;
  from: number;
}

/** Body of one search of the events of each device in its window (a `filters` bucket each). */
export function deviceWindowBody(items: readonly DeviceWindowRequest[], lookbackFrom: number, to: number, maxExcerpts: number): Record<string, unknown> {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [range(lookbackFrom, to)] } },
    aggs: {
      each: {
        filters: {
          filters: items.map((i) => ({ bool: { filter: [range(i.from, to)], should: deviceClauses(i.device), minimum_should_match: 1 } })),
        },
        aggs: {
          ...minMax,
          feed: {
            filter: { exists: { field: F.feedEvent } },
            aggs: {
              event: {
                terms: { field: F.feedEvent, size: 50 },
                aggs: {
                  category: {
                    terms: { field: F.category, size: 50, missing: NO_CATEGORY },
                    aggs: {
                      ...minMax,
                      latest: {
                        top_hits: {
                          size: Math.max(1, maxExcerpts),
                          sort: [{ [F.timestamp]: { order: 'desc' } }],
                          _source: { includes: [F.timestamp, 'message', 'event.original', F.rule] },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

interface Hit {
  _source?: Record<string, unknown>;
}
interface DeviceWindowBucket {
  doc_count: number;
  first?: ValueAgg;
  last?: ValueAgg;
  feed?: {
    event?: TermsAgg<{ category?: TermsAgg<StatusBucketAggs & { latest?: { hits?: { hits?: Hit[] } } }> }>;
  };
}

/** Reads a dotted path from a `_source` that may hold nested objects or dotted keys. */
export function fieldOf(source: Record<string, unknown> | undefined, path: string): unknown {
  if (!source) return undefined;
  if (path in source) return source[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  // Try every split point, so `{ "labels.a": { b } }` and `{ labels: { "a.b": x } }` are found too.
  for (let i = dot; i >= 0; i = path.indexOf('.', i + 1)) {
    const head = source[path.slice(0, i)];
    if (head !== null && typeof head === 'object' && !Array.isArray(head)) {
      const v = fieldOf(head as Record<string, unknown>, path.slice(i + 1));
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/**
 * Reads the events of one device: liveness, and feed events grouped by (event,
 * category) with the newest lines as excerpts. Groups are ordered newest
 * first (latest line), then by event and category.
 */
export function readDeviceWindow(
  bucket: DeviceWindowBucket | undefined,
  label: string,
  maxExcerpts: number,
): { syslog: { count: number; first?: string; last?: string }; feed_events: FeedEventEvidence[] } {
  const count = bucket?.doc_count ?? 0;
  const syslog =
    count > 0 && bucket?.first?.value != null && bucket.last?.value != null
      ? { count, first: iso(bucket.first.value), last: iso(bucket.last.value) }
      : { count };
  const feed_events: FeedEventEvidence[] = [];
  for (const e of bucket?.feed?.event?.buckets ?? []) {
    for (const c of e.category?.buckets ?? []) {
      const hits = c.latest?.hits?.hits ?? [];
      const newestRule = fieldOf(hits[0]?._source, F.rule);
      const excerpts: Excerpt[] = hits.slice(0, maxExcerpts).map((h) => {
        const rule = fieldOf(h._source, F.rule);
        const message = fieldOf(h._source, 'message') ?? fieldOf(h._source, 'event.original') ?? '';
        return {
          '@timestamp': iso(Date.parse(String(fieldOf(h._source, F.timestamp)))),
          message: String(message),
          device: label,
          ...(typeof rule === 'string' ? { rule } : {}),
        };
      });
      const category = String(c.key) === NO_CATEGORY ? undefined : (String(c.key) as RootCause);
      feed_events.push({
        event: String(e.key) as FeedEvent,
        ...(category !== undefined ? { category } : {}),
        ...(typeof newestRule === 'string' ? { rule: newestRule } : {}),
        count: c.doc_count,
        first: iso(c.first.value ?? 0),
        last: iso(c.last.value ?? 0),
        excerpts,
      });
    }
  }
  feed_events.sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : a.event.localeCompare(b.event) || (a.category ?? '').localeCompare(b.category ?? '')));
  return { syslog, feed_events };
}

/** How a device is named in texts: hostname, else serial, else address. */
export const deviceLabel = (d: Device): string => d.hostname ?? d.serial ?? d.address ?? '(unnamed device)';
