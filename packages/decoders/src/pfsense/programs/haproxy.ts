import type { EcsFragment } from '@pullwatch/core';
import { endpoint, urlFields, type ProgramContext } from './context.js';
import { bodyZone, clfTimeToIso } from './local-time.js';

/**
 * HAProxy (pfSense package): HTTP log, TCP log, `Connect from`, and connection errors
 * (`client:port [date] frontend/bind: message`). Field names as Elastic's pfsense `haproxy`
 * pipeline (`haproxy.*` at the top level, as in Elastic's documents); `@timestamp` is HAProxy's
 * accept date, read in the header's zone (RFC 5424) or the device zone.
 */

const HTTP = new RegExp(
  '^(\\S+):(\\d+) \\[([^\\]]+)\\] (\\S+) ([^/\\s]+)/(\\S+) (-?\\d+)/(-?\\d+)/(-?\\d+)/(-?\\d+)/\\+?(-?\\d+) (-?\\d+) \\+?(\\d+) ' +
    '(\\S+) (\\S+) (\\S+) (\\d+)/(\\d+)/(\\d+)/(\\d+)/\\+?(\\d+) (\\d+)/(\\d+)(?: \\{([^}]*)\\})?(?: \\{([^}]*)\\})?(?: "(.*)")?\\s*$',
);
const TCP = new RegExp(
  '^(\\S+):(\\d+) \\[([^\\]]+)\\] (\\S+) ([^/\\s]+)/(\\S+) (-?\\d+)/(-?\\d+)/\\+?(-?\\d+) \\+?(\\d+) (\\S+) ' +
    '(\\d+)/(\\d+)/(\\d+)/(\\d+)/\\+?(\\d+) (\\d+)/(\\d+)\\s*$',
);
const CONNECT = /^Connect from (\S+):(\d+) to (\S+):(\d+) \(([^/)]+)\/([^)]+)\)\s*$/;
const ERROR = /^(\S+):(\d+) \[([^\]]+)\] ([^/\s]+)\/(\S+?): (.*?)\s*$/;

export function parseHaproxy(ctx: ProgramContext): EcsFragment {
  const text = ctx.line.body;
  const doc: EcsFragment = {};
  const event: Record<string, unknown> = {};
  doc.event = event;
  let m: RegExpExecArray | null;
  if ((m = HTTP.exec(text)) !== null) {
    doc.source = endpoint(m[1]!, Number(m[2]));
    setTime(doc, m[3]!, ctx);
    const status = Number(m[12]);
    const connections = { active: Number(m[17]), frontend: Number(m[18]), backend: Number(m[19]), server: Number(m[20]), retries: Number(m[21]) };
    const request: Record<string, unknown> = { time_wait_ms: Number(m[7]), time_wait_without_data_ms: Number(m[10]) };
    const haproxy: Record<string, unknown> = {
      frontend_name: m[4]!, backend_name: m[5]!, server_name: m[6]!,
      total_waiting_time_ms: Number(m[8]), connection_wait_time_ms: Number(m[9]),
      bytes_read: Number(m[13]), termination_state: m[16]!, connections,
      server_queue: Number(m[22]), backend_queue: Number(m[23]), http: { request },
    };
    if (m[24] !== undefined) request.captured_headers = m[24].split('|');
    if (m[25] !== undefined) haproxy.http = { request, response: { captured_headers: m[25].split('|') } };
    const http: Record<string, unknown> = { response: { status_code: status, bytes: Number(m[13]) } };
    if (m[26] !== undefined) {
      request.raw_request_line = m[26];
      const parts = m[26].split(' ');
      if (parts.length === 3 && /^[A-Z]+$/.test(parts[0]!)) {
        http.request = { method: parts[0]! };
        if (parts[2]!.startsWith('HTTP/')) http.version = parts[2]!.slice(5);
        doc.url = urlFields(parts[1]!);
      }
    }
    doc.haproxy = haproxy;
    doc.http = http;
    event.category = ['web'];
    event.duration = Number(m[11]) * 1_000_000;
    if (status > 0) event.outcome = status >= 400 ? 'failure' : 'success';
  } else if ((m = TCP.exec(text)) !== null) {
    doc.source = endpoint(m[1]!, Number(m[2]));
    setTime(doc, m[3]!, ctx);
    doc.haproxy = {
      frontend_name: m[4]!, backend_name: m[5]!, server_name: m[6]!,
      total_waiting_time_ms: Number(m[7]), connection_wait_time_ms: Number(m[8]),
      bytes_read: Number(m[10]), termination_state: m[11]!,
      connections: { active: Number(m[12]), frontend: Number(m[13]), backend: Number(m[14]), server: Number(m[15]), retries: Number(m[16]) },
      server_queue: Number(m[17]), backend_queue: Number(m[18]),
    };
    event.duration = Number(m[9]) * 1_000_000;
  } else if ((m = CONNECT.exec(text)) !== null) {
    doc.source = endpoint(m[1]!, Number(m[2]));
    doc.destination = endpoint(m[3]!, Number(m[4]));
    doc.haproxy = { frontend_name: m[5]!, mode: m[6]! };
    event.category = ['web'];
    event.type = ['connection'];
  } else if ((m = ERROR.exec(text)) !== null) {
    doc.source = endpoint(m[1]!, Number(m[2]));
    setTime(doc, m[3]!, ctx);
    const haproxy: Record<string, unknown> = { frontend_name: m[4]!, bind_name: m[5]!, error_message: m[6]! };
    const colon = m[5]!.lastIndexOf(':');
    if (colon > 0) {
      const dest = endpoint(m[5]!.slice(0, colon), Number(m[5]!.slice(colon + 1)));
      if (dest.ip !== undefined) doc.destination = dest;
    }
    doc.haproxy = haproxy;
    event.type = ['connection'];
  }
  return doc;
}

function setTime(doc: EcsFragment, text: string, ctx: ProgramContext): void {
  const iso = clfTimeToIso(text, bodyZone(ctx.input));
  if (iso !== undefined) doc['@timestamp'] = iso;
}
