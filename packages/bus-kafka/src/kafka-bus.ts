import { Kafka, Partitioners, logLevel, type Consumer, type Producer, type LogEntry } from 'kafkajs';
import type { Logger } from '@pullwatch/telemetry';
import type { Bus, BusConsumer, BusConsumerOptions, BusProducer, BusRecord, ConsumedRecord } from '@pullwatch/ports';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  connectTimeoutMs?: number;
  /** Partitions and replication of topics created by `ensureTopics`. */
  topicPartitions?: number;
  topicReplication?: number;
  /** Consumer session timeout in ms (default 30000). */
  sessionTimeoutMs?: number;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Bus over Apache Kafka (kafkajs). The only module of pullwatch that imports kafkajs. */
export class KafkaBus implements Bus {
  readonly #kafka: Kafka;
  readonly #opts: KafkaBusOptions;
  readonly #closers = new Set<() => Promise<void>>();

  constructor(opts: KafkaBusOptions) {
    this.#opts = opts;
    const log = opts.logger.child({ component: 'kafka' });
    this.#kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      connectionTimeout: opts.connectTimeoutMs ?? 10_000,
      retry: { initialRetryTime: 300, retries: 10, maxRetryTime: 10_000 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }: LogEntry) => {
          const { message, ...rest } = entry;
          log[LEVELS[level] ?? 'info']({ kafka: rest }, String(message));
        },
    });
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const admin = this.#kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.#opts.topicPartitions ?? 6,
          replicationFactor: this.#opts.topicReplication ?? 1,
        })),
      });
    } finally {
      await admin.disconnect();
    }
  }

  async producer(): Promise<BusProducer> {
    const producer: Producer = this.#kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
    await producer.connect();
    const close = async () => {
      this.#closers.delete(close);
      await producer.disconnect();
    };
    this.#closers.add(close);
    return {
      async send(topic: string, records: BusRecord[]) {
        if (records.length === 0) return;
        await producer.send({
          topic,
          acks: -1,
          messages: records.map((r) => ({ key: r.key ?? null, value: r.value, headers: r.headers })),
        });
      },
      close,
    };
  }

  async consumer(opts: BusConsumerOptions): Promise<BusConsumer> {
    const consumer: Consumer = this.#kafka.consumer({
      groupId: opts.group,
      sessionTimeout: this.#opts.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.max(1000, Math.floor((this.#opts.sessionTimeoutMs ?? 30_000) / 10)),
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000, restartOnFailure: async () => true },
    });
    await consumer.connect();
    for (const topic of opts.topics) await consumer.subscribe({ topic, fromBeginning: true });
    const log = this.#opts.logger.child({ component: 'kafka-consumer', group: opts.group });
    const maxBatch = opts.maxBatchRecords ?? 500;
    let running = true;
    let assignment: Record<string, number[]> = {};
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      assignment = e.payload.memberAssignment;
      log.info({ assignment }, 'Joined the consumer group.');
    });
    consumer.on(consumer.events.STOP, () => {
      assignment = {};
    });
    const close = async () => {
      running = false;
      this.#closers.delete(close);
      await consumer.disconnect();
    };
    this.#closers.add(close);
    return {
      async run(handler) {
        await consumer.run({
          eachBatchAutoResolve: false,
          autoCommit: true,
          autoCommitInterval: 1000,
          eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
            const messages = batch.messages;
            for (let start = 0; start < messages.length; start += maxBatch) {
              if (!running || !isRunning() || isStale()) return;
              const chunk = messages.slice(start, start + maxBatch);
              const records: ConsumedRecord[] = chunk.map((m) => ({
                topic: batch.topic,
                position: `${batch.topic}/${batch.partition}@${m.offset}`,
                key: m.key ? m.key.toString() : undefined,
                value: m.value ?? Buffer.alloc(0),
                headers: Object.fromEntries(
                  Object.entries(m.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v)]),
                ),
              }));
              // Retry this chunk in place until it is handled: its offset is resolved
              // (and later committed) only after the handler has finished with it.
              for (let attempt = 0; ; attempt++) {
                try {
                  await handler(records);
                  break;
                } catch (err) {
                  if (!running || !isRunning() || isStale()) return;
                  const delay = Math.min(30_000, 250 * 2 ** Math.min(attempt, 7));
                  log.warn({ err, attempt, delay_ms: delay, partition: batch.partition }, 'Batch handling failed; retrying.');
                  await sleepWithHeartbeat(delay, heartbeat);
                }
              }
              resolveOffset(chunk[chunk.length - 1]!.offset);
              await commitOffsetsIfNecessary();
              await heartbeat();
            }
          },
        });
      },
      assignment: () => assignment,
      stop: close,
    };
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#closers].map((c) => c()));
  }
}

async function sleepWithHeartbeat(ms: number, heartbeat: () => Promise<void>): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
    await heartbeat().catch(() => undefined);
  }
}
