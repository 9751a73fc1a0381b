import { describe, expect, it } from 'vitest';
import type { Scheduler } from '@pullwatch/ports';

export interface SchedulerFixture {
  /** A scheduler; called twice in one test for adapters that share work between processes. */
  create(): Promise<Scheduler>;
  /** A schedule name no other test uses. */
  name(): string;
  waitFor(check: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The Scheduler port's contract, run against the timer adapter (embedded) and BullMQ (distributed). */
export function schedulerContract(name: string, factory: () => Promise<SchedulerFixture>): void {
  describe(`scheduler contract > ${name}`, () => {
    it('runs every shard, again on each interval', async () => {
      const f = await factory();
      const s = await f.create();
      try {
        const runs = new Map<number, number>();
        await s.every(f.name(), { intervalMs: 200, shards: 4 }, async (shard) => void runs.set(shard, (runs.get(shard) ?? 0) + 1));
        await f.waitFor(() => [0, 1, 2, 3].every((k) => (runs.get(k) ?? 0) >= 2), 30_000);
        expect([...runs.keys()].sort()).toEqual([0, 1, 2, 3]);
      } finally {
        await s.close();
        await f.close();
      }
    });

    it('retries a job that throws', async () => {
      const f = await factory();
      const s = await f.create();
      try {
        let calls = 0;
        let done = false;
        await s.every(f.name(), { intervalMs: 60_000, shards: 1, attempts: 3 }, async () => {
          calls++;
          if (calls < 3) throw new Error('transient');
          done = true;
        });
        await f.waitFor(() => done, 30_000);
        expect(calls).toBe(3);
      } finally {
        await s.close();
        await f.close();
      }
    });
  });
}
