import type { Client } from '@elastic/elasticsearch';
import type { Logger } from '@pullwatch/telemetry';
import { fieldOf } from './evidence-queries.js';
import { requestError } from './state-index.js';

/** Pull-record fields an access-log document can provide (the keys of `pulls.fieldMap`). */
export type PullField = 'timestamp' | 'integrationId' | 'sourceIp' | 'status' | 'path' | 'method' | 'bytes' | 'userAgent';

/** Where each pull-record field is in an access-log document (dotted paths). */
export type PullFieldMap = Record<PullField, string>;

/** ECS access-log fields (what Elastic's nginx/apache integrations write), plus `labels.integration_id`. */
export const DEFAULT_PULL_FIELD_MAP: PullFieldMap = {
  timestamp: '@timestamp',
  integrationId: 'labels.integration_id',
  sourceIp: 'source.ip',
  status: 'http.response.status_code',
  path: 'url.path',
  method: 'http.request.method',
  bytes: 'http.response.body.bytes',
  userAgent: 'user_agent.original',
};

/** Takes the integration id from the endpoint's path, `/v1/integrations/<id>/content`. */
export const DEFAULT_INTEGRATION_ID_PATTERN = '/integrations/([^/]+)/';

export interface ExistingIndexPullSourceOptions {
  client: Client;
  /** Index, alias, data stream or pattern holding the endpoint's access logs (`pulls.sourceIndex`). */
  index: string;
  /** Where the pull fields are; given keys replace the defaults of DEFAULT_PULL_FIELD_MAP (`pulls.fieldMap`). */
  fieldMap?: Partial<Record<PullField, string>>;
  /**
   * Regular expression whose first group is the integration id in the path, for
   * documents without the `integrationId` field (`pulls.integrationIdPattern`).
   */
  integrationIdPattern?: string;
  /** Documents per request. Default 1000 (`pulls.sourceBatchSize`). */
  batchSize?: number;
  /**
   * Each read starts this long before the checkpoint, in milliseconds, to catch
   * documents indexed late (`pulls.sourceLagMs`, default 120000). Re-read records
   * get the same id and are stored once.
   */
  lagMs?: number;
  /** Without a checkpoint, read from now − this, in milliseconds. Default 26 h. */
  initialLookbackMs?: number;
  logger?: Logger;
}

/** One page of access-log documents, mapped to pull-record shape (not validated yet: pass them to `normalisePulls`). */
export interface PullSourceBatch {
  records: unknown[];
  /** Documents without an integration id (neither the field nor a matching path): not pulls of an integration. */
  skipped: number;
  /** The newest timestamp read so far, ISO-8601: the checkpoint once this batch is stored. */
  checkpoint: string;
}

export interface PullSourceLoop {
  stop(): Promise<void>;
}

/**
 * Reads pull records from an index the endpoint already writes its access logs
 * to. Each read takes the documents from (checkpoint − lag) on, oldest first,
 * in pages (a point in time, sorted by the timestamp field, `search_after`), and
 * maps the configured fields to a pull record. The caller validates and stores
 * them (`normalisePulls`, `indexPulls`), then keeps the batch's checkpoint:
 * records are identified by content, so reading a document twice (the lag, a
 * restart before the checkpoint was kept) stores it once.
 */
export class ExistingIndexPullSource {
  readonly index: string;
  readonly fieldMap: PullFieldMap;
  readonly #client: Client;
  readonly #idPattern: RegExp;
  readonly #batchSize: number;
  readonly #lagMs: number;
  readonly #initialLookbackMs: number;
  readonly #log: Logger | undefined;
  /** Requests sent (searches and point-in-time opens/closes). */
  requests = 0;

  constructor(opts: ExistingIndexPullSourceOptions) {
    this.#client = opts.client;
    this.index = opts.index;
    this.fieldMap = { ...DEFAULT_PULL_FIELD_MAP, ...opts.fieldMap };
    this.#idPattern = new RegExp(opts.integrationIdPattern ?? DEFAULT_INTEGRATION_ID_PATTERN);
    this.#batchSize = opts.batchSize ?? 1000;
    this.#lagMs = opts.lagMs ?? 120_000;
    this.#initialLookbackMs = opts.initialLookbackMs ?? 26 * 3600_000;
    this.#log = opts.logger?.child({ component: 'pull-source', index: opts.index });
  }

  /** Maps one access-log document to a pull record (unvalidated), or `undefined` when it names no integration. */
  toPullRecord(source: Record<string, unknown>): Record<string, unknown> | undefined {
    const f = this.fieldMap;
    const path = fieldOf(source, f.path);
    let integrationId = fieldOf(source, f.integrationId);
    if (integrationId === undefined || integrationId === null || integrationId === '') {
      integrationId = typeof path === 'string' ? this.#idPattern.exec(path)?.[1] : undefined;
      if (integrationId === undefined) return undefined;
      try {
        integrationId = decodeURIComponent(String(integrationId));
      } catch {
        // Not percent-encoded after all: keep it as it is.
      }
    }
    const status = fieldOf(source, f.status);
    const method = fieldOf(source, f.method);
    const bytes = fieldOf(source, f.bytes);
    const agent = fieldOf(source, f.userAgent);
    const ts = fieldOf(source, f.timestamp);
    return {
      '@timestamp': typeof ts === 'number' ? new Date(ts).toISOString() : ts,
      integration: { id: String(integrationId) },
      source: { ip: fieldOf(source, f.sourceIp) },
      http: {
        ...(method !== undefined && method !== null ? { request: { method: String(method).toUpperCase() } } : {}),
        response: {
          status_code: numeric(status),
          ...(bytes !== undefined && bytes !== null ? { body: { bytes: numeric(bytes) } } : {}),
        },
      },
      ...(typeof path === 'string' ? { url: { path } } : {}),
      ...(typeof agent === 'string' ? { user_agent: { original: agent } } : {}),
    };
  }

  /**
   * Reads every document from (checkpoint − lag) — or now − initial look-back
   * without a checkpoint — to now, oldest first, calling `onBatch` once per page
   * and waiting for it. Resolves with the new checkpoint (unchanged when nothing
   * was read). A batch handler that throws stops the read: keep only the
   * checkpoint of the last batch that was stored.
   */
  async read(checkpoint: string | undefined, onBatch: (batch: PullSourceBatch) => Promise<void>, now: Date = new Date()): Promise<string | undefined> {
    const from = checkpoint !== undefined ? Date.parse(checkpoint) - this.#lagMs : now.getTime() - this.#initialLookbackMs;
    const tsField = this.fieldMap.timestamp;
    let pit: string;
    try {
      this.requests++;
      pit = (await this.#client.openPointInTime({ index: this.index, keep_alive: '2m', ignore_unavailable: true, allow_no_indices: true } as never)).id;
    } catch (err) {
      throw requestError(`opening a point in time on ${this.index}`, err);
    }
    let newest = checkpoint !== undefined ? Date.parse(checkpoint) : undefined;
    try {
      let after: unknown[] | undefined;
      for (;;) {
        let hits: Array<{ _source?: Record<string, unknown>; sort?: unknown[] }>;
        try {
          this.requests++;
          const resp = await this.#client.search<Record<string, unknown>>({
            pit: { id: pit, keep_alive: '2m' },
            size: this.#batchSize,
            track_total_hits: false,
            query: { bool: { filter: [{ range: { [tsField]: { gte: from, lte: now.getTime(), format: 'epoch_millis' } } }] } },
            sort: [{ [tsField]: { order: 'asc', unmapped_type: 'date', format: 'epoch_millis' } }] as never,
            ...(after ? { search_after: after as never } : {}),
          });
          pit = resp.pit_id ?? pit;
          hits = resp.hits.hits;
        } catch (err) {
          throw requestError(`reading pull records from ${this.index}`, err);
        }
        if (hits.length === 0) break;
        const records: unknown[] = [];
        let skipped = 0;
        for (const h of hits) {
          const r = h._source ? this.toPullRecord(h._source) : undefined;
          if (r) records.push(r);
          else skipped++;
          const t = Number(h.sort?.[0]);
          if (Number.isFinite(t) && (newest === undefined || t > newest)) newest = t;
        }
        await onBatch({ records, skipped, checkpoint: new Date(newest ?? from).toISOString() });
        if (hits.length < this.#batchSize) break;
        after = hits[hits.length - 1]!.sort;
      }
    } finally {
      this.requests++;
      await this.#client.closePointInTime({ id: pit }).catch(() => undefined);
    }
    return newest !== undefined ? new Date(newest).toISOString() : checkpoint;
  }

  /**
   * Reads every `intervalMs` until stopped. `onCheckpoint` receives the
   * checkpoint after each stored batch (persist it to resume after a restart).
   * A failed read is logged and retried at the next tick from the last
   * checkpoint.
   */
  start(opts: {
    intervalMs: number;
    checkpoint?: string;
    onBatch: (batch: PullSourceBatch) => Promise<void>;
    onCheckpoint?: (checkpoint: string) => void | Promise<void>;
    /** The clock (tests). Default: the system clock. */
    now?: () => Date;
  }): PullSourceLoop {
    let checkpoint = opts.checkpoint;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const tick = async () => {
      try {
        await this.read(checkpoint, async (batch) => {
          await opts.onBatch(batch);
          checkpoint = batch.checkpoint;
          await opts.onCheckpoint?.(batch.checkpoint);
        }, opts.now?.());
      } catch (err) {
        this.#log?.warn({ err }, 'Reading pull records from the access-log index failed; retrying at the next poll.');
      }
      if (!stopped) timer = setTimeout(() => void (running = tick()), opts.intervalMs);
    };
    running = tick();
    return {
      stop: async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        await running;
      },
    };
  }
}

function numeric(v: unknown): unknown {
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return v;
}
