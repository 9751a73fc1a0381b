import type { Frame, StreamFramer } from '@pullwatch/syslog';

/** What a test compares: the frame's bytes as a latin1 string (byte-exact) and its flags. */
export interface SeenFrame {
  text: string;
  truncated: boolean;
  discardedBytes?: number;
  incomplete?: boolean;
}

export const seen = (f: Frame): SeenFrame => {
  const out: SeenFrame = { text: f.data.toString('latin1'), truncated: f.truncated };
  if (f.discardedBytes !== undefined) out.discardedBytes = f.discardedBytes;
  if (f.incomplete !== undefined) out.incomplete = f.incomplete;
  return out;
};

/** Pushes `chunks` in order, then ends the connection; returns every frame emitted. */
export function run(framer: StreamFramer, chunks: Array<Buffer | string>, end = true): SeenFrame[] {
  const frames: SeenFrame[] = [];
  const on = (f: Frame): void => {
    frames.push(seen(f));
  };
  for (const c of chunks) framer.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c, on);
  if (end) framer.end(on);
  return frames;
}

/** Splits `buf` at the given cut points (sorted, deduplicated, inside the buffer). */
export function splitAt(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < buf.length))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    parts.push(buf.subarray(last, p));
    last = p;
  }
  parts.push(buf.subarray(last));
  return parts;
}

/** Every single byte as its own chunk. */
export const bytewise = (s: string): Buffer[] => [...Buffer.from(s, 'latin1')].map((b) => Buffer.from([b]));

/** RFC 6587 octet-counted encoding of `msg` (count in bytes). */
export const octet = (msg: string | Buffer): Buffer => {
  const body = typeof msg === 'string' ? Buffer.from(msg, 'latin1') : msg;
  return Buffer.concat([Buffer.from(`${body.length} `, 'latin1'), body]);
};
