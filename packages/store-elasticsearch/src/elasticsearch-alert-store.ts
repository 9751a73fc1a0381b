import type { Client } from '@elastic/elasticsearch';
import type { Alert } from '@pullwatch/core';
import type { AlertFilter, AlertStore } from '@pullwatch/ports';
import { ALERT_FIELDS } from './alerts-template.js';
import { bulkIndex, installStateIndex, isNotFound, requestError } from './state-index.js';

/**
 * How a write becomes visible to searches (`findOpen`, `list`):
 * - `on_read` (default): writes do not refresh; the next search of this store
 *   refreshes the index first, once for any number of writes before it (a
 *   correlator run writing thousands of alerts pays one refresh, not one each).
 *   Other processes see the writes within `index.refresh_interval` (1 s).
 * - `true`: each write refreshes the index (about 20 ms a write on a small node).
 * - `wait_for`: each write waits for the next periodic refresh (up to 1 s):
 *   cheapest for the cluster, slow for a caller writing one alert after another.
 */
export type AlertRefresh = 'on_read' | true | 'wait_for';

export interface ElasticsearchAlertStoreOptions {
  client: Client;
  /** Index of alerts. Default `pullwatch-alerts`. */
  index?: string;
  /** See AlertRefresh. Default `on_read`. */
  refresh?: AlertRefresh;
}

/** Largest page of one search (the index's default `max_result_window`). */
const PAGE = 10_000;

/**
 * AlertStore over an Elasticsearch index: one document per alert, `_id` =
 * alert id, `_source` = the alert as given (its searched fields mapped, see
 * ALERT_FIELDS). Reads see this store's writes: `get` is a realtime get, and
 * searches refresh first when needed (see AlertRefresh). `list` sorts by
 * `updated_at` newest first, then by id, paging with `search_after` past
 * 10,000; `findOpen` returns the most recently opened open alert.
 */
export class ElasticsearchAlertStore implements AlertStore {
  readonly index: string;
  readonly #client: Client;
  readonly #refresh: AlertRefresh;
  /** Writes done, and how many of them the last refresh of this store covered (`on_read`). */
  #writes = 0;
  #refreshed = 0;

  constructor(opts: ElasticsearchAlertStoreOptions) {
    this.#client = opts.client;
    this.#refresh = opts.refresh ?? 'on_read';
    this.index = opts.index ?? 'pullwatch-alerts';
  }

  /** Installs the index template and creates the index; idempotent. */
  async setup(): Promise<void> {
    await installStateIndex(this.#client, this.index, ALERT_FIELDS, 'Alerts with their diagnosis and history (document id: alert id).');
  }

  async get(id: string): Promise<Alert | undefined> {
    try {
      return (await this.#client.get<Alert>({ index: this.index, id }))._source;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw requestError(`reading alert ${id}`, err);
    }
  }

  async findOpen(integrationId: string): Promise<Alert | undefined> {
    return (await this.#search({ integrationId, status: 'open' }, 1, [{ opened_at: 'desc' }, { id: 'asc' }]))[0];
  }

  async upsert(alert: Alert): Promise<void> {
    try {
      await this.#client.index({ index: this.index, id: alert.id, document: alert, ...this.#writeRefresh() });
      this.#wrote();
    } catch (err) {
      throw requestError(`storing alert ${alert.id}`, err);
    }
  }

  /** Upserts several alerts in one bulk request: for a correlator run that changes many. */
  async upsertMany(alerts: readonly Alert[]): Promise<void> {
    await bulkIndex(this.#client, this.index, alerts.map((a) => ({ id: a.id, doc: a })), this.#writeRefresh().refresh ?? false, 'alerts');
    if (alerts.length) this.#wrote();
  }

  async list(filter: AlertFilter = {}): Promise<Alert[]> {
    return this.#search(filter, filter.limit ?? 100, [{ updated_at: 'desc' }, { id: 'asc' }]);
  }

  #writeRefresh(): { refresh?: true | 'wait_for' } {
    return this.#refresh === 'on_read' ? {} : { refresh: this.#refresh };
  }

  #wrote(): void {
    this.#writes++;
  }

  async #search(filter: AlertFilter, limit: number, sort: Array<Record<string, 'asc' | 'desc'>>): Promise<Alert[]> {
    const must: unknown[] = [];
    if (filter.status) must.push({ term: { status: filter.status } });
    if (filter.vendor) must.push({ term: { 'integration.vendor': filter.vendor } });
    if (filter.cause) must.push({ term: { 'diagnosis.primary.category': filter.cause } });
    if (filter.integrationId) must.push({ term: { 'integration.id': filter.integrationId } });
    const out: Alert[] = [];
    try {
      if (this.#refresh === 'on_read' && this.#writes > this.#refreshed) {
        // Covers the writes finished before it started; one finishing during it waits for the next search.
        const covered = this.#writes;
        await this.#client.indices.refresh({ index: this.index, ignore_unavailable: true });
        this.#refreshed = Math.max(this.#refreshed, covered);
      }
      let after: unknown[] | undefined;
      while (out.length < limit) {
        const size = Math.min(PAGE, limit - out.length);
        const resp = await this.#client.search<Alert>({
          index: this.index,
          size,
          track_total_hits: false,
          query: { bool: { filter: must as never } },
          sort,
          ...(after ? { search_after: after as never } : {}),
        });
        const hits = resp.hits.hits;
        for (const h of hits) if (h._source) out.push(h._source);
        if (hits.length < size) break;
        after = hits[hits.length - 1]!.sort;
      }
      return out;
    } catch (err) {
      if (isNotFound(err)) return [];
      throw requestError(`listing alerts in ${this.index}`, err);
    }
  }
}
