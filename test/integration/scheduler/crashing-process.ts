/**
 * A correlator-like process for the crash test (run with `node --import tsx`): registers
 * a schedule whose job never finishes, prints `{"started":shard,"tick":tick}` when a shard
 * job starts, and waits to be killed with SIGKILL.
 * Environment: TEST_REDIS_URL, TEST_PREFIX, TEST_SCHEDULE, TEST_LOCK_MS, TEST_STALLED_MS.
 */
import { Writable } from 'node:stream';
import { createLogger } from '@pullwatch/telemetry';
import { BullmqScheduler } from '../../../packages/scheduler-bullmq/src/index.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const logger = createLogger({ service: 'crash-test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const scheduler = new BullmqScheduler({
  redisUrl: env('TEST_REDIS_URL'),
  prefix: env('TEST_PREFIX'),
  logger,
  concurrency: 1,
  lockDurationMs: Number(env('TEST_LOCK_MS')),
  // Every process of a fleet uses the same value: the stalled check is shared through Redis.
  stalledIntervalMs: Number(env('TEST_STALLED_MS')),
});
await scheduler.every(env('TEST_SCHEDULE'), { intervalMs: 60_000, shards: 1 }, async (shard, run) => {
  process.stdout.write(JSON.stringify({ started: shard, tick: run.tick }) + '\n');
  await new Promise(() => undefined);
});
