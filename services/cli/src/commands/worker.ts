import type { Command } from 'commander';
import { indexPulls, normalisePulls } from '@pullwatch/pulls';
import { ElasticsearchIntegrationRegistry, ExistingIndexPullSource, type ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import type { Config } from '@pullwatch/config';
import type { Logger } from '@pullwatch/telemetry';
import { startWorker } from '@pullwatch/worker';
import { elasticsearchStore, kafkaBus } from '../adapters.js';
import { configOrExit, runService } from '../run-service.js';

export function workerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run an ingest worker: consumes pullwatch.syslog.raw and pullwatch.pulls.raw, decodes, writes to Elasticsearch; several share the work.')
    .action(async () => {
      const config = configOrExit(program.opts());
      await runService('worker', config, async (logger) => {
        const bus = kafkaBus(config, logger);
        const store = elasticsearchStore(config, logger);
        const registry = new ElasticsearchIntegrationRegistry({ client: store.client, index: config.elasticsearch.integrationsIndex });
        const handle = await startWorker(config, bus, store, logger, { registry });
        const source = config.pulls.sourceIndex ? startAccessLogPulls(config, store, logger) : undefined;
        return {
          stop: async () => {
            await source?.stop();
            await handle.stop();
            await bus.close();
            await store.close();
          },
        };
      });
    });
}

/**
 * Reads pull records from the endpoint's own access-log index (`pulls.sourceIndex`) into the
 * pulls stream. Every worker may run it: records are identified by content, so a document read
 * twice (by two workers, or again after a restart) is stored once.
 */
function startAccessLogPulls(config: Config, store: ElasticsearchStore, logger: Logger) {
  const log = logger.child({ component: 'access-log-pulls', index: config.pulls.sourceIndex });
  const source = new ExistingIndexPullSource({
    client: store.client,
    index: config.pulls.sourceIndex!,
    fieldMap: config.pulls.fieldMap,
    ...(config.pulls.integrationIdPattern ? { integrationIdPattern: config.pulls.integrationIdPattern } : {}),
    batchSize: config.pulls.sourceBatchSize,
    lagMs: config.pulls.sourceLagMs,
    logger: log,
  });
  log.info('Reading pull records from an access-log index.');
  return source.start({
    intervalMs: config.pulls.pollIntervalMs,
    onBatch: async (batch) => {
      const { records, errors } = normalisePulls(batch.records);
      if (errors.length) log.warn({ invalid: errors.length, first: errors[0] }, 'Access-log documents that are not valid pull records were skipped.');
      const result = await indexPulls(store, config.elasticsearch.pullsStream, records);
      if (result.rejected.length) log.warn({ rejected: result.rejected.length, reason: result.rejected[0]?.reason }, 'Elasticsearch refused some pull records.');
    },
  });
}
