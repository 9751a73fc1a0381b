import { Writable } from 'node:stream';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBus } from '@pullwatch/bus-kafka';
import { loadConfig, type Config } from '@pullwatch/config';
import { newRunId, envelopeId, type Envelope } from '@pullwatch/core';
import { ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { createLogger } from '@pullwatch/telemetry';
import { endpoints, uniqueName } from '../../helpers/services.js';

export const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

/** A config with topics, group and data stream of its own. */
export function isolatedConfig(prefix: string, env: Record<string, string> = {}): Config {
  const id = uniqueName(prefix).replace(/[^a-z0-9]/g, '');
  return loadConfig({
    env: {
      PULLWATCH_KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      PULLWATCH_ES_URL: endpoints.esUrl,
      PULLWATCH_KAFKA_RAW_TOPIC: `pullwatch.syslog.raw.${id}`,
      PULLWATCH_KAFKA_DEAD_LETTER_TOPIC: `pullwatch.deadletter.${id}`,
      PULLWATCH_WORKER_GROUP_ID: `pullwatch-worker-${id}`,
      PULLWATCH_ES_FIREWALL_STREAM: `logs-pullwatch.firewall-${id}`,
      PULLWATCH_WORKER_HTTP_PORT: '0',
      PULLWATCH_WORKER_SESSION_TIMEOUT_MS: '10000',
      ...env,
    },
  });
}

export const kafkaBusFor = (config: Config, name: string) =>
  new KafkaBus({ brokers: config.kafka.brokers, clientId: name, logger: silent, topicPartitions: 6, sessionTimeoutMs: config.worker.sessionTimeoutMs });

export const storeFor = (config: Config) =>
  new ElasticsearchStore({ url: config.elasticsearch.url, logger: silent, firewallStream: config.elasticsearch.firewallStream, retryBaseMs: 50 });

const runId = newRunId();
let seq = 0;
/** An envelope as the receiver would make it. */
export function envelope(raw: string, sender = '192.0.2.10'): Envelope {
  return {
    id: envelopeId(runId, seq++),
    received_at: new Date().toISOString(),
    transport: 'tcp',
    listener: 'tcp',
    peer: { address: sender, port: 40000 },
    raw,
  };
}

/** A plain kafkajs client for producing test records and reading topics independently of the worker. */
export const rawKafka = () => new Kafka({ clientId: uniqueName('it-raw'), brokers: [...endpoints.kafkaBrokers], logLevel: logLevel.NOTHING });

export async function readTopic(topic: string, expected: number, timeoutMs = 30_000): Promise<Array<{ key: string | null; value: string }>> {
  const consumer = rawKafka().consumer({ groupId: uniqueName('it-reader') });
  const got: Array<{ key: string | null; value: string }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void got.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? '' }) });
  const deadline = Date.now() + timeoutMs;
  while (got.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
  return got;
}

export async function countDocs(store: ElasticsearchStore, index: string): Promise<number> {
  await store.client.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  return (await store.client.count({ index, ignore_unavailable: true, allow_no_indices: true })).count;
}

export async function dropStream(store: ElasticsearchStore, name: string): Promise<void> {
  await store.client.indices.deleteDataStream({ name }).catch(() => undefined);
}
