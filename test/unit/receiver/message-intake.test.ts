import { afterEach, describe, expect, it } from 'vitest';
import { envelopeSchema, type Envelope } from '@pullwatch/core';
import { createRegistry } from '@pullwatch/telemetry';
import { EnvelopePacker, MessageIntake } from '@pullwatch/receiver';
import { receiverMetrics } from '../../../services/receiver/src/receiver-metrics.js';

const make = (maxPendingBytes: number, pressure: boolean[], out: Envelope[]) =>
  new MessageIntake({
    packer: (onBatch) => new EnvelopePacker({ maxMessages: 1, maxBytes: 1 << 20, maxAgeMs: 60_000, onBatch }),
    onBatch: (_s, e) => out.push(...e),
    metrics: receiverMetrics(createRegistry('test')),
    maxPendingBytes,
    onPressure: (s) => pressure.push(s),
  });

describe('receiver > message intake', () => {
  let intake: MessageIntake | undefined;
  afterEach(() => intake?.packer.close());

  it('gives every message a schema-valid envelope with a unique id from one run', () => {
    const out: Envelope[] = [];
    intake = make(1 << 30, [], out);
    for (let i = 0; i < 100; i++) intake.accept({ transport: 'tcp', listener: 'tcp', address: '192.0.2.7', port: 40000, data: Buffer.from(`<14>msg ${i}`) });
    expect(out).toHaveLength(100);
    expect(new Set(out.map((e) => e.id)).size).toBe(100);
    expect(out.every((e) => e.id.startsWith(intake!.runId + '-'))).toBe(true);
    for (const e of out) expect(envelopeSchema.safeParse(e).success).toBe(true);
    expect(out[5]!.raw).toBe('<14>msg 5');
  });

  it('keeps the exact bytes of invalid UTF-8 in raw_base64', () => {
    const out: Envelope[] = [];
    intake = make(1 << 30, [], out);
    const bytes = Buffer.from([0x3c, 0x31, 0x34, 0x3e, 0x61, 0xff, 0xfe, 0x62]);
    intake.accept({ transport: 'udp', listener: 'udp', address: '192.0.2.7', port: 1, data: bytes });
    intake.accept({ transport: 'udp', listener: 'udp', address: '192.0.2.7', port: 1, data: Buffer.from('<14>ok') });
    expect(out[0]!.raw).toBe('<14>a\uFFFD\uFFFDb');
    expect(Buffer.from(out[0]!.raw_base64!, 'base64').equals(bytes)).toBe(true);
    expect(out[1]!.raw_base64).toBeUndefined();
  });

  it('flags truncated messages with the discarded byte count', () => {
    const out: Envelope[] = [];
    intake = make(1 << 30, [], out);
    intake.accept({ transport: 'tcp', listener: 'tcp', address: 'x', port: 1, data: Buffer.from('abc'), truncated: true, discardedBytes: 42 });
    expect(out[0]).toMatchObject({ truncated: true, discarded_bytes: 42 });
  });

  it('saturates above maxPendingBytes and resumes below half of it', () => {
    const pressure: boolean[] = [];
    intake = make(2000, pressure, []);
    const msg = { transport: 'tcp' as const, listener: 'tcp', address: 'x', port: 1, data: Buffer.alloc(500, 0x61) };
    for (let i = 0; i < 3; i++) intake.accept(msg);
    expect(intake.saturated).toBe(false);
    intake.accept(msg);
    expect(intake.saturated).toBe(true);
    expect(pressure).toEqual([true]);
    intake.acked(EnvelopePacker.sizeOf({ raw: 'a'.repeat(500) } as Envelope));
    expect(intake.saturated).toBe(true);
    intake.acked(2 * EnvelopePacker.sizeOf({ raw: 'a'.repeat(500) } as Envelope));
    expect(intake.saturated).toBe(false);
    expect(pressure).toEqual([true, false]);
  });
});
