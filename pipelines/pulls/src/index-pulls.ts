import type { EventStore, StoredDocument, WriteResult } from '@pullwatch/ports';
import type { NormalisedPull } from './normalise-pulls.js';

/**
 * Stores normalised pull records in the pulls data stream (bulk `create` by id:
 * a record already stored counts as a duplicate). Adds `event.ingested`.
 * Resolves with the store's per-record outcome; throws (retriable) when the
 * store is unavailable, as `EventStore.write` does.
 */
export async function indexPulls(store: EventStore, stream: string, records: readonly NormalisedPull[], now: Date = new Date()): Promise<WriteResult> {
  if (records.length === 0) return { created: 0, duplicates: 0, rejected: [] };
  const ingested = now.toISOString();
  const docs: StoredDocument[] = records.map((r) => ({ id: r.id, doc: { ...r.doc, event: { ingested } } }));
  return store.write(stream, docs);
}
