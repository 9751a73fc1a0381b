import type { EcsFragment } from '@pullwatch/core';
import { endpoint, type ProgramContext } from './context.js';

/**
 * Snort / Suricata fast alerts:
 * `[136:1:1] (spp_reputation) packets blacklisted [Classification: X] [Priority: 2] {TCP} a:p -> b:p`.
 * Field names as Elastic's pfsense `snort` pipeline (`snort.*` at the top level).
 */

const ALERT = /^\[(\d+):(\d+):(\d+)\]\s+(?:\(([^)]+)\)\s+)?(.*?)\s*(?:\[Classification: ([^\]]*)\]\s*)?(?:\[Priority: (\d+)\]\s*)?\{([^}]+)\}\s+(\S+?)(?::(\d+))? -> (\S+?)(?::(\d+))?\s*$/;

export function parseSnort(ctx: ProgramContext): EcsFragment {
  const doc: EcsFragment = {};
  const m = ALERT.exec(ctx.line.body);
  if (m === null) return doc;
  const snort: Record<string, unknown> = { generator_id: m[1]!, signature_id: m[2]!, signature_revision: m[3]!, alert_message: m[5]! };
  if (m[4] !== undefined) snort.preprocessor = m[4];
  if (m[6] !== undefined) snort.classification = m[6];
  if (m[7] !== undefined) snort.priority = Number(m[7]);
  doc.snort = snort;
  doc.source = endpoint(m[9]!, m[10] === undefined ? undefined : Number(m[10]));
  doc.destination = endpoint(m[11]!, m[12] === undefined ? undefined : Number(m[12]));
  const proto = m[8]!.toLowerCase();
  doc.network = { protocol: proto, transport: proto };
  doc.event = { kind: 'alert', category: ['network', 'intrusion_detection'], type: ['info'] };
  doc.rule = { id: `${m[1]!}:${m[2]!}:${m[3]!}`, name: m[5]! };
  return doc;
}
