import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AutoFramer, type Frame, LfFramer, OctetCountingFramer, type StreamFramer } from '@pullwatch/syslog';

/** Runs per property; PULLWATCH_FUZZ_RUNS overrides every default (e.g. 100000 for a nightly run). */
const runs = (n: number): number => Number(process.env.PULLWATCH_FUZZ_RUNS ?? n);
/** Generous, so that PULLWATCH_FUZZ_RUNS=100000 is not cut by vitest's 5 s default. */
const TIMEOUT_MS = 30 * 60_000;

/** A frame body of 0..8 KiB: a random pattern of 1..48 bytes repeated to a random length. */
const body = (minLength: number, maxLength: number, pattern: fc.Arbitrary<Uint8Array>) =>
  fc.tuple(fc.integer({ min: minLength, max: maxLength }), pattern).map(([len, pat]) => {
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = pat[i % pat.length]!;
    return out;
  });

/** Chunk sizes: the stream is cut by cycling through them. */
const chunkSizes = fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 8 });

function feed(framer: StreamFramer, stream: Buffer, sizes: number[]): Frame[] {
  const frames: Frame[] = [];
  const on = (f: Frame) => frames.push(f);
  let pos = 0;
  let i = 0;
  while (pos < stream.length) {
    const size = sizes[i++ % sizes.length]!;
    framer.push(stream.subarray(pos, pos + size), on);
    pos += size;
  }
  framer.end(on);
  return frames;
}

const bytesOf = (frames: Frame[]) => frames.map((f) => f.data.toString('latin1'));

// LF frames: no LF/NUL inside, not ending in CR, not empty.
const lfPattern = fc.uint8Array({ minLength: 1, maxLength: 48 }).map((a) => a.map((b) => (b === 0x0a || b === 0x00 || b === 0x0d ? 0x20 : b)));
// Counted frames: anything after the leading `<`, embedded LF/CR/NUL included.
const anyPattern = fc.uint8Array({ minLength: 1, maxLength: 48 });

describe('syslog > framing > properties', () => {
  it('LF round trip: frames → bytes (LF, CRLF or NUL) → arbitrary chunks → the same frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(body(1, 8192, lfPattern), fc.constantFrom('\n', '\r\n', '\0')), { minLength: 1, maxLength: 12 }),
        chunkSizes,
        (frames, sizes) => {
          const stream = Buffer.concat(frames.flatMap(([b, term]) => [b, Buffer.from(term, 'latin1')]));
          const expected = frames.map(([b]) => b.toString('latin1'));
          expect(bytesOf(feed(new LfFramer(), stream, sizes))).toEqual(expected);
          expect(bytesOf(feed(new AutoFramer(), stream, sizes))).toEqual(expected);
        },
      ),
      { numRuns: runs(2000) },
    );
  }, TIMEOUT_MS);

  it('octet-counting round trip: frames → counted bytes → arbitrary chunks → the same frames (Auto too)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(body(0, 8192, anyPattern), fc.constantFrom('', '\n', '\r\n')), { minLength: 1, maxLength: 12 }),
        chunkSizes,
        (frames, sizes) => {
          const msgs = frames.map(([b]) => Buffer.concat([Buffer.from('<'), b]));
          const stream = Buffer.concat(
            msgs.flatMap((m, i) => [Buffer.from(`${m.length} `), m, Buffer.from(frames[i]![1], 'latin1')]),
          );
          // One trailing LF/CRLF/NUL inside a counted frame is stripped, as for a UDP datagram.
          const expected = msgs.map((m) => m.toString('latin1').replace(/(?:\r?\n|\0)$/, ''));
          expect(bytesOf(feed(new OctetCountingFramer(), stream, sizes))).toEqual(expected);
          expect(bytesOf(feed(new AutoFramer(), stream, sizes))).toEqual(expected);
        },
      ),
      { numRuns: runs(2000) },
    );
  }, TIMEOUT_MS);

  it('arbitrary bytes: never throws, holds at most maxMessageBytes + 1 bytes (11 for tiny limits), and chunking does not change the frames', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.integer({ min: 1, max: 300 }),
        chunkSizes,
        fc.constantFrom<'lf' | 'octet' | 'auto'>('lf', 'octet', 'auto'),
        (bytes, max, sizes, kind) => {
          const make = (): StreamFramer =>
            kind === 'lf' ? new LfFramer({ maxMessageBytes: max }) : kind === 'octet' ? new OctetCountingFramer({ maxMessageBytes: max }) : new AutoFramer({ maxMessageBytes: max });
          const stream = Buffer.from(bytes);
          const framer = make();
          const frames: Frame[] = [];
          let pos = 0;
          let i = 0;
          while (pos < stream.length) {
            const size = sizes[i++ % sizes.length]!;
            framer.push(stream.subarray(pos, pos + size), (f) => frames.push(f));
            expect(framer.bufferedBytes).toBeLessThanOrEqual(Math.max(max + 1, 11));
            pos += size;
          }
          framer.end((f) => frames.push(f));
          for (const f of frames) {
            expect(f.data.length).toBeLessThanOrEqual(max);
            expect(f.truncated).toBe(f.discardedBytes !== undefined);
          }
          const whole = feed(make(), stream, [stream.length || 1]);
          expect(frames.map((f) => [f.data.toString('latin1'), f.truncated, f.discardedBytes, f.incomplete])).toEqual(
            whole.map((f) => [f.data.toString('latin1'), f.truncated, f.discardedBytes, f.incomplete]),
          );
        },
      ),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT_MS);

  it('lying octet counts (huge, 20 digits, negative, non-digit) end without hanging or growing', () => {
    const lie = fc.oneof(
      fc.constant('99999999999999999999'),
      fc.constant('9999999999'),
      fc.constant('-5'),
      fc.constant('0'),
      fc.constant('007'),
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 1_000_000 }).map(String),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(lie, fc.uint8Array({ maxLength: 300 })), { minLength: 1, maxLength: 10 }), chunkSizes, (parts, sizes) => {
        const stream = Buffer.concat(parts.flatMap(([count, b]) => [Buffer.from(`${count} <`), Buffer.from(b)]));
        const framer = new AutoFramer({ maxMessageBytes: 256 });
        const frames = feed(framer, stream, sizes);
        const emitted = frames.reduce((n, f) => n + f.data.length, 0);
        expect(emitted).toBeLessThanOrEqual(stream.length);
        for (const f of frames) expect(f.data.length).toBeLessThanOrEqual(256);
        expect(framer.bufferedBytes).toBe(0);
      }),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT_MS);
});
