import type { EcsFragment } from '@pullwatch/core';
import type { FamilyLine } from './line.js';
import type { FamilyNamespace } from './programs/context.js';

/** The constants that make a family event a pfSense or an OPNsense event. */
export interface VendorProfile {
  ns: FamilyNamespace;
  vendor: string;
  product: string;
  /** `event.module`. */
  module: string;
  /** `event.dataset`. */
  dataset: string;
}

type Obj = Record<string, unknown>;
const obj = (doc: Obj, key: string): Obj => {
  const v = doc[key];
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  const o: Obj = {};
  doc[key] = o;
  return o;
};

/**
 * Adds what every event of the vendor carries (observer vendor/product/type/name, event
 * kind/module/dataset/provider/sequence, process name/pid) and derives `related.ip`,
 * `related.user` and `network.type` from the fields a parser set. Mutates and returns `doc`.
 */
export function finishFamilyEvent(doc: EcsFragment, profile: VendorProfile, line: FamilyLine, provider: string | undefined): EcsFragment {
  const observer = obj(doc, 'observer');
  observer.vendor = profile.vendor;
  observer.product = profile.product;
  observer.type = 'firewall';
  if (line.hostname !== undefined) observer.name = line.hostname;

  const event = obj(doc, 'event');
  if (event.kind === undefined) event.kind = 'event';
  event.module = profile.module;
  event.dataset = profile.dataset;
  if (provider !== undefined) event.provider = provider;
  if (line.sequence !== undefined) event.sequence = line.sequence;

  if (line.program !== undefined) {
    const process: Obj = { name: line.program };
    if (line.pid !== undefined) process.pid = line.pid;
    doc.process = process;
  }

  const related = doc.related as Obj | undefined;
  if (related === undefined || related.ip === undefined) {
    const ips: string[] = [];
    addIp(ips, doc.source);
    addIp(ips, doc.destination);
    addIp(ips, (doc.source as Obj | undefined)?.nat);
    addIp(ips, doc.client);
    addIp(ips, doc.server);
    if (ips.length > 0) obj(doc, 'related').ip = ips;
  }
  const userName = (doc.user as Obj | undefined)?.name;
  if (typeof userName === 'string' && userName.length > 0) obj(doc, 'related').user = [userName];

  const network = doc.network as Obj | undefined;
  if (network?.type === undefined) {
    const srcIp = (doc.source as Obj | undefined)?.ip;
    if (typeof srcIp === 'string') obj(doc, 'network').type = srcIp.includes(':') ? 'ipv6' : 'ipv4';
  }
  return doc;
}

function addIp(ips: string[], endpoint: unknown): void {
  if (endpoint === null || typeof endpoint !== 'object') return;
  const ip = (endpoint as Obj).ip;
  if (typeof ip === 'string' && !ips.includes(ip)) ips.push(ip);
}
