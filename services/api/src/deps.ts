import type { AlertSink, AlertStore, EvidenceSource, IntegrationRegistry, PullTimeline } from '@pullwatch/ports';
import type { Logger, Registry } from '@pullwatch/telemetry';
import type { PullIntake } from './pull-intake.js';

/** Limits and diagnosis settings of the API. Durations in milliseconds. */
export interface ApiSettings {
  /** No successful pull for this long: offline (correlator.offlineAfterMs). @defaultValue 86400000 */
  offlineAfterMs: number;
  /** How far back evidence is searched (correlator.lookbackMs). @defaultValue 604800000 */
  lookbackMs: number;
  /** Largest JSON body, bytes. @defaultValue 1 MiB */
  bodyLimitBytes: number;
  /** Largest NDJSON body of POST /v1/pulls, bytes. @defaultValue 16 MiB */
  pullsBodyLimitBytes: number;
  /** Pull records handed to the intake per batch. @defaultValue 1000 */
  pullsBatchRecords: number;
  /** Longest a request may take. @defaultValue 60000 */
  requestTimeoutMs: number;
  /** Rejected lines listed in a POST /v1/pulls answer, at most (the count is always exact). @defaultValue 1000 */
  maxRejectedListed: number;
}

export const DEFAULT_API_SETTINGS: ApiSettings = {
  offlineAfterMs: 86_400_000,
  lookbackMs: 7 * 86_400_000,
  bodyLimitBytes: 1024 * 1024,
  pullsBodyLimitBytes: 16 * 1024 * 1024,
  pullsBatchRecords: 1000,
  requestTimeoutMs: 60_000,
  maxRejectedListed: 1000,
};

/** What the API works on: ports only, so it runs on the Elasticsearch adapters, SQLite or memory. */
export interface ApiDeps {
  registry: IntegrationRegistry;
  alerts: AlertStore;
  evidence: EvidenceSource;
  /** Where accepted pull records go (Kafka topic or straight into the store). */
  pulls: PullIntake;
  /** Pulls over time, for `GET /v1/integrations/:id/pulls/timeline` and the page's chart; that route answers 501 when absent. */
  timeline?: PullTimeline;
  /** Told about the external alerts POST /v1/alerts stores (Kafka, webhooks); none when absent. */
  sink?: AlertSink;
  logger: Logger;
  /** Prometheus registry served on /metrics; a new one when absent. */
  metrics?: Registry;
  /** The time of on-demand diagnoses (tests pass a fixed clock). */
  clock?: () => Date;
  /** Health checks of backing services for /healthz: each resolves when the service is fine. */
  checks?: Record<string, () => Promise<unknown>>;
  settings?: Partial<ApiSettings>;
}
