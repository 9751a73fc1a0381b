import type { Command } from 'commander';
import { startCorrelator } from '@pullwatch/correlator';
import { createRegistry } from '@pullwatch/telemetry';
import { kafkaBus } from '../adapters.js';
import { alertSink, bullmqScheduler, diagnosisStores } from '../diagnosis-adapters.js';
import { configOrExit, runService } from '../run-service.js';

export function correlatorCommand(program: Command): void {
  program
    .command('correlator')
    .description(
      'Run a correlator: diagnoses every integration on a BullMQ schedule (Redis), opens and resolves alerts in Elasticsearch, publishes them to Kafka (pullwatch.alerts) and webhooks; several share the work.',
    )
    .action(async () => {
      const config = configOrExit(program.opts());
      await runService('correlator', config, async (logger) => {
        const bus = kafkaBus(config, logger);
        const { store, registry, alerts, evidence } = diagnosisStores(config, logger);
        const scheduler = bullmqScheduler(config, logger);
        try {
          await store.setup();
          const producer = await bus.producer();
          const metrics = createRegistry('correlator');
          const sink = await alertSink(config, bus, producer, logger, metrics);
          const handle = await startCorrelator(
            config,
            {
              scheduler,
              registry,
              alerts,
              evidence,
              sink,
              metrics,
              health: () => {
                const s = scheduler.status();
                return { ok: s.connected, redis: s };
              },
            },
            logger,
          );
          return {
            stop: async () => {
              await handle.stop();
              await producer.close();
              await bus.close();
              await store.close();
            },
          };
        } catch (err) {
          await scheduler.close().catch(() => undefined);
          await bus.close().catch(() => undefined);
          await store.close().catch(() => undefined);
          throw err;
        }
      });
    });
}
