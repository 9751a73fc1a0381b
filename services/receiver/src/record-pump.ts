import type { Envelope, Transport } from '@pullwatch/core';
import type { BusProducer, BusRecord } from '@pullwatch/ports';
import type { Logger } from '@pullwatch/telemetry';

export interface RecordPumpOptions {
  producer: BusProducer;
  topic: string;
  logger: Logger;
  /** Most records per send call. */
  maxRecordsPerSend?: number;
  /**
   * Most bytes per send call (record values added up). Kafka refuses a record batch over the
   * broker's `message.max.bytes` (1 MiB by default) for good, so one send stays under it.
   * Default 900,000.
   */
  maxBytesPerSend?: number;
  /** Called when messages are acknowledged (for metrics and pending-bytes accounting). */
  onAcked: (messages: number, bytes: number, byTransport: Map<Transport, number>) => void;
  onError: (err: unknown) => void;
}

interface Queued {
  record: BusRecord;
  messages: number;
  bytes: number;
  byTransport: Map<Transport, number>;
}

/**
 * Sends packed records to the bus, one send in flight at a time (which keeps
 * per-key order across retries), each send carrying everything queued so far.
 * A failed send is retried with back-off and never dropped. `drain()` resolves
 * when the queue is empty and nothing is in flight.
 */
export class RecordPump {
  readonly #opts: RecordPumpOptions;
  readonly #queue: Queued[] = [];
  #running = false;
  #drainWaiters: Array<() => void> = [];
  #closed = false;

  constructor(opts: RecordPumpOptions) {
    this.#opts = opts;
  }

  enqueue(sender: string, envelopes: Envelope[], bytes: number): void {
    const byTransport = new Map<Transport, number>();
    for (const e of envelopes) byTransport.set(e.transport, (byTransport.get(e.transport) ?? 0) + 1);
    this.#queue.push({
      record: { key: sender, value: Buffer.from(JSON.stringify({ v: 1, envelopes })) },
      messages: envelopes.length,
      bytes,
      byTransport,
    });
    if (!this.#running) void this.#run();
  }

  get queuedRecords(): number {
    return this.#queue.length;
  }

  async drain(): Promise<void> {
    if (!this.#running && this.#queue.length === 0) return;
    await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
  }

  /** Stops retrying after the current attempt (used only when giving up at shutdown). */
  abort(): void {
    this.#closed = true;
  }

  async #run(): Promise<void> {
    this.#running = true;
    const max = this.#opts.maxRecordsPerSend ?? 500;
    const maxBytes = this.#opts.maxBytesPerSend ?? 900_000;
    let attempt = 0;
    while (this.#queue.length && !this.#closed) {
      // At least one record per send; then as many as fit in the byte and count bounds.
      let n = 1;
      let bytes = this.#queue[0]!.record.value.length;
      while (n < max && n < this.#queue.length && bytes + this.#queue[n]!.record.value.length <= maxBytes) bytes += this.#queue[n++]!.record.value.length;
      const batch = this.#queue.slice(0, n);
      try {
        await this.#opts.producer.send(this.#opts.topic, batch.map((q) => q.record));
        this.#queue.splice(0, batch.length);
        attempt = 0;
        let messages = 0;
        let bytes = 0;
        const byTransport = new Map<Transport, number>();
        for (const q of batch) {
          messages += q.messages;
          bytes += q.bytes;
          for (const [t, n] of q.byTransport) byTransport.set(t, (byTransport.get(t) ?? 0) + n);
        }
        this.#opts.onAcked(messages, bytes, byTransport);
      } catch (err) {
        this.#opts.onError(err);
        const delay = Math.min(10_000, 200 * 2 ** Math.min(attempt++, 6));
        this.#opts.logger.warn({ err, records: batch.length, delay_ms: delay }, 'Producing to Kafka failed; retrying.');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    this.#running = false;
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const w of waiters) w();
  }
}
