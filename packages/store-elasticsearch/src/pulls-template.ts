import { mappingTree } from './mapping-tree.js';

const kw = { type: 'keyword', ignore_above: 1024 } as const;

/** ECS mappings of a pull record (`pullRecordSchema` of @pullwatch/core) as stored. */
export const PULL_FIELDS: Record<string, unknown> = {
  '@timestamp': { type: 'date' },
  'integration.id': kw,
  'source.ip': { type: 'ip' },
  'http.request.method': kw,
  'http.response.status_code': { type: 'long' },
  'http.response.body.bytes': { type: 'long' },
  'url.path': kw,
  'user_agent.original': kw,
  'event.ingested': { type: 'date' },
};

/**
 * Index template of the pulls data stream (`logs-pullwatch.pulls-*`): explicit
 * ECS mappings, other strings as `keyword`. Priority 250, above the built-in
 * `logs` template (100) of a full cluster; no `logs@*`/`ecs@*` component
 * templates, which a minimal node lacks.
 */
export function pullsTemplate(opts: { pattern: string; dataStream?: boolean }): Record<string, unknown> {
  return {
    index_patterns: [opts.pattern],
    priority: 250,
    ...(opts.dataStream === false ? {} : { data_stream: {} }),
    template: {
      settings: { 'index.refresh_interval': '1s' },
      mappings: {
        dynamic: true,
        dynamic_templates: [{ strings_as_keyword: { match_mapping_type: 'string', mapping: kw } }],
        properties: mappingTree(PULL_FIELDS),
      },
    },
    _meta: { managed_by: 'pullwatch', description: "The blocklist endpoint's pull records (ECS)." },
  };
}
