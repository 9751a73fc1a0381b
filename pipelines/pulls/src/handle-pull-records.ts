import type { ConsumedRecord, DeadLetter, DeadLetterSink, EventStore } from '@pullwatch/ports';
import { indexPulls } from './index-pulls.js';
import { ndjsonLines, normalisePulls, type NormalisedPull } from './normalise-pulls.js';

/** Kafka topic of pull records (NDJSON or a JSON array per record). */
export const PULLS_RAW_TOPIC = 'pullwatch.pulls.raw';

export interface PullRecordsDeps {
  store: EventStore;
  deadLetters: DeadLetterSink;
  /** Data stream of pull records, e.g. `logs-pullwatch.pulls-default`. */
  stream: string;
  now?: () => Date;
}

export interface PullRecordsStats {
  /** Bus records handled. */
  records: number;
  /** Pull records found in them (valid or not). */
  lines: number;
  created: number;
  duplicates: number;
  /** Invalid lines, unreadable records and documents the store refused. */
  deadLettered: number;
}

/**
 * The pulls pipeline for one chunk of bus records (topic `pullwatch.pulls.raw`):
 * each record holds pull records as NDJSON (one per line) or as a JSON array.
 * Valid ones are stored by id (a replayed record is a duplicate, not a second
 * document); invalid lines go to the dead letters with the validation issues,
 * and so do documents the store refuses for good. Resolves once every line is
 * stored or dead-lettered: the caller may then acknowledge the records. Throws
 * (retriable) when the store or the dead-letter sink is unavailable.
 * Twin of `ingestRecords` in pipelines/ingest: keep the acknowledgement rules in sync.
 */
export async function handlePullRecords(records: readonly ConsumedRecord[], deps: PullRecordsDeps): Promise<PullRecordsStats> {
  const now = deps.now ?? (() => new Date());
  const at = now().toISOString();
  const letters: DeadLetter[] = [];
  const valid: NormalisedPull[] = [];
  let lines = 0;
  for (const record of records) {
    const context = { topic: record.topic, position: record.position, ...(record.key !== undefined ? { key: record.key } : {}) };
    const text = record.value.toString('utf8');
    const items = recordItems(text);
    lines += items.length;
    const { records: ok, errors } = normalisePulls(items);
    valid.push(...ok);
    for (const e of errors) {
      const payload = items[e.line - 1];
      letters.push({
        code: 'invalid_pull_record',
        reason: `validating pull record ${e.line}: ${e.issues.join('; ')}`,
        stage: 'normalise',
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        context: { ...context, line: String(e.line) },
        at,
      });
    }
  }
  const result = await indexPulls(deps.store, deps.stream, valid, now());
  for (const r of result.rejected) {
    letters.push({
      code: 'es_bulk_item',
      reason: `indexing pull record ${r.id}: HTTP ${r.status}: ${r.reason}`,
      stage: 'index',
      payload: r.doc,
      context: { id: r.id, stream: deps.stream },
      at,
    });
  }
  if (letters.length) await deps.deadLetters.put(letters);
  return { records: records.length, lines, created: result.created, duplicates: result.duplicates, deadLettered: letters.length };
}

/** The pull records of one bus record: the elements of a JSON array, else the non-blank NDJSON lines. */
function recordItems(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not an array after all: read it as NDJSON, whose errors name the bad line.
    }
  }
  return ndjsonLines(text).filter((l) => l.trim() !== '');
}

