/**
 * Bus: the record stream between services (Kafka in distributed mode, an
 * in-process bounded queue in embedded mode).
 *
 * Inside the contract: at-least-once delivery; records of one key keep their
 * order; a consumer handler that resolves has finished with every record it was
 * given (the adapter then commits them), one that throws gets them again;
 * `send` resolves only once the bus has durably accepted the records (Kafka:
 * acks=-1), so callers can use it as their backpressure signal.
 * Outside the contract: exactly-once, ordering across keys, transactions,
 * partition numbers (adapters may expose them for diagnostics only).
 */
export interface BusRecord {
  key?: string;
  value: Buffer;
  headers?: Record<string, string>;
}

export interface ConsumedRecord extends BusRecord {
  topic: string;
  /** Adapter-specific position, for logs and dead-letter context. */
  position: string;
}

export interface BusProducer {
  /** Resolves when every record is durably accepted; rejects (retriable) otherwise. */
  send(topic: string, records: BusRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface BusConsumerOptions {
  topics: string[];
  group: string;
  /** Most records handed to one handler call. */
  maxBatchRecords?: number;
}

export interface BusConsumer {
  /**
   * Starts consuming; `handler` gets records in order per key. Resolving
   * commits them; throwing retries them (after a back-off).
   */
  run(handler: (records: ConsumedRecord[]) => Promise<void>): Promise<void>;
  /** What this member currently holds (topic → partitions), for health and diagnostics only. */
  assignment(): Record<string, number[]>;
  stop(): Promise<void>;
}

export interface Bus {
  /** Creates topics that do not exist yet; idempotent. */
  ensureTopics(topics: string[]): Promise<void>;
  producer(): Promise<BusProducer>;
  consumer(opts: BusConsumerOptions): Promise<BusConsumer>;
  close(): Promise<void>;
}
