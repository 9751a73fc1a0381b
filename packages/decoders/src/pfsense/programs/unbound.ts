import type { EcsFragment } from '@pullwatch/core';
import { isIp } from '../../shared/ip.js';
import { endpoint, vendorGroup, type ProgramContext } from './context.js';

/**
 * unbound: `[pid:thread] level: text`. Query-log lines (`info: 192.168.1.1 api.example.org. A IN`)
 * map to `client.*`/`source.*` and `dns.question.*` as in Elastic's pfsense `unbound` pipeline;
 * any other line keeps `log.level` and the text (Elastic drops those; we keep them, since
 * resolution failures are evidence).
 */

const PREFIX = /^\[(\d+):(\d+)\] ([a-z]+): (.*)$/;
const QUERY = /^(\S+) (\S+?)\.? ([A-Z0-9]+) ([A-Z]+)$/;

/** Multi-label public suffixes common enough to matter for `registered_domain` (a full PSL is not shipped). */
const TWO_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.nz', 'co.jp', 'ne.jp', 'or.jp', 'co.za',
  'com.br', 'com.cn', 'com.mx', 'com.tr', 'co.in', 'co.kr', 'com.sg', 'com.hk', 'com.tw', 'co.il', 'com.ar',
]);

export function parseUnbound(ctx: ProgramContext): EcsFragment {
  const doc: EcsFragment = {};
  const m = PREFIX.exec(ctx.line.body.trimEnd());
  if (m === null) return doc;
  doc.log = { level: m[3]! };
  vendorGroup(doc, ctx.ns, 'unbound', { thread: Number(m[2]) });
  const q = m[3] === 'info' ? QUERY.exec(m[4]!) : null;
  if (q === null || !isIp(q[1]!)) return doc;
  const client = endpoint(q[1]!);
  doc.client = client;
  doc.source = { ...client };
  doc.event = { category: ['network'], type: ['connection'] };
  doc.network = { protocol: 'dns' };
  doc.dns = { type: 'question', question: { name: q[2]!, type: q[3]!, class: q[4]!, ...domainParts(q[2]!) } };
  return doc;
}

/** `api.example.org` → registered_domain `example.org`, subdomain `api`, top_level_domain `org`. */
export function domainParts(name: string): Record<string, string> {
  const labels = name.split('.');
  if (labels.length < 2) return {};
  const lastTwo = labels.slice(-2).join('.');
  const suffixLabels = labels.length >= 3 && TWO_LABEL_SUFFIXES.has(lastTwo) ? 2 : 1;
  if (labels.length <= suffixLabels) return {};
  const tld = labels.slice(-suffixLabels).join('.');
  const registered = labels.slice(-(suffixLabels + 1)).join('.');
  const out: Record<string, string> = { registered_domain: registered, top_level_domain: tld };
  const sub = labels.slice(0, labels.length - suffixLabels - 1).join('.');
  if (sub.length > 0) out.subdomain = sub;
  return out;
}
