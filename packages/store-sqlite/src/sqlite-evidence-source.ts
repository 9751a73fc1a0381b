import type { Statement } from 'better-sqlite3';
import {
  FEED_EVENTS,
  ROOT_CAUSES,
  type Device,
  type DeviceEvidence,
  type Evidence,
  type Excerpt,
  type FeedEvent,
  type FeedEventEvidence,
  type Integration,
  type PullEvidence,
  type RootCause,
} from '@pullwatch/core';
import type { EvidenceSource, PullBucket, PullSummary, PullTimeline } from '@pullwatch/ports';
import type { SqliteDatabase } from './database.js';

/** Most buckets one `pullTimeline` call returns (Elasticsearch refuses more than 65,536). */
export const MAX_TIMELINE_BUCKETS = 10_000;

const iso = (t: number): string => new Date(t).toISOString();
const byNumber = (a: number, b: number): number => a - b;
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sqlList = (values: readonly string[]): string => `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
/** Feed events and root causes the classifier may set; other values count as absent, as in MemoryEvidenceSource. */
const FEED_IN = sqlList(FEED_EVENTS);
const CAUSE_IN = sqlList(ROOT_CAUSES);
/** A successful pull (twin of `isSuccessfulPull` in packages/core/src/pull-record.ts). */
const SUCCESS = 'BETWEEN 200 AND 299';

/**
 * Pull state per integration over [@from, @to]: last attempt, last success, and the non-2xx
 * pulls after the last success (their number, and the first one: oldest, then lowest status).
 * Correlated subqueries, each a short walk of the covering index (integration_id, ts, status)
 * from one end (ORDER BY … LIMIT 1), or over the pulls after the last success only: cheap for
 * an integration that pulls fine, whatever its number of pulls.
 */
const pullStateSql = (scope: 'ids' | 'all'): string => `
  WITH ids(iid) AS MATERIALIZED (
    ${scope === 'ids' ? 'SELECT DISTINCT value FROM json_each(@ids)' : 'SELECT DISTINCT integration_id FROM pulls WHERE ts BETWEEN @from AND @to'}
  ),
  latest AS MATERIALIZED (
    SELECT iid,
      (SELECT ts FROM pulls WHERE integration_id = ids.iid AND ts BETWEEN @from AND @to ORDER BY ts DESC LIMIT 1) AS last_attempt,
      (SELECT ts FROM pulls WHERE integration_id = ids.iid AND ts BETWEEN @from AND @to AND status ${SUCCESS} ORDER BY ts DESC LIMIT 1) AS last_success
    FROM ids
  ),
  failing AS MATERIALIZED (
    SELECT iid, last_attempt, last_success, COALESCE(last_success + 1, @from) AS after
    FROM latest WHERE last_attempt IS NOT NULL
  )
  SELECT iid, last_attempt, last_success,
    (SELECT COUNT(*) FROM pulls WHERE integration_id = f.iid AND ts >= f.after AND ts <= @to AND status NOT ${SUCCESS}) AS failures,
    (SELECT ts FROM pulls WHERE integration_id = f.iid AND ts >= f.after AND ts <= @to AND status NOT ${SUCCESS} ORDER BY ts, status LIMIT 1) AS first_failure_at,
    (SELECT status FROM pulls WHERE integration_id = f.iid AND ts >= f.after AND ts <= @to AND status NOT ${SUCCESS} ORDER BY ts, status LIMIT 1) AS first_failure_status
  FROM failing f
  ORDER BY iid`;

/** Pulls of each integration's window [its from, @to], counted per (status, source, path): by_status, by_source and by_path fold from these. */
const PULL_GROUPS_SQL = `
  WITH w(iid, f) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(@windows))
  SELECT w.iid, p.status, p.source_ip AS ip, p.url_path AS path, COUNT(*) AS n, MIN(p.ts) AS first, MAX(p.ts) AS last
  FROM w CROSS JOIN pulls p ON p.integration_id = w.iid AND p.ts BETWEEN w.f AND @to
  GROUP BY w.iid, p.status, p.source_ip, p.url_path`;

/**
 * The events of each device `k` in its window [f, @to], each counted once: a UNION of one
 * index range per matching rule (the port's: hostname against the syslog host, observer
 * hostname and observer name; serial; sender address).
 */
const DEVICE_MATCHES = `
  d(k, h, s, a, f) AS MATERIALIZED (
    SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]')
    FROM json_each(@devices)
  ),
  m(k, rid) AS (
    SELECT d.k, e.rid FROM d CROSS JOIN firewall_events e ON e.syslog_hostname = d.h AND e.ts BETWEEN d.f AND @to
    UNION SELECT d.k, e.rid FROM d CROSS JOIN firewall_events e ON e.observer_hostname = d.h AND e.ts BETWEEN d.f AND @to
    UNION SELECT d.k, e.rid FROM d CROSS JOIN firewall_events e ON e.observer_name = d.h AND e.ts BETWEEN d.f AND @to
    UNION SELECT d.k, e.rid FROM d CROSS JOIN firewall_events e ON e.observer_serial = d.s AND e.ts BETWEEN d.f AND @to
    UNION SELECT d.k, e.rid FROM d CROSS JOIN firewall_events e ON e.source_address = d.a AND e.ts BETWEEN d.f AND @to
  )`;

/**
 * Per device: one liveness row (ev NULL: count, first, last of all its events), then one row
 * per feed-event group (event, category) with the rule of its newest line (ties: the last
 * stored).
 */
const DEVICE_GROUPS_SQL = `
  WITH ${DEVICE_MATCHES},
  lines AS MATERIALIZED (
    SELECT m.k, e.rid, e.ts, e.rule,
           CASE WHEN e.feed_event IN ${FEED_IN} THEN e.feed_event END AS ev,
           CASE WHEN e.cause IN ${CAUSE_IN} THEN e.cause END AS cat
    FROM m CROSS JOIN firewall_events e ON e.rid = m.rid
  )
  SELECT k, NULL AS ev, NULL AS cat, COUNT(*) AS n, MIN(ts) AS first, MAX(ts) AS last, NULL AS rule
  FROM lines GROUP BY k
  UNION ALL
  SELECT k, ev, cat, COUNT(*), MIN(ts), MAX(ts), MAX(CASE WHEN newest = 1 THEN rule END)
  FROM (
    SELECT k, ts, ev, cat, rule, ROW_NUMBER() OVER (PARTITION BY k, ev, cat ORDER BY ts DESC, rid DESC) AS newest
    FROM lines WHERE ev IS NOT NULL
  )
  GROUP BY k, ev, cat`;

/**
 * Up to @max lines per device and feed-event group, newest first (ties: the first stored):
 * the text quoted is `event.original` when it is a non-empty string, else `message`.
 */
const EXCERPTS_SQL = `
  WITH ${DEVICE_MATCHES},
  ranked AS (
    SELECT m.k, e.rid, e.ts, e.feed_event AS ev, CASE WHEN e.cause IN ${CAUSE_IN} THEN e.cause END AS cat,
           ROW_NUMBER() OVER (PARTITION BY m.k, e.feed_event, CASE WHEN e.cause IN ${CAUSE_IN} THEN e.cause END ORDER BY e.ts DESC, e.rid) AS n
    FROM m CROSS JOIN firewall_events e ON e.rid = m.rid
    WHERE e.feed_event IN ${FEED_IN}
  )
  SELECT r.k, r.ev, r.cat, r.ts, e.rule, e.message,
         CASE WHEN json_type(e.doc, '$.event.original') = 'text' THEN json_extract(e.doc, '$.event.original') END AS original
  FROM ranked r CROSS JOIN firewall_events e ON e.rid = r.rid
  WHERE r.n <= @max
  ORDER BY r.k, r.ev, r.cat, r.n`;

/** Pulls of one integration per bucket (index from @origin, @step ms wide) and status; the casts make `/` an integer division (JavaScript numbers bind as REAL). */
const TIMELINE_SQL = `
  SELECT (ts - CAST(@origin AS INTEGER)) / CAST(@step AS INTEGER) AS b, status, COUNT(*) AS n
  FROM pulls WHERE integration_id = @id AND ts BETWEEN @from AND @to
  GROUP BY b, status ORDER BY b, status`;

interface PullStateRow {
  iid: string;
  last_attempt: number;
  last_success: number | null;
  failures: number;
  first_failure_at: number | null;
  first_failure_status: number | null;
}

interface PullGroupRow {
  iid: string;
  status: number;
  ip: string;
  path: string | null;
  n: number;
  first: number;
  last: number;
}

interface DeviceGroupRow {
  k: number;
  ev: FeedEvent | null;
  cat: RootCause | null;
  n: number;
  first: number;
  last: number;
  rule: string | null;
}

interface ExcerptRow {
  k: number;
  ev: FeedEvent;
  cat: RootCause | null;
  ts: number;
  rule: string | null;
  message: string | null;
  original: string | null;
}

interface PullState {
  lastAttempt: number;
  lastSuccess?: number;
  failures: number;
  firstFailure?: { at: number; status: number };
}

const groupKey = (k: number, ev: string, cat: string | null): string => `${k}|${ev}|${cat ?? ''}`;

/** How a device is named in texts: hostname, else serial, else address (twin: packages/store-memory/src/device-match.ts). */
const deviceLabel = (device: Device): string => device.hostname ?? device.serial ?? device.address ?? 'device';

/**
 * EvidenceSource and PullTimeline over the SQLite tables the SqliteEventStore writes (every
 * pulls stream and every firewall stream of the database). Same answers as
 * MemoryEvidenceSource (its doc comment lists the shared semantics; the contract suite
 * test/unit/store-memory/evidence-source.contract.ts checks them), with a fixed number of
 * statements whatever the number of integrations, run in one read transaction (one snapshot).
 * Joins are written CROSS JOIN, which in SQLite fixes the loop order: the JSON list of
 * integrations or devices outside, an index search inside (never a scan of the events).
 *
 * - `pullSummaries`: 1 statement. For each id (the ids given, passed as one JSON array
 *   through `json_each`; else those with pulls in the look-back), index walks find the last
 *   attempt and the last success in [now − look-back, now], then count the non-2xx pulls after
 *   the last success and take the first of them.
 * - `gather`: 3 or 4 statements. The same pull state; one GROUP BY (integration, status,
 *   source, path) over each integration's window, folded into by_status, by_source and
 *   by_path; for the devices (all of them, as one JSON array), one statement for liveness and
 *   feed-event groups (GROUP BY device, event, category; ROW_NUMBER picks the rule of the
 *   newest line) and, when `maxExcerpts` > 0, one for the excerpts (ROW_NUMBER ≤ maxExcerpts).
 *   Device events are found by one index range per matching rule (partial indexes on each
 *   device column and the time), united so that an event matching twice counts once.
 * - `pullTimeline`: 1 statement, GROUP BY bucket and status over the covering index.
 *
 * Queries run synchronously (better-sqlite3): a large `gather` holds the event loop for its
 * duration (see docs/embedded.md for figures).
 */
export class SqliteEvidenceSource implements EvidenceSource, PullTimeline {
  readonly #db: SqliteDatabase;
  readonly #stateOf: Statement<[{ ids: string; from: number; to: number }], PullStateRow>;
  readonly #stateAll: Statement<[{ from: number; to: number }], PullStateRow>;
  readonly #pullGroups: Statement<[{ windows: string; to: number }], PullGroupRow>;
  readonly #deviceGroups: Statement<[{ devices: string; to: number }], DeviceGroupRow>;
  readonly #excerpts: Statement<[{ devices: string; to: number; max: number }], ExcerptRow>;
  readonly #timeline: Statement<[{ id: string; from: number; to: number; origin: number; step: number }], { b: number; status: number; n: number }>;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    const h = db.handle;
    this.#stateOf = h.prepare(pullStateSql('ids'));
    this.#stateAll = h.prepare(pullStateSql('all'));
    this.#pullGroups = h.prepare(PULL_GROUPS_SQL);
    this.#deviceGroups = h.prepare(DEVICE_GROUPS_SQL);
    this.#excerpts = h.prepare(EXCERPTS_SQL);
    this.#timeline = h.prepare(TIMELINE_SQL);
  }

  #pullStates(from: number, to: number, ids?: readonly string[]): Map<string, PullState> {
    const rows = ids === undefined ? this.#stateAll.all({ from, to }) : this.#stateOf.all({ ids: JSON.stringify(ids), from, to });
    const out = new Map<string, PullState>();
    for (const r of rows) {
      const s: PullState = { lastAttempt: r.last_attempt, failures: r.failures };
      if (r.last_success !== null) s.lastSuccess = r.last_success;
      if (r.first_failure_at !== null && r.first_failure_status !== null) s.firstFailure = { at: r.first_failure_at, status: r.first_failure_status };
      out.set(r.iid, s);
    }
    return out;
  }

  /** Keyed in the order of `integrationIds` when given, else by integration id. */
  async pullSummaries(now: Date, lookbackMs: number, integrationIds?: string[]): Promise<Map<string, PullSummary>> {
    const to = now.getTime();
    const from = to - lookbackMs;
    if (integrationIds !== undefined && integrationIds.length === 0) return new Map();
    const states = this.#pullStates(from, to, integrationIds);
    const out = new Map<string, PullSummary>();
    for (const id of integrationIds ?? states.keys()) {
      const s = states.get(id);
      if (s === undefined) continue;
      const summary: PullSummary = { integration_id: id, failures_since_success: s.failures };
      if (s.lastSuccess !== undefined) summary.last_success = iso(s.lastSuccess);
      summary.last_attempt = iso(s.lastAttempt);
      if (s.firstFailure !== undefined) summary.first_failure = { at: iso(s.firstFailure.at), status: s.firstFailure.status };
      out.set(id, summary);
    }
    return out;
  }

  async gather(integrations: Integration[], now: Date, lookbackMs: number, maxExcerpts: number): Promise<Evidence[]> {
    if (integrations.length === 0) return [];
    const to = now.getTime();
    const lookFrom = to - lookbackMs;
    // As Array.prototype.slice(0, maxExcerpts) in MemoryEvidenceSource.
    const max = Number.isNaN(maxExcerpts) ? 0 : Math.floor(Math.min(Math.max(0, maxExcerpts), 1_000_000));
    return this.#db.handle.transaction(() => {
      const ids = [...new Set(integrations.map((i) => i.id))];
      const states = this.#pullStates(lookFrom, to, ids);
      const fromOf = (id: string): number => states.get(id)?.lastSuccess ?? lookFrom;

      const pulls = new Map<string, PullGroupRow[]>();
      const withPulls = ids.filter((id) => states.has(id));
      if (withPulls.length > 0) {
        for (const r of this.#pullGroups.all({ windows: JSON.stringify(withPulls.map((id) => [id, fromOf(id)])), to })) {
          let list = pulls.get(r.iid);
          if (list === undefined) pulls.set(r.iid, (list = []));
          list.push(r);
        }
      }

      // Every (integration, device) of the call, numbered k in this order.
      const devices: Array<[string | null, string | null, string | null, number]> = [];
      for (const i of integrations) {
        const from = fromOf(i.id);
        for (const d of i.devices) devices.push([d.hostname ?? null, d.serial ?? null, d.address ?? null, from]);
      }
      const deviceJson = JSON.stringify(devices);
      const liveness = new Map<number, DeviceGroupRow>();
      const groups = new Map<number, DeviceGroupRow[]>();
      const excerpts = new Map<string, ExcerptRow[]>();
      if (devices.length > 0) {
        for (const r of this.#deviceGroups.all({ devices: deviceJson, to })) {
          if (r.ev === null) liveness.set(r.k, r);
          else {
            let list = groups.get(r.k);
            if (list === undefined) groups.set(r.k, (list = []));
            list.push(r);
          }
        }
        if (max > 0 && groups.size > 0) {
          for (const r of this.#excerpts.all({ devices: deviceJson, to, max })) {
            const key = groupKey(r.k, r.ev, r.cat);
            let list = excerpts.get(key);
            if (list === undefined) excerpts.set(key, (list = []));
            list.push(r);
          }
        }
      }

      let k = 0;
      return integrations.map((integration): Evidence => {
        const state = states.get(integration.id);
        const from = fromOf(integration.id);
        return {
          integration,
          now: iso(to),
          window: { from: iso(from), to: iso(to) },
          pulls: pullEvidence(pulls.get(integration.id) ?? [], state),
          devices: integration.devices.map((device) => {
            const n = k++;
            return deviceEvidence(device, liveness.get(n), groups.get(n) ?? [], (ev, cat) => excerpts.get(groupKey(n, ev, cat)) ?? []);
          }),
        };
      });
    })();
  }

  /**
   * Pulls of one integration in [from, to] (both included) per bucket of `bucketMs` (whole
   * milliseconds) and status, as an Elasticsearch date histogram with extended bounds gives
   * them: buckets start at multiples of `bucketMs` since the epoch (UTC), from the one holding
   * `from` to the one holding `to`, empty ones included, oldest first. Empty when `to` is
   * before `from`; a RangeError when `bucketMs` is below 1 or the span needs more than
   * MAX_TIMELINE_BUCKETS buckets.
   */
  async pullTimeline(integrationId: string, from: Date, to: Date, bucketMs: number): Promise<PullBucket[]> {
    const step = Math.floor(bucketMs);
    if (!(step >= 1)) throw new RangeError(`pullTimeline: bucketMs must be at least 1 ms (got ${bucketMs})`);
    const f = from.getTime();
    const t = to.getTime();
    if (Number.isNaN(f) || Number.isNaN(t)) throw new RangeError('pullTimeline: from and to must be valid dates');
    if (t < f) return [];
    const origin = Math.floor(f / step) * step;
    const count = Math.floor((t - origin) / step) + 1;
    if (count > MAX_TIMELINE_BUCKETS) throw new RangeError(`pullTimeline: ${count} buckets of ${step} ms from ${from.toISOString()} to ${to.toISOString()}; at most ${MAX_TIMELINE_BUCKETS}`);
    const buckets: PullBucket[] = Array.from({ length: count }, (_, i) => ({ at: iso(origin + i * step), statuses: {} }));
    for (const r of this.#timeline.all({ id: integrationId, from: f, to: t, origin, step })) buckets[r.b]!.statuses[String(r.status)] = r.n;
    return buckets;
  }
}

/** PullEvidence from the (status, source, path) groups of an integration's window. */
function pullEvidence(rows: readonly PullGroupRow[], state: PullState | undefined): PullEvidence {
  const byStatus = new Map<number, { status: number; count: number; first: number; last: number }>();
  const bySource = new Map<string, { ip: string; count: number; statuses: Set<number>; last: number }>();
  const byPath = new Map<string, { path: string; count: number; statuses: Set<number> }>();
  let attempts = 0;
  for (const r of rows) {
    attempts += r.n;
    const s = byStatus.get(r.status);
    if (s === undefined) byStatus.set(r.status, { status: r.status, count: r.n, first: r.first, last: r.last });
    else {
      s.count += r.n;
      s.first = Math.min(s.first, r.first);
      s.last = Math.max(s.last, r.last);
    }
    const src = bySource.get(r.ip);
    if (src === undefined) bySource.set(r.ip, { ip: r.ip, count: r.n, statuses: new Set([r.status]), last: r.last });
    else {
      src.count += r.n;
      src.statuses.add(r.status);
      src.last = Math.max(src.last, r.last);
    }
    if (r.path !== null) {
      const p = byPath.get(r.path);
      if (p === undefined) byPath.set(r.path, { path: r.path, count: r.n, statuses: new Set([r.status]) });
      else {
        p.count += r.n;
        p.statuses.add(r.status);
      }
    }
  }
  const evidence: PullEvidence = {
    attempts,
    by_status: [...byStatus.values()].sort((a, b) => a.status - b.status).map((s) => ({ status: s.status, count: s.count, first: iso(s.first), last: iso(s.last) })),
    by_source: [...bySource.values()]
      .sort((a, b) => b.count - a.count || byText(a.ip, b.ip))
      .map((s) => ({ ip: s.ip, count: s.count, statuses: [...s.statuses].sort(byNumber), last: iso(s.last) })),
    by_path: [...byPath.values()].sort((a, b) => b.count - a.count || byText(a.path, b.path)).map((p) => ({ path: p.path, count: p.count, statuses: [...p.statuses].sort(byNumber) })),
  };
  if (state?.lastSuccess !== undefined) evidence.last_success = iso(state.lastSuccess);
  if (state !== undefined) evidence.last_attempt = iso(state.lastAttempt);
  if (state?.firstFailure !== undefined) evidence.first_failure = { at: iso(state.firstFailure.at), status: state.firstFailure.status };
  return evidence;
}

function deviceEvidence(
  device: Device,
  liveness: DeviceGroupRow | undefined,
  groups: readonly DeviceGroupRow[],
  excerptsOf: (ev: FeedEvent, cat: RootCause | null) => readonly ExcerptRow[],
): DeviceEvidence {
  const label = deviceLabel(device);
  const syslog: DeviceEvidence['syslog'] = { count: liveness?.n ?? 0 };
  if (liveness !== undefined) {
    syslog.first = iso(liveness.first);
    syslog.last = iso(liveness.last);
  }
  const feedEvents = [...groups]
    .sort((a, b) => b.last - a.last || byText(a.ev!, b.ev!) || byText(a.cat ?? '', b.cat ?? ''))
    .map((g): FeedEventEvidence => {
      const group: FeedEventEvidence = {
        event: g.ev!,
        count: g.n,
        first: iso(g.first),
        last: iso(g.last),
        excerpts: excerptsOf(g.ev!, g.cat).map((r) => {
          const excerpt: Excerpt = { '@timestamp': iso(r.ts), message: r.original !== null && r.original !== '' ? r.original : (r.message ?? ''), device: label };
          if (r.rule !== null) excerpt.rule = r.rule;
          return excerpt;
        }),
      };
      if (g.cat !== null) group.category = g.cat;
      if (g.rule !== null) group.rule = g.rule;
      return group;
    });
  return { device, label, syslog, feed_events: feedEvents };
}
