import type { Bus, BusConsumer, BusConsumerOptions, BusProducer, BusRecord } from '@pullwatch/ports';

/**
 * A real Bus (Kafka) with a gate in front of its producers' `send`: while the
 * gate is closed, sends wait, so the receiver sees a saturated producer exactly
 * as when Kafka is slow. Nothing is faked: once opened, every send goes to Kafka.
 */
export class GatedBus implements Bus {
  #open = true;
  #waiters: Array<() => void> = [];
  sendsWaiting = 0;

  constructor(private readonly inner: Bus) {}

  closeGate(): void {
    this.#open = false;
  }

  openGate(): void {
    this.#open = true;
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  ensureTopics(topics: string[]): Promise<void> {
    return this.inner.ensureTopics(topics);
  }

  async producer(): Promise<BusProducer> {
    const p = await this.inner.producer();
    return {
      send: async (topic: string, records: BusRecord[]) => {
        if (!this.#open) {
          this.sendsWaiting++;
          await new Promise<void>((r) => this.#waiters.push(r));
          this.sendsWaiting--;
        }
        await p.send(topic, records);
      },
      close: () => p.close(),
    };
  }

  consumer(opts: BusConsumerOptions): Promise<BusConsumer> {
    return this.inner.consumer(opts);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
