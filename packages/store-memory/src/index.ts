/**
 * @pullwatch/store-memory: the ports in memory (integrations registry, alert store, evidence
 * source), for `pullwatch diagnose` and tests. The same contract suites run against these and
 * the Elasticsearch and SQLite adapters (test/unit/store-memory/*.contract.ts).
 */
export { MemoryIntegrationRegistry } from './memory-integration-registry.js';
export { MemoryAlertStore, alertMatches, compareAlerts, DEFAULT_ALERT_LIMIT } from './memory-alert-store.js';
export { MemoryEvidenceSource } from './memory-evidence-source.js';
export { deviceMatches, deviceLabel, excerptText, HOSTNAME_FIELDS, SERIAL_FIELD, ADDRESS_FIELD } from './device-match.js';
export { MemoryPullTimeline, addPullsTo } from './memory-pull-timeline.js';
