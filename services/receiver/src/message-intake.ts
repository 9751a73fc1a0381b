import { isUtf8 } from 'node:buffer';
import { envelopeId, newRunId, type Envelope, type Transport } from '@pullwatch/core';
import { EnvelopePacker } from './envelope-packer.js';
import type { ReceiverMetrics } from './receiver-metrics.js';

export interface IntakeOptions {
  packer: (onBatch: (sender: string, envelopes: Envelope[], bytes: number) => void) => EnvelopePacker;
  onBatch: (sender: string, envelopes: Envelope[], bytes: number) => void;
  metrics: ReceiverMetrics;
  maxPendingBytes: number;
  /** Called when the pending buffer crosses its high (true) or low (false) water mark. */
  onPressure: (saturated: boolean) => void;
}

export interface IncomingMessage {
  transport: Transport;
  listener: string;
  address: string;
  port: number;
  data: Buffer;
  truncated?: boolean;
  discardedBytes?: number;
}

/**
 * Turns received frames into envelopes (id = run id + sequence number, fixed at
 * receipt), packs them per sender, and accounts the bytes that Kafka has not
 * acknowledged yet: above `maxPendingBytes` the receiver is saturated (TCP
 * pauses, UDP drops and counts); below half of it, it resumes.
 */
export class MessageIntake {
  readonly runId = newRunId();
  #seq = 0;
  #pendingBytes = 0;
  #saturated = false;
  readonly #opts: IntakeOptions;
  readonly packer: EnvelopePacker;

  constructor(opts: IntakeOptions) {
    this.#opts = opts;
    this.packer = opts.packer(opts.onBatch);
  }

  get saturated(): boolean {
    return this.#saturated;
  }

  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  accept(m: IncomingMessage): void {
    const valid = isUtf8(m.data);
    const env: Envelope = {
      id: envelopeId(this.runId, this.#seq++),
      received_at: new Date().toISOString(),
      transport: m.transport,
      listener: m.listener,
      peer: { address: m.address, port: m.port },
      raw: m.data.toString('utf8'),
    };
    if (!valid) env.raw_base64 = m.data.toString('base64');
    if (m.truncated) {
      env.truncated = true;
      if (m.discardedBytes) env.discarded_bytes = m.discardedBytes;
      this.#opts.metrics.truncated.inc({ transport: m.transport });
    }
    const size = EnvelopePacker.sizeOf(env);
    this.#pendingBytes += size;
    this.packer.add(m.address, env, size);
    if (!this.#saturated && this.#pendingBytes > this.#opts.maxPendingBytes) {
      this.#saturated = true;
      this.#opts.onPressure(true);
    }
  }

  /** Kafka acknowledged `bytes` worth of envelopes. */
  acked(bytes: number): void {
    this.#pendingBytes -= bytes;
    if (this.#saturated && this.#pendingBytes <= this.#opts.maxPendingBytes / 2) {
      this.#saturated = false;
      this.#opts.onPressure(false);
    }
  }
}
