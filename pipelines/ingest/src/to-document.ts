import type { EcsDocument, Envelope } from '@pullwatch/core';
import { decodeLine, type Vendor, type VendorDetector } from '@pullwatch/decoders';
import { createClassifier, type Classifier } from '@pullwatch/classifier';
import { mayContainSecret, redactDeep } from '@pullwatch/redact';

const defaultClassifier = createClassifier();

export interface ToDocumentOptions {
  /** Shared vendor detector (per-sender memory, explicit vendors per sender). */
  detector?: VendorDetector;
  /** Device time zone for zone-less timestamps. */
  timezone?: string;
  /** Time zone per sender address; wins over `timezone`. */
  timezoneBySender?: Record<string, string>;
  /** Explicit vendor for every line (`pullwatch parse --vendor`). */
  vendor?: Vendor | 'auto';
  /** Vendor per listener name (`udp`, `tcp`, `tls`), used when the sender has no configured vendor. */
  vendorByListener?: Record<string, Vendor | 'auto'>;
  /** Feed classifier (endpoint hosts, known feeds); default: the default endpoint host, no known feeds. */
  classifier?: Classifier;
}

/**
 * The ingest stages for one message: parse the header → decode the vendor body
 * → redact secrets → classify feed events into root causes.
 */
export function lineToDocument(raw: string, receivedAt: Date, sourceAddress: string | undefined, opts: ToDocumentOptions): EcsDocument {
  const doc = decodeLine(raw, {
    receivedAt,
    ...(opts.timezone ? { timezone: opts.timezone } : {}),
    ...(opts.vendor ? { vendor: opts.vendor } : {}),
    ...(sourceAddress ? { sourceAddress } : {}),
    ...(opts.detector ? { detector: opts.detector } : {}),
  });
  // Every decoded string is derived from the line itself: a line that cannot hold a secret
  // (the common case, e.g. traffic logs) needs no walk over the document.
  const out = mayContainSecret(raw) ? (redactDeep(doc) as EcsDocument) : doc;
  (opts.classifier ?? defaultClassifier).classifyDocument(out);
  return out;
}

/** An envelope from the receiver → the ECS document to index (without `event.ingested`, set at write time). */
export function envelopeToDocument(env: Envelope, opts: ToDocumentOptions): EcsDocument {
  const timezone = opts.timezoneBySender?.[env.peer.address] ?? opts.timezone;
  // Precedence: an explicit vendor, the sender's configured vendor (inside the detector), the listener's.
  const vendor = opts.vendor ?? (opts.detector?.configured(env.peer.address) ? undefined : opts.vendorByListener?.[env.listener]);
  const doc = lineToDocument(env.raw, new Date(env.received_at), env.peer.address, {
    ...opts,
    ...(timezone ? { timezone } : {}),
    ...(vendor ? { vendor } : {}),
  });
  const pw: Record<string, unknown> = { envelope: { id: env.id, transport: env.transport, listener: env.listener } };
  if (env.truncated) {
    (pw.envelope as Record<string, unknown>).truncated = true;
    doc.tags = [...((doc.tags as string[] | undefined) ?? []), 'truncated'];
  }
  if (env.raw_base64) pw.raw_base64 = env.raw_base64;
  // Merge: the classifier's pullwatch.feed / pullwatch.root_cause are already there.
  doc.pullwatch = { ...(doc.pullwatch as Record<string, unknown> | undefined), ...pw };
  const log = (doc.log ??= {}) as Record<string, unknown>;
  log.source = { address: env.peer.address, port: env.peer.port };
  (doc.event as Record<string, unknown>).created = env.received_at;
  return doc;
}
