import { mappingTree } from './mapping-tree.js';

const kw = { type: 'keyword', ignore_above: 1024 } as const;
const date = { type: 'date' } as const;

/** Alert fields that are searched or sorted on; the rest of an alert is kept in `_source` only. */
export const ALERT_FIELDS: Record<string, unknown> = {
  id: kw,
  'integration.id': kw,
  'integration.name': kw,
  'integration.vendor': kw,
  status: kw,
  state: kw,
  origin: kw,
  opened_at: date,
  updated_at: date,
  resolved_at: date,
  'diagnosis.status': kw,
  'diagnosis.generated_at': date,
  'diagnosis.primary.category': kw,
  'diagnosis.primary.confidence': { type: 'float' },
  'diagnosis.summary': { type: 'text' },
};

/** Integration fields that are searched or sorted on; the rest is kept in `_source` only. */
export const INTEGRATION_FIELDS: Record<string, unknown> = {
  id: kw,
  name: kw,
  vendor: kw,
  'devices.hostname': kw,
  'devices.serial': kw,
  'devices.address': kw,
  egress_ips: kw,
  'feed.name': kw,
  'feed.url': kw,
};

/**
 * Index template of a plain state index (alerts, integrations): the named
 * fields mapped, everything else stored but not indexed (`dynamic: false`), so
 * free-form parts (an external alert as received) never cause mapping
 * conflicts. Replicas: the cluster default (1), deliberately: a production
 * cluster keeps a copy of its alerts; a single node (the local stack) shows the
 * index yellow, which reads and writes accept (writes wait for the primary only).
 */
export function stateIndexTemplate(opts: { index: string; fields: Record<string, unknown>; description: string }): Record<string, unknown> {
  return {
    index_patterns: [opts.index],
    priority: 250,
    template: {
      settings: { 'index.refresh_interval': '1s' },
      mappings: { dynamic: false, properties: mappingTree(opts.fields) },
    },
    _meta: { managed_by: 'pullwatch', description: opts.description },
  };
}
