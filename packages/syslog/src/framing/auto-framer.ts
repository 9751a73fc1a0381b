import type { FramerOptions } from './frame.js';
import { Mode, StreamFramer } from './stream-framer.js';

/**
 * Per-connection framing detection, for a TCP/TLS listener that accepts both framings
 * (FortiGate `mode reliable` and PAN-OS IETF over TCP use octet counting; others use LF).
 *
 * Rule: if the connection's first bytes are `[1-9][0-9]{0,9} <` (a count, one space, then the
 * `<` of a PRI), the connection is locked to octet counting; anything else locks it to LF.
 * Once locked to octet counting, every frame start must again be a count: after optional
 * LF/CR/NUL separators, 1 to 10 digits without a leading zero, one space, and a frame whose
 * first byte is `<`. The first frame start that is not (because a count was wrong, so the next
 * "frame" starts mid-message or with garbage) switches the connection to LF framing for the
 * rest of its life, re-framing from that byte; `stats.fallbacks` counts it. The check happens
 * when the next frame's bytes arrive, never by waiting, so a frame is emitted as soon as its
 * last counted byte is in. A count larger than `maxMessageBytes` is honoured: the first
 * `maxMessageBytes` bytes are emitted `truncated`, the rest of the counted frame is skipped.
 */
export class AutoFramer extends StreamFramer {
  constructor(options: FramerOptions = {}) {
    super(Mode.Detect, options);
  }
}
