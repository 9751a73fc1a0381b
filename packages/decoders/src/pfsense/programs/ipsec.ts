import type { EcsFragment } from '@pullwatch/core';
import { endpoint, vendorGroup, type ProgramContext } from './context.js';

/**
 * strongSwan `charon`: `08[CFG] text`, `14[NET] <con1000|11> sending packet: from A[500] to B[500] (464 bytes)`.
 * As Elastic's pfsense `ipsec` pipeline: the packet endpoints and size; in addition the thread,
 * the subsystem and the connection name / IKE SA number under `pfsense.ipsec.*`.
 */

const PREFIX = /^(\d+)\[([A-Z]+)\] ?(.*)$/;
const CONN = /^<([^|>]+)\|(\d+)> /;
const PACKET = /from (\S+?)\[(\d+)\] to (\S+?)\[(\d+)\] \((\d+) bytes\)/;

export function parseIpsec(ctx: ProgramContext): EcsFragment {
  const doc: EcsFragment = { network: { protocol: 'ipsec' } };
  const event: Record<string, unknown> = { category: ['network'] };
  doc.event = event;
  const m = PREFIX.exec(ctx.line.body);
  if (m === null) return doc;
  const ipsec: Record<string, unknown> = { thread: m[1]!, subsystem: m[2]! };
  let text = m[3]!;
  const c = CONN.exec(text);
  if (c !== null) {
    ipsec.connection = c[1]!;
    ipsec.ike_sa = Number(c[2]);
    text = text.slice(c[0].length);
  }
  vendorGroup(doc, ctx.ns, 'ipsec', ipsec);
  const p = PACKET.exec(text);
  const type: string[] = [];
  if (p !== null) {
    doc.source = endpoint(p[1]!, Number(p[2]));
    doc.destination = endpoint(p[3]!, Number(p[4]));
    (doc.network as Record<string, unknown>).bytes = Number(p[5]);
    type.push('connection');
  }
  if (text.toLowerCase().includes('disconnected')) type.push('end');
  if (type.length > 0) event.type = type;
  return doc;
}
