import type { Client } from '@elastic/elasticsearch';
import type { Device, Evidence, Integration, PullEvidence } from '@pullwatch/core';
import type { EvidenceSource, PullSummary } from '@pullwatch/ports';
import {
  deviceLabel,
  deviceWindowBody,
  failuresBody,
  filterBuckets,
  pullState,
  pullWindowBody,
  readDeviceWindow,
  readFailures,
  readPullWindow,
  readStatusComposite,
  statusCompositeBody,
  type PullState,
  type StatusStat,
} from './evidence-queries.js';
import { requestError } from './state-index.js';

export interface ElasticsearchEvidenceSourceOptions {
  client: Client;
  /** Pull records: a data stream, index or pattern. Default `logs-pullwatch.pulls-*`. */
  pullsIndex?: string;
  /** Decoded firewall events: a data stream, index or pattern. Default `logs-pullwatch.firewall-*`. */
  firewallIndex?: string;
  /** Integrations per page of the composite aggregation. Default 5000. */
  compositePageSize?: number;
  /** Integrations (or devices) per `filters` aggregation, one search each. Default 1000. */
  filtersPerSearch?: number;
}

/** Requests sent to Elasticsearch by an evidence source (cumulative). */
export interface EvidenceQueryStats {
  /** HTTP requests (`_search` and `_msearch`). */
  requests: number;
  /** Searches, counting each search inside an `_msearch`. */
  searches: number;
}

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * EvidenceSource over Elasticsearch aggregations. The cost does not grow with
 * one query per integration; with P = composite page size (5000) and
 * K = filters per search (1000), for N integrations with D devices:
 *
 * `pullSummaries`: ⌈N/P⌉ `_search` (one composite aggregation over
 * `integration.id`, paged, each bucket holding pulls by status with the first
 * and last @timestamp), plus, only when some integration's failures interleave
 * with its last success, one `_msearch` of ⌈A/K⌉ `filters` searches for those
 * A integrations. The figures per status settle the rest: last success = the
 * latest 2xx pull; a failing status whose first pull follows the last success
 * counts whole, one whose last pull precedes it not at all; only a status with
 * pulls on both sides needs the exact count after the last success.
 *
 * `gather`: the same ⌈N/P⌉ composite pages (for each integration's window),
 * then one `_msearch` holding ⌈N/K⌉ searches of pull windows, ⌈D/K⌉ searches
 * of device windows and the ⌈A/K⌉ failure searches: ⌈N/P⌉ + 1 HTTP requests.
 *
 * Windows are inclusive: `[from, now]`, `from` = the last success or
 * now − look-back. Device events match on `log.syslog.hostname`,
 * `observer.hostname`, `observer.name` (hostname), `observer.serial_number`
 * (serial) and `log.source.address` (address), each event counted once.
 * Timestamps come back as UTC ISO-8601 with milliseconds.
 */
export class ElasticsearchEvidenceSource implements EvidenceSource {
  readonly pullsIndex: string;
  readonly firewallIndex: string;
  readonly #client: Client;
  readonly #pageSize: number;
  readonly #perSearch: number;
  readonly #stats: EvidenceQueryStats = { requests: 0, searches: 0 };

  constructor(opts: ElasticsearchEvidenceSourceOptions) {
    this.#client = opts.client;
    this.pullsIndex = opts.pullsIndex ?? 'logs-pullwatch.pulls-*';
    this.firewallIndex = opts.firewallIndex ?? 'logs-pullwatch.firewall-*';
    this.#pageSize = opts.compositePageSize ?? 5000;
    this.#perSearch = opts.filtersPerSearch ?? 1000;
  }

  /** Requests sent so far (a copy). */
  get queryStats(): EvidenceQueryStats {
    return { ...this.#stats };
  }

  resetQueryStats(): void {
    this.#stats.requests = 0;
    this.#stats.searches = 0;
  }

  async pullSummaries(now: Date, lookbackMs: number, integrationIds?: string[]): Promise<Map<string, PullSummary>> {
    const to = now.getTime();
    const from = to - lookbackMs;
    const states = await this.#pullStates(from, to, integrationIds);
    const ambiguous = [...states].filter(([, s]) => s.state.ambiguous).map(([id, s]) => ({ id, ...(s.state.lastSuccess !== undefined ? { lastSuccess: s.state.lastSuccess } : {}) }));
    const failureSearches = chunk(ambiguous, this.#perSearch).map((items) => ({ index: this.pullsIndex, body: failuresBody(items, from, to), items }));
    const responses = failureSearches.length ? await this.#msearch(failureSearches) : [];
    const resolved = new Map<string, { count: number; first?: { at: number; status: number } }>();
    failureSearches.forEach((s, n) => filterBuckets(responses[n], s.items.length).forEach((b, i) => resolved.set(s.items[i]!.id, readFailures(b))));

    const out = new Map<string, PullSummary>();
    for (const [id, { state }] of states) out.set(id, summaryOf(id, state, resolved.get(id)));
    return out;
  }

  async gather(integrations: Integration[], now: Date, lookbackMs: number, maxExcerpts: number): Promise<Evidence[]> {
    if (integrations.length === 0) return [];
    const to = now.getTime();
    const lookbackFrom = to - lookbackMs;
    const ids = [...new Set(integrations.map((i) => i.id))];
    const states = await this.#pullStates(lookbackFrom, to, ids);
    const stateOf = (id: string): PullState => states.get(id)?.state ?? { ambiguous: false };
    const fromOf = (id: string): number => stateOf(id).lastSuccess ?? lookbackFrom;

    const pullItems = ids.map((id) => {
      const ls = stateOf(id).lastSuccess;
      return { id, from: fromOf(id), ...(ls !== undefined ? { lastSuccess: ls } : {}) };
    });
    const deviceItems: Array<{ device: Device; from: number; integration: number; device_index: number }> = [];
    integrations.forEach((integration, n) =>
      integration.devices.forEach((device, d) => deviceItems.push({ device, from: fromOf(integration.id), integration: n, device_index: d })),
    );
    const ambiguous = pullItems.filter((p) => stateOf(p.id).ambiguous);

    const pullChunks = chunk(pullItems, this.#perSearch);
    const deviceChunks = chunk(deviceItems, this.#perSearch);
    const failureChunks = chunk(ambiguous, this.#perSearch);
    const responses = await this.#msearch([
      ...pullChunks.map((items) => ({ index: this.pullsIndex, body: pullWindowBody(items, lookbackFrom, to) })),
      ...deviceChunks.map((items) => ({ index: this.firewallIndex, body: deviceWindowBody(items, lookbackFrom, to, maxExcerpts) })),
      ...failureChunks.map((items) => ({ index: this.pullsIndex, body: failuresBody(items, lookbackFrom, to) })),
    ]);

    let r = 0;
    const windows = new Map<string, ReturnType<typeof readPullWindow>>();
    for (const items of pullChunks) filterBuckets<never>(responses[r++], items.length).forEach((b, i) => windows.set(items[i]!.id, readPullWindow(b)));
    const devices = integrations.map((i) => new Array<ReturnType<typeof readDeviceWindow>>(i.devices.length));
    for (const items of deviceChunks) {
      filterBuckets<never>(responses[r++], items.length).forEach((b, i) => {
        const item = items[i]!;
        devices[item.integration]![item.device_index] = readDeviceWindow(b, deviceLabel(item.device), maxExcerpts);
      });
    }
    const resolved = new Map<string, { count: number; first?: { at: number; status: number } }>();
    for (const items of failureChunks) filterBuckets<never>(responses[r++], items.length).forEach((b, i) => resolved.set(items[i]!.id, readFailures(b)));

    const nowIso = now.toISOString();
    return integrations.map((integration, n): Evidence => {
      const state = stateOf(integration.id);
      const summary = summaryOf(integration.id, state, resolved.get(integration.id));
      const window = windows.get(integration.id) ?? { attempts: 0, by_status: [], by_source: [], by_path: [] };
      const pulls: PullEvidence = {
        ...(summary.last_success !== undefined ? { last_success: summary.last_success } : {}),
        ...(summary.last_attempt !== undefined ? { last_attempt: summary.last_attempt } : {}),
        ...window,
        ...(summary.first_failure ? { first_failure: summary.first_failure } : {}),
      };
      return {
        integration,
        now: nowIso,
        window: { from: new Date(fromOf(integration.id)).toISOString(), to: nowIso },
        pulls,
        devices: integration.devices.map((device, d) => ({ device, label: deviceLabel(device), ...devices[n]![d]! })),
      };
    });
  }

  /** Pass 1: per-status figures of each integration over the look-back, from the paged composite aggregation. */
  async #pullStates(from: number, to: number, ids: readonly string[] | undefined): Promise<Map<string, { statuses: StatusStat[]; state: PullState }>> {
    const out = new Map<string, { statuses: StatusStat[]; state: PullState }>();
    if (ids && ids.length === 0) return out;
    // A terms query takes at most 65,536 values (index.max_terms_count): larger id lists are split.
    for (const part of ids ? chunk(ids, 60_000) : [undefined]) {
      let after: Record<string, unknown> | undefined;
      do {
        const aggs = await this.#search(this.pullsIndex, statusCompositeBody({ from, to, size: this.#pageSize, ...(part ? { ids: part } : {}), ...(after ? { after } : {}) }));
        const read = readStatusComposite(aggs);
        for (const [id, statuses] of read.page) out.set(id, { statuses, state: pullState(statuses) });
        after = read.page.size < this.#pageSize ? undefined : read.after;
      } while (after);
    }
    return out;
  }

  async #search(index: string, body: Record<string, unknown>): Promise<unknown> {
    this.#stats.requests++;
    this.#stats.searches++;
    try {
      const resp = await this.#client.search({ index, ignore_unavailable: true, allow_no_indices: true, ...body } as never);
      return (resp as { aggregations?: unknown }).aggregations;
    } catch (err) {
      throw requestError(`searching ${index}`, err);
    }
  }

  /** Runs several searches in one `_msearch`; resolves with each one's aggregations, in order. */
  async #msearch(searches: ReadonlyArray<{ index: string; body: Record<string, unknown> }>): Promise<unknown[]> {
    if (searches.length === 0) return [];
    this.#stats.requests++;
    this.#stats.searches += searches.length;
    const body: unknown[] = [];
    for (const s of searches) body.push({ index: s.index, ignore_unavailable: true, allow_no_indices: true }, s.body);
    let resp: { responses: Array<{ aggregations?: unknown; error?: { type?: string; reason?: string } }> };
    try {
      resp = (await this.#client.msearch({ searches: body } as never)) as never;
    } catch (err) {
      throw requestError('sending evidence searches', err);
    }
    return resp.responses.map((r, i) => {
      if (r.error) throw requestError(`searching ${searches[i]!.index}`, new Error(`${r.error.type}: ${r.error.reason}`));
      return r.aggregations;
    });
  }
}

function summaryOf(id: string, state: PullState, resolved: { count: number; first?: { at: number; status: number } } | undefined): PullSummary {
  const failures = state.ambiguous ? (resolved?.count ?? 0) : (state.failures ?? 0);
  const first = state.ambiguous ? resolved?.first : state.firstFailure;
  return {
    integration_id: id,
    ...(state.lastSuccess !== undefined ? { last_success: new Date(state.lastSuccess).toISOString() } : {}),
    ...(state.lastAttempt !== undefined ? { last_attempt: new Date(state.lastAttempt).toISOString() } : {}),
    failures_since_success: failures,
    ...(first ? { first_failure: { at: new Date(first.at).toISOString(), status: first.status } } : {}),
  };
}
