import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '@pullwatch/core';
import type { BusProducer, BusRecord } from '@pullwatch/ports';
import { RecordPump } from '@pullwatch/receiver';
import { createLogger } from '@pullwatch/telemetry';

const logger = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const env = (i: number, size: number): Envelope => ({
  id: `r-${i}`,
  received_at: '2026-11-26T10:00:00.000Z',
  transport: 'tcp',
  listener: 'tcp',
  peer: { address: '192.0.2.1', port: 1 },
  raw: 'x'.repeat(size),
});

/** A producer that records what it was asked to send (the pump's side of the Bus port). */
function recordingProducer(failFirst = 0) {
  const sends: BusRecord[][] = [];
  let calls = 0;
  const producer: BusProducer = {
    send: async (_topic, records) => {
      if (calls++ < failFirst) throw new Error('broker unavailable');
      sends.push(records);
    },
    close: async () => undefined,
  };
  return { producer, sends };
}

describe('receiver > record pump', () => {
  it('keeps every send under the byte bound Kafka accepts, and loses nothing', async () => {
    const { producer, sends } = recordingProducer();
    let acked = 0;
    const pump = new RecordPump({ producer, topic: 't', logger, maxBytesPerSend: 900_000, onAcked: (m) => (acked += m), onError: () => undefined });
    // 40 records of ~200 KB each: 8 MB in all.
    for (let i = 0; i < 40; i++) pump.enqueue('192.0.2.1', [env(i, 200_000)], 200_000);
    await pump.drain();
    expect(acked).toBe(40);
    expect(sends.flat()).toHaveLength(40);
    for (const s of sends) expect(s.reduce((n, r) => n + r.value.length, 0)).toBeLessThanOrEqual(900_000);
    expect(sends.length).toBeGreaterThan(8);
  });

  it('sends a record larger than the bound on its own rather than never', async () => {
    const { producer, sends } = recordingProducer();
    const pump = new RecordPump({ producer, topic: 't', logger, maxBytesPerSend: 1000, onAcked: () => undefined, onError: () => undefined });
    pump.enqueue('a', [env(1, 5000)], 5000);
    pump.enqueue('a', [env(2, 10)], 10);
    await pump.drain();
    expect(sends.map((s) => s.length)).toEqual([1, 1]);
  });

  it('retries a failed send and keeps the order of records', async () => {
    const { producer, sends } = recordingProducer(2);
    let errors = 0;
    const pump = new RecordPump({ producer, topic: 't', logger, onAcked: () => undefined, onError: () => errors++ });
    for (let i = 0; i < 5; i++) pump.enqueue('a', [env(i, 10)], 10);
    await pump.drain();
    expect(errors).toBe(2);
    const ids = sends.flat().map((r) => (JSON.parse(r.value.toString()) as { envelopes: Envelope[] }).envelopes[0]!.id);
    expect(ids).toEqual(['r-0', 'r-1', 'r-2', 'r-3', 'r-4']);
  });
});
