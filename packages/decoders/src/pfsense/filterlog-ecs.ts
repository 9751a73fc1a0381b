import type { EcsFragment } from '@pullwatch/core';
import { addIpv4Header, filterlogEcs, tcpOptionList, type FilterlogRecord } from '../filterlog/index.js';
import { toInt } from '../shared/number.js';

/**
 * The `pfsense.*` fields of a filterlog record, with the names of Elastic's `pfsense`
 * integration (`pfsense.ip.*`, `pfsense.tcp.*`, `pfsense.udp.*`, `pfsense.icmp.*`), plus
 * `pfsense.rule.*`, `pfsense.carp.*`, `pfsense.igmp.*` and `pfsense.protocol_data` for what
 * that integration leaves unparsed. Differences from Elastic are listed in docs/decoders/pfsense.md.
 */
export function pfsenseFilterlogFields(rec: FilterlogRecord): Record<string, unknown> {
  const ns: Record<string, unknown> = {};
  const rule: Record<string, unknown> = {};
  if (rec.ruleNumber.length > 0) rule.number = rec.ruleNumber;
  if (rec.subrule.length > 0) rule.subrule = rec.subrule;
  if (rec.anchor.length > 0) rule.anchor = rec.anchor;
  if (rec.label.length > 0) rule.tracker = rec.label;
  if (Object.keys(rule).length > 0) ns.rule = rule;

  const ip: Record<string, unknown> = {};
  if (rec.ipVersion === 4) {
    addIpv4Header(ip, rec);
  } else {
    // IPv6 traffic class goes where Elastic puts it (`tos`); the hop limit goes to `ttl`
    // (Elastic writes it to `flags`, see the docs).
    if (rec.trafficClass !== undefined) ip.tos = rec.trafficClass;
    if (rec.flowLabel !== undefined) ip.flow_label = rec.flowLabel;
    if (rec.hopLimit !== undefined) ip.ttl = rec.hopLimit;
  }
  if (rec.ipOptions !== undefined) ip.options = rec.ipOptions;
  if (Object.keys(ip).length > 0) ns.ip = ip;

  if (rec.protoNum === 6) {
    const tcp: Record<string, unknown> = {};
    if (rec.dataLength !== undefined) tcp.length = rec.dataLength;
    if (rec.tcpFlags !== undefined) tcp.flags = rec.tcpFlags;
    if (rec.tcpSeq !== undefined) {
      const colon = rec.tcpSeq.indexOf(':');
      if (colon < 0) {
        const v = toInt(rec.tcpSeq);
        if (v !== undefined) tcp.seq = v;
      } else {
        const a = toInt(rec.tcpSeq.slice(0, colon));
        const b = toInt(rec.tcpSeq.slice(colon + 1));
        if (a !== undefined) tcp.seq = a;
        if (b !== undefined) tcp.seq_end = b;
      }
    }
    const ack = toInt(rec.tcpAck);
    if (ack !== undefined) tcp.ack = ack;
    const win = toInt(rec.tcpWindow);
    if (win !== undefined) tcp.window = win;
    const urg = toInt(rec.tcpUrg);
    if (urg !== undefined) tcp.urg = urg;
    if (rec.tcpOptions !== undefined) tcp.options = tcpOptionList(rec.tcpOptions);
    ns.tcp = tcp;
  } else if (rec.protoNum === 17) {
    if (rec.dataLength !== undefined) ns.udp = { length: rec.dataLength };
  } else if (rec.icmp !== undefined) {
    const c = rec.icmp;
    const icmp: Record<string, unknown> = {};
    if (c.type !== undefined) icmp.type = c.type;
    if (c.code !== undefined) icmp.code = c.code;
    if (c.id !== undefined) icmp.id = c.id;
    if (c.seq !== undefined) icmp.seq = c.seq;
    if (c.mtu !== undefined) icmp.mtu = c.mtu;
    if (c.datalength !== undefined) icmp.datalength = c.datalength;
    if (c.truncatedBytes !== undefined) icmp.truncated = c.truncatedBytes;
    if (c.destinationIp !== undefined) icmp.destination = { ip: c.destinationIp };
    if (c.unreachableProto !== undefined || c.unreachablePort !== undefined || (c.description !== undefined && c.type?.startsWith('unreach'))) {
      const u: Record<string, unknown> = {};
      if (c.unreachableProto !== undefined) u.iana_number = c.unreachableProto;
      if (c.unreachablePort !== undefined) u.port = c.unreachablePort;
      if (c.description !== undefined && c.type?.startsWith('unreach')) u.other = c.description;
      icmp.unreachable = u;
    } else if (c.description !== undefined) {
      icmp.description = c.description;
    }
    if (c.otime !== undefined) icmp.otime = c.otime;
    if (c.rtime !== undefined) icmp.rtime = c.rtime;
    if (c.ttime !== undefined) icmp.ttime = c.ttime;
    ns.icmp = icmp;
  } else if (rec.carp !== undefined) {
    ns.carp = { ...rec.carp };
  }
  if (rec.datalength !== undefined) {
    if (rec.protoNum === 2) ns.igmp = { datalength: rec.datalength };
    else ns.datalength = rec.datalength;
  }
  if (rec.extra !== undefined) ns.extra = rec.extra;
  if (rec.rest !== undefined) ns.protocol_data = rec.rest;
  return ns;
}

/** pfSense filterlog record → ECS fragment (without the per-line envelope: observer vendor, process, event.module). */
export function pfsenseFilterlogEcs(rec: FilterlogRecord): EcsFragment {
  const doc = filterlogEcs(rec, { vlanFromInterface: true });
  // Elastic's pfsense integration: rule.id is the tracker (field 4), stable across reloads.
  if (rec.label.length > 0) doc.rule = { id: rec.label };
  doc.pfsense = pfsenseFilterlogFields(rec);
  return doc;
}
