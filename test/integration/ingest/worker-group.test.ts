import { afterAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '@pullwatch/worker';
import { waitFor } from '../../helpers/services.js';
import { countDocs, dropStream, envelope, isolatedConfig, kafkaBusFor, rawKafka, silent, storeFor } from './worker-pipeline.helpers.js';

async function metricOf(w: WorkerHandle, name: string): Promise<number> {
  const m = new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(await w.registry.metrics());
  return m ? Number(m[1]) : 0;
}

describe('worker > consumer group', () => {
  const config = isolatedConfig('grp');
  const store = storeFor(config);
  const stream = config.elasticsearch.firewallStream;
  const busA = kafkaBusFor(config, 'grp-a');
  const busB = kafkaBusFor(config, 'grp-b');

  afterAll(async () => {
    await busA.close();
    await busB.close();
    await dropStream(store, stream);
    await store.close();
  });

  it('shares the partitions between two workers, and one that stops hands its partitions over without loss or duplicates', async () => {
    await busA.ensureTopics([config.kafka.rawTopic, config.kafka.deadLetterTopic]);
    const a = await startWorker(config, busA, store, silent);
    const b = await startWorker(config, busB, store, silent);
    const held = (w: WorkerHandle) => Object.values(w.assignment()).flat().length;
    await waitFor(() => held(a) > 0 && held(b) > 0 && held(a) + held(b) === 6, { timeoutMs: 60_000, message: () => `assignments: ${held(a)} + ${held(b)}` });
    const producer = rawKafka().producer();
    await producer.connect();
    const send = async (round: number, senders: number, perSender: number) => {
      const messages = [];
      for (let s = 0; s < senders; s++) {
        const sender = `198.51.100.${s + 1}`;
        const envs = Array.from({ length: perSender }, (_, i) => envelope(`<134>Nov 26 10:00:00 fw${s} app: round ${round} line ${i}`, sender));
        messages.push({ key: sender, value: JSON.stringify({ v: 1, envelopes: envs }) });
      }
      await producer.send({ topic: config.kafka.rawTopic, messages });
    };
    // 24 senders spread over the 6 partitions.
    await send(1, 24, 25);
    await waitFor(async () => (await countDocs(store, stream)) === 600, { timeoutMs: 60_000, intervalMs: 250 });
    const consumedA = await metricOf(a, 'pullwatch_worker_consumed_records_total');
    const consumedB = await metricOf(b, 'pullwatch_worker_consumed_records_total');
    expect(consumedA + consumedB).toBe(24);
    expect(consumedA).toBeGreaterThan(0);
    expect(consumedB).toBeGreaterThan(0);

    await a.stop();
    await waitFor(() => held(b) === 6, { timeoutMs: 60_000, message: () => `b holds ${held(b)} partitions` });
    await send(2, 24, 25);
    let count = 0;
    await waitFor(async () => (count = await countDocs(store, stream)) === 1200, { timeoutMs: 90_000, intervalMs: 250, message: () => `${count} of 1200 indexed` });
    expect(await metricOf(b, 'pullwatch_worker_consumed_records_total')).toBe(consumedB + 24);
    await producer.disconnect();
    await b.stop();
    expect(await countDocs(store, stream)).toBe(1200);
  });
});
