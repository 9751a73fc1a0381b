import { DecodeError, mergeEcs, type EcsDocument } from '@pullwatch/core';
import { parseSyslog } from '@pullwatch/syslog';
import { baseDocument } from './base-document.js';
import type { DecodeInput, Vendor } from './types.js';
import { VendorDetector } from './vendor-detector.js';

export interface DecodeLineOptions {
  receivedAt: Date;
  /** Device time zone for zone-less timestamps (IANA name or ±hh:mm); default UTC. */
  timezone?: string;
  /** `auto` (default) detects the vendor; a vendor name forces its decoder. */
  vendor?: Vendor | 'auto';
  /** The sender's address: `log.source.address`, and the key vendor detection remembers. */
  sourceAddress?: string;
  /** Shared detector (keeps per-sender memory across lines); a fresh one per call otherwise. */
  detector?: VendorDetector;
}

const defaultDetector = new VendorDetector();

/**
 * One syslog line (with or without a header) → one ECS document. Never throws:
 * a line no decoder claims stays a plain syslog event; a line a decoder claims
 * but cannot decode keeps the base document with `error.message` and the tag
 * `decode_failed` (and is still indexed).
 */
export function decodeLine(raw: string, opts: DecodeLineOptions): EcsDocument {
  const parsed = parseSyslog(raw, { receivedAt: opts.receivedAt, timezone: opts.timezone });
  const doc = baseDocument({ raw, parsed, receivedAt: opts.receivedAt, sourceAddress: opts.sourceAddress });
  const input: DecodeInput = {
    raw,
    header: parsed.header,
    message: parsed.message,
    receivedAt: opts.receivedAt,
    ...(opts.timezone ? { timezone: opts.timezone } : {}),
  };
  const explicit = opts.vendor && opts.vendor !== 'auto' ? opts.vendor : undefined;
  const decoder = (opts.detector ?? defaultDetector).choose(input, opts.sourceAddress, explicit);
  if (!decoder) return doc;
  try {
    mergeEcs(doc, decoder.decode(input));
  } catch (err) {
    const code = err instanceof DecodeError ? err.code : 'decode_failed';
    const message = err instanceof Error ? err.message : String(err);
    mergeEcs(doc, {
      error: { message: `${decoder.vendor}: ${message}`, code },
      tags: ['decode_failed', ...(code !== 'decode_failed' ? [code] : [])],
      observer: { type: 'firewall' },
      event: { module: decoder.vendor },
    });
  }
  return doc;
}
