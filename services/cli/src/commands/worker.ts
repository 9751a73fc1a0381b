import type { Command } from 'commander';
import { startWorker } from '@pullwatch/worker';
import { elasticsearchStore, kafkaBus } from '../adapters.js';
import { configOrExit, runService } from '../run-service.js';

export function workerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run an ingest worker: consumes pullwatch.syslog.raw, decodes, writes to Elasticsearch; several share the work.')
    .action(async () => {
      const config = configOrExit(program.opts());
      await runService('worker', config, async (logger) => {
        const bus = kafkaBus(config, logger);
        const store = elasticsearchStore(config, logger);
        const handle = await startWorker(config, bus, store, logger);
        return {
          stop: async () => {
            await handle.stop();
            await bus.close();
            await store.close();
          },
        };
      });
    });
}
