/**
 * Index template of `logs-pullwatch.firewall-*`: explicit ECS mappings for the
 * fields pullwatch writes, and dynamic templates that map every vendor field
 * (`fortinet.*`, `panw.*`, `pfsense.*`, `opnsense.*`) to `keyword`, whatever its
 * JSON type, so a vendor field never causes a mapping conflict between two lines.
 */
const kw = { type: 'keyword', ignore_above: 1024 } as const;
const ip = { type: 'ip' } as const;
const long = { type: 'long' } as const;
const date = { type: 'date' } as const;

const props = (fields: Record<string, unknown>): Record<string, unknown> => {
  const root: Record<string, unknown> = {};
  for (const [path, mapping] of Object.entries(fields)) {
    const parts = path.split('.');
    let cur = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      const obj = (cur[p] ??= { properties: {} }) as { properties: Record<string, unknown> };
      cur = obj.properties;
    }
    cur[parts[parts.length - 1]!] = mapping;
  }
  return root;
};

export const FIREWALL_FIELDS: Record<string, unknown> = {
  '@timestamp': date,
  message: { type: 'text' },
  tags: kw,
  labels: { type: 'object', dynamic: true },
  'ecs.version': kw,
  'error.message': { type: 'text' },
  'error.code': kw,
  'event.original': { type: 'keyword', index: false, doc_values: false },
  'event.ingested': date,
  'event.created': date,
  'event.start': date,
  'event.end': date,
  'event.duration': long,
  'event.sequence': long,
  'event.kind': kw,
  'event.category': kw,
  'event.type': kw,
  'event.action': kw,
  'event.outcome': kw,
  'event.reason': kw,
  'event.code': kw,
  'event.module': kw,
  'event.dataset': kw,
  'event.provider': kw,
  'event.severity': long,
  'event.timezone': kw,
  'event.id': kw,
  'log.level': kw,
  'log.source.address': kw,
  'log.syslog.priority': long,
  'log.syslog.version': kw,
  'log.syslog.facility.code': long,
  'log.syslog.facility.name': kw,
  'log.syslog.severity.code': long,
  'log.syslog.severity.name': kw,
  'log.syslog.hostname': kw,
  'log.syslog.appname': kw,
  'log.syslog.procid': kw,
  'log.syslog.msgid': kw,
  'log.syslog.structured_data': { type: 'flattened' },
  'observer.vendor': kw,
  'observer.product': kw,
  'observer.type': kw,
  'observer.name': kw,
  'observer.hostname': kw,
  'observer.serial_number': kw,
  'observer.version': kw,
  'observer.ip': ip,
  'observer.ingress.interface.name': kw,
  'observer.egress.interface.name': kw,
  'observer.ingress.zone': kw,
  'observer.egress.zone': kw,
  'source.ip': ip,
  'source.port': long,
  'source.bytes': long,
  'source.packets': long,
  'source.mac': kw,
  'source.domain': kw,
  'source.nat.ip': ip,
  'source.nat.port': long,
  'source.user.name': kw,
  'source.geo.country_iso_code': kw,
  'source.geo.country_name': kw,
  'destination.ip': ip,
  'destination.port': long,
  'destination.bytes': long,
  'destination.packets': long,
  'destination.mac': kw,
  'destination.domain': kw,
  'destination.nat.ip': ip,
  'destination.nat.port': long,
  'destination.geo.country_iso_code': kw,
  'destination.geo.country_name': kw,
  'client.ip': ip,
  'client.port': long,
  'client.mac': kw,
  'server.ip': ip,
  'server.port': long,
  'network.transport': kw,
  'network.protocol': kw,
  'network.type': kw,
  'network.direction': kw,
  'network.iana_number': kw,
  'network.bytes': long,
  'network.packets': long,
  'network.application': kw,
  'rule.id': kw,
  'rule.name': kw,
  'rule.uuid': kw,
  'rule.ruleset': kw,
  'rule.category': kw,
  'rule.description': kw,
  'user.name': kw,
  'user.domain': kw,
  'user.email': kw,
  'url.original': { type: 'wildcard' },
  'url.full': { type: 'wildcard' },
  'url.domain': kw,
  'url.path': kw,
  'url.query': kw,
  'url.scheme': kw,
  'url.port': long,
  'http.request.method': kw,
  'http.response.status_code': long,
  'user_agent.original': kw,
  'dns.question.name': kw,
  'dns.question.type': kw,
  'dns.question.class': kw,
  'dns.response_code': kw,
  'dns.id': kw,
  'dns.resolved_ip': ip,
  'file.name': kw,
  'file.path': kw,
  'file.size': long,
  'file.extension': kw,
  'file.hash.sha256': kw,
  'process.name': kw,
  'process.pid': long,
  'process.program': kw,
  'host.name': kw,
  'tls.version': kw,
  'tls.version_protocol': kw,
  'tls.cipher': kw,
  'tls.server.issuer': kw,
  'tls.server.subject': kw,
  'threat.indicator.name': kw,
  'vulnerability.id': kw,
  'vulnerability.category': kw,
  'related.ip': ip,
  'related.user': kw,
  'related.hosts': kw,
  'related.hash': kw,
  'pullwatch.envelope.transport': kw,
  'pullwatch.envelope.listener': kw,
  'pullwatch.envelope.truncated': { type: 'boolean' },
  'pullwatch.raw_base64': { type: 'keyword', index: false, doc_values: false },
  'pullwatch.envelope.id': kw,
  'pullwatch.feed.event': kw,
  'pullwatch.feed.name': kw,
  'pullwatch.feed.url': kw,
  'pullwatch.feed.entries': long,
  'pullwatch.root_cause.category': kw,
  'pullwatch.root_cause.rule': kw,
  'pullwatch.root_cause.confidence': { type: 'float' },
};

/** Field types that need modules a minimal node may lack, with the type to use instead. */
export const FALLBACK_TYPES: Record<string, string> = { wildcard: 'keyword', flattened: 'object', match_only_text: 'text' };

export interface TemplateOptions {
  /** Index pattern the template applies to, e.g. `logs-pullwatch.firewall-*`. */
  pattern: string;
  /** Create a data stream (needs the data-streams feature) or plain indices. */
  dataStream: boolean;
  /** Field types the node does not have, replaced by FALLBACK_TYPES. */
  unavailableTypes?: ReadonlySet<string>;
}

export function firewallTemplate(opts: TemplateOptions): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [path, mapping] of Object.entries(FIREWALL_FIELDS)) {
    const m = mapping as { type?: string };
    if (m.type && opts.unavailableTypes?.has(m.type)) {
      const type = FALLBACK_TYPES[m.type] ?? 'keyword';
      fields[path] = type === 'object' ? { type: 'object', enabled: false } : { type, ...(type === 'keyword' ? { ignore_above: 8191 } : {}) };
    } else fields[path] = mapping;
  }
  const vendorPaths = ['fortinet.*', 'panw.*', 'pfsense.*', 'opnsense.*', 'pullwatch.vendor.*'];
  return {
    index_patterns: [opts.pattern],
    priority: 250,
    ...(opts.dataStream ? { data_stream: {} } : {}),
    template: {
      settings: { 'index.refresh_interval': '1s', 'index.mapping.total_fields.limit': 5000 },
      mappings: {
        dynamic: true,
        dynamic_templates: ['string', 'long', 'double', 'boolean'].map((t): Record<string, unknown> => ({
          [`vendor_${t}_as_keyword`]: { path_match: vendorPaths, match_mapping_type: t, mapping: { type: 'keyword', ignore_above: 1024 } },
        })).concat([
          { strings_as_keyword: { match_mapping_type: 'string', mapping: { type: 'keyword', ignore_above: 1024 } } },
        ]),
        properties: props(fields),
      },
    },
    _meta: { managed_by: 'pullwatch', description: 'Decoded firewall syslog events (ECS).' },
  };
}
