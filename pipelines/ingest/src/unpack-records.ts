import { envelopeBatchSchema, type Envelope } from '@pullwatch/core';
import type { ConsumedRecord, DeadLetter } from '@pullwatch/ports';
import { redactString } from '@pullwatch/redact';

export interface Unpacked {
  envelopes: Envelope[];
  deadLetters: DeadLetter[];
}

const MAX_PAYLOAD_CHARS = 1_000_000;

/** Kafka records of packed envelopes → envelopes; a record that is not a valid batch becomes a dead letter. */
export function unpackRecords(records: ConsumedRecord[], now: Date = new Date()): Unpacked {
  const envelopes: Envelope[] = [];
  const deadLetters: DeadLetter[] = [];
  for (const record of records) {
    const text = record.value.toString('utf8');
    let reason: string;
    try {
      const parsed = envelopeBatchSchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        for (const e of parsed.data.envelopes) envelopes.push(e);
        continue;
      }
      reason = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
    } catch (err) {
      reason = `not JSON: ${(err as Error).message}`;
    }
    deadLetters.push({
      code: 'invalid_envelope',
      reason: `unpacking record ${record.position}: ${reason}`,
      stage: 'unpack',
      payload: redactString(text.length > MAX_PAYLOAD_CHARS ? text.slice(0, MAX_PAYLOAD_CHARS) : text),
      context: { position: record.position, ...(record.key ? { key: record.key } : {}) },
      at: now.toISOString(),
    });
  }
  return { envelopes, deadLetters };
}
