/**
 * Turns flat dotted paths (`http.response.status_code`) into the nested
 * `properties` tree of an Elasticsearch mapping. Deliberate twin of the private
 * `props` of firewall-template.ts: keep the two in sync.
 */
export function mappingTree(fields: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, mapping] of Object.entries(fields)) {
    const parts = path.split('.');
    let cur = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const obj = (cur[parts[i]!] ??= { properties: {} }) as { properties: Record<string, unknown> };
      cur = obj.properties;
    }
    cur[parts[parts.length - 1]!] = mapping;
  }
  return root;
}

/** `logs-pullwatch.pulls-default` → `logs-pullwatch.pulls`: the data stream name without its namespace. */
export const streamBase = (stream: string): string => stream.replace(/-[^-]*$/, '');

/** `logs-pullwatch.pulls-default` → `logs-pullwatch.pulls-*`: every namespace of the stream's dataset. */
export const streamPattern = (stream: string): string => `${streamBase(stream)}-*`;
