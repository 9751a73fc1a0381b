import type { Command } from 'commander';
import { startApi } from '@pullwatch/api';
import { createRegistry } from '@pullwatch/telemetry';
import { kafkaBus } from '../adapters.js';
import { alertSink, diagnosisStores, pullIntake } from '../diagnosis-adapters.js';
import { configOrExit, runService } from '../run-service.js';

export function apiCommand(program: Command): void {
  program
    .command('api')
    .description(
      'Run the HTTP API: integrations registry, pull intake (NDJSON), alerts, on-demand diagnoses, external alerts, integration status and pull timelines, the status page (/), /healthz and /metrics.',
    )
    .option('--port <port>', 'port to listen on (api.port)')
    .action(async (opts: { port?: string }) => {
      const config = configOrExit(program.opts(), { 'api.port': opts.port });
      await runService('api', config, async (logger) => {
        const bus = kafkaBus(config, logger);
        const { store, registry, alerts, evidence, timeline } = diagnosisStores(config, logger);
        try {
          await store.setup();
          const producer = await bus.producer();
          const metrics = createRegistry('api');
          const sink = await alertSink(config, bus, producer, logger, metrics);
          const pulls = await pullIntake(config, bus, producer, store);
          const handle = await startApi(
            config,
            {
              registry,
              alerts,
              evidence,
              timeline,
              pulls,
              sink,
              metrics,
              checks: { elasticsearch: () => store.client.ping() },
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
          await bus.close().catch(() => undefined);
          await store.close().catch(() => undefined);
          throw err;
        }
      });
    });
}
