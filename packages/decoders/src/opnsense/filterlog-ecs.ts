import type { EcsFragment } from '@pullwatch/core';
import { addIpv4Header, filterlogEcs, type FilterlogRecord } from '../filterlog/index.js';

/**
 * OPNsense filterlog record → ECS, with the field names of Elastic's `opnsense` integration
 * (`opnsense.log.*`: raw tokens, TCP numbers as strings as there). ECS `rule.id` is the rule
 * number (as Elastic), `rule.uuid` the label of field 4 — except the label `0`, which filterlog
 * writes when it could not read the labels: that is "unknown", so `rule.uuid` stays unset (the
 * raw `0` remains in `opnsense.log.rule.uuid`).
 */
export function opnsenseFilterlogEcs(rec: FilterlogRecord): EcsFragment {
  const doc = filterlogEcs(rec, { vlanFromInterface: false });
  const rule: Record<string, unknown> = {};
  if (rec.ruleNumber.length > 0) rule.id = rec.ruleNumber;
  if (rec.label.length > 0 && rec.label !== '0') rule.uuid = rec.label;
  if (Object.keys(rule).length > 0) doc.rule = rule;
  doc.opnsense = { log: opnsenseLogFields(rec) };
  return doc;
}

/** The `opnsense.log.*` object of a record. */
export function opnsenseLogFields(rec: FilterlogRecord): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const rule: Record<string, unknown> = {};
  if (rec.ruleNumber.length > 0) rule.id = rec.ruleNumber;
  if (rec.subrule.length > 0) rule.subrule = rec.subrule;
  if (rec.anchor.length > 0) rule.anchor = rec.anchor;
  if (rec.label.length > 0) rule.uuid = rec.label;
  if (Object.keys(rule).length > 0) o.rule = rule;
  if (rec.iface.length > 0) o.interface = rec.iface;
  if (rec.reason.length > 0) o.reason = rec.reason;
  if (rec.action.length > 0) o.action = rec.action;
  if (rec.direction.length > 0) o.direction = rec.direction;
  o.ip_version = String(rec.ipVersion);

  const ip: Record<string, unknown> = {};
  if (rec.ipVersion === 4) {
    addIpv4Header(ip, rec);
  } else {
    if (rec.trafficClass !== undefined) ip.class = rec.trafficClass;
    if (rec.flowLabel !== undefined) ip.flow_label = rec.flowLabel;
    if (rec.hopLimit !== undefined) ip.hop_limit = rec.hopLimit;
  }
  if (rec.protoNum !== undefined) ip.protocol_number = rec.protoNum;
  if (rec.ipOptions !== undefined) ip.options = rec.ipOptions;
  if (Object.keys(ip).length > 0) o.ip = ip;
  if (rec.protoName !== undefined) o.protocol = rec.protoName;
  if (rec.length !== undefined) o.length = rec.length;
  if (rec.src !== undefined) o.source_ip = rec.src;
  if (rec.dst !== undefined) o.destination_ip = rec.dst;
  if (rec.srcPort !== undefined) o.source_port = rec.srcPort;
  if (rec.dstPort !== undefined) o.destination_port = rec.dstPort;
  if (rec.dataLength !== undefined) o.data_length = rec.dataLength;

  if (rec.protoNum === 6) {
    const tcp: Record<string, unknown> = {};
    if (rec.tcpFlags !== undefined) tcp.flags = rec.tcpFlags;
    if (rec.tcpSeq !== undefined) tcp.sequence_number = rec.tcpSeq;
    if (rec.tcpAck !== undefined) tcp.ack_number = rec.tcpAck;
    if (rec.tcpWindow !== undefined) tcp.window = rec.tcpWindow;
    if (rec.tcpUrg !== undefined) tcp.urg = rec.tcpUrg;
    if (rec.tcpOptions !== undefined) tcp.options = rec.tcpOptions;
    if (Object.keys(tcp).length > 0) o.tcp = tcp;
  } else if (rec.icmp !== undefined) {
    const c = rec.icmp;
    const icmp: Record<string, unknown> = {};
    if (c.datalength !== undefined) icmp.datalength = String(c.datalength);
    if (c.type !== undefined) icmp.type = c.type;
    if (c.truncatedBytes !== undefined) icmp.truncated = c.truncatedBytes;
    if (c.code !== undefined) icmp.code = c.code;
    if (c.id !== undefined) icmp.id = c.id;
    if (c.seq !== undefined) icmp.seq = c.seq;
    if (c.mtu !== undefined) icmp.mtu = c.mtu;
    if (c.destinationIp !== undefined) icmp.destination_ip = c.destinationIp;
    if (c.unreachableProto !== undefined) icmp.unreachable_protocol = c.unreachableProto;
    if (c.unreachablePort !== undefined) icmp.unreachable_port = c.unreachablePort;
    if (c.description !== undefined) icmp.description = c.description;
    if (c.otime !== undefined) icmp.otime = c.otime;
    if (c.rtime !== undefined) icmp.rtime = c.rtime;
    if (c.ttime !== undefined) icmp.ttime = c.ttime;
    o.icmp = icmp;
  } else if (rec.carp !== undefined) {
    o.carp = { ...rec.carp };
  }
  if (rec.datalength !== undefined) o.datalength = rec.datalength;
  if (rec.extra !== undefined) o.extra = rec.extra;
  if (rec.rest !== undefined) o.protocol_data = rec.rest;
  return o;
}
