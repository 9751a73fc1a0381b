import type { Envelope } from '@pullwatch/core';

export interface PackerOptions {
  maxMessages: number;
  maxBytes: number;
  maxAgeMs: number;
  /** Called with a full or aged batch of one sender. */
  onBatch: (sender: string, envelopes: Envelope[], bytes: number) => void;
}

interface Pending {
  envelopes: Envelope[];
  bytes: number;
  since: number;
}

/** JSON overhead of one envelope beside its raw text, in bytes (estimate for sizing records). */
const ENVELOPE_OVERHEAD = 160;

/**
 * Packs the envelopes of one sender into batches bounded by count, bytes and
 * age, so that Kafka's per-record cost is paid once per batch. One batch per
 * sender keeps each device's lines in order under its key.
 */
export class EnvelopePacker {
  readonly #opts: PackerOptions;
  readonly #pending = new Map<string, Pending>();
  readonly #timer: NodeJS.Timeout;

  constructor(opts: PackerOptions) {
    this.#opts = opts;
    this.#timer = setInterval(() => this.flushOlderThan(opts.maxAgeMs), Math.max(1, Math.min(10, opts.maxAgeMs / 2)));
    this.#timer.unref();
  }

  /** Size estimate of an envelope in a packed record. */
  static sizeOf(env: Envelope): number {
    return env.raw.length + (env.raw_base64?.length ?? 0) + ENVELOPE_OVERHEAD;
  }

  add(sender: string, env: Envelope, bytes: number): void {
    let p = this.#pending.get(sender);
    if (p && p.bytes + bytes > this.#opts.maxBytes) {
      this.#flush(sender, p);
      p = undefined;
    }
    if (!p) {
      p = { envelopes: [], bytes: 0, since: Date.now() };
      this.#pending.set(sender, p);
    }
    p.envelopes.push(env);
    p.bytes += bytes;
    if (p.envelopes.length >= this.#opts.maxMessages || p.bytes >= this.#opts.maxBytes) this.#flush(sender, p);
  }

  flushOlderThan(ageMs: number): void {
    const limit = Date.now() - ageMs;
    for (const [sender, p] of this.#pending) if (p.since <= limit) this.#flush(sender, p);
  }

  flushAll(): void {
    for (const [sender, p] of this.#pending) this.#flush(sender, p);
  }

  close(): void {
    clearInterval(this.#timer);
    this.flushAll();
  }

  #flush(sender: string, p: Pending): void {
    this.#pending.delete(sender);
    if (p.envelopes.length) this.#opts.onBatch(sender, p.envelopes, p.bytes);
  }
}
