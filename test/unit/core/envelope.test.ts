import { describe, expect, it } from 'vitest';
import { envelopeBatchSchema, envelopeId, envelopeSchema, newRunId } from '@pullwatch/core';

const good = {
  id: 'abc-1',
  received_at: '2026-11-26T10:00:00.000Z',
  transport: 'tcp',
  listener: 'tcp',
  peer: { address: '192.0.2.1', port: 51514 },
  raw: '<134>Nov 26 10:00:00 fw filterlog[1]: x',
};

describe('core > envelope', () => {
  it('accepts a well-formed envelope and batch', () => {
    expect(envelopeSchema.parse(good)).toEqual(good);
    expect(envelopeBatchSchema.parse({ v: 1, envelopes: [good, { ...good, id: 'abc-2', truncated: true, discarded_bytes: 10 }] }).envelopes).toHaveLength(2);
  });

  it.each([
    ['an unknown transport', { ...good, transport: 'sctp' }],
    ['a port out of range', { ...good, peer: { address: '192.0.2.1', port: 70000 } }],
    ['a time without zone', { ...good, received_at: '2026-11-26 10:00:00' }],
    ['an unknown field', { ...good, extra: 1 }],
    ['a missing raw', { ...good, raw: undefined }],
  ])('rejects %s', (_name, value) => {
    expect(envelopeSchema.safeParse(value).success).toBe(false);
  });

  it('rejects an empty or unversioned batch', () => {
    expect(envelopeBatchSchema.safeParse({ v: 1, envelopes: [] }).success).toBe(false);
    expect(envelopeBatchSchema.safeParse({ v: 2, envelopes: [good] }).success).toBe(false);
  });

  it('makes ids unique per run and sequence', () => {
    const a = newRunId();
    const b = newRunId();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const ids = new Set(Array.from({ length: 10_000 }, (_, i) => envelopeId(a, i)));
    expect(ids.size).toBe(10_000);
    expect(envelopeId(a, 35)).toBe(`${a}-z`);
  });
});
