import { Writable } from 'node:stream';
import { loadConfig, type Config } from '@pullwatch/config';
import { KafkaBus } from '@pullwatch/bus-kafka';
import { ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { startReceiver, type ReceiverHandle } from '@pullwatch/receiver';
import { startWorker, type WorkerHandle } from '@pullwatch/worker';
import { createLogger, type Logger } from '@pullwatch/telemetry';
import { endpoints, uniqueName } from '../helpers/services.js';

/** Log lines of the services under test, kept in memory and printed when a test fails. */
export class LogSink extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.lines.push(chunk.toString());
    cb();
  }
}

export interface Pipeline {
  config: Config;
  logger: Logger;
  logs: LogSink;
  bus: KafkaBus;
  store: ElasticsearchStore;
  receiver: ReceiverHandle;
  workers: WorkerHandle[];
  udpPort: number;
  tcpPort: number;
  stop(): Promise<void>;
}

/**
 * A receiver and N workers in this process, against the real local Kafka and
 * Elasticsearch, with a topic, consumer group and data stream of their own.
 */
export async function startPipeline(opts: { workers?: number; env?: Record<string, string> } = {}): Promise<Pipeline> {
  const id = uniqueName('e2e').toLowerCase().replace(/[^a-z0-9]/g, '');
  const config = loadConfig({
    env: {
      PULLWATCH_KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      PULLWATCH_ES_URL: endpoints.esUrl,
      PULLWATCH_KAFKA_RAW_TOPIC: `pullwatch.syslog.raw.${id}`,
      PULLWATCH_KAFKA_DEAD_LETTER_TOPIC: `pullwatch.deadletter.${id}`,
      PULLWATCH_KAFKA_TOPIC_PARTITIONS: '3',
      PULLWATCH_WORKER_GROUP_ID: `pullwatch-worker-${id}`,
      PULLWATCH_ES_FIREWALL_STREAM: `logs-pullwatch.firewall-${id}`,
      PULLWATCH_RECEIVER_UDP_HOST: '127.0.0.1',
      PULLWATCH_RECEIVER_UDP_PORT: '0',
      PULLWATCH_RECEIVER_TCP_HOST: '127.0.0.1',
      PULLWATCH_RECEIVER_TCP_PORT: '0',
      PULLWATCH_RECEIVER_HTTP_PORT: '0',
      PULLWATCH_WORKER_HTTP_PORT: '0',
      PULLWATCH_WORKER_SESSION_TIMEOUT_MS: '10000',
      PULLWATCH_LOG_LEVEL: 'info',
      ...opts.env,
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
  const store = new ElasticsearchStore({ url: config.elasticsearch.url, logger, firewallStream: config.elasticsearch.firewallStream, retryBaseMs: 50 });
  const workers: WorkerHandle[] = [];
  for (let i = 0; i < (opts.workers ?? 1); i++) workers.push(await startWorker(config, bus, store, logger));
  const receiver = await startReceiver(config, bus, logger);
  const port = (name: string) => receiver.listeners.find((l) => l.name === name)?.address().port ?? 0;
  return {
    config,
    logger,
    logs,
    bus,
    store,
    receiver,
    workers,
    udpPort: port('udp'),
    tcpPort: port('tcp'),
    async stop() {
      await receiver.stop();
      await Promise.allSettled(workers.map((w) => w.stop()));
      await bus.close();
      await store.client.indices.deleteDataStream({ name: config.elasticsearch.firewallStream }).catch(() => undefined);
      await store.client.indices.delete({ index: config.elasticsearch.firewallStream, ignore_unavailable: true }).catch(() => undefined);
      await store.close();
    },
  };
}
