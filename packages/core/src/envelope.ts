import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** How a syslog message reached the receiver. */
export const transportSchema = z.enum(['udp', 'tcp', 'tls']);
export type Transport = z.infer<typeof transportSchema>;

/**
 * One received syslog message, as the receiver hands it on.
 * `id` is unique and stable: the receiver run's random id plus a sequence
 * number, assigned at receipt; it becomes the Elasticsearch `_id`, so neither a
 * producer retry nor a Kafka redelivery can duplicate the document.
 */
export const envelopeSchema = z.strictObject({
  id: z.string().min(1),
  received_at: z.iso.datetime({ offset: true }),
  transport: transportSchema,
  listener: z.string().min(1),
  peer: z.strictObject({ address: z.string().min(1), port: z.number().int().min(0).max(65535) }),
  /** The message as UTF-8 text (invalid bytes replaced by U+FFFD). */
  raw: z.string(),
  /** Base64 of the exact bytes, present only when they were not valid UTF-8. */
  raw_base64: z.string().optional(),
  /** Set when the message was longer than the size limit and was cut. */
  truncated: z.boolean().optional(),
  /** Bytes of the message beyond the limit that were discarded. */
  discarded_bytes: z.number().int().min(0).optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/**
 * The value of one Kafka record on `pullwatch.syslog.raw`: the envelopes of one
 * sender, packed so the producer pays its per-record cost once per batch.
 * Envelopes keep their receive order.
 */
export const envelopeBatchSchema = z.strictObject({
  v: z.literal(1),
  envelopes: z.array(envelopeSchema).min(1),
});
export type EnvelopeBatch = z.infer<typeof envelopeBatchSchema>;

/** A random id for one run of a receiver (12 base64url characters, 72 bits). */
export const newRunId = (): string => randomBytes(9).toString('base64url');

/** The envelope id of message number `seq` of receiver run `runId`. */
export const envelopeId = (runId: string, seq: number): string => `${runId}-${seq.toString(36)}`;
