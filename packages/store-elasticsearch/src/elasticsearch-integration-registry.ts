import type { Client } from '@elastic/elasticsearch';
import type { Integration } from '@pullwatch/core';
import type { IntegrationRegistry } from '@pullwatch/ports';
import { INTEGRATION_FIELDS } from './alerts-template.js';
import { bulkIndex, installStateIndex, isNotFound, requestError } from './state-index.js';

export interface ElasticsearchIntegrationRegistryOptions {
  client: Client;
  /** Index of the registry. Default `pullwatch-integrations`. */
  index?: string;
  /** Integrations read per request by `list`. Default 5000. */
  pageSize?: number;
  /**
   * How a write becomes visible to `list` (a search): `wait_for` (default)
   * waits for the next periodic refresh (up to 1 s), `true` refreshes at once
   * (faster for one caller, more work for the cluster). Imports: `putMany`.
   */
  refresh?: true | 'wait_for';
}

/**
 * IntegrationRegistry over an Elasticsearch index: one document per
 * integration, `_id` = integration id, `_source` = the integration as given.
 * Writes use `refresh: wait_for` (see the `refresh` option), so a `list` (a
 * search) right after a `put` or `delete` sees it; `get` is a realtime get. `list` pages with
 * `search_after` on `id` and returns integrations sorted by id.
 */
export class ElasticsearchIntegrationRegistry implements IntegrationRegistry {
  readonly index: string;
  readonly #client: Client;
  readonly #pageSize: number;
  readonly #refresh: true | 'wait_for';

  constructor(opts: ElasticsearchIntegrationRegistryOptions) {
    this.#client = opts.client;
    this.#refresh = opts.refresh ?? 'wait_for';
    this.index = opts.index ?? 'pullwatch-integrations';
    this.#pageSize = opts.pageSize ?? 5000;
  }

  /** Installs the index template and creates the index; idempotent. */
  async setup(): Promise<void> {
    await installStateIndex(this.#client, this.index, INTEGRATION_FIELDS, 'The integrations pullwatch watches (document id: integration id).');
  }

  async list(): Promise<Integration[]> {
    const out: Integration[] = [];
    let after: unknown[] | undefined;
    try {
      for (;;) {
        const resp = await this.#client.search<Integration>({
          index: this.index,
          size: this.#pageSize,
          sort: [{ id: 'asc' }],
          track_total_hits: false,
          query: { match_all: {} },
          ...(after ? { search_after: after as never } : {}),
        });
        const hits = resp.hits.hits;
        for (const h of hits) if (h._source) out.push(h._source);
        if (hits.length < this.#pageSize) return out;
        after = hits[hits.length - 1]!.sort;
      }
    } catch (err) {
      if (isNotFound(err)) return out;
      throw requestError(`listing integrations in ${this.index}`, err);
    }
  }

  async get(id: string): Promise<Integration | undefined> {
    try {
      const resp = await this.#client.get<Integration>({ index: this.index, id });
      return resp._source;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw requestError(`reading integration ${id}`, err);
    }
  }

  async put(integration: Integration): Promise<'created' | 'updated'> {
    try {
      const resp = await this.#client.index({ index: this.index, id: integration.id, document: integration, refresh: this.#refresh });
      return resp.result === 'created' ? 'created' : 'updated';
    } catch (err) {
      throw requestError(`storing integration ${integration.id}`, err);
    }
  }

  /** Creates or replaces several integrations in one request (one refresh): for imports. Says which, in order. */
  async putMany(integrations: readonly Integration[]): Promise<Array<'created' | 'updated'>> {
    return bulkIndex(this.#client, this.index, integrations.map((i) => ({ id: i.id, doc: i })), this.#refresh, 'integrations');
  }

  async delete(id: string): Promise<boolean> {
    try {
      const resp = await this.#client.delete({ index: this.index, id, refresh: this.#refresh });
      return resp.result === 'deleted';
    } catch (err) {
      if (isNotFound(err)) return false;
      throw requestError(`deleting integration ${id}`, err);
    }
  }
}
