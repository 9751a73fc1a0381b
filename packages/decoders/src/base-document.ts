import type { EcsDocument } from '@pullwatch/core';
import { toEcsSyslog, type ParsedSyslog } from '@pullwatch/syslog';
import { isoFromMs } from './shared/time.js';

export const ECS_VERSION = '8.17.0';

export interface BaseDocumentInput {
  raw: string;
  parsed: ParsedSyslog;
  receivedAt: Date;
  sourceAddress?: string;
}

/**
 * The document every line gets before (and whether or not) a vendor decoder
 * claims it: time, original text, MSG, syslog header fields, the sender.
 */
export function baseDocument(input: BaseDocumentInput): EcsDocument {
  const parsed = input.parsed;
  const header = parsed.header;
  const receivedAt = input.receivedAt;
  const hts = header.timestamp;
  const ts = hts !== undefined && hts !== null && !Number.isNaN(hts.getTime()) ? hts : receivedAt;
  const doc: EcsDocument = {
    // isoFromMs gives Date#toISOString's text (and throws the same RangeError for an invalid date), faster.
    '@timestamp': isoFromMs(ts.getTime()),
    ecs: { version: ECS_VERSION },
    message: parsed.message,
    event: { original: input.raw },
  };
  const log: Record<string, unknown> = toEcsSyslog(header).log ?? {};
  doc.log = log;
  const sourceAddress = input.sourceAddress;
  if (sourceAddress) log.source = { address: sourceAddress };
  if (header.hostname) doc.observer = { hostname: header.hostname };
  const relayed = !!header.relayHostname;
  const bom = !!header.bom;
  if (relayed || bom) doc.tags = relayed ? (bom ? ['relayed', 'bom_stripped'] : ['relayed']) : ['bom_stripped'];
  return doc;
}
