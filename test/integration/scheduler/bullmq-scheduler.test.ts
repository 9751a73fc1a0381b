/**
 * BullmqScheduler against real Redis: the stack's Redis for sharing, retries and crash
 * take-over (each test isolated by its own key prefix), and a private redis-server that the
 * test kills and restarts for the reconnection tests.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PullwatchError } from '@pullwatch/core';
import { BullmqScheduler, shardJobId, type BullmqSchedulerOptions } from '@pullwatch/scheduler-bullmq';
import { createLogger } from '@pullwatch/telemetry';
import { endpoints, uniqueName, waitFor } from '../../helpers/services.js';
import { PrivateRedis, deleteKeys } from './redis-server.helpers.js';

const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunRecord {
  who: string;
  shard: number;
  tick: number;
  attempt: number;
}

describe('scheduler-bullmq > BullmqScheduler', () => {
  const open: BullmqScheduler[] = [];
  const prefixes: Array<{ url: string; prefix: string }> = [];
  const scheduler = (opts: Partial<BullmqSchedulerOptions> & { prefix: string }) => {
    const s = new BullmqScheduler({ redisUrl: endpoints.redisUrl, logger: silent, stalledIntervalMs: 500, lockDurationMs: 5_000, watchdogIntervalMs: 1_000, closeTimeoutMs: 5_000, ...opts });
    open.push(s);
    if (!opts.redisUrl && !prefixes.some((p) => p.prefix === opts.prefix)) prefixes.push({ url: opts.redisUrl ?? endpoints.redisUrl, prefix: opts.prefix });
    return s;
  };

  afterEach(async () => {
    await Promise.allSettled(open.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    for (const p of prefixes) await deleteKeys(p.url, p.prefix).catch(() => undefined);
  });

  it('runs every shard exactly once per tick when two schedulers share the schedule', async () => {
    const prefix = uniqueName('it-sched');
    const runs: RunRecord[] = [];
    const job = (who: string) => async (shard: number, run: { tick: number; attempt: number }) => {
      runs.push({ who, shard, tick: run.tick, attempt: run.attempt });
      await sleep(150);
    };
    const a = scheduler({ prefix, concurrency: 1 });
    const b = scheduler({ prefix, concurrency: 1 });
    await Promise.all([a.every('diagnosis', { intervalMs: 1_000, shards: 4 }, job('a')), b.every('diagnosis', { intervalMs: 1_000, shards: 4 }, job('b'))]);

    const completeTicks = () => {
      const byTick = new Map<number, Set<number>>();
      for (const r of runs) byTick.set(r.tick, (byTick.get(r.tick) ?? new Set()).add(r.shard));
      return [...byTick.values()].filter((s) => s.size === 4).length;
    };
    await waitFor(() => completeTicks() >= 3, { timeoutMs: 20_000, message: () => `${completeTicks()} complete ticks: ${JSON.stringify(runs)}` });
    await Promise.all([a.close(), b.close()]);

    const keys = runs.map((r) => `${r.tick}/${r.shard}`);
    expect(new Set(keys).size).toBe(keys.length); // no shard twice in one tick
    const ticks = [...new Set(runs.map((r) => r.tick))].sort();
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBeGreaterThanOrEqual(1_000);
    expect(runs.some((r) => r.who === 'a')).toBe(true);
    expect(runs.some((r) => r.who === 'b')).toBe(true);
  });

  it('retries a failing shard job with back-off until it succeeds', async () => {
    const prefix = uniqueName('it-sched');
    const runs: RunRecord[] = [];
    const s = scheduler({ prefix, backoffMs: 100 });
    await s.every('diagnosis', { intervalMs: 60_000, shards: 2, attempts: 3 }, async (shard, run) => {
      runs.push({ who: 's', shard, tick: run.tick, attempt: run.attempt });
      if (shard === 1 && run.attempt < 3) throw new PullwatchError('Elasticsearch unavailable', 'es_unavailable', { retriable: true });
    });
    await waitFor(() => runs.filter((r) => r.shard === 1).length === 3, { timeoutMs: 10_000, message: () => JSON.stringify(runs) });
    const shard1 = runs.filter((r) => r.shard === 1);
    expect(shard1.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(new Set(shard1.map((r) => r.tick)).size).toBe(1);
    expect(runs.filter((r) => r.shard === 0)).toHaveLength(1);

    const queue = new Queue('diagnosis', { connection: new Redis(endpoints.redisUrl, { maxRetriesPerRequest: null }), prefix });
    try {
      const id = shardJobId(shard1[0]!.tick, 1);
      await waitFor(async () => (await (await queue.getJob(id))?.getState()) === 'completed', { timeoutMs: 5_000 });
      expect((await queue.getJob(id))?.attemptsMade).toBe(3); // tries, the successful one included
    } finally {
      await queue.close();
      (queue.opts.connection as Redis).disconnect();
    }
  });

  it('fails a job at once, without retries, when its error is not retriable', async () => {
    const prefix = uniqueName('it-sched');
    const runs: RunRecord[] = [];
    const s = scheduler({ prefix, backoffMs: 50 });
    await s.every('diagnosis', { intervalMs: 60_000, shards: 1, attempts: 5 }, async (shard, run) => {
      runs.push({ who: 's', shard, tick: run.tick, attempt: run.attempt });
      throw new TypeError('integration.devices is not iterable');
    });
    await waitFor(() => runs.length === 1, { timeoutMs: 10_000 });
    const queue = new Queue('diagnosis', { connection: new Redis(endpoints.redisUrl, { maxRetriesPerRequest: null }), prefix });
    try {
      const id = shardJobId(runs[0]!.tick, 0);
      // A retry would put the job in `delayed`; a job that will not be retried is `failed`.
      await waitFor(async () => (await (await queue.getJob(id))?.getState()) === 'failed', { timeoutMs: 5_000 });
      const job = await queue.getJob(id);
      expect(job?.attemptsMade).toBe(1);
      expect(job?.failedReason).toContain('not iterable');
    } finally {
      await queue.close();
      (queue.opts.connection as Redis).disconnect();
    }
    expect(runs).toHaveLength(1);
  });

  it('takes over the running job of a process that was killed', async () => {
    const prefix = uniqueName('it-sched');
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./crashing-process.ts', import.meta.url))], {
      env: { ...process.env, TEST_REDIS_URL: endpoints.redisUrl, TEST_PREFIX: prefix, TEST_SCHEDULE: 'diagnosis', TEST_LOCK_MS: '1500', TEST_STALLED_MS: '500' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    prefixes.push({ url: endpoints.redisUrl, prefix });
    let started: { started: number; tick: number } | undefined;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) started = JSON.parse(line) as { started: number; tick: number };
    });
    try {
      const first = await waitFor(() => started, { timeoutMs: 30_000, message: 'the child process never started its shard job' });
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;

      const runs: RunRecord[] = [];
      const survivor = scheduler({ prefix, concurrency: 1, stalledIntervalMs: 500 });
      await survivor.every('diagnosis', { intervalMs: 60_000, shards: 1 }, async (shard, run) => {
        runs.push({ who: 'survivor', shard, tick: run.tick, attempt: run.attempt });
      });
      await waitFor(() => runs.length > 0, { timeoutMs: 20_000, message: 'the killed process’s job was not taken over' });
      expect(runs[0]).toMatchObject({ shard: first.started, tick: first.tick });
      expect(runs).toHaveLength(1);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  describe('on a Redis that restarts', () => {
    const servers: PrivateRedis[] = [];
    afterAll(async () => {
      await Promise.allSettled(servers.map((s) => s.stop()));
    });

    for (const persistence of [true, false]) {
      it(`resumes after a Redis restart (${persistence ? 'AOF: the schedule survives' : 'no persistence: the schedule is re-created'})`, async () => {
        const redis = await PrivateRedis.start({ persistence });
        servers.push(redis);
        // Keys of the private server go with it: nothing to delete afterwards.
        const runs: RunRecord[] = [];
        const lines: string[] = [];
        const logger = createLogger({ service: 'test', level: 'info', destination: new Writable({ write: (c, _e, cb) => void (lines.push(String(c)), cb()) }) });
        const s = scheduler({ redisUrl: redis.url, prefix: 'pw', watchdogIntervalMs: 500, logger });
        await s.every('diagnosis', { intervalMs: 500, shards: 2 }, async (shard, run) => {
          runs.push({ who: 's', shard, tick: run.tick, attempt: run.attempt });
        });
        await waitFor(() => runs.length >= 4, { timeoutMs: 10_000 });

        await redis.kill();
        const downAt = Date.now();
        await sleep(1_000);
        await redis.restart();
        await waitFor(() => runs.filter((r) => r.tick > downAt).length >= 4, {
          timeoutMs: 30_000,
          message: () => `no run after the restart; status ${JSON.stringify(s.status())}`,
        });
        expect(s.status().connected).toBe(true);
        const after = runs.filter((r) => r.tick > downAt).map((r) => `${r.tick}/${r.shard}`);
        expect(new Set(after).size).toBe(after.length);
        const recreated = lines.some((l) => l.includes('Schedule missing in Redis'));
        expect(recreated).toBe(!persistence);
      });
    }
  });
});
