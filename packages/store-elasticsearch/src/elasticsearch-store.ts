import { readFileSync } from 'node:fs';
import { Client, errors } from '@elastic/elasticsearch';
import { PullwatchError } from '@pullwatch/core';
import type { EventStore, RejectedDocument, StoreFeatures, StoredDocument, WriteResult } from '@pullwatch/ports';
import type { Logger } from '@pullwatch/telemetry';
import { ElasticsearchAlertStore } from './elasticsearch-alert-store.js';
import { ElasticsearchIntegrationRegistry } from './elasticsearch-integration-registry.js';
import { firewallTemplate } from './firewall-template.js';
import { streamBase, streamPattern } from './mapping-tree.js';
import { pullsTemplate } from './pulls-template.js';

export interface ElasticsearchStoreOptions {
  url: string;
  username?: string;
  password?: string;
  apiKey?: string;
  caFile?: string;
  logger: Logger;
  /** Data stream (or index) of firewall events. */
  firewallStream: string;
  /** Data stream of pull records; `setup` installs its template when set. */
  pullsStream?: string;
  /** Index of alerts; `setup` installs its template and creates it when set. */
  alertsIndex?: string;
  /** Index of the integrations registry; `setup` installs its template and creates it when set. */
  integrationsIndex?: string;
  bulkMaxDocs?: number;
  /** Retries of 429/5xx items before `write` rejects (retriable). */
  bulkMaxRetries?: number;
  requestTimeoutMs?: number;
  /** First back-off delay in ms (doubles per retry). Lower in tests. */
  retryBaseMs?: number;
}

/** Statuses of bulk items worth retrying: overload and transient server errors. */
const RETRIABLE = new Set([429, 500, 502, 503, 504]);

/**
 * EventStore over Elasticsearch. Writes with the bulk API, `create` with the
 * envelope id as `_id`: a replay answers 409 per item, counted as a duplicate.
 * The bulk answer is read item by item (it is HTTP 200 even when items failed).
 */
export class ElasticsearchStore implements EventStore {
  readonly client: Client;
  readonly #opts: ElasticsearchStoreOptions;
  readonly #log: Logger;
  #features: StoreFeatures = {};

  constructor(opts: ElasticsearchStoreOptions) {
    this.#opts = opts;
    this.#log = opts.logger.child({ component: 'elasticsearch' });
    this.client = new Client({
      node: opts.url,
      requestTimeout: opts.requestTimeoutMs ?? 30_000,
      maxRetries: 3,
      ...(opts.apiKey ? { auth: { apiKey: opts.apiKey } } : opts.username ? { auth: { username: opts.username, password: opts.password ?? '' } } : {}),
      ...(opts.caFile ? { tls: { ca: readFileSync(opts.caFile) } } : {}),
    });
  }

  get features(): StoreFeatures {
    return this.#features;
  }

  /**
   * Installs the index template of the firewall stream (and of the pulls
   * stream, alerts and integrations indices when configured). Detects what the
   * cluster offers (data streams, ILM, field types) and degrades: without data
   * streams the same name is a plain index; a missing field type falls back to
   * a close one. Each degradation is logged once and reported in the result.
   */
  async setup(): Promise<StoreFeatures> {
    const features: StoreFeatures = {};
    const probe = async (name: string, path: string, note: string) => {
      try {
        await this.client.transport.request({ method: 'GET', path });
        features[name] = { available: true };
      } catch (err) {
        if (err instanceof errors.ConnectionError) throw unavailable(err, this.#opts.url);
        features[name] = { available: false, note };
      }
    };
    await probe('data_stream_api', '/_data_stream', 'the _data_stream REST API is unavailable: streams are still created by the first write; list them with GET _resolve/index');
    await probe('ilm', '/_ilm/status', 'index lifecycle management unavailable: no retention policy is applied; delete old data yourself');
    await probe('security', '/_security/_authenticate', 'security unavailable or disabled: the cluster accepts unauthenticated requests');

    const pattern = `${this.#opts.firewallStream.replace(/-[^-]*$/, '')}-*`;
    const name = this.#opts.firewallStream.replace(/-[^-]*$/, '');
    const unavailableTypes = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.client.indices.putIndexTemplate({
          name,
          ...(firewallTemplate({ pattern, dataStream: true, unavailableTypes }) as object),
        } as never);
        break;
      } catch (err) {
        const reason = errorReason(err);
        const detail = err instanceof errors.ResponseError ? JSON.stringify(err.meta.body) : reason;
        const m = /mapper type \[([a-z_]+)\]|No handler for type \[([a-z_]+)\]/.exec(detail);
        const missing = m?.[1] ?? m?.[2];
        if (!missing || unavailableTypes.has(missing)) throw new PullwatchError(`installing index template ${name}: ${reason}`, 'es_unavailable', { cause: err });
        unavailableTypes.add(missing);
        features[`field_type_${missing}`] = { available: false, note: `field type ${missing} unavailable: mapped as a fallback type` };
      }
    }
    await this.#setupStateStores();
    for (const [feature, f] of Object.entries(features)) {
      if (!f.available) this.#log.warn({ feature, note: f.note }, 'Elasticsearch feature unavailable; degrading.');
    }
    this.#features = features;
    return features;
  }

  /** Templates (and indices) of the pulls stream, alerts and integrations, for those configured. */
  async #setupStateStores(): Promise<void> {
    const { pullsStream, alertsIndex, integrationsIndex } = this.#opts;
    if (pullsStream) {
      try {
        await this.client.indices.putIndexTemplate({ name: streamBase(pullsStream), ...(pullsTemplate({ pattern: streamPattern(pullsStream) }) as object) } as never);
      } catch (err) {
        throw new PullwatchError(`installing index template ${streamBase(pullsStream)}: ${errorReason(err)}`, 'es_unavailable', { cause: err, retriable: isTransient(err) });
      }
    }
    if (alertsIndex) await new ElasticsearchAlertStore({ client: this.client, index: alertsIndex }).setup();
    if (integrationsIndex) await new ElasticsearchIntegrationRegistry({ client: this.client, index: integrationsIndex }).setup();
  }

  async write(stream: string, docs: StoredDocument[]): Promise<WriteResult> {
    const result: WriteResult = { created: 0, duplicates: 0, rejected: [] };
    const max = this.#opts.bulkMaxDocs ?? 2000;
    for (let i = 0; i < docs.length; i += max) await this.#writeChunk(stream, docs.slice(i, i + max), result);
    return result;
  }

  async #writeChunk(stream: string, docs: StoredDocument[], result: WriteResult): Promise<void> {
    let pending = docs;
    const maxRetries = this.#opts.bulkMaxRetries ?? 8;
    const base = this.#opts.retryBaseMs ?? 200;
    for (let attempt = 0; ; attempt++) {
      const retry: StoredDocument[] = [];
      let lastReason = '';
      try {
        const operations: unknown[] = [];
        for (const d of pending) operations.push({ create: { _index: stream, _id: d.id } }, d.doc);
        const resp = await this.client.bulk({ operations });
        resp.items.forEach((item, i) => {
          const r = item.create ?? item.index;
          const doc = pending[i]!;
          const status = r?.status ?? 0;
          if (status === 201 || status === 200) result.created++;
          else if (status === 409) result.duplicates++;
          else if (RETRIABLE.has(status)) {
            retry.push(doc);
            lastReason = errorText(r?.error);
          } else result.rejected.push({ ...doc, status, reason: errorText(r?.error) } satisfies RejectedDocument);
        });
      } catch (err) {
        if (!isTransient(err)) throw new PullwatchError(`sending bulk request: ${errorReason(err)}`, 'es_bulk_item', { cause: err });
        retry.push(...pending);
        lastReason = errorReason(err);
      }
      if (retry.length === 0) return;
      if (attempt >= maxRetries) {
        throw new PullwatchError(
          `bulk request: ${retry.length} document(s) still failing after ${attempt + 1} attempts: ${lastReason}`,
          'es_unavailable',
          { retriable: true },
        );
      }
      const delay = Math.min(30_000, base * 2 ** attempt);
      this.#log.warn({ retrying: retry.length, attempt, delay_ms: delay, reason: lastReason }, 'Bulk items failed; retrying.');
      await new Promise((r) => setTimeout(r, delay));
      pending = retry;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

function isTransient(err: unknown): boolean {
  if (err instanceof errors.ConnectionError || err instanceof errors.TimeoutError || err instanceof errors.NoLivingConnectionsError) return true;
  if (err instanceof errors.ResponseError) return RETRIABLE.has(err.statusCode ?? 0);
  return false;
}

function errorText(e: unknown): string {
  if (!e || typeof e !== 'object') return 'unknown error';
  const { type, reason, caused_by } = e as { type?: string; reason?: string; caused_by?: { type?: string; reason?: string } };
  return [type, reason, caused_by ? `caused by ${caused_by.type}: ${caused_by.reason}` : ''].filter(Boolean).join(': ');
}

function errorReason(err: unknown): string {
  if (err instanceof errors.ResponseError) {
    const body = err.meta.body as { error?: unknown } | undefined;
    return body?.error ? errorText(body.error) : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

function unavailable(err: unknown, url: string): PullwatchError {
  return new PullwatchError(`Elasticsearch not reachable at ${redactUrl(url)}: ${errorReason(err)}`, 'es_unavailable', { retriable: true, cause: err });
}

const redactUrl = (url: string) => url.replace(/\/\/[^/@]*@/, '//[REDACTED]@');
