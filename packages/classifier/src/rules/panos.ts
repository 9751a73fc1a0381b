import type { Condition, Rule, RuleTable } from './types.js';

const V = ['panos'] as const;
const EDL_PAGE = 'PAN-OS admin guide "External Dynamic List" (docs.paloaltonetworks.com/pan-os/11-1/.../external-dynamic-list)';
const AUTH_PAGE =
  'PAN-OS admin guide "Find External Dynamic Lists That Failed Authentication" (pan-os/10-1): critical System log, eventids tls-edl-auth-failure / edl-cli-auth-failure, description names the list, the URL and the reason';
const SYSTEM: Condition = { field: 'type', equals: 'SYSTEM' };
const CONFIG: Condition = { field: 'type', equals: 'CONFIG' };
const EDL_PATH: Condition = { field: 'cfgpath', matches: /(?:^|\s)external-list(?:\s|$)/ };
/** Name and URL in an EDL System-log description: `EDL CrowdSec_BL ... https://...` or `(vsys1/CrowdSec_BL)`. */
const EDL_DETAILS =
  /(?:\bEDL\b|external (?:dynamic )?list)\s*(?:\(\s*(?:[\w-]+\/)?|:\s*|\s+)"?(?<name>(?!(?:refresh|update|fetch|job|auth\w*|is|has|was|for|object|entries|server|client|using)\b)[A-Za-z0-9_.-]+)(?:[\s\S]*?(?<url>https?:\/\/[^\s,"]+))?/i;

/**
 * PAN-OS: Objects ▸ External Dynamic Lists, fetched over the "External Dynamic Lists" service
 * route. Event ids and the generic warning sentence are documented; other System-log texts
 * (success, timeout, DNS, invalid entries) are not, so those rows are constructed and keyed on
 * the EDL wording plus the generic rows.
 */
export const PANOS_RULES: readonly Rule[] = [
  {
    id: 'panos.edl.server_auth_failure',
    vendors: V,
    when: [SYSTEM, { field: 'eventid', equals: 'tls-edl-auth-failure' }],
    extract: EDL_DETAILS,
    event: 'fetch_failed',
    category: 'tls_trust',
    confidence: 0.9,
    feed: 'mechanism',
    wording: 'documented',
    source: `${AUTH_PAGE}; server authentication = certificate expired, revoked, unknown revocation status, CRL/OCSP timeout; subtype tls from a public PAN-OS parser definition`,
  },
  {
    id: 'panos.edl.client_auth_failure',
    vendors: V,
    when: [SYSTEM, { field: 'eventid', equals: 'edl-cli-auth-failure' }],
    extract: EDL_DETAILS,
    event: 'fetch_failed',
    category: 'credentials_invalid',
    confidence: 0.9,
    feed: 'mechanism',
    wording: 'documented',
    source: `${AUTH_PAGE}; client authentication = the list's username/password`,
  },
  {
    id: 'panos.edl.unable_to_fetch',
    vendors: V,
    when: [SYSTEM],
    contains: ['unable to fetch external list'],
    pattern: /Unable to fetch external list/i,
    extract: EDL_DETAILS,
    event: 'fetch_failed',
    category: 'download_failed',
    confidence: 0.85,
    feed: 'mechanism',
    wording: 'verbatim',
    source: `${EDL_PAGE}: "Unable to fetch external list. Using old copy for refresh."`,
  },
  {
    id: 'panos.edl.invalid_entries',
    vendors: V,
    when: [SYSTEM],
    contains: ['invalid'],
    pattern: /(?:\bEDL\b|external[ -](?:dynamic[ -])?list)[\s\S]*?\binvalid (?:entr(?:y|ies)|ip|address(?:es)?|format)|\binvalid (?:entr(?:y|ies)|ip|address(?:es)?)[\s\S]*?(?:\bEDL\b|external[ -](?:dynamic[ -])?list)/i,
    extract: EDL_DETAILS,
    event: 'fetch_failed',
    category: 'invalid_format',
    confidence: 0.6,
    feed: 'mechanism',
    wording: 'constructed',
    source: `${EDL_PAGE}: invalid entries "generate a System log and skip the entries" (text not documented)`,
  },
  {
    id: 'panos.edl.refresh_failed',
    vendors: V,
    when: [SYSTEM],
    contains: ['fail', 'error', 'unable'],
    pattern: /(?:\bEDL\b|external[ -](?:dynamic[ -])?list)[\s\S]*?(?:\bfail|\berror\b|\bunable\b)/i,
    extract: EDL_DETAILS,
    event: 'fetch_failed',
    category: 'download_failed',
    confidence: 0.7,
    feed: 'mechanism',
    wording: 'constructed',
    source: 'EDL System log reporting a failed refresh (text not documented; the generic rows read the cause)',
  },
  {
    id: 'panos.edl.refresh_succeeded',
    vendors: V,
    when: [SYSTEM],
    contains: ['succe', 'updated', 'refreshed'],
    pattern: /(?:\bEDL\b|external[ -](?:dynamic[ -])?list)[\s\S]*?\b(?:succe(?:ss|eded)|updated|refreshed)\b/i,
    unless: /\bfail|\berror\b|\bunable\b|\binvalid\b/i,
    extract: /(?<entries>\d+)\s+(?:valid\s+)?(?:entries|IPs?|addresses)\b/i,
    event: 'fetch_succeeded',
    confidence: 0.6,
    feed: 'mechanism',
    wording: 'constructed',
    source: 'EDL System log reporting a refresh (text not documented)',
  },
  {
    id: 'panos.config.edl_deleted',
    vendors: V,
    when: [CONFIG, EDL_PATH, { field: 'action', equals: 'delete' }],
    event: 'feed_removed',
    category: 'rule_removed_or_disabled',
    confidence: 0.9,
    feed: 'mechanism',
    wording: 'documented',
    source:
      'PAN-OS syslog CONFIG log fields (Command add|clone|commit|delete|edit|move|rename|set, Configuration Path); path "vsys  vsys1 external-list  <name>" modelled on observed CONFIG samples',
  },
  {
    id: 'panos.config.edl_changed',
    vendors: V,
    when: [CONFIG, EDL_PATH, { field: 'action', in: ['set', 'edit', 'rename', 'add', 'clone', 'move'] }],
    event: 'feed_changed',
    confidence: 0.7,
    feed: 'mechanism',
    wording: 'documented',
    source: 'PAN-OS syslog CONFIG log fields (as above): a set/edit of the EDL object (URL, credentials, certificate profile, recurrence)',
  },
  {
    id: 'panos.config.rule_disabled',
    vendors: V,
    when: [
      CONFIG,
      { field: 'cfgpath', matches: /\brulebase\b/ },
      { field: 'action', in: ['set', 'edit'] },
      { field: 'cfgattr', matches: /\bdisabled\s*(?::\s*)?"?yes\b/i },
    ],
    event: 'feed_disabled',
    category: 'rule_removed_or_disabled',
    confidence: 0.7,
    feed: 'identified',
    wording: 'constructed',
    source:
      'PAN-OS CONFIG log of a security rule set to "disabled yes" whose change detail names the EDL (EDLs have no enable flag; a "disabled feed" is the rule that uses it)',
  },
];

export const PANOS_TABLE: RuleTable = { tier: 'vendor', title: 'PAN-OS (External Dynamic Lists)', rules: PANOS_RULES };
