import type { Statement } from 'better-sqlite3';
import type { Alert } from '@pullwatch/core';
import type { AlertFilter, AlertStore } from '@pullwatch/ports';
import type { SqliteDatabase } from './database.js';
import { withWriteRetry, type WriteRetryOptions } from './write-retry.js';

/** Default `limit` of `list` (the port's). */
export const DEFAULT_ALERT_LIMIT = 100;

interface AlertRow {
  id: string;
  status: string;
  vendor: string;
  cause: string | null;
  integration_id: string;
  opened_at: number | null;
  updated_at: number | null;
  doc: string;
}

/** Epoch ms of an ISO-8601 time, or null when unreadable (sorted last). */
const ms = (iso: string | undefined): number | null => {
  const t = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(t) ? null : t;
};

/**
 * AlertStore over the `alerts` table (embedded mode): the alert as JSON, with its status,
 * vendor, cause (the diagnosis' primary category), integration id and times in indexed
 * columns. `upsert` by id keeps the row (and its insertion rank). `list` filters on the
 * columns and orders by `updated_at` newest first, then id (as MemoryAlertStore);
 * `findOpen` returns the most recently opened open alert of the integration (ties: the first
 * stored, as MemoryAlertStore). Writes failing transiently are retried, then reject retriable
 * (as SqliteEventStore.write).
 */
export class SqliteAlertStore implements AlertStore {
  readonly #db: SqliteDatabase;
  readonly #opts: WriteRetryOptions;
  readonly #get: Statement<[string], { doc: string }>;
  readonly #findOpen: Statement<[string], { doc: string }>;
  readonly #upsert: Statement<[AlertRow]>;

  constructor(db: SqliteDatabase, opts: WriteRetryOptions = {}) {
    this.#db = db;
    this.#opts = opts;
    const h = db.handle;
    this.#get = h.prepare('SELECT doc FROM alerts WHERE id = ?');
    this.#findOpen = h.prepare("SELECT doc FROM alerts WHERE integration_id = ? AND status = 'open' ORDER BY opened_at DESC, rid LIMIT 1");
    this.#upsert = h.prepare(
      `INSERT INTO alerts (id, status, vendor, cause, integration_id, opened_at, updated_at, doc)
       VALUES (@id, @status, @vendor, @cause, @integration_id, @opened_at, @updated_at, @doc)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, vendor = excluded.vendor, cause = excluded.cause,
         integration_id = excluded.integration_id, opened_at = excluded.opened_at, updated_at = excluded.updated_at, doc = excluded.doc`,
    );
  }

  async get(id: string): Promise<Alert | undefined> {
    const r = this.#get.get(id);
    return r === undefined ? undefined : (JSON.parse(r.doc) as Alert);
  }

  async findOpen(integrationId: string): Promise<Alert | undefined> {
    const r = this.#findOpen.get(integrationId);
    return r === undefined ? undefined : (JSON.parse(r.doc) as Alert);
  }

  async upsert(alert: Alert): Promise<void> {
    await this.upsertMany([alert]);
  }

  /** One transaction for the whole batch. */
  async upsertMany(alerts: readonly Alert[]): Promise<void> {
    if (alerts.length === 0) return;
    const rows: AlertRow[] = alerts.map((alert) => ({
      id: alert.id,
      status: alert.status,
      vendor: alert.integration.vendor,
      cause: alert.diagnosis?.primary?.category ?? null,
      integration_id: alert.integration.id,
      opened_at: ms(alert.opened_at),
      updated_at: ms(alert.updated_at),
      doc: JSON.stringify(alert),
    }));
    const write = this.#db.handle.transaction((batch: AlertRow[]) => {
      for (const row of batch) this.#upsert.run(row);
    });
    await withWriteRetry(`storing ${alerts.length} alert(s)`, this.#db.path, this.#opts, () => write(rows));
  }


  async list(filter: AlertFilter = {}): Promise<Alert[]> {
    // As Array.prototype.slice(0, limit): fractions truncate, NaN and below 1 give nothing, Infinity everything.
    const wanted = Math.max(0, filter.limit ?? DEFAULT_ALERT_LIMIT);
    if (Number.isNaN(wanted) || wanted < 1) return [];
    const limit = Number.isFinite(wanted) ? Math.floor(wanted) : -1;
    const where: string[] = [];
    const params: Record<string, string | number> = { limit };
    const eq = (column: string, value: string | undefined): void => {
      if (value === undefined) return;
      where.push(`${column} = @${column}`);
      params[column] = value;
    };
    eq('status', filter.status);
    eq('vendor', filter.vendor);
    eq('cause', filter.cause);
    eq('integration_id', filter.integrationId);
    const sql = `SELECT doc FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id LIMIT @limit`;
    return this.#db.handle
      .prepare<Record<string, string | number>, { doc: string }>(sql)
      .all(params)
      .map((r) => JSON.parse(r.doc) as Alert);
  }

  /** Number of alerts stored. */
  get size(): number {
    return (this.#db.handle.prepare('SELECT COUNT(*) AS n FROM alerts').get() as { n: number }).n;
  }
}
