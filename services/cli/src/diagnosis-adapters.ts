import type { Config } from '@pullwatch/config';
import { BusAlertSink, FanoutAlertSink, WebhookAlertSink, type WebhookTarget } from '@pullwatch/alert-sinks';
import { BusPullIntake, StorePullIntake, type PullIntake } from '@pullwatch/api';
import type { KafkaBus } from '@pullwatch/bus-kafka';
import type { AlertSink, BusProducer } from '@pullwatch/ports';
import { BullmqScheduler } from '@pullwatch/scheduler-bullmq';
import {
  ElasticsearchAlertStore,
  ElasticsearchEvidenceSource,
  ElasticsearchIntegrationRegistry,
  ElasticsearchPullTimeline,
  ElasticsearchStore,
} from '@pullwatch/store-elasticsearch';
import type { Logger, Registry } from '@pullwatch/telemetry';
import { elasticsearchStore } from './adapters.js';

/**
 * The distributed adapters of the diagnosis side (api, correlator): Elasticsearch
 * stores, the BullMQ scheduler, alert sinks and the pull intake. The twin of
 * adapters.ts (Kafka bus, event store) for the ingest side; both read the same
 * configuration.
 */

/** Elasticsearch: the event store (which installs every template and state index) and the diagnosis ports over its client. */
export interface DiagnosisStores {
  store: ElasticsearchStore;
  registry: ElasticsearchIntegrationRegistry;
  alerts: ElasticsearchAlertStore;
  evidence: ElasticsearchEvidenceSource;
  /** Pulls over time for the page's chart (GET /v1/integrations/:id/pulls/timeline). */
  timeline: ElasticsearchPullTimeline;
}

export function diagnosisStores(config: Config, logger: Logger): DiagnosisStores {
  const es = config.elasticsearch;
  const store = elasticsearchStore(config, logger);
  return {
    store,
    registry: new ElasticsearchIntegrationRegistry({ client: store.client, index: es.integrationsIndex }),
    alerts: new ElasticsearchAlertStore({ client: store.client, index: es.alertsIndex }),
    evidence: new ElasticsearchEvidenceSource({ client: store.client, pullsIndex: es.pullsStream, firewallIndex: es.firewallStream }),
    timeline: new ElasticsearchPullTimeline({ client: store.client, pullsIndex: es.pullsStream }),
  };
}

/** The Redis URL of the scheduler, with `correlator.redisPassword` put in. */
export function schedulerRedisUrl(config: Config): string {
  const c = config.correlator;
  if (!c.redisPassword) return c.redisUrl;
  const u = new URL(c.redisUrl);
  u.password = encodeURIComponent(c.redisPassword.reveal());
  return u.toString();
}

export function bullmqScheduler(config: Config, logger: Logger): BullmqScheduler {
  const c = config.correlator;
  return new BullmqScheduler({
    redisUrl: schedulerRedisUrl(config),
    prefix: c.queuePrefix,
    logger,
    concurrency: c.concurrency,
    lockDurationMs: c.lockDurationMs,
    stalledIntervalMs: c.stalledIntervalMs,
    backoffMs: c.backoffMs,
    defaultAttempts: c.attempts,
  });
}

/** Every configured webhook: `alerts.webhooks` (file form) then `alerts.webhookUrls` signed with `alerts.webhookSecret`. */
export function webhookTargets(config: Config): WebhookTarget[] {
  const a = config.alerts;
  const secret = a.webhookSecret?.reveal();
  return [
    ...a.webhooks.map((w) => ({ url: w.url.reveal(), secret: w.secret.reveal() })),
    ...(secret ? a.webhookUrls.map((url) => ({ url: url.reveal(), secret })) : []),
  ];
}

/** Kafka (`alerts.topic`) plus every webhook, as one sink; the caller closes the producer. */
export async function alertSink(config: Config, bus: KafkaBus, producer: BusProducer, logger: Logger, registry?: Registry): Promise<AlertSink> {
  await bus.ensureTopics([config.alerts.topic]);
  const sinks: AlertSink[] = [new BusAlertSink({ producer, topic: config.alerts.topic, logger, ...(registry ? { registry } : {}) })];
  const targets = webhookTargets(config);
  if (targets.length > 0) {
    const webhooks = new WebhookAlertSink({
      targets,
      logger,
      timeoutMs: config.alerts.webhookTimeoutMs,
      maxAttempts: config.alerts.webhookMaxAttempts,
      backoffMs: config.alerts.webhookBackoffMs,
      ...(registry ? { registry } : {}),
    });
    logger.info({ webhooks: webhooks.urls }, 'Alert webhooks configured.');
    sinks.push(webhooks);
  }
  return new FanoutAlertSink(sinks, logger);
}

/** Where POST /v1/pulls puts records (`api.pullsTo`): the pulls topic for the workers, or the pulls data stream. */
export async function pullIntake(config: Config, bus: KafkaBus, producer: BusProducer, store: ElasticsearchStore): Promise<PullIntake> {
  if (config.api.pullsTo === 'store') return new StorePullIntake(store, config.elasticsearch.pullsStream);
  await bus.ensureTopics([config.pulls.topic]);
  return new BusPullIntake(producer, config.pulls.topic);
}
