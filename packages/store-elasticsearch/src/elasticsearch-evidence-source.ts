import type { Client } from '@elastic/elasticsearch';
import type { Evidence, Integration, PullEvidence } from '@pullwatch/core';
import type { EvidenceSource, PullSummary } from '@pullwatch/ports';
import {
  PULL_ITEM_CLAUSES,
  attributeDevices,
  compositeBuckets,
  deviceFeedBody,
  deviceFiltersBody,
  deviceItemClauses,
  deviceLabel,
  deviceLivenessBody,
  failuresBody,
  pullState,
  pullWindowBody,
  pullWindowEvidence,
  readDeviceFilters,
  readFailures,
  readPullWindow,
  readStatusComposite,
  statusCompositeBody,
  type DeviceFindings,
  type DeviceWindowRequest,
  type IdentityKey,
  type PullState,
  type PullTuple,
  type StatusStat,
} from './evidence-queries.js';
import { requestError } from './state-index.js';

export interface ElasticsearchEvidenceSourceOptions {
  client: Client;
  /** Pull records: a data stream, index or pattern. Default `logs-pullwatch.pulls-*`. */
  pullsIndex?: string;
  /** Decoded firewall events: a data stream, index or pattern. Default `logs-pullwatch.firewall-*`. */
  firewallIndex?: string;
  /** Buckets per page of a composite aggregation. Default 20000 (under the node's 65,536 `search.max_buckets`). */
  compositePageSize?: number;
  /**
   * Query clauses per window search: integrations take 2, devices 1 per
   * identity field plus 1. Default 4000, under `indices.query.bool.max_clause_count`
   * (about 16,000 on a 1 GB heap; less on smaller heaps).
   */
  clausesPerSearch?: number;
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

/** Splits items so that each part's clauses stay within the budget (at least one item a part). */
function chunkByClauses<T>(items: readonly T[], clausesOf: (t: T) => number, budget: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let used = 0;
  for (const item of items) {
    const c = clausesOf(item);
    if (cur.length > 0 && used + c > budget) (out.push(cur), (cur = []), (used = 0));
    cur.push(item);
    used += c;
  }
  if (cur.length) out.push(cur);
  return out;
}

interface Failures {
  count: number;
  first?: { at: number; status: number };
}

interface DeviceItem extends DeviceWindowRequest {
  integration: number;
  index: number;
}

/**
 * EvidenceSource over Elasticsearch aggregations, batched: the number of
 * requests does not grow with one per integration. With S = (integration,
 * status) pairs in the look-back (about 1.5 per integration), P = composite
 * page size (20000), and window searches of up to C clauses (4000: 2000
 * integrations, or about 700–1300 devices):
 *
 * `pullSummaries`: ⌈S/P⌉ `_search` of one composite aggregation over
 * (`integration.id`, `http.response.status_code`), paged, each bucket with its
 * first and last @timestamp. Those figures settle nearly everything: the last
 * success is the latest 2xx; a failing status whose first pull follows the last
 * success counts whole, one whose last pull precedes it not at all. Only a
 * failing status with pulls on both sides of the last success (flapping) needs
 * the exact count after it: one more `_msearch` for those integrations only.
 *
 * `gather`: the same composite pages (for each integration's window), then one
 * `_msearch` of window searches — pulls per integration (composite over
 * integration, status, address, path), device liveness (composite over the five
 * identity fields) and device feed events (the same plus event, category, and
 * the newest lines) — each restricted by its query to the union of its items'
 * windows, so the work follows the documents inside the windows. Requests:
 * ⌈S/P⌉ + 1, plus one when flapping integrations need their failures counted,
 * plus one when two devices of different windows share events (then read
 * exactly with one filter each).
 *
 * Windows are inclusive: `[from, now]`, `from` = the last success or
 * now − look-back. Device events match on `log.syslog.hostname`,
 * `observer.hostname`, `observer.name` (hostname), `observer.serial_number`
 * (serial) and `log.source.address` (address), each event counted once per
 * device. Timestamps come back as UTC ISO-8601 with milliseconds. Answers equal
 * MemoryEvidenceSource's (the contract suite runs against both).
 */
export class ElasticsearchEvidenceSource implements EvidenceSource {
  readonly pullsIndex: string;
  readonly firewallIndex: string;
  readonly #client: Client;
  readonly #pageSize: number;
  readonly #clauses: number;
  readonly #stats: EvidenceQueryStats = { requests: 0, searches: 0 };

  constructor(opts: ElasticsearchEvidenceSourceOptions) {
    this.#client = opts.client;
    this.pullsIndex = opts.pullsIndex ?? 'logs-pullwatch.pulls-*';
    this.firewallIndex = opts.firewallIndex ?? 'logs-pullwatch.firewall-*';
    this.#pageSize = opts.compositePageSize ?? 20_000;
    this.#clauses = opts.clausesPerSearch ?? 4000;
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
    const states = await this.#pullStates(to - lookbackMs, to, integrationIds);
    const failures = new Map<string, Failures>();
    const searches = this.#failureSearches(states, to);
    await this.#runComposites(searches.map((s) => ({ ...s, read: (b: never[]) => readFailures(b, failures) })));
    const out = new Map<string, PullSummary>();
    for (const [id, { state }] of states) out.set(id, summaryOf(id, state, failures.get(id)));
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

    // Only integrations with pulls in the look-back have any in their window.
    const pullItems = ids.filter((id) => states.has(id)).map((id) => ({ id, from: fromOf(id) }));
    const deviceItems: DeviceItem[] = [];
    integrations.forEach((integration, n) =>
      integration.devices.forEach((device, index) => deviceItems.push({ device, from: fromOf(integration.id), integration: n, index })),
    );
    const deviceChunks = chunkByClauses(deviceItems, (d) => deviceItemClauses(d.device), this.#clauses);

    const failures = new Map<string, Failures>();
    const windows = new Map<string, PullTuple[]>();
    const liveness = deviceChunks.map(() => [] as Array<{ key: IdentityKey; doc_count: number }>);
    const feed = deviceChunks.map(() => [] as Array<{ key: IdentityKey & { event: string; category: string | null }; doc_count: number }>);
    const size = this.#pageSize;
    await this.#runComposites([
      ...chunkByClauses(pullItems, () => PULL_ITEM_CLAUSES, this.#clauses).map((items) => ({
        index: this.pullsIndex,
        body: (after?: Record<string, unknown>) => pullWindowBody(items, to, size, after),
        read: (b: never[]) => readPullWindow(b, windows),
      })),
      ...deviceChunks.flatMap((items, c) => [
        { index: this.firewallIndex, body: (after?: Record<string, unknown>) => deviceLivenessBody(items, to, size, after), read: (b: never[]) => void liveness[c]!.push(...b) },
        { index: this.firewallIndex, body: (after?: Record<string, unknown>) => deviceFeedBody(items, to, size, maxExcerpts, after), read: (b: never[]) => void feed[c]!.push(...b) },
      ]),
      ...this.#failureSearches(states, to).map((s) => ({ ...s, read: (b: never[]) => readFailures(b, failures) })),
    ]);

    const findings = integrations.map((i) => new Array<DeviceFindings>(i.devices.length));
    const mixed: DeviceItem[] = [];
    deviceChunks.forEach((items, c) => {
      const read = attributeDevices(items, liveness[c]!, feed[c]!, maxExcerpts, deviceLabel);
      items.forEach((item, i) => {
        if (read.mixed.has(i)) mixed.push(item);
        else findings[item.integration]![item.index] = read.findings[i]!;
      });
    });
    if (mixed.length) await this.#readExactly(mixed, to, maxExcerpts, findings);

    const nowIso = now.toISOString();
    return integrations.map((integration, n): Evidence => {
      const summary = summaryOf(integration.id, stateOf(integration.id), failures.get(integration.id));
      const pulls: PullEvidence = {
        ...(summary.last_success !== undefined ? { last_success: summary.last_success } : {}),
        ...(summary.last_attempt !== undefined ? { last_attempt: summary.last_attempt } : {}),
        ...pullWindowEvidence(windows.get(integration.id)),
        ...(summary.first_failure ? { first_failure: summary.first_failure } : {}),
      };
      return {
        integration,
        now: nowIso,
        window: { from: new Date(fromOf(integration.id)).toISOString(), to: nowIso },
        pulls,
        devices: integration.devices.map((device, d) => ({ device, label: deviceLabel(device), ...findings[n]![d]! })),
      };
    });
  }

  /** Pass 1: per-status figures of each integration over the look-back, from the paged composite aggregation. */
  async #pullStates(from: number, to: number, ids: readonly string[] | undefined): Promise<Map<string, { statuses: StatusStat[]; state: PullState }>> {
    const statuses = new Map<string, StatusStat[]>();
    if (ids && ids.length === 0) return new Map();
    // A terms query takes at most 65,536 values (index.max_terms_count): larger id lists are split.
    for (const part of ids ? chunk(ids, 60_000) : [undefined]) {
      let after: Record<string, unknown> | undefined;
      do {
        const aggs = await this.#search(this.pullsIndex, statusCompositeBody({ from, to, size: this.#pageSize, ...(part ? { ids: part } : {}), ...(after ? { after } : {}) }));
        after = readStatusComposite(aggs, this.#pageSize, statuses);
      } while (after);
    }
    const out = new Map<string, { statuses: StatusStat[]; state: PullState }>();
    for (const [id, list] of statuses) out.set(id, { statuses: list, state: pullState(list) });
    return out;
  }

  /** Searches counting the failures after the last success of the integrations whose figures cannot tell. */
  #failureSearches(states: Map<string, { state: PullState }>, to: number) {
    const ambiguous: Array<{ id: string; lastSuccess: number }> = [];
    for (const [id, { state }] of states) if (state.ambiguous && state.lastSuccess !== undefined) ambiguous.push({ id, lastSuccess: state.lastSuccess });
    const size = this.#pageSize;
    return chunkByClauses(ambiguous, () => PULL_ITEM_CLAUSES, this.#clauses).map((items) => ({
      index: this.pullsIndex,
      body: (after?: Record<string, unknown>) => failuresBody(items, to, size, after),
    }));
  }

  /**
   * Runs composite searches: the first page of each in one `_msearch`, then the
   * further pages (a page was full) one `_search` each, handing every page's
   * buckets to its reader.
   */
  async #runComposites(
    searches: ReadonlyArray<{ index: string; body: (after?: Record<string, unknown>) => Record<string, unknown>; read: (buckets: never[]) => void }>,
  ): Promise<void> {
    const first = await this.#msearch(searches.map((s) => ({ index: s.index, body: s.body() })));
    for (let i = 0; i < searches.length; i++) {
      const s = searches[i]!;
      let page = compositeBuckets<never>(first[i], this.#pageSize);
      s.read(page.buckets as never[]);
      while (page.after) {
        page = compositeBuckets<never>(await this.#search(s.index, s.body(page.after)), this.#pageSize);
        s.read(page.buckets as never[]);
      }
    }
  }

  /** Reads devices exactly, one `filters` bucket each (devices sharing events with a device of another window). */
  async #readExactly(items: DeviceItem[], to: number, maxExcerpts: number, into: DeviceFindings[][]): Promise<void> {
    const chunks = chunkByClauses(items, (d) => 2 * deviceItemClauses(d.device), this.#clauses);
    const responses = await this.#msearch(chunks.map((c) => ({ index: this.firewallIndex, body: deviceFiltersBody(c, to, maxExcerpts) })));
    chunks.forEach((c, n) => {
      const read = readDeviceFilters(responses[n], c.length, c.map((d) => deviceLabel(d.device)), maxExcerpts);
      c.forEach((item, i) => (into[item.integration]![item.index] = read[i]!));
    });
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

function summaryOf(id: string, state: PullState, resolved: Failures | undefined): PullSummary {
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
