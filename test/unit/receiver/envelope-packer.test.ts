import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '@pullwatch/core';
import { EnvelopePacker } from '@pullwatch/receiver';

const env = (sender: string, n: number, raw = `line ${n}`): Envelope => ({
  id: `run-${n}`,
  received_at: new Date().toISOString(),
  transport: 'udp',
  listener: 'udp',
  peer: { address: sender, port: 514 },
  raw,
});

describe('receiver > envelope packer', () => {
  let packer: EnvelopePacker | undefined;
  afterEach(() => packer?.close());

  it('packs one sender up to maxMessages, in order, and keeps senders apart', () => {
    const batches: Array<[string, string[]]> = [];
    packer = new EnvelopePacker({ maxMessages: 3, maxBytes: 1 << 20, maxAgeMs: 60_000, onBatch: (s, e) => batches.push([s, e.map((x) => x.id)]) });
    for (let i = 0; i < 7; i++) packer.add(i % 2 ? 'b' : 'a', env(i % 2 ? 'b' : 'a', i), 10);
    expect(batches).toEqual([
      ['a', ['run-0', 'run-2', 'run-4']],
      ['b', ['run-1', 'run-3', 'run-5']],
    ]);
    packer.flushAll();
    expect(batches[2]).toEqual(['a', ['run-6']]);
  });

  it('never builds a batch over maxBytes', () => {
    const sizes: number[] = [];
    packer = new EnvelopePacker({ maxMessages: 1000, maxBytes: 1000, maxAgeMs: 60_000, onBatch: (_s, _e, bytes) => sizes.push(bytes) });
    for (let i = 0; i < 10; i++) packer.add('a', env('a', i), 300);
    packer.flushAll();
    expect(sizes).toEqual([900, 900, 900, 300]);
  });

  it('flushes a batch once it is older than maxAgeMs', async () => {
    const got: string[] = [];
    packer = new EnvelopePacker({ maxMessages: 1000, maxBytes: 1 << 20, maxAgeMs: 20, onBatch: (_s, e) => got.push(...e.map((x) => x.id)) });
    packer.add('a', env('a', 1), 10);
    expect(got).toEqual([]);
    const deadline = Date.now() + 2000;
    while (got.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual(['run-1']);
  });
});
