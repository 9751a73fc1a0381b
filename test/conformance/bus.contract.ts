import { describe, expect, it } from 'vitest';
import type { Bus, ConsumedRecord } from '@pullwatch/ports';

export interface BusFixture {
  bus: Bus;
  /** A topic name no other test uses. */
  topic(): string;
  /** A group name no other test uses. */
  group(): string;
  /** Poll until `check` is true (adapters deliver asynchronously). */
  waitFor(check: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const rec = (key: string, n: number) => ({ key, value: Buffer.from(`${key}:${n}`) });
const text = (r: ConsumedRecord) => r.value.toString();

/**
 * The Bus port's contract, run against every adapter (in-process for embedded
 * mode, Kafka for distributed mode) by an entry file that passes a factory.
 */
export function busContract(name: string, factory: () => Promise<BusFixture>): void {
  describe(`bus contract > ${name}`, () => {
    it('delivers every record sent, in order per key', async () => {
      const f = await factory();
      try {
        const topic = f.topic();
        await f.bus.ensureTopics([topic]);
        const producer = await f.bus.producer();
        const got: string[] = [];
        const consumer = await f.bus.consumer({ topics: [topic], group: f.group() });
        await consumer.run(async (records) => void got.push(...records.map(text)));
        for (let i = 0; i < 50; i++) await producer.send(topic, [rec('a', i), rec('b', i)]);
        await f.waitFor(() => got.length >= 100);
        expect(got).toHaveLength(100);
        for (const key of ['a', 'b']) expect(got.filter((g) => g.startsWith(`${key}:`))).toEqual(Array.from({ length: 50 }, (_, i) => `${key}:${i}`));
        await consumer.stop();
        await producer.close();
      } finally {
        await f.close();
      }
    });

    it('gives the same records again after the handler throws (at-least-once)', async () => {
      const f = await factory();
      try {
        const topic = f.topic();
        await f.bus.ensureTopics([topic]);
        const producer = await f.bus.producer();
        await producer.send(topic, [rec('k', 1), rec('k', 2), rec('k', 3)]);
        let calls = 0;
        const handled: string[] = [];
        const consumer = await f.bus.consumer({ topics: [topic], group: f.group() });
        await consumer.run(async (records) => {
          calls++;
          if (calls === 1) throw new Error('store unavailable');
          handled.push(...records.map(text));
        });
        await f.waitFor(() => handled.length >= 3, 60_000);
        expect(handled.slice(0, 3)).toEqual(['k:1', 'k:2', 'k:3']);
        expect(calls).toBeGreaterThanOrEqual(2);
        await consumer.stop();
        await producer.close();
      } finally {
        await f.close();
      }
    });

    it('lets every consumer group see every record', async () => {
      const f = await factory();
      try {
        const topic = f.topic();
        await f.bus.ensureTopics([topic]);
        const producer = await f.bus.producer();
        const a: string[] = [];
        const b: string[] = [];
        const ca = await f.bus.consumer({ topics: [topic], group: f.group() });
        const cb = await f.bus.consumer({ topics: [topic], group: f.group() });
        await ca.run(async (r) => void a.push(...r.map(text)));
        await cb.run(async (r) => void b.push(...r.map(text)));
        await producer.send(topic, [rec('x', 1), rec('x', 2)]);
        await f.waitFor(() => a.length >= 2 && b.length >= 2);
        expect(a).toEqual(['x:1', 'x:2']);
        expect(b).toEqual(['x:1', 'x:2']);
        await ca.stop();
        await cb.stop();
        await producer.close();
      } finally {
        await f.close();
      }
    });

    it('resumes a group after the last handled record: a restarted consumer does not lose records', async () => {
      const f = await factory();
      try {
        const topic = f.topic();
        const group = f.group();
        await f.bus.ensureTopics([topic]);
        const producer = await f.bus.producer();
        const first: string[] = [];
        const c1 = await f.bus.consumer({ topics: [topic], group });
        await c1.run(async (r) => void first.push(...r.map(text)));
        await producer.send(topic, [rec('r', 1), rec('r', 2)]);
        await f.waitFor(() => first.length >= 2);
        await c1.stop();
        await producer.send(topic, [rec('r', 3)]);
        const second: string[] = [];
        const c2 = await f.bus.consumer({ topics: [topic], group });
        await c2.run(async (r) => void second.push(...r.map(text)));
        await f.waitFor(() => second.includes('r:3'), 60_000);
        // At-least-once: nothing lost; a redelivered record is allowed, a lost one is not.
        expect([...new Set([...first, ...second])].sort()).toEqual(['r:1', 'r:2', 'r:3']);
        await c2.stop();
        await producer.close();
      } finally {
        await f.close();
      }
    });
  });
}
