import type { EcsFragment } from '@pullwatch/core';
import { toInt } from '../../shared/number.js';
import { endpoint, urlFields, type ProgramContext } from './context.js';

/**
 * Squid access log: the native format (`time elapsed client code/status bytes method URL user
 * hierarchy/peer type`, pfSense) and the JSON (ECS-like) format OPNsense's proxy writes. Field
 * names as Elastic's pfsense `squid` pipeline (`squid.request_status`, `squid.hierarchy_status`).
 * `@timestamp` stays the syslog header time, as Elastic does.
 */

const CODE_STATUS = /^([A-Z_]+)\/(\d{3})$/;

export function parseSquid(ctx: ProgramContext): EcsFragment {
  const body = ctx.line.body.trim();
  if (body.charCodeAt(0) === 123) {
    const fromJson = parseJson(body);
    if (fromJson !== undefined) return fromJson;
  }
  return parseNative(body);
}

function parseNative(body: string): EcsFragment {
  const tok = body.split(/\s+/);
  const doc: EcsFragment = {};
  let i = 1;
  for (; i < tok.length; i++) if (CODE_STATUS.test(tok[i]!)) break;
  if (i >= tok.length) return doc;
  const cs = CODE_STATUS.exec(tok[i]!)!;
  doc.source = endpoint(tok[i - 1]!);
  const status = Number(cs[2]);
  const http: Record<string, unknown> = { response: { status_code: status } };
  const bytes = toInt(tok[i + 1]);
  if (bytes !== undefined) (http.response as Record<string, unknown>).bytes = bytes;
  const method = tok[i + 2];
  if (method !== undefined && method !== '-') http.request = { method };
  doc.http = http;
  const url = tok[i + 3];
  if (url !== undefined && url !== '-') doc.url = squidUrl(url, method);
  const user = tok[i + 4];
  if (user !== undefined && user !== '-') doc.user = { name: user };
  const squid: Record<string, unknown> = { request_status: cs[1]! };
  const hier = tok[i + 5];
  if (hier !== undefined) {
    const slash = hier.indexOf('/');
    squid.hierarchy_status = slash < 0 ? hier : hier.slice(0, slash);
    if (slash >= 0 && slash < hier.length - 1 && hier.slice(slash + 1) !== '-') doc.destination = endpoint(hier.slice(slash + 1));
  }
  const mime = tok[i + 6];
  if (mime !== undefined && mime !== '-' && mime.length > 0) (http.response as Record<string, unknown>).mime_type = mime;
  doc.squid = squid;
  doc.event = outcomeEvent(status);
  return doc;
}

function parseJson(body: string): EcsFragment | undefined {
  let j: unknown;
  try {
    j = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (j === null || typeof j !== 'object' || Array.isArray(j)) return undefined;
  const o = j as Record<string, unknown>;
  const get = (path: string): unknown => {
    let cur: unknown = o;
    for (const p of path.split('.')) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[p];
    }
    return cur;
  };
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v !== '-' ? v : undefined);
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' ? toInt(v) : undefined);
  const doc: EcsFragment = {};
  const http: Record<string, unknown> = {};
  const method = str(get('http.request.method'));
  if (method !== undefined) http.request = { method };
  const response: Record<string, unknown> = {};
  const status = num(get('http.response.body.status_code')) ?? num(get('http.response.status_code'));
  if (status !== undefined) response.status_code = status;
  const bytes = num(get('http.response.bytes'));
  if (bytes !== undefined) response.bytes = bytes;
  if (Object.keys(response).length > 0) http.response = response;
  const version = str(get('http.version'));
  if (version !== undefined) http.version = version;
  if (Object.keys(http).length > 0) doc.http = http;
  const src = str(get('source.ip'));
  if (src !== undefined) doc.source = endpoint(src);
  const url = str(get('url.original'));
  if (url !== undefined) doc.url = squidUrl(url, method);
  const ua = str(get('user_agent.original'));
  if (ua !== undefined) doc.user_agent = { original: ua };
  const user = str(get('user.name'));
  if (user !== undefined) doc.user = { name: user };
  const squid: Record<string, unknown> = {};
  const rs = str(get('labels.request_status'));
  if (rs !== undefined) squid.request_status = rs;
  const hs = str(get('labels.hierarchy_status'));
  if (hs !== undefined) squid.hierarchy_status = hs;
  if (Object.keys(squid).length > 0) doc.squid = squid;
  const event = outcomeEvent(status);
  const duration = num(get('event.duration'));
  if (duration !== undefined) event.duration = duration * 1_000_000;
  doc.event = event;
  return doc;
}

function outcomeEvent(status: number | undefined): Record<string, unknown> {
  const event: Record<string, unknown> = { category: ['web'] };
  if (status !== undefined && status > 0) event.outcome = status >= 400 ? 'failure' : 'success';
  return event;
}

/** `CONNECT host:443` targets are authority-form: domain and port, no scheme. */
function squidUrl(text: string, method: string | undefined): Record<string, unknown> {
  const authority = /^([^/:\s]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(text);
  if (authority !== null && (method === 'CONNECT' || !text.includes('/'))) {
    const host = authority[1]!.replace(/^\[|\]$/g, '');
    return { original: text, domain: host, port: Number(authority[2]) };
  }
  return urlFields(text);
}
