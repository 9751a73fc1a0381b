/** The Scheduler port's contract (test/conformance/scheduler.contract.ts) run against BullMQ on the stack's Redis. */
import { Writable } from 'node:stream';
import { BullmqScheduler } from '@pullwatch/scheduler-bullmq';
import { createLogger } from '@pullwatch/telemetry';
import { schedulerContract } from '../../conformance/scheduler.contract.js';
import { endpoints, uniqueName, waitFor } from '../../helpers/services.js';
import { deleteKeys } from './redis-server.helpers.js';

const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

schedulerContract('bullmq', async () => {
  const prefix = uniqueName('it-contract');
  return {
    create: async () => new BullmqScheduler({ redisUrl: endpoints.redisUrl, prefix, logger: silent, backoffMs: 100, stalledIntervalMs: 1_000, closeTimeoutMs: 5_000 }),
    name: () => uniqueName('schedule'),
    waitFor: async (check, timeoutMs = 10_000) => void (await waitFor(check, { timeoutMs, intervalMs: 20 })),
    close: () => deleteKeys(endpoints.redisUrl, prefix),
  };
});
