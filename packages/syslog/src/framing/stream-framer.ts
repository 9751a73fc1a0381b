import {
  type Frame,
  type FrameHandler,
  type FramerOptions,
  type FramingMode,
  type FramingStats,
  resolveMaxMessageBytes,
} from './frame.js';

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const SP = 0x20;
const LT = 0x3c;
const D0 = 0x30;
const D9 = 0x39;

/** An octet count has at most this many digits (9,999,999,999 bytes); more is garbage, not a count. */
const MAX_COUNT_DIGITS = 10;

/** Internal modes. `Detect` parses the first count exactly like `Octet` but falls to LF silently. */
export const Mode = { Detect: 0, Octet: 1, Lf: 2 } as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

const Phase = {
  /** Reading `[1-9][0-9]* SP` before a counted frame. */
  Prefix: 0,
  /** Reading the counted bytes (up to maxMessageBytes of them). */
  Payload: 1,
  /** Skipping counted bytes beyond maxMessageBytes. */
  Skip: 2,
} as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/**
 * The byte-level RFC 6587 framing engine behind `LfFramer`, `OctetCountingFramer` and
 * `AutoFramer`. One instance per connection. It is a pure function of the byte stream: the
 * frames it emits do not depend on how the stream was cut into chunks.
 *
 * Octet counting (`Mode.Octet`): each frame is `COUNT SP MSG`, COUNT = `[1-9][0-9]{0,9}`, and
 * MSG (COUNT bytes) must start with `<`. LF, CR and NUL bytes between frames are skipped (some
 * senders add a newline after each counted frame). One trailing LF/CRLF/NUL inside MSG is
 * stripped, as for UDP; embedded LFs stay. A count that does not match (non-digit, leading 0,
 * more than 10 digits, no SP after the digits, MSG not starting with `<`) switches the stream
 * to LF framing for good, from the first byte of that would-be frame, and counts a fallback.
 *
 * LF (`Mode.Lf`): a frame ends at LF or NUL; one trailing CR is stripped; empty lines are
 * skipped and counted.
 *
 * Detection (`Mode.Detect`): the first bytes are parsed as an octet count; if they are
 * `[1-9][0-9]{0,9} <` the stream is locked to octet counting, otherwise to LF (this first
 * decision is not a fallback).
 */
export class StreamFramer {
  /** Counters since construction; `end()` does not reset them. */
  readonly stats: FramingStats = {
    bytes: 0,
    frames: 0,
    emptyLines: 0,
    truncatedFrames: 0,
    discardedBytes: 0,
    incompleteFrames: 0,
    fallbacks: 0,
  };

  private readonly max: number;
  private readonly copyFrames: boolean;
  private modeNow: Mode;

  // Octet counting state.
  private phase: Phase = Phase.Prefix as Phase;
  private readonly prefix = Buffer.alloc(MAX_COUNT_DIGITS + 1);
  private prefixLen = 0;
  private count = 0;
  private countDigits = 0;
  private sawSpace = false;
  private payload: Buffer | null = null;
  private payloadFilled = 0;
  private payloadTarget = 0;
  private skipLeft = 0;
  private skipped = 0;

  // LF state.
  /** Start of a line whose terminator has not arrived yet; at most max + 1 bytes. */
  private pending: Buffer | null = null;
  /** First `max` bytes of an overlong line, emitted once the line's terminator arrives. */
  private held: Buffer | null = null;
  private heldDiscarded = 0;
  private heldLastCr = false;

  /** Use `LfFramer`, `OctetCountingFramer` or `AutoFramer`; the mode here is internal. */
  constructor(
    private readonly initialMode: Mode,
    options: FramerOptions = {},
  ) {
    this.max = resolveMaxMessageBytes(options.maxMessageBytes);
    this.copyFrames = options.copyFrames ?? false;
    this.modeNow = initialMode;
  }

  /**
   * Bytes the framer holds between pushes (a partial line, the buffer of a partial counted
   * frame, a partial count). Never more than `maxMessageBytes` + 1 (or 11, the longest count
   * prefix, for a smaller limit); exposed for memory gauges.
   */
  get bufferedBytes(): number {
    return (
      (this.pending?.length ?? 0) +
      (this.held?.length ?? 0) +
      (this.payload?.length ?? 0) +
      this.prefixLen
    );
  }

  /** Current framing mode of the connection. */
  get mode(): FramingMode {
    return this.modeNow === Mode.Lf ? 'lf' : this.modeNow === Mode.Octet ? 'octet-counting' : 'detect';
  }

  /**
   * Feeds the next chunk of the connection's byte stream and calls `onFrame` for each frame
   * completed by it, in order. Never throws on any input; memory held between pushes stays
   * below about `maxMessageBytes`. Frames are zero-copy views of `chunk` when they lie
   * entirely inside it (unless `copyFrames`), otherwise fresh Buffers.
   */
  push(chunk: Buffer, onFrame: FrameHandler): void {
    this.stats.bytes += chunk.length;
    let pos = 0;
    const n = chunk.length;
    while (pos < n) {
      pos = this.modeNow === Mode.Lf ? this.lfRun(chunk, pos, onFrame) : this.octetRun(chunk, pos, onFrame);
    }
  }

  /**
   * Ends the connection: emits what is left as one last frame flagged `incomplete: true`
   * (a client that disconnects mid-frame loses nothing, and nothing leaks into the next
   * connection), then resets the framer to its initial mode so it can serve a new connection.
   */
  end(onFrame: FrameHandler): void {
    if (this.modeNow === Mode.Lf) {
      if (this.held !== null) {
        const discarded = this.heldDiscarded - (this.heldLastCr ? 1 : 0);
        this.emit(onFrame, { data: this.held, truncated: true, discardedBytes: discarded, incomplete: true });
      } else if (this.pending !== null) {
        let len = this.pending.length;
        if (this.pending[len - 1] === CR) len--;
        if (len > this.max) {
          const data = this.pending.subarray(0, this.max);
          this.emit(onFrame, { data, truncated: true, discardedBytes: len - this.max, incomplete: true });
        } else if (len > 0) {
          this.emit(onFrame, { data: this.pending.subarray(0, len), truncated: false, incomplete: true });
        }
      }
    } else if (this.phase === Phase.Prefix) {
      if (this.prefixLen > this.max) {
        const data = Buffer.from(this.prefix.subarray(0, this.max));
        this.emit(onFrame, { data, truncated: true, discardedBytes: this.prefixLen - this.max, incomplete: true });
      } else if (this.prefixLen > 0) {
        const data = Buffer.from(this.prefix.subarray(0, this.prefixLen));
        this.emit(onFrame, { data, truncated: false, incomplete: true });
      }
    } else if (this.phase === Phase.Payload) {
      const data = this.payload === null ? Buffer.alloc(0) : this.payload.subarray(0, this.payloadFilled);
      this.emit(onFrame, { data, truncated: false, incomplete: true });
    } else {
      const data = this.payload ?? Buffer.alloc(0);
      this.emit(onFrame, { data, truncated: true, discardedBytes: this.skipped, incomplete: true });
    }
    this.reset();
  }

  private reset(): void {
    this.modeNow = this.initialMode;
    this.resetPrefix();
    this.phase = Phase.Prefix;
    this.payload = null;
    this.payloadFilled = 0;
    this.payloadTarget = 0;
    this.skipLeft = 0;
    this.skipped = 0;
    this.pending = null;
    this.held = null;
    this.heldDiscarded = 0;
    this.heldLastCr = false;
  }

  private resetPrefix(): void {
    this.prefixLen = 0;
    this.count = 0;
    this.countDigits = 0;
    this.sawSpace = false;
  }

  private emit(onFrame: FrameHandler, frame: Frame): void {
    const s = this.stats;
    s.frames++;
    if (frame.truncated) {
      s.truncatedFrames++;
      s.discardedBytes += frame.discardedBytes ?? 0;
    }
    if (frame.incomplete === true) s.incompleteFrames++;
    onFrame(frame);
  }

  /** Emits a view of a caller's chunk, copying it first when `copyFrames` is set. */
  private view(chunk: Buffer, start: number, end: number): Buffer {
    const v = chunk.subarray(start, end);
    return this.copyFrames ? Buffer.from(v) : v;
  }

  // ---------------------------------------------------------------- octet counting

  private octetRun(chunk: Buffer, start: number, onFrame: FrameHandler): number {
    let pos = start;
    const n = chunk.length;
    while (pos < n) {
      if (this.phase === Phase.Payload) {
        const avail = n - pos;
        if (this.payload === null && avail >= this.payloadTarget) {
          const end = pos + this.payloadTarget;
          pos = end;
          if (this.skipLeft === 0) {
            this.emitCounted(onFrame, chunk, end - this.payloadTarget, end, false);
            this.phase = Phase.Prefix;
          } else {
            this.payload = Buffer.from(chunk.subarray(end - this.payloadTarget, end));
            this.payloadFilled = this.payloadTarget;
            this.phase = Phase.Skip;
          }
          continue;
        }
        if (this.payload === null) this.payload = Buffer.allocUnsafe(this.payloadTarget);
        const take = Math.min(this.payloadTarget - this.payloadFilled, avail);
        chunk.copy(this.payload, this.payloadFilled, pos, pos + take);
        this.payloadFilled += take;
        pos += take;
        if (this.payloadFilled === this.payloadTarget) {
          if (this.skipLeft === 0) {
            const own = this.payload;
            this.payload = null;
            this.phase = Phase.Prefix;
            this.emitCounted(onFrame, own, 0, own.length, true);
          } else {
            this.phase = Phase.Skip;
          }
        }
        continue;
      }

      if (this.phase === Phase.Skip) {
        const take = Math.min(this.skipLeft, n - pos);
        pos += take;
        this.skipLeft -= take;
        this.skipped += take;
        if (this.skipLeft === 0) {
          const data = this.payload ?? Buffer.alloc(0);
          const discarded = this.skipped;
          this.payload = null;
          this.payloadFilled = 0;
          this.skipped = 0;
          this.phase = Phase.Prefix;
          this.emit(onFrame, { data, truncated: true, discardedBytes: discarded });
        }
        continue;
      }

      // Phase.Prefix
      const b = chunk[pos]!;
      if (this.prefixLen === 0 && this.modeNow === Mode.Octet && (b === LF || b === CR || b === NUL)) {
        pos++;
        continue;
      }
      if (!this.sawSpace) {
        if (b >= D0 && b <= D9 && !(b === D0 && this.countDigits === 0) && this.countDigits < MAX_COUNT_DIGITS) {
          this.count = this.count * 10 + (b - D0);
          this.countDigits++;
          this.prefix[this.prefixLen++] = b;
          pos++;
          continue;
        }
        if (b === SP && this.countDigits > 0) {
          this.sawSpace = true;
          this.prefix[this.prefixLen++] = b;
          pos++;
          continue;
        }
        return this.fallBack(pos);
      }
      if (b !== LT) return this.fallBack(pos);
      // A count that matches: lock the mode and read the frame ('<' is its first byte).
      this.modeNow = Mode.Octet;
      this.payloadTarget = Math.min(this.count, this.max);
      this.skipLeft = this.count - this.payloadTarget;
      this.skipped = 0;
      this.payload = null;
      this.payloadFilled = 0;
      this.phase = Phase.Payload;
      this.resetPrefix();
    }
    return pos;
  }

  /** Emits a complete counted frame, stripping one trailing LF/CRLF/NUL as for a UDP datagram. */
  private emitCounted(onFrame: FrameHandler, buf: Buffer, start: number, end: number, own: boolean): void {
    let e = end;
    if (e > start && buf[e - 1] === LF) {
      e--;
      if (e > start && buf[e - 1] === CR) e--;
    } else if (e > start && buf[e - 1] === NUL) {
      e--;
    }
    const data = own ? buf.subarray(start, e) : this.view(buf, start, e);
    this.emit(onFrame, { data, truncated: false });
  }

  /**
   * The bytes at a frame start are not a valid count: from here on the connection is LF-framed.
   * The prefix bytes already consumed start the first LF line, so nothing is lost.
   */
  private fallBack(pos: number): number {
    if (this.modeNow === Mode.Octet) this.stats.fallbacks++;
    this.modeNow = Mode.Lf;
    this.pending = this.prefixLen > 0 ? Buffer.from(this.prefix.subarray(0, this.prefixLen)) : null;
    this.resetPrefix();
    return pos;
  }

  // ---------------------------------------------------------------- LF / NUL

  private lfRun(chunk: Buffer, start: number, onFrame: FrameHandler): number {
    let pos = start;
    const n = chunk.length;

    if (this.held !== null) {
      const t = findTerminator(chunk, pos);
      if (t === -1) {
        this.heldDiscarded += n - pos;
        this.heldLastCr = chunk[n - 1] === CR;
        return n;
      }
      this.heldDiscarded += t - pos;
      const lastCr = t > pos ? chunk[t - 1] === CR : this.heldLastCr;
      const data = this.held;
      const discarded = this.heldDiscarded - (lastCr ? 1 : 0);
      this.held = null;
      this.heldDiscarded = 0;
      this.heldLastCr = false;
      this.emit(onFrame, { data, truncated: true, discardedBytes: discarded });
      pos = t + 1;
    }

    if (this.pending !== null && pos < n) {
      const t = findTerminator(chunk, pos);
      if (t === -1) {
        this.appendPending(chunk, pos, n);
        return n;
      }
      const line = Buffer.concat([this.pending, chunk.subarray(pos, t)]);
      this.pending = null;
      this.emitLine(onFrame, line, 0, line.length, true);
      pos = t + 1;
    }

    // Hot loop: complete lines inside this chunk. Positions of the next LF and NUL are cached
    // so each byte is scanned at most once per terminator kind.
    let lf = -2;
    let nul = -2;
    while (pos < n) {
      if (lf !== -1 && lf < pos) lf = chunk.indexOf(LF, pos);
      if (nul !== -1 && nul < pos) nul = chunk.indexOf(NUL, pos);
      const t = lf === -1 ? nul : nul === -1 || lf < nul ? lf : nul;
      if (t === -1) {
        this.appendPending(chunk, pos, n);
        return n;
      }
      this.emitLine(onFrame, chunk, pos, t, false);
      pos = t + 1;
    }
    return n;
  }

  private emitLine(onFrame: FrameHandler, buf: Buffer, start: number, end: number, own: boolean): void {
    let e = end;
    if (e > start && buf[e - 1] === CR) e--;
    const len = e - start;
    if (len === 0) {
      this.stats.emptyLines++;
      return;
    }
    if (len > this.max) {
      const cut = start + this.max;
      const data = own ? buf.subarray(start, cut) : this.view(buf, start, cut);
      this.emit(onFrame, { data, truncated: true, discardedBytes: len - this.max });
      return;
    }
    const data = own ? buf.subarray(start, e) : this.view(buf, start, e);
    this.emit(onFrame, { data, truncated: false });
  }

  /** Keeps an unterminated line tail; beyond max + 1 bytes only its first `max` bytes are kept. */
  private appendPending(chunk: Buffer, pos: number, n: number): void {
    const have = this.pending === null ? 0 : this.pending.length;
    const total = have + (n - pos);
    if (total <= this.max + 1) {
      this.pending =
        this.pending === null ? Buffer.from(chunk.subarray(pos, n)) : Buffer.concat([this.pending, chunk.subarray(pos, n)]);
      return;
    }
    const head = Buffer.allocUnsafe(this.max);
    let filled = 0;
    if (this.pending !== null) filled = this.pending.copy(head, 0, 0, Math.min(have, this.max));
    if (filled < this.max) chunk.copy(head, filled, pos, pos + (this.max - filled));
    this.pending = null;
    this.held = head;
    this.heldDiscarded = total - this.max;
    this.heldLastCr = chunk[n - 1] === CR;
  }
}

/** Index of the first LF or NUL at or after `from`, or -1. */
function findTerminator(buf: Buffer, from: number): number {
  const lf = buf.indexOf(LF, from);
  const nul = buf.indexOf(NUL, from);
  if (lf === -1) return nul;
  return nul === -1 || lf < nul ? lf : nul;
}
