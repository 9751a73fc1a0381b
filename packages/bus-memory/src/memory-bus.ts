import type { Bus, BusConsumer, BusConsumerOptions, BusProducer, BusRecord, ConsumedRecord } from '@pullwatch/ports';

export interface MemoryBusOptions {
  /** Records a topic holds before `send` waits (backpressure). Default 10,000. */
  capacityRecords?: number;
  /** First retry delay in ms after a handler throws (doubles, up to 30 s). Default 250. */
  retryBaseMs?: number;
}

interface Topic {
  records: BusRecord[];
  /** Offset of records[0]. */
  base: number;
  /** Committed offset (next to read) per group. */
  groups: Map<string, number>;
  /** Senders waiting for room. */
  waiting: Array<() => void>;
  /** Consumers waiting for records. */
  wakers: Set<() => void>;
}

/**
 * Bus in process, for embedded mode: one bounded queue per topic, any number
 * of consumer groups (each sees every record), one active consumer per group.
 * At-least-once within the process: a record leaves a topic only after every
 * group has handled it; a handler that throws gets the same records again.
 * `send` waits while the topic is full, which is the receiver's backpressure.
 * Not durable: what is queued is lost with the process (syslog senders get no
 * acknowledgement either way).
 */
export class MemoryBus implements Bus {
  readonly #topics = new Map<string, Topic>();
  readonly #capacity: number;
  readonly #retryBaseMs: number;
  #closed = false;
  readonly #consumers = new Set<{ stop(): Promise<void> }>();

  constructor(opts: MemoryBusOptions = {}) {
    this.#capacity = opts.capacityRecords ?? 10_000;
    this.#retryBaseMs = opts.retryBaseMs ?? 250;
  }

  #topic(name: string): Topic {
    let t = this.#topics.get(name);
    if (!t) {
      t = { records: [], base: 0, groups: new Map(), waiting: [], wakers: new Set() };
      this.#topics.set(name, t);
    }
    return t;
  }

  /** Records currently held by a topic (for health and tests). */
  depth(topic: string): number {
    return this.#topics.get(topic)?.records.length ?? 0;
  }

  async ensureTopics(topics: string[]): Promise<void> {
    for (const t of topics) this.#topic(t);
  }

  async producer(): Promise<BusProducer> {
    return {
      send: async (topic: string, records: BusRecord[]) => {
        if (this.#closed) throw new Error('bus closed');
        const t = this.#topic(topic);
        for (const r of records) {
          while (t.records.length >= this.#capacity) {
            await new Promise<void>((resolve) => t.waiting.push(resolve));
            if (this.#closed) throw new Error('bus closed');
          }
          t.records.push({ ...r, value: Buffer.from(r.value) });
        }
        for (const wake of [...t.wakers]) wake();
      },
      close: async () => undefined,
    };
  }

  async consumer(opts: BusConsumerOptions): Promise<BusConsumer> {
    const max = opts.maxBatchRecords ?? 500;
    const topics = opts.topics.map((name) => ({ name, t: this.#topic(name) }));
    for (const { t } of topics) if (!t.groups.has(opts.group)) t.groups.set(opts.group, t.base);
    let running = true;
    let loop: Promise<void> | undefined;
    let wake: (() => void) | undefined;
    const consumer = {
      run: async (handler: (records: ConsumedRecord[]) => Promise<void>) => {
        loop = (async () => {
          let attempt = 0;
          while (running) {
            let handled = false;
            for (const { name, t } of topics) {
              const offset = t.groups.get(opts.group)!;
              const start = offset - t.base;
              if (start >= t.records.length) continue;
              const chunk = t.records.slice(start, start + max).map((r, i) => ({ ...r, topic: name, position: `${name}@${offset + i}` }));
              try {
                await handler(chunk);
                attempt = 0;
              } catch {
                const delay = Math.min(30_000, this.#retryBaseMs * 2 ** Math.min(attempt++, 7));
                await new Promise((r) => setTimeout(r, delay));
                handled = true;
                break;
              }
              t.groups.set(opts.group, offset + chunk.length);
              this.#trim(t);
              handled = true;
            }
            if (!handled && running) {
              await new Promise<void>((resolve) => {
                wake = resolve;
                for (const { t } of topics) t.wakers.add(resolve);
              });
              for (const { t } of topics) if (wake) t.wakers.delete(wake);
            }
          }
        })();
      },
      assignment: () => Object.fromEntries(topics.map(({ name }) => [name, [0]])),
      stop: async () => {
        running = false;
        wake?.();
        await loop;
        this.#consumers.delete(consumer);
      },
    };
    this.#consumers.add(consumer);
    return consumer;
  }

  /** Drops records every group has handled, and lets waiting senders in. */
  #trim(t: Topic): void {
    const min = Math.min(...t.groups.values());
    const drop = min - t.base;
    if (drop <= 0) return;
    t.records.splice(0, drop);
    t.base = min;
    while (t.waiting.length && t.records.length < this.#capacity) t.waiting.shift()!();
  }

  async close(): Promise<void> {
    await Promise.all([...this.#consumers].map((c) => c.stop()));
    this.#closed = true;
    for (const t of this.#topics.values()) for (const w of t.waiting.splice(0)) w();
  }
}
