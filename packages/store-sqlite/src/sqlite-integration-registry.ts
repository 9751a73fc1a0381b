import type { Statement, Transaction } from 'better-sqlite3';
import type { Integration } from '@pullwatch/core';
import type { IntegrationRegistry } from '@pullwatch/ports';
import type { SqliteDatabase } from './database.js';
import { withWriteRetry, type WriteRetryOptions } from './write-retry.js';

interface IntegrationRow {
  id: string;
  vendor: string;
  updated_at: number;
  doc: string;
}

/**
 * IntegrationRegistry over the `integrations` table (embedded mode): one row per id, the
 * integration as JSON. `put` creates or replaces in one transaction and says which; `list`
 * is sorted by id (ids are ASCII, so SQLite's byte order is JavaScript's). Values are
 * serialised in and parsed out: callers never share an object with the store. Writes failing
 * transiently are retried, then reject retriable (as SqliteEventStore.write).
 */
export class SqliteIntegrationRegistry implements IntegrationRegistry {
  readonly #db: SqliteDatabase;
  readonly #opts: WriteRetryOptions;
  readonly #list: Statement<[], { doc: string }>;
  readonly #get: Statement<[string], { doc: string }>;
  readonly #upsert: Statement<[IntegrationRow]>;
  readonly #delete: Statement<[string]>;
  readonly #put: Transaction<(row: IntegrationRow) => 'created' | 'updated'>;

  constructor(db: SqliteDatabase, opts: WriteRetryOptions = {}) {
    this.#db = db;
    this.#opts = opts;
    const h = db.handle;
    this.#list = h.prepare('SELECT doc FROM integrations ORDER BY id');
    this.#get = h.prepare('SELECT doc FROM integrations WHERE id = ?');
    this.#upsert = h.prepare(
      `INSERT INTO integrations (id, vendor, updated_at, doc) VALUES (@id, @vendor, @updated_at, @doc)
       ON CONFLICT (id) DO UPDATE SET vendor = excluded.vendor, updated_at = excluded.updated_at, doc = excluded.doc`,
    );
    this.#delete = h.prepare('DELETE FROM integrations WHERE id = ?');
    const exists = h.prepare<[string], { one: number }>('SELECT 1 AS one FROM integrations WHERE id = ?');
    this.#put = h.transaction((row: IntegrationRow) => {
      const existed = exists.get(row.id) !== undefined;
      this.#upsert.run(row);
      return existed ? 'updated' : 'created';
    });
  }

  async list(): Promise<Integration[]> {
    return this.#list.all().map((r) => JSON.parse(r.doc) as Integration);
  }

  async get(id: string): Promise<Integration | undefined> {
    const r = this.#get.get(id);
    return r === undefined ? undefined : (JSON.parse(r.doc) as Integration);
  }

  async put(integration: Integration): Promise<'created' | 'updated'> {
    const row: IntegrationRow = { id: integration.id, vendor: integration.vendor, updated_at: Date.now(), doc: JSON.stringify(integration) };
    return withWriteRetry(`storing integration ${integration.id}`, this.#db.path, this.#opts, () => this.#put.immediate(row));
  }

  async delete(id: string): Promise<boolean> {
    return withWriteRetry(`deleting integration ${id}`, this.#db.path, this.#opts, () => this.#delete.run(id).changes > 0);
  }

  /** Number of integrations stored. */
  get size(): number {
    return (this.#db.handle.prepare('SELECT COUNT(*) AS n FROM integrations').get() as { n: number }).n;
  }
}
