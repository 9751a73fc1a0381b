import type { ConsumedRecord, DeadLetter, DeadLetterSink, EventStore, StoredDocument } from '@pullwatch/ports';
import { envelopeToDocument, type ToDocumentOptions } from './to-document.js';
import { unpackRecords } from './unpack-records.js';

export interface IngestDeps extends ToDocumentOptions {
  store: EventStore;
  deadLetters: DeadLetterSink;
  /** Data stream (or index) of firewall events. */
  stream: string;
  now?: () => Date;
}

export interface IngestStats {
  records: number;
  envelopes: number;
  created: number;
  duplicates: number;
  deadLettered: number;
}

/**
 * The ingest pipeline for one chunk of bus records: unpack → decode → store,
 * with everything that cannot be unpacked or stored sent to the dead letters.
 * Resolves only when every envelope is stored (or was already), or is a dead
 * letter: the caller may then acknowledge the records. Throws (retriable) when
 * the store or the dead-letter sink is unavailable: nothing is acknowledged.
 */
export async function ingestRecords(records: ConsumedRecord[], deps: IngestDeps): Promise<IngestStats> {
  const now = deps.now ?? (() => new Date());
  const { envelopes, deadLetters } = unpackRecords(records, now());
  const docs: StoredDocument[] = new Array(envelopes.length);
  const ingested = now().toISOString();
  for (let i = 0; i < envelopes.length; i++) {
    const env = envelopes[i]!;
    const doc = envelopeToDocument(env, deps);
    (doc.event as Record<string, unknown>).ingested = ingested;
    docs[i] = { id: env.id, doc };
  }
  const result = docs.length ? await deps.store.write(deps.stream, docs) : { created: 0, duplicates: 0, rejected: [] };
  const letters: DeadLetter[] = deadLetters;
  for (const r of result.rejected) {
    letters.push({
      code: 'es_bulk_item',
      reason: `indexing document ${r.id}: HTTP ${r.status}: ${r.reason}`,
      stage: 'index',
      payload: r.doc,
      context: { id: r.id, stream: deps.stream },
      at: now().toISOString(),
    });
  }
  if (letters.length) await deps.deadLetters.put(letters);
  return {
    records: records.length,
    envelopes: envelopes.length,
    created: result.created,
    duplicates: result.duplicates,
    deadLettered: letters.length,
  };
}
