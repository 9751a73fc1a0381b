/**
 * Query bodies and response readers of ElasticsearchEvidenceSource. Pure: no
 * I/O, so the shapes can be read (and tested) without a node.
 *
 * Only aggregations a minimal node has are used (composite, terms, filters,
 * filter, min/max, top_hits): no scripts, no multi_terms/top_metrics/bucket_sort.
 */
import { FEED_EVENTS, ROOT_CAUSES, type Device, type Excerpt, type FeedEvent, type FeedEventEvidence, type RootCause, type SourceCount, type StatusCount } from '@pullwatch/core';

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

/** Marks events without a root-cause category in the category terms aggregation. */
export const NO_CATEGORY = '__none__';

const range = (gte: number | undefined, lte: number, gt?: number) => ({
  range: { [F.timestamp]: { ...(gt !== undefined ? { gt } : { gte }), lte, format: 'epoch_millis' } },
});
const success = { range: { [F.status]: { gte: 200, lt: 300 } } };
const minMax = { first: { min: { field: F.timestamp } }, last: { max: { field: F.timestamp } } };

// ---------------------------------------------------------------------------
// Pass 1: one composite aggregation over (integration.id, status).

/** One status of one integration over the look-back: how many pulls, first and last (epoch ms). */
export interface StatusStat {
  status: number;
  count: number;
  first: number;
  last: number;
}

/**
 * Body of one page of the composite aggregation over (integration.id, HTTP
 * status), each bucket with the first and last @timestamp. Two flat sources
 * cost far less than a `terms` on status under each integration bucket (about
 * 8× less on the bench's 580,000 pulls).
 */
export function statusCompositeBody(opts: { from: number; to: number; ids?: readonly string[]; size: number; after?: Record<string, unknown> }): Record<string, unknown> {
  const filter: unknown[] = [range(opts.from, opts.to)];
  if (opts.ids) filter.push({ terms: { [F.integration]: opts.ids } });
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter } },
    aggs: {
      pairs: {
        composite: {
          size: opts.size,
          sources: [{ id: { terms: { field: F.integration } } }, { status: { terms: { field: F.status } } }],
          ...(opts.after ? { after: opts.after } : {}),
        },
        aggs: minMax,
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

/**
 * Adds one composite page to `into` (integration id → statuses, ascending) and
 * returns the `after` key of the next page, or undefined after the last page.
 */
export function readStatusComposite(aggs: unknown, size: number, into: Map<string, StatusStat[]>): Record<string, unknown> | undefined {
  const agg = (aggs as { pairs?: { after_key?: Record<string, unknown>; buckets: Array<{ key: { id: string; status: number }; doc_count: number } & StatusBucketAggs> } } | undefined)?.pairs;
  const buckets = agg?.buckets ?? [];
  for (const b of buckets) {
    let list = into.get(b.key.id);
    if (!list) into.set(b.key.id, (list = []));
    list.push({ status: Number(b.key.status), count: b.doc_count, first: b.first.value ?? 0, last: b.last.value ?? 0 });
  }
  return buckets.length === size ? agg?.after_key : undefined;
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
      if (!firstFailure || s.first < firstFailure.at || (s.first === firstFailure.at && s.status < firstFailure.status)) firstFailure = { at: s.first, status: s.status };
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
// Windows. Each search restricts its query to the union of its items' windows
// (a `should` of one small clause per item), so it reads only the documents in
// some window, and aggregates them with a flat composite: the cost follows the
// documents in the windows, not the documents in the look-back times the items.

/** A composite bucket: its key and document count, with optional metrics. */
interface CompositeBucket<K> {
  key: K;
  doc_count: number;
  first?: ValueAgg;
  last?: ValueAgg;
  latest?: { hits?: { hits?: Hit[] } };
}
interface Hit {
  _source?: Record<string, unknown>;
}

/** Reads the buckets of the composite aggregation named `tuples`, and the `after` key when the page was full. */
export function compositeBuckets<K>(aggs: unknown, size: number): { buckets: Array<CompositeBucket<K>>; after?: Record<string, unknown> } {
  const agg = (aggs as { tuples?: { after_key?: Record<string, unknown>; buckets?: Array<CompositeBucket<K>> } } | undefined)?.tuples;
  const buckets = agg?.buckets ?? [];
  return { buckets, ...(buckets.length === size && agg?.after_key ? { after: agg.after_key } : {}) };
}

const composite = (size: number, sources: unknown[], after: Record<string, unknown> | undefined, aggs: Record<string, unknown>) => ({
  tuples: { composite: { size, sources, ...(after ? { after } : {}) }, aggs },
});
const source = (name: string, field: string, missing = false) => ({ [name]: { terms: { field, ...(missing ? { missing_bucket: true } : {}) } } });
const union = (clauses: unknown[]) => ({ bool: { should: clauses, minimum_should_match: 1 } });

/** Clauses one item adds to a window search's query (the node caps a search's clauses: `indices.query.bool.max_clause_count`). */
export const PULL_ITEM_CLAUSES = 2;

// Failures after the last success (only for integrations whose per-status figures cannot tell).

/**
 * Body of one page of the failures after each integration's last success
 * (exclusive): a composite over (integration, status) with the first @timestamp.
 */
export function failuresBody(items: ReadonlyArray<{ id: string; lastSuccess: number }>, to: number, size: number, after?: Record<string, unknown>): Record<string, unknown> {
  return {
    size: 0,
    track_total_hits: false,
    query: {
      bool: {
        filter: [union(items.map((i) => ({ bool: { filter: [{ term: { [F.integration]: i.id } }, range(undefined, to, i.lastSuccess)] } })))],
        must_not: [success],
      },
    },
    aggs: composite(size, [source('id', F.integration), source('status', F.status)], after, { first: { min: { field: F.timestamp } } }),
  };
}

/** Adds a failures page to `into`: per integration, how many, and the first (earliest, then lowest status). */
export function readFailures(buckets: ReadonlyArray<CompositeBucket<{ id: string; status: number }>>, into: Map<string, { count: number; first?: { at: number; status: number } }>): void {
  for (const b of buckets) {
    const cur = into.get(b.key.id) ?? { count: 0 };
    cur.count += b.doc_count;
    const at = b.first?.value ?? 0;
    const status = Number(b.key.status);
    if (!cur.first || at < cur.first.at || (at === cur.first.at && status < cur.first.status)) cur.first = { at, status };
    into.set(b.key.id, cur);
  }
}

// Pull evidence over each integration's window.

export interface PullWindowRequest {
  id: string;
  from: number;
}

/** One (integration, status, source address, path) group of window pulls. */
export interface PullTuple {
  status: number;
  ip: string | null;
  path: string | null;
  count: number;
  first: number;
  last: number;
}

/** Body of one page of the pulls in each integration's window, grouped by (integration, status, address, path). */
export function pullWindowBody(items: readonly PullWindowRequest[], to: number, size: number, after?: Record<string, unknown>): Record<string, unknown> {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [union(items.map((i) => ({ bool: { filter: [{ term: { [F.integration]: i.id } }, range(i.from, to)] } })))] } },
    aggs: composite(size, [source('id', F.integration), source('status', F.status), source('ip', F.sourceIp, true), source('path', F.path, true)], after, minMax),
  };
}

/** Adds a page of window tuples to `into` (integration id → tuples). */
export function readPullWindow(buckets: ReadonlyArray<CompositeBucket<{ id: string; status: number; ip: string | null; path: string | null }>>, into: Map<string, PullTuple[]>): void {
  for (const b of buckets) {
    let list = into.get(b.key.id);
    if (!list) into.set(b.key.id, (list = []));
    list.push({ status: Number(b.key.status), ip: b.key.ip, path: b.key.path, count: b.doc_count, first: b.first?.value ?? 0, last: b.last?.value ?? 0 });
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byCountThenKey = <T extends { count: number }>(key: (t: T) => string) => (a: T, b: T) => b.count - a.count || byText(key(a), key(b));

/** PullEvidence's window figures from the window tuples of one integration. */
export function pullWindowEvidence(tuples: readonly PullTuple[] | undefined): {
  attempts: number;
  by_status: StatusCount[];
  by_source: SourceCount[];
  by_path: Array<{ path: string; count: number; statuses: number[] }>;
} {
  const byStatus = new Map<number, { count: number; first: number; last: number }>();
  const bySource = new Map<string, { count: number; statuses: Set<number>; last: number }>();
  const byPath = new Map<string, { count: number; statuses: Set<number> }>();
  let attempts = 0;
  for (const t of tuples ?? []) {
    attempts += t.count;
    const s = byStatus.get(t.status);
    if (!s) byStatus.set(t.status, { count: t.count, first: t.first, last: t.last });
    else (s.count += t.count, (s.first = Math.min(s.first, t.first)), (s.last = Math.max(s.last, t.last)));
    if (t.ip !== null) {
      const src = bySource.get(t.ip);
      if (!src) bySource.set(t.ip, { count: t.count, statuses: new Set([t.status]), last: t.last });
      else (src.count += t.count, src.statuses.add(t.status), (src.last = Math.max(src.last, t.last)));
    }
    if (t.path !== null) {
      const p = byPath.get(t.path);
      if (!p) byPath.set(t.path, { count: t.count, statuses: new Set([t.status]) });
      else (p.count += t.count, p.statuses.add(t.status));
    }
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return {
    attempts,
    by_status: [...byStatus].sort(([a], [b]) => a - b).map(([status, s]) => ({ status, count: s.count, first: iso(s.first), last: iso(s.last) })),
    by_source: [...bySource].map(([ip, s]) => ({ ip, count: s.count, statuses: sorted(s.statuses), last: iso(s.last) })).sort(byCountThenKey((s) => s.ip)),
    by_path: [...byPath].map(([path, p]) => ({ path, count: p.count, statuses: sorted(p.statuses) })).sort(byCountThenKey((p) => p.path)),
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

/** Clauses one device adds to a window search's query. */
export const deviceItemClauses = (device: Device): number => deviceClauses(device).length + 1;

export interface DeviceWindowRequest {
  device: Device;
  from: number;
}

/** Matches the events of each device in its window. */
const deviceUnion = (items: readonly DeviceWindowRequest[], to: number) =>
  union(items.map((i) => ({ bool: { filter: [range(i.from, to)], should: deviceClauses(i.device), minimum_should_match: 1 } })));

/** The identity fields as composite sources (each may be missing). */
const IDENTITY_SOURCES = [
  source('h1', DEVICE_KEYS.hostname[0]),
  source('h2', DEVICE_KEYS.hostname[1]),
  source('h3', DEVICE_KEYS.hostname[2]),
  source('sn', DEVICE_KEYS.serial[0]),
  source('addr', DEVICE_KEYS.address[0]),
].map((s) => {
  const [name, def] = Object.entries(s)[0]!;
  return { [name]: { terms: { ...(def as { terms: object }).terms, missing_bucket: true } } };
});

/** The identity values of a group of events: every event of the group has exactly these. */
export interface IdentityKey {
  h1: string | null;
  h2: string | null;
  h3: string | null;
  sn: string | null;
  addr: string | null;
}

/**
 * Body of one page of the events of each device in its window, grouped by their
 * identity values (the five fields together), with count, first and last.
 */
export function deviceLivenessBody(items: readonly DeviceWindowRequest[], to: number, size: number, after?: Record<string, unknown>): Record<string, unknown> {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [deviceUnion(items, to)] } },
    aggs: composite(size, IDENTITY_SOURCES, after, minMax),
  };
}

/**
 * Body of one page of the feed events of each device in its window, grouped by
 * identity values, feed event and category, with the newest lines.
 */
export function deviceFeedBody(items: readonly DeviceWindowRequest[], to: number, size: number, maxExcerpts: number, after?: Record<string, unknown>): Record<string, unknown> {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [deviceUnion(items, to), { terms: { [F.feedEvent]: [...FEED_EVENTS] } }] } },
    aggs: composite(size, [...IDENTITY_SOURCES, source('event', F.feedEvent), source('category', F.category, true)], after, {
      ...minMax,
      latest: {
        top_hits: {
          size: Math.max(1, maxExcerpts),
          sort: [{ [F.timestamp]: { order: 'desc' } }],
          _source: { includes: [F.timestamp, 'message', 'event.original', F.rule] },
        },
      },
    }),
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

/** What the events say about one device. */
export interface DeviceFindings {
  syslog: { count: number; first?: string; last?: string };
  feed_events: FeedEventEvidence[];
}

interface Group {
  event: FeedEvent;
  category?: RootCause;
  count: number;
  first: number;
  last: number;
  hits: Array<{ t: number; source: Record<string, unknown> }>;
}

/**
 * Attributes identity groups to the devices of one search. A group belongs to
 * every device it matches (one of the device's values equals the group's); an
 * event is counted once per device however many of its fields match. A group
 * matching devices with different windows holds events of the widest window
 * only: those devices are returned as `mixed`, to be read exactly (filters).
 */
export function attributeDevices(
  items: readonly DeviceWindowRequest[],
  liveness: ReadonlyArray<CompositeBucket<IdentityKey>>,
  feed: ReadonlyArray<CompositeBucket<IdentityKey & { event: string; category: string | null }>>,
  maxExcerpts: number,
  labelOf: (d: Device) => string,
): { findings: DeviceFindings[]; mixed: Set<number> } {
  const byHost = new Map<string, number[]>();
  const bySerial = new Map<string, number[]>();
  const byAddress = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string | undefined, i: number) => k !== undefined && (m.get(k) ?? m.set(k, []).get(k)!).push(i);
  items.forEach((it, i) => {
    add(byHost, it.device.hostname, i);
    add(bySerial, it.device.serial, i);
    add(byAddress, it.device.address, i);
  });
  const mixed = new Set<number>();
  const matches = (k: IdentityKey): number[] => {
    const found = new Set<number>();
    for (const h of [k.h1, k.h2, k.h3]) if (h !== null) for (const i of byHost.get(h) ?? []) found.add(i);
    if (k.sn !== null) for (const i of bySerial.get(k.sn) ?? []) found.add(i);
    if (k.addr !== null) for (const i of byAddress.get(k.addr) ?? []) found.add(i);
    const list = [...found];
    if (list.some((i) => items[i]!.from !== items[list[0]!]!.from)) for (const i of list) mixed.add(i);
    return list;
  };

  const live = items.map(() => ({ count: 0, first: Infinity, last: -Infinity }));
  for (const b of liveness) {
    for (const i of matches(b.key)) {
      const l = live[i]!;
      l.count += b.doc_count;
      l.first = Math.min(l.first, b.first?.value ?? Infinity);
      l.last = Math.max(l.last, b.last?.value ?? -Infinity);
    }
  }
  const groups = items.map(() => new Map<string, Group>());
  for (const b of feed) {
    const category = b.key.category !== null && (ROOT_CAUSES as readonly string[]).includes(b.key.category) ? (b.key.category as RootCause) : undefined;
    const hits = (b.latest?.hits?.hits ?? []).map((h) => ({ t: Date.parse(String(fieldOf(h._source, F.timestamp))), source: h._source ?? {} }));
    for (const i of matches(b.key)) {
      const key = `${b.key.event}|${category ?? ''}`;
      const g = groups[i]!.get(key);
      if (!g) {
        groups[i]!.set(key, { event: b.key.event as FeedEvent, ...(category ? { category } : {}), count: b.doc_count, first: b.first?.value ?? 0, last: b.last?.value ?? 0, hits: [...hits] });
      } else {
        g.count += b.doc_count;
        g.first = Math.min(g.first, b.first?.value ?? Infinity);
        g.last = Math.max(g.last, b.last?.value ?? -Infinity);
        g.hits.push(...hits);
      }
    }
  }
  const findings = items.map((it, i): DeviceFindings => {
    const l = live[i]!;
    const label = labelOf(it.device);
    return {
      syslog: l.count > 0 ? { count: l.count, first: iso(l.first), last: iso(l.last) } : { count: 0 },
      feed_events: feedEvidence([...groups[i]!.values()], label, maxExcerpts),
    };
  });
  return { findings, mixed };
}

/** Feed-event groups as evidence: newest group first, each with the rule of its newest line and its newest lines quoted. */
function feedEvidence(groups: Group[], label: string, maxExcerpts: number): FeedEventEvidence[] {
  return groups
    .map((g): FeedEventEvidence => {
      g.hits.sort((a, b) => b.t - a.t);
      const newestRule = fieldOf(g.hits[0]?.source, F.rule);
      const excerpts: Excerpt[] = g.hits.slice(0, Math.max(0, maxExcerpts)).map((h) => {
        const rule = fieldOf(h.source, F.rule);
        const original = fieldOf(h.source, 'event.original');
        const message = typeof original === 'string' && original.length > 0 ? original : fieldOf(h.source, 'message');
        return { '@timestamp': iso(h.t), message: typeof message === 'string' ? message : '', device: label, ...(typeof rule === 'string' ? { rule } : {}) };
      });
      return {
        event: g.event,
        ...(g.category !== undefined ? { category: g.category } : {}),
        ...(typeof newestRule === 'string' ? { rule: newestRule } : {}),
        count: g.count,
        first: iso(g.first),
        last: iso(g.last),
        excerpts,
      };
    })
    .sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : byText(a.event, b.event) || byText(a.category ?? '', b.category ?? '')));
}

// Exact reading of devices whose identity groups overlap with another device's of another window.

/** Body of one search of the events of each device in its window, a `filters` bucket each (exact, for `mixed` devices). */
export function deviceFiltersBody(items: readonly DeviceWindowRequest[], to: number, maxExcerpts: number): Record<string, unknown> {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [deviceUnion(items, to)] } },
    aggs: {
      each: {
        filters: { filters: items.map((i) => ({ bool: { filter: [range(i.from, to)], should: deviceClauses(i.device), minimum_should_match: 1 } })) },
        aggs: {
          ...minMax,
          feed: {
            filter: { terms: { [F.feedEvent]: [...FEED_EVENTS] } },
            aggs: {
              event: {
                terms: { field: F.feedEvent, size: FEED_EVENTS.length },
                aggs: {
                  // Unknown categories are read as none (merged below): a bucket each, so size bounds them.
                  category: {
                    terms: { field: F.category, size: 100, missing: NO_CATEGORY },
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

interface DeviceFilterBucket {
  doc_count: number;
  first?: ValueAgg;
  last?: ValueAgg;
  feed?: { event?: TermsAgg<{ category?: TermsAgg<StatusBucketAggs & { latest?: { hits?: { hits?: Hit[] } } }> }> };
}

/** Reads the `filters` buckets of deviceFiltersBody, in the order of the items. */
export function readDeviceFilters(aggs: unknown, count: number, labels: readonly string[], maxExcerpts: number): DeviceFindings[] {
  const buckets = (aggs as { each?: { buckets?: DeviceFilterBucket[] } } | undefined)?.each?.buckets ?? [];
  return Array.from({ length: count }, (_, n): DeviceFindings => {
    const b = buckets[n];
    const c = b?.doc_count ?? 0;
    const groups = new Map<string, Group>();
    for (const e of b?.feed?.event?.buckets ?? []) {
      for (const cb of e.category?.buckets ?? []) {
        const key = String(cb.key);
        const category = (ROOT_CAUSES as readonly string[]).includes(key) ? (key as RootCause) : undefined;
        const hits = (cb.latest?.hits?.hits ?? []).map((h) => ({ t: Date.parse(String(fieldOf(h._source, F.timestamp))), source: h._source ?? {} }));
        const gk = `${String(e.key)}|${category ?? ''}`;
        const g = groups.get(gk);
        if (!g) groups.set(gk, { event: String(e.key) as FeedEvent, ...(category ? { category } : {}), count: cb.doc_count, first: cb.first.value ?? 0, last: cb.last.value ?? 0, hits });
        else (g.count += cb.doc_count, (g.first = Math.min(g.first, cb.first.value ?? Infinity)), (g.last = Math.max(g.last, cb.last.value ?? -Infinity)), g.hits.push(...hits));
      }
    }
    return {
      syslog: c > 0 && b?.first?.value != null && b.last?.value != null ? { count: c, first: iso(b.first.value), last: iso(b.last.value) } : { count: 0 },
      feed_events: feedEvidence([...groups.values()], labels[n]!, maxExcerpts),
    };
  });
}

/** How a device is named in texts: hostname, else serial, else address. */
export const deviceLabel = (d: Device): string => d.hostname ?? d.serial ?? d.address ?? 'device';
