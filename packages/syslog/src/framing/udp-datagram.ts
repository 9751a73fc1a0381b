import { type Frame, resolveMaxMessageBytes } from './frame.js';

/**
 * Frames one UDP datagram (one datagram = one message): strips one trailing LF, CRLF or NUL
 * and applies the size limit like the stream framers (cut to `maxMessageBytes`, flagged
 * `truncated` with `discardedBytes`). Returns `null` for a datagram that is empty after
 * stripping. The returned `data` is a view of `datagram` (no copy).
 *
 * @param maxMessageBytes largest message kept, in bytes; default 65536.
 */
export function frameDatagram(datagram: Buffer, maxMessageBytes?: number): Frame | null {
  const max = resolveMaxMessageBytes(maxMessageBytes);
  let end = datagram.length;
  if (end > 0 && datagram[end - 1] === 0x0a) {
    end--;
    if (end > 0 && datagram[end - 1] === 0x0d) end--;
  } else if (end > 0 && datagram[end - 1] === 0x00) {
    end--;
  }
  if (end === 0) return null;
  if (end > max) return { data: datagram.subarray(0, max), truncated: true, discardedBytes: end - max };
  return { data: datagram.subarray(0, end), truncated: false };
}
