import type { EcsFragment } from '@pullwatch/core';
import { isIp } from '../shared/ip.js';
import type { FilterlogRecord } from './record.js';
import { transportName } from './protocol.js';

/**
 * The vendor-neutral ECS part of a filterlog event, identical for pfSense and OPNsense:
 * event.action/outcome/reason/type/category, network.*, source/destination, related.ip,
 * observer ingress/egress interface, error.message for addresses that are not IPs, and the
 * `truncated` tag. The vendor mappers add `observer.vendor/product`, `rule.*` and their
 * vendor namespace.
 */
export function filterlogEcs(rec: FilterlogRecord, opts: { vlanFromInterface: boolean }): EcsFragment {
  const action = rec.action;
  const eventType: string[] = [];
  const event: Record<string, unknown> = { kind: 'event', category: ['network'], type: eventType };
  if (action.length > 0) event.action = action;
  if (action === 'pass') event.outcome = 'success';
  else if (action === 'block') event.outcome = 'failure';
  if (rec.reason.length > 0) event.reason = rec.reason;

  const doc: EcsFragment = { event };
  const network: Record<string, unknown> = { type: rec.ipVersion === 6 ? 'ipv6' : 'ipv4' };
  doc.network = network;
  const transport = transportName(rec);
  if (transport !== undefined) network.transport = transport;
  if (rec.protoNum !== undefined) network.iana_number = String(rec.protoNum);
  if (rec.length !== undefined) network.bytes = rec.length;
  const dir = rec.direction;
  if (dir === 'in') network.direction = 'inbound';
  else if (dir === 'out') network.direction = 'outbound';

  if (rec.iface.length > 0) {
    const side: Record<string, unknown> = { interface: { name: rec.iface } };
    if (opts.vlanFromInterface) {
      const vlan = vlanOf(rec.iface);
      if (vlan !== undefined) {
        side.vlan = { id: vlan };
        network.vlan = { id: vlan };
      }
    }
    doc.observer = dir === 'out' ? { egress: side } : { ingress: side };
  }

  let errors: string | undefined;
  const related: string[] = [];
  const srcOk = rec.src !== undefined && isIp(rec.src);
  const dstOk = rec.dst !== undefined && isIp(rec.dst);
  if (rec.src !== undefined) {
    const source: Record<string, unknown> = { address: rec.src };
    if (srcOk) {
      source.ip = rec.src;
      related.push(rec.src);
    } else {
      errors = `source is not an IP: ${rec.src}`;
    }
    if (rec.srcPort !== undefined) source.port = rec.srcPort;
    doc.source = source;
  }
  if (rec.dst !== undefined) {
    const destination: Record<string, unknown> = { address: rec.dst };
    if (dstOk) {
      destination.ip = rec.dst;
      if (related.length === 0 || related[0] !== rec.dst) related.push(rec.dst);
    } else {
      const msg = `destination is not an IP: ${rec.dst}`;
      errors = errors === undefined ? msg : `${errors}; ${msg}`;
    }
    if (rec.dstPort !== undefined) destination.port = rec.dstPort;
    doc.destination = destination;
  }
  if (srcOk && dstOk) eventType.push('connection');
  if (action === 'pass') eventType.push('allowed');
  else if (action === 'block') eventType.push('denied');
  if (eventType.length === 0) delete event.type;
  if (related.length > 0) doc.related = { ip: related };
  if (errors !== undefined) doc.error = { message: errors };
  if (rec.truncated) doc.tags = ['truncated'];
  return doc;
}

/** `igb1.12` → `12` (pfSense VLAN interfaces are `<parent>.<vlan>`); otherwise undefined. */
function vlanOf(iface: string): string | undefined {
  const dot = iface.lastIndexOf('.');
  if (dot <= 0 || dot === iface.length - 1) return undefined;
  for (let i = dot + 1; i < iface.length; i++) {
    const c = iface.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return iface.slice(dot + 1);
}

/** Splits TCP options `mss;sackOK;TS` into a list (empty items dropped). */
export function tcpOptionList(options: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const semi = options.indexOf(';', from);
    const item = semi < 0 ? options.slice(from) : options.slice(from, semi);
    if (item.length > 0) out.push(item);
    if (semi < 0) return out;
    from = semi + 1;
  }
}

/** The IPv4 header fields of a record (tos, ecn, ttl, id, offset, flags), under the same names in both vendor namespaces. */
export function addIpv4Header(ip: Record<string, unknown>, rec: FilterlogRecord): void {
  if (rec.tos !== undefined) ip.tos = rec.tos;
  if (rec.ecn !== undefined) ip.ecn = rec.ecn;
  if (rec.ttl !== undefined) ip.ttl = rec.ttl;
  if (rec.id !== undefined) ip.id = rec.id;
  if (rec.offset !== undefined) ip.offset = rec.offset;
  if (rec.flags !== undefined) ip.flags = rec.flags;
}
