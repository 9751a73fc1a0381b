import type { Alert } from '@pullwatch/core';
import type { AlertFilter, AlertStore } from '@pullwatch/ports';

/** Default `limit` of `list`. */
export const DEFAULT_ALERT_LIMIT = 100;

/** Newest `updated_at` first; ties by id, so that every adapter orders the same way. */
export function compareAlerts(a: Alert, b: Alert): number {
  const d = Date.parse(b.updated_at) - Date.parse(a.updated_at);
  if (d !== 0) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** True when the alert passes every criterion of the filter that is set. */
export function alertMatches(alert: Alert, filter: AlertFilter): boolean {
  if (filter.status !== undefined && alert.status !== filter.status) return false;
  if (filter.vendor !== undefined && alert.integration.vendor !== filter.vendor) return false;
  if (filter.cause !== undefined && alert.diagnosis.primary.category !== filter.cause) return false;
  if (filter.integrationId !== undefined && alert.integration.id !== filter.integrationId) return false;
  return true;
}

/**
 * AlertStore in memory. `cause` filters on the diagnosis' primary category; `list` orders by
 * `updated_at` descending, then id. `findOpen` returns the open alert of the integration (the
 * most recently opened one, should there ever be more). Values are copied in and out.
 */
export class MemoryAlertStore implements AlertStore {
  readonly #byId = new Map<string, Alert>();

  async get(id: string): Promise<Alert | undefined> {
    const a = this.#byId.get(id);
    return a === undefined ? undefined : structuredClone(a);
  }

  async findOpen(integrationId: string): Promise<Alert | undefined> {
    let found: Alert | undefined;
    for (const a of this.#byId.values()) {
      if (a.status !== 'open' || a.integration.id !== integrationId) continue;
      if (found === undefined || Date.parse(a.opened_at) > Date.parse(found.opened_at)) found = a;
    }
    return found === undefined ? undefined : structuredClone(found);
  }

  async upsert(alert: Alert): Promise<void> {
    this.#byId.set(alert.id, structuredClone(alert));
  }

  async upsertMany(alerts: readonly Alert[]): Promise<void> {
    for (const a of alerts) this.#byId.set(a.id, structuredClone(a));
  }

  async list(filter: AlertFilter = {}): Promise<Alert[]> {
    const limit = Math.max(0, filter.limit ?? DEFAULT_ALERT_LIMIT);
    return [...this.#byId.values()]
      .filter((a) => alertMatches(a, filter))
      .sort(compareAlerts)
      .slice(0, limit)
      .map((a) => structuredClone(a));
  }

  /** Number of alerts stored (tests). */
  get size(): number {
    return this.#byId.size;
  }
}
