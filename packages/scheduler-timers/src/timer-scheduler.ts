import type { Scheduler } from '@pullwatch/ports';

export interface TimerSchedulerOptions {
  /** First retry delay in ms after a job throws (doubles per attempt). Default 1000. */
  retryBaseMs?: number;
  /** Called when a shard's job failed all its attempts. */
  onFailure?: (name: string, shard: number, err: unknown) => void;
}

/**
 * Scheduler on timers, for embedded mode (one process owns every shard). Each
 * tick runs the shards one after another; a tick that is still running when
 * the next is due is not doubled up. A failing job is retried with back-off up
 * to `attempts` times.
 */
export class TimerScheduler implements Scheduler {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #running = new Set<Promise<void>>();
  readonly #opts: TimerSchedulerOptions;
  #closed = false;

  constructor(opts: TimerSchedulerOptions = {}) {
    this.#opts = opts;
  }

  async every(name: string, opts: { intervalMs: number; shards: number; attempts?: number }, job: (shard: number) => Promise<void>): Promise<void> {
    let busy = false;
    const tick = () => {
      if (busy || this.#closed) return;
      busy = true;
      const run = (async () => {
        for (let shard = 0; shard < opts.shards && !this.#closed; shard++) await this.#attempt(name, shard, opts.attempts ?? 3, job);
      })().finally(() => {
        busy = false;
        this.#running.delete(run);
      });
      this.#running.add(run);
    };
    const timer = setInterval(tick, opts.intervalMs);
    timer.unref();
    this.#timers.add(timer);
    tick();
  }

  async #attempt(name: string, shard: number, attempts: number, job: (shard: number) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await job(shard);
        return;
      } catch (err) {
        if (attempt >= attempts || this.#closed) {
          this.#opts.onFailure?.(name, shard, err);
          return;
        }
        await new Promise((r) => setTimeout(r, (this.#opts.retryBaseMs ?? 1000) * 2 ** (attempt - 1)));
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#timers) clearInterval(t);
    this.#timers.clear();
    await Promise.allSettled([...this.#running]);
  }
}
