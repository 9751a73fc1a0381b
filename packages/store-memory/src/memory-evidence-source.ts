import {
  FEED_EVENTS,
  ROOT_CAUSES,
  getField,
  isSuccessfulPull,
  type EcsDocument,
  type Evidence,
  type Excerpt,
  type FeedEvent,
  type FeedEventEvidence,
  type Integration,
  type PullEvidence,
  type PullRecord,
  type RootCause,
  type DeviceEvidence,
} from '@pullwatch/core';
import type { EvidenceSource, PullSummary } from '@pullwatch/ports';
import { deviceLabel, deviceMatches, excerptText } from './device-match.js';

interface StoredPull {
  t: number;
  ip: string;
  status: number;
  path?: string;
}

interface StoredEvent {
  t: number;
  doc: EcsDocument;
  feed?: { event: FeedEvent; category?: RootCause; rule?: string };
}

const iso = (t: number): string => new Date(t).toISOString();
const byNumber = (a: number, b: number): number => a - b;
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Pull state over the records of one integration in [from, to]. */
function pullState(pulls: readonly StoredPull[]): { lastSuccess?: number; lastAttempt?: number; failures: StoredPull[] } {
  let lastSuccess: number | undefined;
  let lastAttempt: number | undefined;
  for (const p of pulls) {
    if (lastAttempt === undefined || p.t > lastAttempt) lastAttempt = p.t;
    if (isSuccessfulPull(p.status) && (lastSuccess === undefined || p.t > lastSuccess)) lastSuccess = p.t;
  }
  const failures = pulls
    .filter((p) => !isSuccessfulPull(p.status) && (lastSuccess === undefined || p.t > lastSuccess))
    .sort((a, b) => a.t - b.t || a.status - b.status);
  return { ...(lastSuccess !== undefined ? { lastSuccess } : {}), ...(lastAttempt !== undefined ? { lastAttempt } : {}), failures };
}

function feedOf(doc: EcsDocument): StoredEvent['feed'] {
  const event = getField(doc, 'pullwatch.feed.event');
  if (typeof event !== 'string' || !(FEED_EVENTS as readonly string[]).includes(event)) return undefined;
  const category = getField(doc, 'pullwatch.root_cause.category');
  const rule = getField(doc, 'pullwatch.root_cause.rule');
  return {
    event: event as FeedEvent,
    ...(typeof category === 'string' && (ROOT_CAUSES as readonly string[]).includes(category) ? { category: category as RootCause } : {}),
    ...(typeof rule === 'string' ? { rule } : {}),
  };
}

/**
 * EvidenceSource over arrays in memory: pull records (`addPulls`) and stored firewall
 * documents as the ingest pipeline writes them (`addEvents`), for `pullwatch diagnose` and tests.
 *
 * Semantics every adapter shares (test/unit/store-memory/evidence-source.contract.ts):
 * - the look-back is [now − lookbackMs, now], both ends included; later records are ignored;
 * - a 2xx pull is a success; `last_success` / `last_attempt` are the newest in the look-back;
 * - an integration's window is [its last success, now], or the look-back when it has none; pull
 *   groups (`attempts`, `by_status`, `by_source`, `by_path`) and device evidence cover the window;
 * - `first_failure` / `failures_since_success`: the non-2xx pulls after the last success;
 * - `by_status` by status ascending; `by_source` and `by_path` by count descending, then by
 *   address or path; `statuses` ascending and unique; pulls without `url.path` are not in `by_path`;
 * - device events match by the port's rules (device-match.ts); feed events (`pullwatch.feed.event`
 *   set) are grouped by (event, category), newest group first, each with the rule of its newest
 *   line and up to `maxExcerpts` excerpts, newest first (text: `event.original`, else `message`);
 * - times are ISO-8601 UTC with milliseconds (`Date.prototype.toISOString`).
 * Documents are kept by reference and must not be changed after `addEvents`.
 */
export class MemoryEvidenceSource implements EvidenceSource {
  readonly #pulls = new Map<string, StoredPull[]>();
  readonly #events: StoredEvent[] = [];

  /** Adds pull records; records with an unreadable `@timestamp` are skipped. */
  addPulls(records: readonly PullRecord[]): void {
    for (const r of records) {
      const t = Date.parse(r['@timestamp']);
      if (Number.isNaN(t)) continue;
      const p: StoredPull = { t, ip: r.source.ip, status: r.http.response.status_code };
      if (r.url?.path !== undefined) p.path = r.url.path;
      let list = this.#pulls.get(r.integration.id);
      if (list === undefined) this.#pulls.set(r.integration.id, (list = []));
      list.push(p);
    }
  }

  /** Adds stored firewall documents; documents without a readable `@timestamp` are skipped. */
  addEvents(docs: readonly EcsDocument[]): void {
    for (const doc of docs) {
      const t = typeof doc['@timestamp'] === 'string' ? Date.parse(doc['@timestamp']) : Number.NaN;
      if (Number.isNaN(t)) continue;
      const feed = feedOf(doc);
      this.#events.push(feed === undefined ? { t, doc } : { t, doc, feed });
    }
  }

  #pullsIn(id: string, from: number, to: number): StoredPull[] {
    return (this.#pulls.get(id) ?? []).filter((p) => p.t >= from && p.t <= to);
  }

  async pullSummaries(now: Date, lookbackMs: number, integrationIds?: string[]): Promise<Map<string, PullSummary>> {
    const to = now.getTime();
    const from = to - lookbackMs;
    const out = new Map<string, PullSummary>();
    for (const id of integrationIds ?? [...this.#pulls.keys()]) {
      const pulls = this.#pullsIn(id, from, to);
      if (pulls.length === 0) continue;
      const { lastSuccess, lastAttempt, failures } = pullState(pulls);
      const summary: PullSummary = { integration_id: id, failures_since_success: failures.length };
      if (lastSuccess !== undefined) summary.last_success = iso(lastSuccess);
      if (lastAttempt !== undefined) summary.last_attempt = iso(lastAttempt);
      const first = failures[0];
      if (first !== undefined) summary.first_failure = { at: iso(first.t), status: first.status };
      out.set(id, summary);
    }
    return out;
  }

  async gather(integrations: Integration[], now: Date, lookbackMs: number, maxExcerpts: number): Promise<Evidence[]> {
    const to = now.getTime();
    const lookFrom = to - lookbackMs;
    return integrations.map((integration) => {
      const all = this.#pullsIn(integration.id, lookFrom, to);
      const { lastSuccess, lastAttempt, failures } = pullState(all);
      const from = lastSuccess ?? lookFrom;
      const inWindow = all.filter((p) => p.t >= from);
      return {
        integration,
        now: iso(to),
        window: { from: iso(from), to: iso(to) },
        pulls: this.#pullEvidence(inWindow, lastSuccess, lastAttempt, failures[0]),
        devices: integration.devices.map((device) => this.#deviceEvidence(device, from, to, maxExcerpts)),
      };
    });
  }

  #pullEvidence(pulls: readonly StoredPull[], lastSuccess: number | undefined, lastAttempt: number | undefined, firstFailure: StoredPull | undefined): PullEvidence {
    const byStatus = new Map<number, { status: number; count: number; first: number; last: number }>();
    const bySource = new Map<string, { ip: string; count: number; statuses: Set<number>; last: number }>();
    const byPath = new Map<string, { path: string; count: number; statuses: Set<number> }>();
    for (const p of pulls) {
      const s = byStatus.get(p.status);
      if (s === undefined) byStatus.set(p.status, { status: p.status, count: 1, first: p.t, last: p.t });
      else {
        s.count++;
        s.first = Math.min(s.first, p.t);
        s.last = Math.max(s.last, p.t);
      }
      const src = bySource.get(p.ip);
      if (src === undefined) bySource.set(p.ip, { ip: p.ip, count: 1, statuses: new Set([p.status]), last: p.t });
      else {
        src.count++;
        src.statuses.add(p.status);
        src.last = Math.max(src.last, p.t);
      }
      if (p.path !== undefined) {
        const path = byPath.get(p.path);
        if (path === undefined) byPath.set(p.path, { path: p.path, count: 1, statuses: new Set([p.status]) });
        else {
          path.count++;
          path.statuses.add(p.status);
        }
      }
    }
    const evidence: PullEvidence = {
      attempts: pulls.length,
      by_status: [...byStatus.values()]
        .sort((a, b) => a.status - b.status)
        .map((s) => ({ status: s.status, count: s.count, first: iso(s.first), last: iso(s.last) })),
      by_source: [...bySource.values()]
        .sort((a, b) => b.count - a.count || byText(a.ip, b.ip))
        .map((s) => ({ ip: s.ip, count: s.count, statuses: [...s.statuses].sort(byNumber), last: iso(s.last) })),
      by_path: [...byPath.values()]
        .sort((a, b) => b.count - a.count || byText(a.path, b.path))
        .map((p) => ({ path: p.path, count: p.count, statuses: [...p.statuses].sort(byNumber) })),
    };
    if (lastSuccess !== undefined) evidence.last_success = iso(lastSuccess);
    if (lastAttempt !== undefined) evidence.last_attempt = iso(lastAttempt);
    if (firstFailure !== undefined) evidence.first_failure = { at: iso(firstFailure.t), status: firstFailure.status };
    return evidence;
  }

  #deviceEvidence(device: Integration['devices'][number], from: number, to: number, maxExcerpts: number): DeviceEvidence {
    const label = deviceLabel(device);
    let count = 0;
    let first: number | undefined;
    let last: number | undefined;
    const groups = new Map<string, { group: FeedEventEvidence; lines: Array<{ t: number; excerpt: Excerpt }>; newest: number; first: number }>();
    for (const e of this.#events) {
      if (e.t < from || e.t > to || !deviceMatches(e.doc, device)) continue;
      count++;
      first = first === undefined ? e.t : Math.min(first, e.t);
      last = last === undefined ? e.t : Math.max(last, e.t);
      if (e.feed === undefined) continue;
      const key = `${e.feed.event}|${e.feed.category ?? ''}`;
      const excerpt: Excerpt = { '@timestamp': iso(e.t), message: excerptText(e.doc), device: label };
      if (e.feed.rule !== undefined) excerpt.rule = e.feed.rule;
      let g = groups.get(key);
      if (g === undefined) {
        const group: FeedEventEvidence = { event: e.feed.event, count: 0, first: '', last: '', excerpts: [] };
        if (e.feed.category !== undefined) group.category = e.feed.category;
        g = { group, lines: [], newest: e.t, first: e.t };
        groups.set(key, g);
      }
      g.group.count++;
      g.first = Math.min(g.first, e.t);
      if (e.t >= g.newest) {
        g.newest = e.t;
        if (e.feed.rule !== undefined) g.group.rule = e.feed.rule;
        else delete g.group.rule;
      }
      g.lines.push({ t: e.t, excerpt });
    }
    const feedEvents = [...groups.values()]
      .sort((a, b) => b.newest - a.newest || byText(a.group.event, b.group.event) || byText(a.group.category ?? '', b.group.category ?? ''))
      .map(({ group, lines, newest, first: groupFirst }) => {
        group.first = iso(groupFirst);
        group.last = iso(newest);
        group.excerpts = lines
          .sort((a, b) => b.t - a.t)
          .slice(0, Math.max(0, maxExcerpts))
          .map((l) => l.excerpt);
        return group;
      });
    const syslog: DeviceEvidence['syslog'] = { count };
    if (first !== undefined) syslog.first = iso(first);
    if (last !== undefined) syslog.last = iso(last);
    return { device, label, syslog, feed_events: feedEvents };
  }
}
