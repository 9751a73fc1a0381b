import type { FramerOptions } from './frame.js';
import { Mode, StreamFramer } from './stream-framer.js';

/**
 * LF-delimited framing (RFC 6587 "non-transparent framing"): a message ends at LF or NUL,
 * one trailing CR is stripped, empty lines are skipped and counted in `stats.emptyLines`.
 * Use it when the listener is configured for LF framing; `AutoFramer` detects it.
 */
export class LfFramer extends StreamFramer {
  constructor(options: FramerOptions = {}) {
    super(Mode.Lf, options);
  }
}
