/**
 * Property: mutated pfSense/OPNsense corpus lines never make the decoders throw anything but a
 * DecodeError, and what they return is plain JSON (no undefined, no cycles). Runs:
 * PULLWATCH_FUZZ_RUNS (default 1000) per property.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecodeError } from '@pullwatch/core';
import type { DecodeInput, Decoder } from '@pullwatch/decoders';
import { parseSyslog } from '@pullwatch/syslog';
import { pfsenseDecoder } from '../../../packages/decoders/src/pfsense/index.js';
import { opnsenseDecoder } from '../../../packages/decoders/src/opnsense/index.js';
import { corporaDir } from '../../helpers/corpora.js';

const RUNS = Number(process.env.PULLWATCH_FUZZ_RUNS ?? 1000);
const CORPORA = [corporaDir('pfsense'), corporaDir('opnsense')];
const LINES = CORPORA.flatMap((dir) =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.log'))
    .flatMap((n) => readFileSync(join(dir, n), 'utf8').split('\n').filter((l) => l.length > 0)),
);
const AT = new Date('2024-06-01T00:00:00Z');

type Mutation =
  | { kind: 'cut'; at: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'dropField'; index: number }
  | { kind: 'swapFields'; a: number; b: number }
  | { kind: 'setField'; index: number; text: string };

const token = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', ',', ',,', ' ', '[', ']', '"', '\\', ':', ';', '=', 'datalength=', 'truncated-icmp=', '-1', '99999999999999999999', '0x', 'unkn(3)', '6', '17', '1', '58', '112', '::', '999.1.1.1', '\uFEFF', '\u0000', '\uD800', '<134>', '[meta sequenceId="x"]'),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(600) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(600), len: fc.nat(20) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(600), text: token }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(600), text: token }),
  fc.record({ kind: fc.constant('dropField' as const), index: fc.nat(40) }),
  fc.record({ kind: fc.constant('swapFields' as const), a: fc.nat(40), b: fc.nat(40) }),
  fc.record({ kind: fc.constant('setField' as const), index: fc.nat(40), text: token }),
);

function apply(line: string, m: Mutation): string {
  const pos = (at: number) => (line.length === 0 ? 0 : at % (line.length + 1));
  switch (m.kind) {
    case 'cut':
      return line.slice(0, pos(m.at));
    case 'delete':
      return line.slice(0, pos(m.at)) + line.slice(pos(m.at) + m.len);
    case 'insert':
      return line.slice(0, pos(m.at)) + m.text + line.slice(pos(m.at));
    case 'replace':
      return line.slice(0, pos(m.at)) + m.text + line.slice(pos(m.at) + m.text.length);
    default: {
      const fields = line.split(',');
      const i = (n: number) => n % fields.length;
      if (m.kind === 'dropField') fields.splice(i(m.index), 1);
      else if (m.kind === 'swapFields') [fields[i(m.a)], fields[i(m.b)]] = [fields[i(m.b)]!, fields[i(m.a)]!];
      else fields[i(m.index)] = m.text;
      return fields.join(',');
    }
  }
}

function inputOf(raw: string): DecodeInput {
  const p = parseSyslog(raw, { receivedAt: AT, timezone: '-04:00' });
  return { raw, header: p.header, message: p.message, receivedAt: AT, timezone: '-04:00' };
}

function assertPlainJson(v: unknown, path: string, seen: Set<unknown>): void {
  if (v === undefined) throw new Error(`undefined at ${path}`);
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`non-finite number at ${path}`);
  if (v === null || typeof v !== 'object') return;
  if (seen.has(v)) throw new Error(`shared or cyclic object at ${path}`);
  seen.add(v);
  if (Array.isArray(v)) v.forEach((x, k) => assertPlainJson(x, `${path}[${k}]`, seen));
  else for (const [k, x] of Object.entries(v)) assertPlainJson(x, `${path}.${k}`, seen);
}

function run(decoder: Decoder, raw: string): void {
  const input = inputOf(raw);
  decoder.claims(input);
  try {
    const frag = decoder.decode(input);
    assertPlainJson(frag, '', new Set());
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
}

describe('decoders > pfsense/opnsense > fuzz', () => {
  it(`corpus has lines to mutate (${LINES.length})`, () => {
    expect(LINES.length).toBeGreaterThan(100);
  });

  it('mutated corpus lines throw nothing but DecodeError, and decode to plain JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LINES), fc.array(mutation, { minLength: 1, maxLength: 4 }), (line, muts) => {
        const raw = muts.reduce(apply, line);
        run(pfsenseDecoder, raw);
        run(opnsenseDecoder, raw);
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary text after a filterlog tag throws nothing but DecodeError', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (fields) => {
        const raw = `<134>Jul  3 19:10:30 filterlog[1]: ${fields.join(',')}`;
        run(pfsenseDecoder, raw);
        run(opnsenseDecoder, raw);
      }),
      { numRuns: RUNS },
    );
  });
});
