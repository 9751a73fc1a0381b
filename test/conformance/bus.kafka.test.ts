import { KafkaBus } from '@pullwatch/bus-kafka';
import { endpoints, uniqueName, waitFor } from '../helpers/services.js';
import { silent } from '../integration/ingest/worker-pipeline.helpers.js';
import { busContract } from './bus.contract.js';

busContract('kafka', async () => {
  const bus = new KafkaBus({ brokers: [...endpoints.kafkaBrokers], clientId: uniqueName('contract'), logger: silent, topicPartitions: 2, sessionTimeoutMs: 10_000 });
  return {
    bus,
    topic: () => uniqueName('contract-topic'),
    group: () => uniqueName('contract-group'),
    waitFor: async (check, timeoutMs = 60_000) => void (await waitFor(check, { timeoutMs, intervalMs: 50 })),
    close: () => bus.close(),
  };
});
