import { describe, expect, it } from 'vitest';
import { MemoryBus } from '@pullwatch/bus-memory';
import { busContract } from './bus.contract.js';

let n = 0;
busContract('memory', async () => {
  const bus = new MemoryBus({ retryBaseMs: 5 });
  return {
    bus,
    topic: () => `topic-${n++}`,
    group: () => `group-${n++}`,
    waitFor: async (check, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 2));
      }
    },
    close: () => bus.close(),
  };
});

describe('bus > memory only', () => {
  it('makes send wait while the topic is full, and lets it in once the consumer catches up', async () => {
    const bus = new MemoryBus({ capacityRecords: 10 });
    const producer = await bus.producer();
    await producer.send('t', Array.from({ length: 10 }, (_, i) => ({ value: Buffer.from(String(i)) })));
    let sent = false;
    const pending = producer.send('t', [{ value: Buffer.from('10') }]).then(() => (sent = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toBe(false);
    expect(bus.depth('t')).toBe(10);
    const consumer = await bus.consumer({ topics: ['t'], group: 'g' });
    const got: string[] = [];
    await consumer.run(async (r) => void got.push(...r.map((x) => x.value.toString())));
    await pending;
    const deadline = Date.now() + 2000;
    while (got.length < 11 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(got).toEqual(Array.from({ length: 11 }, (_, i) => String(i)));
    await bus.close();
  });
});
