import type { EcsDocument } from '@pullwatch/core';
import type { ClassifierVendor } from './taxonomy.js';

type Obj = Record<string, unknown>;

/**
 * pfSense / OPNsense programs that write feed lines: the PHP scripts (URL tables, config
 * changes), pfBlockerNG, OPNsense's alias updater (`firewall`, `update_tables.py`) and configd,
 * which runs it. Every other program (filterlog above all) leaves after one field read.
 */
export const FEED_PROGRAMS: ReadonlySet<string> = new Set([
  'php', 'php-fpm', 'php-cgi', 'php_wrapper', 'rc.update_urltables', 'pfblockerng', 'firewall', 'update_tables.py',
  'configd.py', 'configctl', 'opnsense',
]);

/**
 * FortiGate event logids that carry feed facts: 22220 threat feed updated, 22221 update failed,
 * 22222 loaded, 44545 object configured, 44547 object attribute configured. Other event logs
 * (not traffic, not UTM) are candidates only when their message names a feed mechanism or host.
 */
export const FORTIGATE_FEED_LOGIDS: ReadonlySet<string> = new Set(['0100022220', '0100022221', '0100022222', '0100044545', '0100044547']);

/** Lower-case words that make an otherwise unselected event or system line worth classifying. */
const FEED_WORDS = ['threat feed', 'external resource', 'external-resource', 'external list', 'external-list', 'external dynamic', 'edl', 'url table', 'urltable', 'alias url'];

/** A pfBlockerNG log-file line (no syslog header, no program): its download-result shapes. */
const PFBLOCKERNG_FILE_LINE = /Download FAIL|Downloading update|cURL Error:|\] Retry \[|Retry \[\d\] in 5 seconds|Mime[ -]Type|Unknown Failure Code|^\s*\.\s+\d{3}\s|Cannot Resolve Host:|NXDOMAIN found for HOST|block found (?:in|for)|blocked via DNSBL/;

const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' ? (v as Obj) : undefined);

function mentions(text: unknown, words: readonly string[], hosts: readonly string[]): boolean {
  if (typeof text !== 'string' || text.length === 0) return false;
  const lower = text.toLowerCase();
  for (const h of hosts) if (lower.includes(h)) return true;
  for (const w of words) if (lower.includes(w)) return true;
  return false;
}

/**
 * The cheap first stage: which rule table a document needs, or `undefined` when it cannot be a
 * feed line. Reads at most three fields for the bulk of the traffic (filterlog, FortiGate
 * traffic/UTM, PAN-OS TRAFFIC/THREAT...) and runs no regular expression for them.
 *
 * @param hosts endpoint hosts, lower-case (a candidate when an unselected line names one).
 */
export function precheck(doc: EcsDocument, hosts: readonly string[]): ClassifierVendor | undefined {
  const event = obj(doc.event);
  const module = event?.module;
  switch (module) {
    case 'pfsense':
    case 'opnsense': {
      const name = obj(doc.process)?.name;
      if (name === 'filterlog') return undefined;
      if (typeof name === 'string') return FEED_PROGRAMS.has(name) || FEED_PROGRAMS.has(name.toLowerCase()) ? module : undefined;
      // No program: a log file shipped without a syslog header (pfBlockerNG), given with --vendor.
      const message = doc.message;
      return typeof message === 'string' && PFBLOCKERNG_FILE_LINE.test(message) ? module : undefined;
    }
    case 'fortinet_fortigate': {
      const code = event!.code;
      let logid = typeof code === 'string' ? code : undefined;
      if (logid === undefined) {
        const fw = obj(obj(doc.fortinet)?.firewall);
        logid = typeof fw?.logid === 'string' ? fw.logid : undefined;
        if (logid === undefined && fw?.type !== 'event') return undefined;
      }
      // logid = 2-digit type (00 traffic, 01 event, 03.. UTM) + 2-digit subtype + 6-digit id.
      if (logid !== undefined) {
        if (FORTIGATE_FEED_LOGIDS.has(logid)) return 'fortigate';
        if (logid.charCodeAt(0) !== 48 || logid.charCodeAt(1) !== 49) return undefined;
      }
      return mentions(doc.message, FEED_WORDS, hosts) ? 'fortigate' : undefined;
    }
    case 'panw': {
      const panos = obj(obj(doc.panw)?.panos);
      const type = panos?.type;
      if (type === 'SYSTEM') {
        const id = event!.code;
        if (typeof id === 'string' && id.includes('edl')) return 'panos';
        return mentions(panos!.description, FEED_WORDS, hosts) ? 'panos' : undefined;
      }
      if (type === 'CONFIG') {
        const path = panos!.path;
        return typeof path === 'string' && (path.includes('external-list') || path.includes('rulebase')) ? 'panos' : undefined;
      }
      return undefined;
    }
    default: {
      // Undecoded (no vendor claimed it): a pfBlockerNG log-file line shipped without a header.
      if (module !== undefined) return undefined;
      const message = doc.message;
      return typeof message === 'string' && PFBLOCKERNG_FILE_LINE.test(message) ? 'pfsense' : undefined;
    }
  }
}
