import type { EcsFragment } from '@pullwatch/core';
import { endpoint, vendorGroup, type ProgramContext } from './context.js';

/**
 * OpenVPN, as Elastic's pfsense `openvpn` pipeline: the client address and port (`source.*`),
 * `peer info` (`pfsense.openvpn.peer_info`), the user (`[bob]`, `user 'bob'`, `bob/1.2.3.4:port`),
 * the pool address (`source.nat.ip`); `event.type` connection/error/start from the wording.
 * In addition, `event.outcome` for the two authentication results.
 */

const ADDR = '(\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:]+)';
const PEER_INFO = new RegExp(`^${ADDR}:(\\d+)\\s+peer\\s+info:\\s+(.*)$`);
const BRACKET_USER = new RegExp(`^${ADDR}:(\\d+)\\s+\\[([a-zA-Z0-9._@-]+)\\]\\s`);
const QUOTED_USER = /^user\s+'([^']+)'(.*)$/;
const POOL = new RegExp(`^([a-zA-Z0-9._@-]+)/${ADDR}:(\\d+)\\s.*IPv4=(\\S+?),\\s*IPv6=(\\S+)`);
const ANY_ADDR = /(?:\[AF_INET6?\])?(\d{1,3}(?:\.\d{1,3}){3}):(\d+)/g;

export function parseOpenvpn(ctx: ProgramContext): EcsFragment {
  const text = ctx.line.body.trimEnd();
  const lower = text.toLowerCase();
  const doc: EcsFragment = {};
  let m: RegExpExecArray | null;
  if ((m = PEER_INFO.exec(text)) !== null) {
    doc.source = endpoint(m[1]!, Number(m[2]));
    vendorGroup(doc, ctx.ns, 'openvpn', { peer_info: m[3]! });
  } else if ((m = BRACKET_USER.exec(text)) !== null) {
    doc.source = endpoint(m[1]!, Number(m[2]));
    doc.user = { name: m[3]! };
  } else if ((m = QUOTED_USER.exec(text)) !== null) {
    doc.user = { name: m[1]! };
  } else if ((m = POOL.exec(text)) !== null) {
    doc.user = { name: m[1]! };
    const source = endpoint(m[2]!, Number(m[3]));
    const nat = [m[4]!, m[5]!].find((v) => endpoint(v).ip !== undefined);
    if (nat !== undefined) source.nat = { ip: nat };
    doc.source = source;
  } else {
    let last: RegExpExecArray | null = null;
    ANY_ADDR.lastIndex = 0;
    for (let x = ANY_ADDR.exec(text); x !== null; x = ANY_ADDR.exec(text)) last = x;
    if (last !== null) doc.source = endpoint(last[1]!, Number(last[2]));
  }

  const category = lower.includes('auth') ? ['authentication', 'network'] : ['network'];
  const type: string[] = [];
  if (doc.source !== undefined) type.push('connection');
  if (lower.includes('error') || lower.includes('not auth')) type.push('error');
  if (lower.includes('initiat')) type.push('start');
  const event: Record<string, unknown> = { category };
  if (type.length > 0) event.type = type;
  if (/\bauthenticated\b/.test(lower) && !lower.includes('not auth')) event.outcome = 'success';
  else if (lower.includes('could not authenticate') || lower.includes('auth_failed') || lower.includes('authentication failed')) event.outcome = 'failure';
  doc.event = event;
  doc.network = { protocol: 'openvpn' };
  return doc;
}
