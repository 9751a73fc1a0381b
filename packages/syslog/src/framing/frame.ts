/** One syslog message cut out of a TCP/TLS byte stream or a UDP datagram. */
export interface Frame {
  /**
   * The message bytes, without framing: no octet count, no trailing LF/CRLF/NUL.
   * Exact bytes as received (framers never decode), so this is what `event.original` is built from.
   * May be a view into the chunk passed to `push()`; see `FramerOptions.copyFrames`.
   */
  data: Buffer;
  /** True when the message was longer than `maxMessageBytes` and `data` holds only its first `maxMessageBytes` bytes. */
  truncated: boolean;
  /** Message bytes beyond the limit that were discarded (present only when `truncated`). */
  discardedBytes?: number;
  /** True when the connection ended (`end()`) before the message's terminator or counted end arrived. */
  incomplete?: boolean;
}

/** Receives each frame, in stream order. */
export type FrameHandler = (frame: Frame) => void;

/** Default of `maxMessageBytes`: 64 KiB, above every cap seen from the four vendors (Elastic panw defaults to 50 KiB). */
export const DEFAULT_MAX_MESSAGE_BYTES = 65536;

/** Options shared by every framer. */
export interface FramerOptions {
  /**
   * Largest message kept, in bytes. A longer message is cut to this size and emitted with
   * `truncated: true` (never dropped); the rest of it is skipped up to its end and reported
   * as `discardedBytes`. Bounds the framer's memory to about this size plus one chunk.
   * @defaultValue 65536
   */
  maxMessageBytes?: number;
  /**
   * Copy every frame that would otherwise be a zero-copy view of the chunk passed to `push()`.
   * Leave false when each chunk is a fresh Buffer (Node sockets give fresh Buffers); set true
   * when the caller reuses its chunk buffers, so frames stay valid after the next push.
   * @defaultValue false
   */
  copyFrames?: boolean;
}

/** Framing mode of a stream: still deciding (`detect`), RFC 6587 octet counting, or LF/NUL-delimited. */
export type FramingMode = 'detect' | 'octet-counting' | 'lf';

/** Counters of one framer since it was created (not reset by `end()`). */
export interface FramingStats {
  /** Bytes pushed. */
  bytes: number;
  /** Frames emitted (including truncated and incomplete ones). */
  frames: number;
  /** Empty LF/CRLF/NUL-delimited lines skipped. */
  emptyLines: number;
  /** Frames emitted with `truncated: true`. */
  truncatedFrames: number;
  /** Bytes discarded beyond `maxMessageBytes`, summed over all truncated frames. */
  discardedBytes: number;
  /** Frames emitted with `incomplete: true` (connection ended mid-frame). */
  incompleteFrames: number;
  /** Times an octet-counting stream fell back to LF framing because a count did not match. */
  fallbacks: number;
}

/** Resolves `maxMessageBytes`, rejecting nonsense early with a message naming the option. */
export function resolveMaxMessageBytes(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_MESSAGE_BYTES;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`maxMessageBytes must be a positive integer, got ${String(value)}`);
  }
  return value;
}
