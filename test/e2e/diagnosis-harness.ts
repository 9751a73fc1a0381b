/**
 * The whole distributed pipeline in this process, against the real local Kafka,
 * Elasticsearch and Redis: the receiver and a worker (as in pipeline-harness.ts, from which
 * this is copied and extended), plus the diagnosis side composed by the CLI's
 * diagnosis-adapters.ts: the HTTP API (pulls published to Kafka), a pull consumer, a
 * correlator on BullMQ with a fake clock, and alert sinks (Kafka topic, a signed webhook to
 * a local receiver). Every topic, consumer group, data stream, index and queue prefix is
 * the run's own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi, type ApiHandle } from '@pullwatch/api';
import { KafkaBus } from '@pullwatch/bus-kafka';
import { loadConfig, type Config } from '@pullwatch/config';
import { startCorrelator, type CorrelatorHandle } from '@pullwatch/correlator';
import { startPullConsumer, type PullConsumerHandle } from '@pullwatch/pulls';
import { BusDeadLetters } from '@pullwatch/ingest';
import type { BusProducer } from '@pullwatch/ports';
import { startReceiver, type ReceiverHandle } from '@pullwatch/receiver';
import { ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { createLogger, createRegistry, type Logger } from '@pullwatch/telemetry';
import { startWorker, type WorkerHandle } from '@pullwatch/worker';
import { alertSink, bullmqScheduler, diagnosisStores, pullIntake, type DiagnosisStores } from '../../services/cli/src/diagnosis-adapters.js';
import { endpoints, uniqueName } from '../helpers/services.js';
import { deleteKeys } from '../integration/scheduler/redis-server.helpers.js';
import { LogSink } from './pipeline-harness.js';

/** A webhook request as the local receiver got it. */
export interface ReceivedWebhook {
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface DiagnosisPipeline {
  id: string;
  config: Config;
  logger: Logger;
  logs: LogSink;
  bus: KafkaBus;
  stores: DiagnosisStores;
  receiver: ReceiverHandle;
  worker: WorkerHandle;
  api: ApiHandle;
  apiUrl: string;
  pullConsumer: PullConsumerHandle;
  webhooks: ReceivedWebhook[];
  webhookSecret: string;
  /** The correlator's clock: set it to move time. */
  clock: { now: number };
  tcpPort: number;
  /** Starts the correlator (after the test has put its data in). */
  startCorrelator(): Promise<CorrelatorHandle>;
  stop(): Promise<void>;
}

export async function startDiagnosisPipeline(opts: { now: number }): Promise<DiagnosisPipeline> {
  const id = uniqueName('e2ed').toLowerCase().replace(/[^a-z0-9]/g, '');
  const webhookSecret = `whsec-${id}`;
  const webhooks: ReceivedWebhook[] = [];
  const hookServer: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      webhooks.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks/pullwatch`;

  const config = loadConfig({
    env: {
      PULLWATCH_KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      PULLWATCH_ES_URL: endpoints.esUrl,
      PULLWATCH_KAFKA_RAW_TOPIC: `pullwatch.syslog.raw.${id}`,
      PULLWATCH_KAFKA_DEAD_LETTER_TOPIC: `pullwatch.deadletter.${id}`,
      PULLWATCH_KAFKA_TOPIC_PARTITIONS: '3',
      PULLWATCH_WORKER_GROUP_ID: `pullwatch-worker-${id}`,
      PULLWATCH_ES_FIREWALL_STREAM: `logs-pullwatch.firewall-${id}`,
      PULLWATCH_ES_PULLS_STREAM: `logs-pullwatch.pulls-${id}`,
      PULLWATCH_ES_ALERTS_INDEX: `pullwatch-alerts-${id}`,
      PULLWATCH_ES_INTEGRATIONS_INDEX: `pullwatch-integrations-${id}`,
      PULLWATCH_PULLS_TOPIC: `pullwatch.pulls.raw.${id}`,
      PULLWATCH_ALERTS_TOPIC: `pullwatch.alerts.${id}`,
      PULLWATCH_ALERTS_WEBHOOKS: JSON.stringify([{ url: hookUrl, secret: webhookSecret }]),
      PULLWATCH_ALERTS_WEBHOOK_BACKOFF_MS: '50',
      PULLWATCH_API_HOST: '127.0.0.1',
      PULLWATCH_API_PORT: '0',
      PULLWATCH_API_PULLS_TO: 'bus',
      PULLWATCH_CORRELATOR_INTERVAL_MS: '1000',
      PULLWATCH_CORRELATOR_SHARDS: '4',
      PULLWATCH_CORRELATOR_REDIS_URL: endpoints.redisUrl,
      PULLWATCH_CORRELATOR_QUEUE_PREFIX: `e2e-${id}`,
      PULLWATCH_CORRELATOR_STALLED_INTERVAL_MS: '1000',
      PULLWATCH_CORRELATOR_HTTP_PORT: '0',
      PULLWATCH_RECEIVER_UDP_HOST: '127.0.0.1',
      PULLWATCH_RECEIVER_UDP_PORT: '0',
      PULLWATCH_RECEIVER_TCP_HOST: '127.0.0.1',
      PULLWATCH_RECEIVER_TCP_PORT: '0',
      PULLWATCH_RECEIVER_HTTP_PORT: '0',
      PULLWATCH_WORKER_HTTP_PORT: '0',
      PULLWATCH_WORKER_SESSION_TIMEOUT_MS: '10000',
      PULLWATCH_LOG_LEVEL: 'info',
    },
  });
  const logs = new LogSink();
  const logger = createLogger({ service: 'pullwatch-e2e', level: 'info', destination: logs });
  const bus = new KafkaBus({
    brokers: config.kafka.brokers,
    clientId: `pw-${id}`,
    logger,
    topicPartitions: config.kafka.topicPartitions,
    sessionTimeoutMs: config.worker.sessionTimeoutMs,
  });
  const workerStore = new ElasticsearchStore({ url: config.elasticsearch.url, logger, firewallStream: config.elasticsearch.firewallStream, retryBaseMs: 50 });
  const stores = diagnosisStores(config, logger);
  await stores.store.setup();

  const worker = await startWorker(config, bus, workerStore, logger);
  const receiver = await startReceiver(config, bus, logger);
  const producer: BusProducer = await bus.producer();
  const metrics = createRegistry('e2e');
  const sink = await alertSink(config, bus, producer, logger, metrics);
  const pulls = await pullIntake(config, bus, producer, stores.store);
  const api = await startApi(config, { registry: stores.registry, alerts: stores.alerts, evidence: stores.evidence, pulls, sink }, logger);
  await bus.ensureTopics([config.kafka.deadLetterTopic]);
  const pullConsumer = await startPullConsumer({
    bus,
    store: stores.store,
    deadLetters: new BusDeadLetters(producer, config.kafka.deadLetterTopic),
    logger,
    topic: config.pulls.topic,
    group: `pullwatch-pulls-${id}`,
    stream: config.elasticsearch.pullsStream,
  });
  const clock = { now: opts.now };
  let correlator: CorrelatorHandle | undefined;

  return {
    id,
    config,
    logger,
    logs,
    bus,
    stores,
    receiver,
    worker,
    api,
    apiUrl: `http://127.0.0.1:${api.address().port}`,
    pullConsumer,
    webhooks,
    webhookSecret,
    clock,
    tcpPort: receiver.listeners.find((l) => l.name === 'tcp')?.address().port ?? 0,
    async startCorrelator() {
      correlator = await startCorrelator(
        config,
        { scheduler: bullmqScheduler(config, logger), registry: stores.registry, evidence: stores.evidence, alerts: stores.alerts, sink, metrics, clock: () => new Date(clock.now) },
        logger,
      );
      return correlator;
    },
    async stop() {
      await correlator?.stop();
      await api.stop();
      await pullConsumer.stop();
      await receiver.stop();
      await worker.stop();
      await producer.close();
      await bus.close();
      const es = stores.store.client;
      const c = config.elasticsearch;
      await es.indices.deleteDataStream({ name: [c.firewallStream, c.pullsStream] }).catch(() => undefined);
      for (const index of [c.alertsIndex, c.integrationsIndex]) {
        await es.indices.delete({ index, ignore_unavailable: true }).catch(() => undefined);
        await es.indices.deleteIndexTemplate({ name: index }).catch(() => undefined);
      }
      await stores.store.close();
      await workerStore.close();
      await deleteKeys(endpoints.redisUrl, config.correlator.queuePrefix).catch(() => undefined);
      hookServer.closeAllConnections();
      await new Promise((r) => hookServer.close(r));
    },
  };
}
