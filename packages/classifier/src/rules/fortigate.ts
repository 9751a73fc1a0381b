import type { Condition, Rule, RuleTable } from './types.js';

const V = ['fortigate'] as const;
const LMR = 'FortiOS Log Message Reference';
const FEED_NAME = /\b(?:external[ -]resource|threat[ -]?feed)\s+(?:name\s*[:=]?\s*)?"?(?<name>(?!update\b|updated\b|loaded\b|failed\b)[A-Za-z0-9_.-]+)"?/i;
const ENTRIES = /(?<entries>\d+)\s+(?:valid\s+)?(?:entries|lines|addresses|IPs?)\b/i;

const logid = (id: string, logdesc: string): Condition => ({
  any: [
    { field: 'logid', equals: id },
    { field: 'logdesc', equals: logdesc },
  ],
});

/** `config system external-resource` object-configured logs (44545 object, 44547 object attribute). */
const EXTERNAL_RESOURCE_CONFIG: readonly Condition[] = [
  { field: 'logid', in: ['0100044545', '0100044547'] },
  { field: 'cfgpath', equals: 'system.external-resource' },
];
const CONFIG_SOURCE =
  `${LMR} 44545 LOGID_EVENT_CONFIG_OBJ / 44547 LOGID_EVENT_CONFIG_OBJATTR (fields user, ui, action, cfgpath, cfgobj, cfgattr, msg); ` +
  'cfgpath "system.external-resource" inferred from the CLI tree (research notes §3)';

/**
 * FortiGate: Security Fabric ▸ External Connectors ▸ Threat Feeds (`config system
 * external-resource`), fetched by forticron. The log ids and fields are documented; the values
 * of `msg`/`reason`/`status` on a failure are not, so the failure row says only "failed" and the
 * generic rows read the cause from the reason text.
 */
export const FORTIGATE_RULES: readonly Rule[] = [
  {
    id: 'fortigate.threat_feed.update_failed',
    vendors: V,
    when: [logid('0100022221', 'Threat feed update failed')],
    extract: FEED_NAME,
    event: 'fetch_failed',
    category: 'download_failed',
    confidence: 0.9,
    feed: 'mechanism',
    wording: 'documented',
    source: `${LMR} 22221 LOG_ID_EXT_RESOURCE_FAIL "Threat feed update failed" (fields logdesc, status, msg, reason, desc; reason values undocumented)`,
  },
  {
    id: 'fortigate.threat_feed.updated',
    vendors: V,
    when: [logid('0100022220', 'Threat feed updated')],
    extract: [FEED_NAME, ENTRIES],
    event: 'fetch_succeeded',
    confidence: 0.9,
    feed: 'mechanism',
    wording: 'documented',
    source: `${LMR} 22220 LOG_ID_EXT_RESOURCE "Threat feed updated"`,
  },
  {
    id: 'fortigate.threat_feed.loaded',
    vendors: V,
    when: [logid('0100022222', 'Threat feed loaded')],
    unless: /\bfail|\berror\b|\binvalid\b/i,
    extract: [FEED_NAME, ENTRIES],
    event: 'fetch_succeeded',
    confidence: 0.6,
    feed: 'mechanism',
    wording: 'documented',
    source: `${LMR} 22222 LOG_ID_EXT_RESOURCE_LOAD "Threat feed loaded" (fields action, informationsource, new_status, reason)`,
  },
  {
    id: 'fortigate.threat_feed.load_failed',
    vendors: V,
    when: [logid('0100022222', 'Threat feed loaded')],
    contains: ['fail', 'error', 'invalid'],
    pattern: /\bfail|\berror\b|\binvalid\b/i,
    event: 'fetch_failed',
    category: 'download_failed',
    confidence: 0.6,
    feed: 'mechanism',
    wording: 'constructed',
    source: `${LMR} 22222 with a failing reason/new_status (value not documented)`,
  },
  {
    id: 'fortigate.config.external_resource.deleted',
    vendors: V,
    when: [...EXTERNAL_RESOURCE_CONFIG, { field: 'action', equals: 'Delete' }],
    event: 'feed_removed',
    category: 'rule_removed_or_disabled',
    confidence: 0.95,
    feed: 'mechanism',
    wording: 'documented',
    source: CONFIG_SOURCE,
  },
  {
    id: 'fortigate.config.external_resource.disabled',
    vendors: V,
    when: [...EXTERNAL_RESOURCE_CONFIG, { field: 'action', equals: 'Edit' }, { field: 'cfgattr', matches: /\bstatus\[enable->disable\]/ }],
    event: 'feed_disabled',
    category: 'rule_removed_or_disabled',
    confidence: 0.95,
    feed: 'mechanism',
    wording: 'documented',
    source: `${CONFIG_SOURCE}; cfgattr "status[enable->disable]" as in firewall.policy captures`,
  },
  {
    id: 'fortigate.config.external_resource.edited',
    vendors: V,
    when: [...EXTERNAL_RESOURCE_CONFIG, { field: 'action', equals: 'Edit' }],
    unless: /\bstatus\[enable->disable\]/,
    event: 'feed_changed',
    confidence: 0.8,
    feed: 'mechanism',
    wording: 'documented',
    source: `${CONFIG_SOURCE} (URL, credentials, refresh rate or re-enable)`,
  },
  {
    id: 'fortigate.config.external_resource.added',
    vendors: V,
    when: [...EXTERNAL_RESOURCE_CONFIG, { field: 'action', equals: 'Add' }],
    event: 'feed_changed',
    confidence: 0.7,
    feed: 'mechanism',
    wording: 'documented',
    source: CONFIG_SOURCE,
  },
];

export const FORTIGATE_TABLE: RuleTable = { tier: 'vendor', title: 'FortiGate (threat feeds / external resources)', rules: FORTIGATE_RULES };
