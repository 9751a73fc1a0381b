import type { Logger } from '@pullwatch/telemetry';

/** Settings of a `BullmqScheduler`. Durations are in milliseconds. */
export interface BullmqSchedulerOptions {
  /** Redis URL, `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  redisUrl: string;
  logger: Logger;
  /**
   * Prefix of every Redis key the scheduler writes (`<prefix>:<schedule name>:*`).
   * Processes that share the work use the same prefix; tests isolate by prefix.
   * @defaultValue 'pullwatch'
   */
  prefix?: string;
  /** Shard jobs one process runs at the same time. @defaultValue 4 */
  concurrency?: number;
  /**
   * How long a running job's lock lasts without renewal (the worker renews it
   * every half of this). When a process dies, its jobs are taken over once the
   * lock expired and a stalled check ran. Keep it well above the longest event
   * loop stall, or healthy jobs are reported stalled and run twice.
   * @defaultValue 30000
   */
  lockDurationMs?: number;
  /** How often each process looks for stalled jobs (locks of dead processes). @defaultValue 30000 */
  stalledIntervalMs?: number;
  /** Times a job may be taken over after a crash before it fails for good. @defaultValue 2 */
  maxStalledCount?: number;
  /** Delay before the first retry of a failed job; doubles per attempt. @defaultValue 1000 */
  backoffMs?: number;
  /** Attempts of a shard job when `every` does not say. @defaultValue 3 */
  defaultAttempts?: number;
  /**
   * How often each process checks that its schedules still exist in Redis and
   * that its worker still runs, and repairs them (a Redis restart without
   * persistence loses the job schedulers; a worker loop can stop after a
   * connection loss). @defaultValue 30000
   */
  watchdogIntervalMs?: number;
  /** How long start-up waits for Redis to answer before failing. @defaultValue 10000 */
  connectTimeoutMs?: number;
  /** Longest wait for running jobs when closing; then the connections are dropped. @defaultValue 30000 */
  closeTimeoutMs?: number;
}

/** What a shard job learns about its run, besides its shard. */
export interface ShardRun {
  /** The tick this run belongs to: the scheduled time, epoch milliseconds. */
  tick: number;
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
  /** The BullMQ job id, `tick-<tick>-shard-<shard>`: unique per shard and tick. */
  jobId: string;
}
