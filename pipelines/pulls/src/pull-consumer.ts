import type { Bus, DeadLetterSink, EventStore } from '@pullwatch/ports';
import { handlePullRecords } from './handle-pull-records.js';
import { Counter, Gauge, type Logger, type Registry } from '@pullwatch/telemetry';

export interface PullConsumerOptions {
  bus: Bus;
  store: EventStore;
  deadLetters: DeadLetterSink;
  logger: Logger;
  /** Topic of pull records (pulls.topic, `pullwatch.pulls.raw`). */
  topic: string;
  /** Consumer group; every process consuming pulls uses the same one. */
  group: string;
  /** Data stream of pull records (elasticsearch.pullsStream). */
  stream: string;
  /** Where the counters go; none when absent. */
  registry?: Registry;
  /** Bus records per handler call. @defaultValue 50 */
  maxBatchRecords?: number;
}

export interface PullConsumerHandle {
  /** The last batch's error, until a batch succeeds. */
  lastError(): string | undefined;
  assignment(): Record<string, number[]>;
  stop(): Promise<void>;
}

/**
 * Consumes pull records from the bus (topic `pullwatch.pulls.raw`, filled by
 * POST /v1/pulls in bus mode or by the endpoint itself) and stores them with
 * `handlePullRecords` (pipelines/pulls): a batch is acknowledged only once
 * every record is stored, a duplicate, or dead-lettered; a store outage makes
 * the batch come again. Meant for the worker process (it shares the worker's
 * ingest rules); any process may run it, several share the topic by group.
 */
export async function startPullConsumer(opts: PullConsumerOptions): Promise<PullConsumerHandle> {
  const log = opts.logger.child({ component: 'pull-consumer', topic: opts.topic });
  const registers = opts.registry ? [opts.registry] : [];
  const m = {
    records: new Counter({ name: 'pullwatch_pulls_consumed_records_total', help: 'Bus records of pull records consumed.', registers }),
    created: new Counter({ name: 'pullwatch_pulls_indexed_total', help: 'Pull records newly stored.', registers }),
    duplicates: new Counter({ name: 'pullwatch_pulls_duplicates_total', help: 'Pull records already stored (replays, counted as success).', registers }),
    dead: new Counter({ name: 'pullwatch_pulls_dead_letters_total', help: 'Pull records sent to the dead-letter topic (invalid, or refused by the store).', registers }),
    failures: new Counter({ name: 'pullwatch_pulls_batch_failures_total', help: 'Batches of pull records that failed and will be retried.', registers }),
    lastIndexed: new Gauge({ name: 'pullwatch_pulls_last_indexed_timestamp_seconds', help: 'When the last batch of pull records was acknowledged.', registers }),
  };
  await opts.bus.ensureTopics([opts.topic]);
  const consumer = await opts.bus.consumer({ topics: [opts.topic], group: opts.group, maxBatchRecords: opts.maxBatchRecords ?? 50 });
  let lastError: string | undefined;
  void consumer
    .run(async (records) => {
      try {
        const stats = await handlePullRecords(records, { store: opts.store, deadLetters: opts.deadLetters, stream: opts.stream });
        lastError = undefined;
        m.records.inc(stats.records);
        m.created.inc(stats.created);
        m.duplicates.inc(stats.duplicates);
        m.dead.inc(stats.deadLettered);
        m.lastIndexed.set(Date.now() / 1000);
        if (stats.deadLettered) log.warn({ dead_letters: stats.deadLettered }, 'Some pull records went to the dead-letter topic.');
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        m.failures.inc();
        throw err;
      }
    })
    .catch((err: unknown) => log.error({ err }, 'Pull consumer stopped.'));
  log.info({ group: opts.group, stream: opts.stream }, 'Pull consumer started.');
  let stopping: Promise<void> | undefined;
  return {
    lastError: () => lastError,
    assignment: () => consumer.assignment(),
    stop: () => (stopping ??= consumer.stop().then(() => log.info('Pull consumer stopped.'))),
  };
}
