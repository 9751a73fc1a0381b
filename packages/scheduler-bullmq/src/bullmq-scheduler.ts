import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { isRetriable } from '@pullwatch/core';
import type { Scheduler } from '@pullwatch/ports';
import type { Logger } from '@pullwatch/telemetry';
import type { BullmqSchedulerOptions, ShardRun } from './options.js';
import { createRedisConnection, redactRedisUrl, waitForRedis } from './redis-connection.js';

/** Job names inside a schedule's queue. */
const TICK = 'tick';
const SHARD = 'shard';

interface TickData {
  shards: number;
}
interface ShardData {
  shard: number;
  shards: number;
  tick: number;
}

interface Schedule {
  name: string;
  intervalMs: number;
  shards: number;
  attempts: number;
  job: (shard: number, run: ShardRun) => Promise<void>;
  queue: Queue;
  worker: Worker;
}

/** True when `p` settled within `ms` (its rejection counts as settled); never rejects. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = p.then(
    () => true,
    () => true,
  );
  const result = await Promise.race([settled, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
  clearTimeout(timer);
  return result;
}

/** The BullMQ job id of one shard of one tick: the same in every process, so a second fan-out of a tick adds nothing. */
export const shardJobId = (tick: number, shard: number): string => `tick-${tick}-shard-${shard}`;

/**
 * Scheduler over BullMQ job schedulers on Redis; several processes (correlators)
 * share the work by using the same Redis and `prefix`.
 *
 * How a schedule runs: `every(name)` upserts one BullMQ job scheduler `name`
 * (idempotent: every process upserts the same one) in the queue `name`. Each
 * interval it creates one `tick` job, with the id `repeat:<name>:<tick millis>`,
 * so a tick exists once whatever the number of processes. The process that
 * picks the tick fans it out into one `shard` job per shard, with the id
 * `tick-<tick>-shard-<n>`: adding an id that exists is ignored, so a tick
 * processed twice (after a crash) does not run a shard twice; finished shard
 * jobs are kept a few intervals so the ids stay taken. Any process's worker
 * then runs shard jobs (`concurrency` at a time), retries a failed one with
 * exponential back-off up to `attempts` tries, and takes over the jobs of a
 * process that died once their lock expired (`lockDurationMs`).
 *
 * A job that throws a non-retriable error (`isRetriable` false: a
 * non-retriable PullwatchError, a TypeError or RangeError) or whose data is bad
 * fails at once with BullMQ's `UnrecoverableError`; other errors are retried.
 *
 * Redis traps handled here: `maxRetriesPerRequest: null` and endless
 * reconnection (see `createRedisConnection`); a watchdog re-creates job
 * schedulers that a Redis restart without persistence lost and restarts a
 * stopped worker loop; a fan-out is skipped while a whole tick's shard jobs are
 * still waiting, so a slow fleet does not pile up an unbounded backlog.
 */
export class BullmqScheduler implements Scheduler {
  readonly #opts: Required<Omit<BullmqSchedulerOptions, 'logger'>>;
  readonly #log: Logger;
  readonly #client: Redis;
  readonly #schedules = new Map<string, Schedule>();
  #watchdog: NodeJS.Timeout | undefined;
  #checking = false;
  #closing: Promise<void> | undefined;
  #readyOnce = false;
  #connected = false;
  #lastErrorLog = 0;
  #suppressedErrors = 0;

  constructor(opts: BullmqSchedulerOptions) {
    this.#opts = {
      redisUrl: opts.redisUrl,
      prefix: opts.prefix ?? 'pullwatch',
      concurrency: opts.concurrency ?? 4,
      lockDurationMs: opts.lockDurationMs ?? 30_000,
      stalledIntervalMs: opts.stalledIntervalMs ?? 30_000,
      maxStalledCount: opts.maxStalledCount ?? 2,
      backoffMs: opts.backoffMs ?? 1_000,
      defaultAttempts: opts.defaultAttempts ?? 3,
      watchdogIntervalMs: opts.watchdogIntervalMs ?? 30_000,
      connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
      closeTimeoutMs: opts.closeTimeoutMs ?? 30_000,
    };
    if (!Number.isInteger(this.#opts.concurrency) || this.#opts.concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer (got ${this.#opts.concurrency})`);
    }
    this.#log = opts.logger.child({ component: 'scheduler', redis: redactRedisUrl(opts.redisUrl), prefix: this.#opts.prefix });
    if (this.#opts.stalledIntervalMs > this.#opts.lockDurationMs) {
      this.#log.warn(
        { lock_duration_ms: this.#opts.lockDurationMs, stalled_interval_ms: this.#opts.stalledIntervalMs },
        'stalledIntervalMs is above lockDurationMs: jobs of a crashed process are taken over late.',
      );
    }
    this.#client = createRedisConnection(opts.redisUrl, `${this.#opts.prefix}-scheduler`);
    this.#client.on('error', (err: Error) => this.#logError(err, 'Redis connection error.'));
    this.#client.on('close', () => {
      if (this.#connected && !this.#closing) this.#log.warn('Redis connection lost; reconnecting.');
      this.#connected = false;
    });
    this.#client.on('ready', () => {
      this.#connected = true;
      if (this.#readyOnce && !this.#closing) {
        this.#log.info('Redis connection ready again.');
        void this.#check();
      }
      this.#readyOnce = true;
    });
  }

  /** The key prefix in use. */
  get prefix(): string {
    return this.#opts.prefix;
  }

  /** For health checks: whether Redis is connected and each schedule's worker runs. */
  status(): { connected: boolean; schedules: Record<string, { running: boolean; intervalMs: number; shards: number }> } {
    const schedules: Record<string, { running: boolean; intervalMs: number; shards: number }> = {};
    for (const s of this.#schedules.values()) schedules[s.name] = { running: s.worker.isRunning(), intervalMs: s.intervalMs, shards: s.shards };
    return { connected: this.#connected, schedules };
  }

  /**
   * Registers `job` for shards 0..shards-1 about once per `intervalMs`, shared
   * with every process that registered the same `name` on the same Redis and
   * prefix. `attempts` counts tries (1: no retry); default `defaultAttempts`.
   * `job` gets its shard and, as a second argument, the tick and attempt.
   */
  async every(
    name: string,
    opts: { intervalMs: number; shards: number; attempts?: number },
    job: (shard: number, run: ShardRun) => Promise<void>,
  ): Promise<void> {
    if (this.#closing) throw new Error('the scheduler is closed');
    if (this.#schedules.has(name)) throw new Error(`a schedule named "${name}" is already registered`);
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new RangeError(`schedule name "${name}" must use letters, digits and . _ - only`);
    if (!Number.isInteger(opts.intervalMs) || opts.intervalMs < 100) throw new RangeError(`intervalMs must be an integer ≥ 100 (got ${opts.intervalMs})`);
    if (!Number.isInteger(opts.shards) || opts.shards < 1 || opts.shards > 10_000) throw new RangeError(`shards must be an integer in 1..10000 (got ${opts.shards})`);
    const attempts = opts.attempts ?? this.#opts.defaultAttempts;
    if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer (got ${attempts})`);

    await waitForRedis(this.#client, this.#opts.redisUrl, this.#opts.connectTimeoutMs);
    const connection = this.#client;
    const queue = new Queue(name, { connection, prefix: this.#opts.prefix });
    queue.on('error', (err: Error) => this.#logError(err, 'Scheduler queue error.', name));
    const schedule: Schedule = { name, intervalMs: opts.intervalMs, shards: opts.shards, attempts, job, queue, worker: undefined as unknown as Worker };
    const worker = new Worker(name, (j: Job) => this.#process(schedule, j), {
      connection,
      prefix: this.#opts.prefix,
      concurrency: this.#opts.concurrency,
      lockDuration: this.#opts.lockDurationMs,
      stalledInterval: this.#opts.stalledIntervalMs,
      maxStalledCount: this.#opts.maxStalledCount,
      autorun: false,
    });
    schedule.worker = worker;
    worker.on('error', (err: Error) => this.#logError(err, 'Scheduler worker error.', name));
    worker.on('stalled', (jobId: string) => this.#log.warn({ schedule: name, job_id: jobId }, 'Job stalled (its process stopped renewing the lock); it runs again.'));
    worker.on('failed', (j: Job | undefined, err: Error) => {
      if (j?.name === TICK) this.#log.warn({ schedule: name, job_id: j.id, attempt: j.attemptsMade, err }, 'Tick fan-out failed.');
      if (!j || j.name !== SHARD) return;
      const tries = j.opts.attempts ?? 1;
      const final = j.attemptsMade >= tries || err.name === 'UnrecoverableError';
      const fields = { schedule: name, job_id: j.id, shard: (j.data as ShardData).shard, attempt: j.attemptsMade, attempts: tries, err };
      if (final) this.#log.error(fields, 'Shard job failed for good.');
      else this.#log.warn(fields, 'Shard job failed; it will be retried.');
    });
    this.#schedules.set(name, schedule);
    await this.#upsert(schedule);
    void this.#run(schedule);
    this.#startWatchdog();
    this.#log.info(
      { schedule: name, interval_ms: opts.intervalMs, shards: opts.shards, attempts, concurrency: this.#opts.concurrency },
      'Schedule registered.',
    );
  }

  /** Stops this process's workers (waiting up to `closeTimeoutMs` for running jobs) and its connections; the schedule stays for the other processes. */
  close(): Promise<void> {
    return (this.#closing ??= (async () => {
      clearInterval(this.#watchdog);
      const schedules = [...this.#schedules.values()];
      const graceful = await within(Promise.all(schedules.map((s) => s.worker.close())), this.#opts.closeTimeoutMs);
      if (!graceful) {
        this.#log.warn({ close_timeout_ms: this.#opts.closeTimeoutMs }, 'Jobs still running at close; another process takes them over.');
        // Bounded too: with Redis away, even a forced close waits for commands that never complete.
        await within(Promise.allSettled(schedules.map((s) => s.worker.close(true))), 2_000);
      }
      await within(Promise.allSettled(schedules.map((s) => s.queue.close())), 2_000);
      if (this.#client.status === 'ready') await within(this.#client.quit(), 2_000);
      this.#client.disconnect();
      this.#log.info('Scheduler closed.');
    })());
  }

  async #upsert(s: Schedule): Promise<void> {
    await s.queue.upsertJobScheduler(
      s.name,
      { every: s.intervalMs },
      {
        name: TICK,
        data: { shards: s.shards } satisfies TickData,
        opts: {
          attempts: 5,
          backoff: { type: 'exponential', delay: this.#opts.backoffMs },
          removeOnComplete: { count: 50 },
          removeOnFail: { count: 50 },
        },
      },
    );
  }

  async #run(s: Schedule): Promise<void> {
    try {
      await s.worker.run();
    } catch (err) {
      this.#logError(err as Error, 'Scheduler worker loop stopped.', s.name);
    }
  }

  #process(s: Schedule, job: Job): Promise<void> {
    if (job.name === TICK) return this.#fanOut(s, job as Job<TickData>);
    if (job.name === SHARD) return this.#runShard(s, job as Job<ShardData>);
    throw new UnrecoverableError(`unknown job name "${job.name}" in schedule "${s.name}"`);
  }

  /** One tick → one job per shard, with ids unique per (tick, shard). */
  async #fanOut(s: Schedule, job: Job<TickData>): Promise<void> {
    const tick = job.opts.prevMillis ?? Number(String(job.id).split(':').at(-1));
    const shards = job.data?.shards;
    if (!Number.isFinite(tick) || !Number.isInteger(shards) || shards < 1) {
      throw new UnrecoverableError(`tick job ${job.id} carries no tick time or shard count`);
    }
    const waiting = await s.queue.getWaitingCount();
    if (waiting >= shards) {
      this.#log.warn({ schedule: s.name, tick, waiting }, 'The previous tick is still waiting to run; this tick is skipped.');
      return;
    }
    const keepSeconds = Math.ceil(Math.max(4 * s.intervalMs, 60_000) / 1000);
    await s.queue.addBulk(
      Array.from({ length: shards }, (_, shard) => ({
        name: SHARD,
        data: { shard, shards, tick } satisfies ShardData,
        opts: {
          jobId: shardJobId(tick, shard),
          attempts: s.attempts,
          backoff: { type: 'exponential', delay: this.#opts.backoffMs },
          // Kept a few intervals so that a second fan-out of this tick finds the ids taken.
          removeOnComplete: { age: keepSeconds, count: Math.max(1_000, shards * 10) },
          removeOnFail: { age: 7 * 24 * 3600, count: Math.max(1_000, shards * 10) },
        },
      })),
    );
  }

  async #runShard(s: Schedule, job: Job<ShardData>): Promise<void> {
    const { shard, shards, tick } = job.data ?? ({} as Partial<ShardData>);
    if (!Number.isInteger(shard) || !Number.isInteger(shards) || shard! < 0 || shard! >= shards!) {
      throw new UnrecoverableError(`shard job ${job.id} has no valid shard (${JSON.stringify(job.data)})`);
    }
    if (shards !== s.shards) {
      throw new UnrecoverableError(
        `shard job ${job.id} was cut into ${shards} shards but this process uses ${s.shards}: every process must use the same shard count`,
      );
    }
    try {
      await s.job(shard!, { tick: tick ?? job.timestamp, attempt: job.attemptsMade + 1, jobId: String(job.id) });
    } catch (err) {
      if (err instanceof Error && err.name === 'UnrecoverableError') throw err;
      if (!isRetriable(err)) {
        const e = new UnrecoverableError(err instanceof Error ? err.message : String(err));
        (e as Error & { cause?: unknown }).cause = err;
        throw e;
      }
      throw err;
    }
  }

  #startWatchdog(): void {
    if (this.#watchdog) return;
    this.#watchdog = setInterval(() => void this.#check(), this.#opts.watchdogIntervalMs);
    this.#watchdog.unref();
  }

  /** Repairs what a Redis restart can break: lost job schedulers, a stopped worker loop. */
  async #check(): Promise<void> {
    if (this.#checking || this.#closing) return;
    this.#checking = true;
    try {
      for (const s of this.#schedules.values()) {
        if (this.#closing) return;
        if (!s.worker.isRunning()) {
          this.#log.warn({ schedule: s.name }, 'Scheduler worker loop was stopped; restarting it.');
          void this.#run(s);
        }
        const existing = await s.queue.getJobScheduler(s.name);
        if (!existing) {
          this.#log.warn({ schedule: s.name }, 'Schedule missing in Redis (data lost in a restart?); re-creating it.');
          await this.#upsert(s);
        }
      }
    } catch (err) {
      this.#logError(err as Error, 'Scheduler check failed; retrying at the next check.');
    } finally {
      this.#checking = false;
    }
  }

  /** Errors repeat while Redis is down: one line per 10 s, with the count of those suppressed. */
  #logError(err: Error, message: string, schedule?: string): void {
    if (this.#closing && /Connection is closed/i.test(err.message)) return;
    const now = Date.now();
    if (now - this.#lastErrorLog < 10_000) {
      this.#suppressedErrors++;
      return;
    }
    this.#lastErrorLog = now;
    const suppressed = this.#suppressedErrors;
    this.#suppressedErrors = 0;
    this.#log.warn({ err, ...(schedule ? { schedule } : {}), ...(suppressed ? { suppressed } : {}) }, message);
  }
}
