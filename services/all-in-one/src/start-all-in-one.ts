import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { startApi, StorePullIntake, type ApiHandle } from '@pullwatch/api';
import { MemoryBus } from '@pullwatch/bus-memory';
import type { Config } from '@pullwatch/config';
import { startCorrelator, type CorrelatorHandle } from '@pullwatch/correlator';
import type { AlertSink, DeadLetter } from '@pullwatch/ports';
import { startReceiver, type ReceiverHandle } from '@pullwatch/receiver';
import { TimerScheduler } from '@pullwatch/scheduler-timers';
import {
  openDatabase,
  SqliteAlertStore,
  SqliteDeadLetters,
  SqliteEventStore,
  SqliteEvidenceSource,
  SqliteIntegrationRegistry,
  type SqliteDatabase,
} from '@pullwatch/store-sqlite';
import type { Logger } from '@pullwatch/telemetry';
import { startWorker, type WorkerHandle } from '@pullwatch/worker';

export interface AllInOneOptions {
  /** Where alert changes go (webhooks); nothing but the store when absent. */
  sink?: AlertSink;
  /** The correlator's clock (the demo replays a day in seconds). */
  clock?: () => Date;
}

export interface AllInOneHandle {
  db: SqliteDatabase;
  store: SqliteEventStore;
  registry: SqliteIntegrationRegistry;
  alerts: SqliteAlertStore;
  evidence: SqliteEvidenceSource;
  deadLetters: SqliteDeadLetters;
  bus: MemoryBus;
  receiver: ReceiverHandle;
  worker: WorkerHandle;
  correlator: CorrelatorHandle;
  api: ApiHandle;
  /** Where everything listens, for the start-up banner. */
  endpoints(): Record<string, string>;
  stop(): Promise<void>;
}

const NO_SINK: AlertSink = { publish: async () => undefined };

/**
 * pullwatch in one process on the embedded adapters: the in-process bus for
 * Kafka, SQLite (one file in `embedded.dataDir`) for Elasticsearch, timers for
 * BullMQ. The receiver, worker, correlator and API are the same code as in
 * distributed mode; only the adapters handed to them differ.
 */
export async function startAllInOne(config: Config, logger: Logger, opts: AllInOneOptions = {}): Promise<AllInOneHandle> {
  const log = logger.child({ component: 'all-in-one' });
  const dir = resolve(config.embedded.dataDir);
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(dir);
  const store = new SqliteEventStore(db, { pullsStream: config.elasticsearch.pullsStream });
  const registry = new SqliteIntegrationRegistry(db);
  const alerts = new SqliteAlertStore(db);
  const evidence = new SqliteEvidenceSource(db);
  const deadLetters = new SqliteDeadLetters(db);
  const bus = new MemoryBus({ capacityRecords: config.embedded.busCapacityRecords });
  const scheduler = new TimerScheduler({ onFailure: (name, shard, err) => log.error({ err, schedule: name, shard }, 'Diagnosis run failed after its retries.') });
  const started: Array<{ stop(): Promise<void> }> = [];
  try {
    // Dead letters go to the bus like in distributed mode; here a consumer keeps them in SQLite.
    await bus.ensureTopics([config.kafka.deadLetterTopic]);
    const keeper = await bus.consumer({ topics: [config.kafka.deadLetterTopic], group: 'dead-letter-keeper' });
    await keeper.run(async (records) => deadLetters.put(records.map((r) => JSON.parse(r.value.toString()) as DeadLetter)));
    started.push(keeper);

    const worker = await startWorker(config, bus, store, logger, { registry });
    started.push(worker);
    const correlator = await startCorrelator(
      config,
      { scheduler, registry, evidence, alerts, sink: opts.sink ?? NO_SINK, ...(opts.clock ? { clock: opts.clock } : {}) },
      logger,
    );
    started.push(correlator);
    const api = await startApi(
      config,
      {
        registry,
        alerts,
        evidence,
        timeline: evidence,
        pulls: new StorePullIntake(store, config.elasticsearch.pullsStream),
        ...(opts.sink ? { sink: opts.sink } : {}),
        ...(opts.clock ? { clock: opts.clock } : {}),
        checks: { sqlite: async () => db.handle.prepare('select 1').get() },
      },
      logger,
    );
    started.push(api);
    const receiver = await startReceiver(config, bus, logger);
    started.push(receiver);

    const endpoints = () => {
      const out: Record<string, string> = {};
      for (const l of receiver.listeners) out[`syslog ${l.name}`] = `${l.address().address}:${l.address().port}`;
      const a = api.address();
      out['API and page'] = `http://${a.address}:${a.port}/`;
      out['receiver health'] = `http://${receiver.health.address().address}:${receiver.health.address().port}/healthz`;
      out['worker health'] = `http://${worker.health.address().address}:${worker.health.address().port}/healthz`;
      out['correlator health'] = `http://${correlator.health.address().address}:${correlator.health.address().port}/healthz`;
      out.data = db.path;
      return out;
    };
    log.info({ endpoints: endpoints() }, 'pullwatch is running (embedded).');
    let stopping: Promise<void> | undefined;
    return {
      db,
      store,
      registry,
      alerts,
      evidence,
      deadLetters,
      bus,
      receiver,
      worker,
      correlator,
      api,
      endpoints,
      stop: () =>
        (stopping ??= (async () => {
          // Stop taking input first, then let the queued messages through, then the rest.
          await receiver.stop();
          const deadline = Date.now() + 10_000;
          while (bus.depth(config.kafka.rawTopic) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
          for (const s of started.reverse()) if (s !== receiver) await s.stop();
          await scheduler.close();
          await bus.close();
          db.close();
        })()),
    };
  } catch (err) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    await scheduler.close();
    await bus.close();
    db.close();
    throw err;
  }
}
