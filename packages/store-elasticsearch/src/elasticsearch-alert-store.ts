import type { Client } from '@elastic/elasticsearch';
import type { Alert } from '@pullwatch/core';
import type { AlertFilter, AlertStore } from '@pullwatch/ports';
import { ALERT_FIELDS } from './alerts-template.js';
import { installStateIndex, isNotFound, requestError } from './state-index.js';

export interface ElasticsearchAlertStoreOptions {
  client: Client;
  /** Index of alerts. Default `pullwatch-alerts`. */
  index?: string;
}

/**
 * AlertStore over an Elasticsearch index: one document per alert, `_id` =
 * alert id, `_source` = the alert as given (its searched fields mapped, see
 * ALERT_FIELDS). `upsert` replaces the document with `refresh: wait_for`, so
 * `findOpen` and `list` (searches) see it at once; `get` is a realtime get.
 * `list` sorts by `updated_at` newest first, then by id.
 */
export class ElasticsearchAlertStore implements AlertStore {
  readonly index: string;
  readonly #client: Client;

  constructor(opts: ElasticsearchAlertStoreOptions) {
    this.#client = opts.client;
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
    return (await this.list({ integrationId, status: 'open', limit: 1 }))[0];
  }

  async upsert(alert: Alert): Promise<void> {
    try {
      await this.#client.index({ index: this.index, id: alert.id, document: alert, refresh: 'wait_for' });
    } catch (err) {
      throw requestError(`storing alert ${alert.id}`, err);
    }
  }

  async list(filter: AlertFilter = {}): Promise<Alert[]> {
    const must: unknown[] = [];
    if (filter.status) must.push({ term: { status: filter.status } });
    if (filter.vendor) must.push({ term: { 'integration.vendor': filter.vendor } });
    if (filter.cause) must.push({ term: { 'diagnosis.primary.category': filter.cause } });
    if (filter.integrationId) must.push({ term: { 'integration.id': filter.integrationId } });
    try {
      const resp = await this.#client.search<Alert>({
        index: this.index,
        size: Math.max(0, Math.min(filter.limit ?? 100, 10_000)),
        track_total_hits: false,
        query: { bool: { filter: must as never } },
        sort: [{ updated_at: 'desc' }, { id: 'asc' }],
      });
      return resp.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
    } catch (err) {
      if (isNotFound(err)) return [];
      throw requestError(`listing alerts in ${this.index}`, err);
    }
  }
}
