import type { FramerOptions } from './frame.js';
import { Mode, StreamFramer } from './stream-framer.js';

/**
 * RFC 6587 octet-counting framing (`COUNT SP MSG`), locked from the first byte. Embedded LFs
 * stay in the message. A count that does not match (see `StreamFramer`) makes the connection
 * fall back to LF framing for good; `stats.fallbacks` counts it. A count above
 * `maxMessageBytes` yields a truncated frame and the rest of that frame is skipped.
 */
export class OctetCountingFramer extends StreamFramer {
  constructor(options: FramerOptions = {}) {
    super(Mode.Octet, options);
  }
}
