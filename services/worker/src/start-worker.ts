import type { Config } from '@pullwatch/config';
import { VendorDetector, type Vendor } from '@pullwatch/decoders';
import { createClassifier } from '@pullwatch/classifier';
import { BusDeadLetters, ingestRecords } from '@pullwatch/ingest';
import { startPullConsumer } from '@pullwatch/pulls';
import type { Bus, EventStore, IntegrationRegistry } from '@pullwatch/ports';
import { Counter, Gauge, createRegistry, startHealthServer, type HealthServer, type Logger, type Registry } from '@pullwatch/telemetry';

export interface WorkerOptions {
  /**
   * The integrations registry: the feed names and URLs configured on the firewalls make the
   * classifier recognise their lines (an alias deletion names the alias, not the endpoint).
   */
  registry?: IntegrationRegistry;
  /** How often the known feeds are read again from the registry, in ms. Default 60000. */
  feedsRefreshMs?: number;
}

export interface WorkerHandle {
  /** Reads the known feeds from the registry now (after integrations were added). */
  refreshFeeds(): Promise<void>;
  health: HealthServer;
  /** Partitions this worker holds now (topic → partitions). */
  assignment(): Record<string, number[]>;
  registry: Registry;
  stop(): Promise<void>;
}

/**
 * Starts a worker: a member of the consumer group on the raw topic, running
 * the ingest pipeline and writing to the event store. Offsets are committed
 * only after the store (or the dead-letter topic) acknowledged every record.
 */
export async function startWorker(config: Config, bus: Bus, store: EventStore, logger: Logger, opts: WorkerOptions = {}): Promise<WorkerHandle> {
  const log = logger.child({ component: 'worker' });
  const registry = createRegistry('worker');
  const m = {
    records: new Counter({ name: 'pullwatch_worker_consumed_records_total', help: 'Bus records consumed.', registers: [registry] }),
    envelopes: new Counter({ name: 'pullwatch_worker_messages_total', help: 'Syslog messages unpacked.', registers: [registry] }),
    created: new Counter({ name: 'pullwatch_worker_indexed_documents_total', help: 'Documents newly stored.', registers: [registry] }),
    duplicates: new Counter({ name: 'pullwatch_worker_duplicate_documents_total', help: 'Documents already stored (replays, counted as success).', registers: [registry] }),
    dead: new Counter({ name: 'pullwatch_worker_dead_letters_total', help: 'Records or documents sent to the dead-letter topic.', registers: [registry] }),
    failures: new Counter({ name: 'pullwatch_worker_batch_failures_total', help: 'Batches that failed and will be retried.', registers: [registry] }),
    lastIndexed: new Gauge({ name: 'pullwatch_worker_last_indexed_timestamp_seconds', help: 'When the last batch was acknowledged by the store.', registers: [registry] }),
  };
  await bus.ensureTopics([config.kafka.rawTopic, config.kafka.deadLetterTopic, config.pulls.topic]);
  const features = await store.setup();
  const producer = await bus.producer();
  const deadLetters = new BusDeadLetters(producer, config.kafka.deadLetterTopic);
  const consumer = await bus.consumer({ topics: [config.kafka.rawTopic], group: config.worker.groupId, maxBatchRecords: 50 });
  // Pull records from the bus (POST /v1/pulls in bus mode, or the endpoint itself) go to the pulls stream.
  const pulls = await startPullConsumer({
    bus,
    store,
    deadLetters,
    logger,
    registry,
    topic: config.pulls.topic,
    group: `${config.worker.groupId}.pulls`,
    stream: config.elasticsearch.pullsStream,
  });
  const detector = new VendorDetector({ senders: explicitVendors(config.decode.vendorBySender) });
  let classifier = createClassifier({ endpointHosts: config.classify.endpointHosts });
  const refreshFeeds = async () => {
    if (!opts.registry) return;
    try {
      const knownFeeds = (await opts.registry.list()).flatMap((i) => (i.feed ? [i.feed] : []));
      classifier = createClassifier({ endpointHosts: config.classify.endpointHosts, knownFeeds });
    } catch (err) {
      log.warn({ err }, 'Reading the known feeds from the integrations registry failed; keeping the previous ones.');
    }
  };
  await refreshFeeds();
  const feedsTimer = opts.registry ? setInterval(() => void refreshFeeds(), opts.feedsRefreshMs ?? 60_000) : undefined;
  feedsTimer?.unref();
  let lastError: string | undefined;

  void consumer
    .run(async (records) => {
      try {
        const stats = await ingestRecords(records, {
          store,
          deadLetters,
          stream: config.elasticsearch.firewallStream,
          detector,
          classifier,
          ...(config.decode.timezone ? { timezone: config.decode.timezone } : {}),
          timezoneBySender: config.decode.timezoneBySender,
          vendorByListener: config.decode.vendorByListener,
        });
        lastError = undefined;
        m.records.inc(stats.records);
        m.envelopes.inc(stats.envelopes);
        m.created.inc(stats.created);
        m.duplicates.inc(stats.duplicates);
        m.dead.inc(stats.deadLettered);
        m.lastIndexed.set(Date.now() / 1000);
        if (stats.deadLettered) log.warn({ dead_letters: stats.deadLettered }, 'Some input went to the dead-letter topic.');
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        m.failures.inc();
        throw err;
      }
    })
    .catch((err) => log.error({ err }, 'Consumer stopped.'));

  const health = await startHealthServer({
    host: config.worker.httpHost,
    port: config.worker.httpPort,
    registry,
    health: () => ({
      ok: lastError === undefined && pulls.lastError() === undefined,
      assignment: consumer.assignment(),
      pulls_assignment: pulls.assignment(),
      ...(pulls.lastError() ? { pulls_error: pulls.lastError() } : {}),
      store_features: features,
      ...(lastError ? { error: lastError } : {}),
    }),
  });
  log.info({ group: config.worker.groupId, topic: config.kafka.rawTopic, stream: config.elasticsearch.firewallStream, http: health.address() }, 'Worker started.');

  let stopping: Promise<void> | undefined;
  return {
    health,
    registry,
    assignment: () => consumer.assignment(),
    refreshFeeds,
    stop: () =>
      (stopping ??= (async () => {
        log.info('Worker stopping.');
        if (feedsTimer) clearInterval(feedsTimer);
        await consumer.stop();
        await pulls.stop();
        await producer.close();
        await health.close();
        log.info('Worker stopped.');
      })()),
  };
}

/** Sender → vendor entries that force a decoder (`auto` entries leave detection on). */
function explicitVendors(map: Record<string, string>): Record<string, Vendor> {
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== 'auto')) as Record<string, Vendor>;
}
