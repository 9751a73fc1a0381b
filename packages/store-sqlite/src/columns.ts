import { getField, type EcsDocument } from '@pullwatch/core';

/** Default stream of pull records (config `elasticsearch.pullsStream`). */
export const DEFAULT_PULLS_STREAM = 'logs-pullwatch.pulls-default';
/** Default stream of decoded firewall events (config `elasticsearch.firewallStream`). */
export const DEFAULT_FIREWALL_STREAM = 'logs-pullwatch.firewall-default';
/** Streams of this dataset hold pull records whatever their namespace, as `logs-pullwatch.pulls-*` does in Elasticsearch. */
const PULLS_DATASET_PREFIX = 'logs-pullwatch.pulls-';

/** Which table a stream's documents go to. */
export type StreamKind = 'firewall' | 'pulls';

/** The pulls stream(s): the configured name, and any `logs-pullwatch.pulls-*`. Every other stream holds firewall events. */
export function streamKind(stream: string, pullsStream: string): StreamKind {
  return stream === pullsStream || stream.startsWith(PULLS_DATASET_PREFIX) ? 'pulls' : 'firewall';
}

/**
 * Columns of `firewall_events` read from the document, with their ECS field. Only string
 * values are kept (a keyword term query matches nothing else either); a field under an array
 * is absent, as `getField` says. The five device fields are the port's matching rules
 * (EvidenceSource); twin: packages/store-memory/src/device-match.ts.
 */
export const FIREWALL_COLUMNS = [
  ['source_address', 'log.source.address'],
  ['syslog_hostname', 'log.syslog.hostname'],
  ['observer_hostname', 'observer.hostname'],
  ['observer_name', 'observer.name'],
  ['observer_serial', 'observer.serial_number'],
  ['feed_event', 'pullwatch.feed.event'],
  ['cause', 'pullwatch.root_cause.category'],
  ['rule', 'pullwatch.root_cause.rule'],
  ['message', 'message'],
] as const;

export type FirewallColumn = (typeof FIREWALL_COLUMNS)[number][0];

/** A row ready to insert, or why the document cannot be stored. */
export type RowOutcome<R> = { row: R } | { reason: string };

export interface FirewallRow extends Record<FirewallColumn, string | null> {
  id: string;
  stream: string;
  ts: number;
  doc: string;
}

export interface PullRow {
  id: string;
  stream: string;
  ts: number;
  integration_id: string;
  source_ip: string;
  status: number;
  url_path: string | null;
  doc: string;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** `@timestamp` as epoch ms, or why not (a data stream refuses a document without one, too). */
function timestampOf(doc: EcsDocument): number | string {
  const raw = doc['@timestamp'];
  if (typeof raw !== 'string') return '@timestamp is missing';
  const t = Date.parse(raw);
  return Number.isNaN(t) ? `@timestamp "${raw.slice(0, 64)}" is not a date` : t;
}

function json(doc: EcsDocument): string {
  const s: unknown = JSON.stringify(doc);
  if (typeof s !== 'string') throw new TypeError('the document is not a JSON object');
  return s;
}

export function firewallRow(stream: string, id: string, doc: EcsDocument): RowOutcome<FirewallRow> {
  const ts = timestampOf(doc);
  if (typeof ts === 'string') return { reason: ts };
  let body: string;
  try {
    body = json(doc);
  } catch (err) {
    return { reason: `not serialisable as JSON: ${(err as Error).message}` };
  }
  const row = { id, stream, ts, doc: body } as FirewallRow;
  for (const [column, field] of FIREWALL_COLUMNS) row[column] = text(getField(doc, field));
  return { row };
}

/**
 * A pull record's row. The pulls pipeline validates records first (`pullRecordSchema`); a
 * document without an integration id, source address or integer status is refused here
 * rather than stored where no query would ever find it.
 */
export function pullRow(stream: string, id: string, doc: EcsDocument): RowOutcome<PullRow> {
  const ts = timestampOf(doc);
  if (typeof ts === 'string') return { reason: ts };
  const integrationId = getField(doc, 'integration.id');
  const sourceIp = getField(doc, 'source.ip');
  const status = getField(doc, 'http.response.status_code');
  if (typeof integrationId !== 'string' || integrationId === '') return { reason: 'not a pull record: integration.id is missing' };
  if (typeof sourceIp !== 'string') return { reason: 'not a pull record: source.ip is missing' };
  if (typeof status !== 'number' || !Number.isInteger(status)) return { reason: 'not a pull record: http.response.status_code is not an integer' };
  let body: string;
  try {
    body = json(doc);
  } catch (err) {
    return { reason: `not serialisable as JSON: ${(err as Error).message}` };
  }
  return { row: { id, stream, ts, integration_id: integrationId, source_ip: sourceIp, status, url_path: text(getField(doc, 'url.path')), doc: body } };
}
