import type { BusProducer, EventStore } from '@pullwatch/ports';
import { indexPulls, type NormalisedPull } from '@pullwatch/pulls';

/** What became of a batch of pull records handed to a `PullIntake`. */
export interface PullIntakeResult {
  /** Records refused for good by the destination (store mode: mapping errors), by record id. */
  rejected: Array<{ id: string; reason: string }>;
}

/**
 * Where the API hands validated pull records. `accept` resolves once the
 * records are durably taken (Kafka acks, or stored/refused by Elasticsearch);
 * it throws (retriable) when the destination is unavailable, and the client
 * gets a 503 and sends the batch again (records have stable ids: a replay is
 * deduplicated).
 */
export interface PullIntake {
  accept(records: readonly NormalisedPull[]): Promise<PullIntakeResult>;
}

/**
 * Publishes pull records to the pulls topic for the workers (`handlePullRecords`):
 * one bus record per integration per batch, NDJSON, keyed by integration id.
 */
export class BusPullIntake implements PullIntake {
  constructor(
    private readonly producer: BusProducer,
    readonly topic: string,
  ) {}

  async accept(records: readonly NormalisedPull[]): Promise<PullIntakeResult> {
    const byIntegration = new Map<string, string[]>();
    for (const r of records) {
      const id = r.doc.integration.id;
      const lines = byIntegration.get(id) ?? [];
      lines.push(JSON.stringify(r.doc));
      byIntegration.set(id, lines);
    }
    if (byIntegration.size > 0) {
      await this.producer.send(
        this.topic,
        [...byIntegration].map(([key, lines]) => ({ key, value: Buffer.from(lines.join('\n') + '\n'), headers: { 'content-type': 'application/x-ndjson' } })),
      );
    }
    return { rejected: [] };
  }
}

/** Writes pull records straight into the pulls data stream (no worker in between). */
export class StorePullIntake implements PullIntake {
  constructor(
    private readonly store: EventStore,
    readonly stream: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async accept(records: readonly NormalisedPull[]): Promise<PullIntakeResult> {
    const result = await indexPulls(this.store, this.stream, records, this.now());
    return { rejected: result.rejected.map((r) => ({ id: r.id, reason: `HTTP ${r.status}: ${r.reason}` })) };
  }
}
