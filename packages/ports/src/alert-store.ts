import type { Alert, FirewallVendor, RootCause } from '@pullwatch/core';

export interface AlertFilter {
  status?: Alert['status'];
  vendor?: FirewallVendor;
  cause?: RootCause;
  integrationId?: string;
  /** Most alerts returned, newest `updated_at` first. Default 100. */
  limit?: number;
}

/**
 * AlertStore: alerts with their diagnosis and history (Elasticsearch index
 * `pullwatch-alerts`, SQLite embedded). Inside the contract: `upsert` by
 * `alert.id` is idempotent; `findOpen` returns the one open alert of an
 * integration, if any; reads see writes.
 */
export interface AlertStore {
  get(id: string): Promise<Alert | undefined>;
  findOpen(integrationId: string): Promise<Alert | undefined>;
  upsert(alert: Alert): Promise<void>;
  /** Several upserts in one round trip (a correlator run that opens thousands of alerts). */
  upsertMany(alerts: readonly Alert[]): Promise<void>;
  list(filter?: AlertFilter): Promise<Alert[]>;
}

/** What changed about an alert, for publication. */
export type AlertChange = 'opened' | 'updated' | 'resolved';

/**
 * AlertSink: tells the world about a new or changed alert (Kafka topic
 * `pullwatch.alerts`, signed webhooks). A failing destination never blocks the
 * others; `publish` resolves once every destination has accepted it or given
 * up after its retries (failures are logged and counted, not thrown).
 */
export interface AlertSink {
  publish(alert: Alert, change: AlertChange): Promise<void>;
}
