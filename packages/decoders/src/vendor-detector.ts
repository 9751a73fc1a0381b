import { DECODERS, decoderFor } from './registry.js';
import type { DecodeInput, Decoder, Vendor } from './types.js';

export interface VendorDetectorOptions {
  /** Explicit vendor per sender address (configuration); wins over detection. */
  senders?: Record<string, Vendor>;
  /** Senders remembered at most (least recently seen forgotten first). Default 100,000. */
  maxSenders?: number;
}

/**
 * Chooses the decoder of a message: an explicit vendor (per call, then per
 * sender address), else detection by header and body shape. The decoders'
 * `claims` do not overlap, so the first that claims a line is its vendor. The
 * vendor last detected for a sender is tried first on its next line, which
 * makes detection one `claims` call for a steady sender.
 */
export class VendorDetector {
  readonly #senders: Record<string, Vendor>;
  readonly #max: number;
  readonly #remembered = new Map<string, Vendor>();

  constructor(opts: VendorDetectorOptions = {}) {
    this.#senders = opts.senders ?? {};
    this.#max = opts.maxSenders ?? 100_000;
  }

  /** The decoder for this input, or undefined when no decoder claims it. */
  choose(input: DecodeInput, sender?: string, explicit?: Vendor): Decoder | undefined {
    const fixed = explicit ?? (sender ? this.#senders[sender] : undefined);
    if (fixed) return decoderFor(fixed);
    const known = sender ? this.#remembered.get(sender) : undefined;
    if (known) {
      const d = decoderFor(known);
      if (d.claims(input)) return d;
    }
    for (const d of DECODERS) {
      if (d.vendor === known || !d.claims(input)) continue;
      if (sender) this.#remember(sender, d.vendor);
      return d;
    }
    return undefined;
  }

  /** The vendor configured for a sender, if any (not a detected one). */
  configured(sender: string): Vendor | undefined {
    return this.#senders[sender];
  }

  /** The vendor remembered for a sender, if any. */
  vendorOf(sender: string): Vendor | undefined {
    return this.#senders[sender] ?? this.#remembered.get(sender);
  }

  #remember(sender: string, vendor: Vendor): void {
    this.#remembered.delete(sender);
    this.#remembered.set(sender, vendor);
    if (this.#remembered.size > this.#max) this.#remembered.delete(this.#remembered.keys().next().value!);
  }
}
