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
 * sender address), else detection by header and body shape. The vendor
 * detected for a sender is remembered and breaks ties when a line's shape
 * fits several vendors (a pfSense-looking filterlog line from a device known
 * to be OPNsense stays OPNsense); a line only one vendor claims updates it.
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
    let first: Decoder | undefined;
    let count = 0;
    const known = sender ? this.#remembered.get(sender) : undefined;
    let knownClaims = false;
    for (const d of DECODERS) {
      if (!d.claims(input)) continue;
      count++;
      first ??= d;
      if (d.vendor === known) knownClaims = true;
    }
    if (!first) return undefined;
    if (knownClaims) return decoderFor(known!);
    if (sender && (count === 1 || known === undefined)) this.#remember(sender, first.vendor);
    return first;
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
