import type { EcsDocument } from '@pullwatch/core';
import { toEcsSyslog, type ParsedSyslog } from '@pullwatch/syslog';

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
export function baseDocument({ raw, parsed, receivedAt, sourceAddress }: BaseDocumentInput): EcsDocument {
  const { header, message } = parsed;
  const ts = header.timestamp && !Number.isNaN(header.timestamp.getTime()) ? header.timestamp : receivedAt;
  const doc: EcsDocument = {
    '@timestamp': ts.toISOString(),
    ecs: { version: ECS_VERSION },
    message,
    event: { original: raw },
    ...toEcsSyslog(header),
  };
  const log = (doc.log ??= {}) as Record<string, unknown>;
  if (sourceAddress) log.source = { address: sourceAddress };
  if (header.hostname) doc.observer = { hostname: header.hostname };
  const tags: string[] = [];
  if (header.relayHostname) tags.push('relayed');
  if (header.bom) tags.push('bom_stripped');
  if (tags.length) doc.tags = tags;
  return doc;
}
