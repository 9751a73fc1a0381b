import type { EcsDocument } from '@pullwatch/core';
import type { ClassifierVendor } from './taxonomy.js';

type Obj = Record<string, unknown>;

/**
 * pfSense / OPNsense programs that write feed lines, each with the literal texts (case as the
 * program writes them) one of which a line must contain to be worth the rules. `undefined` =
 * every line of the program (it only runs the feed mechanism). Every other program (filterlog
 * above all) leaves after one field read. A line of a listed program that names an endpoint
 * host or a known feed goes on too.
 */
export const FEED_PROGRAMS: ReadonlyMap<string, readonly string[] | undefined> = new Map<string, readonly string[] | undefined>([
  ...['php', 'php-fpm', 'php-cgi', 'php_wrapper', 'rc.update_urltables', 'opnsense'].map(
    (p) => [p, ['content from', 'Download file failed', 'Could not process', 'Deleted firewall alias', 'urltable']] as const,
  ),
  ['pfblockerng', undefined],
  ['firewall', undefined],
  ['update_tables.py', undefined],
  ...['configd.py', 'configctl'].map((p) => [p, ['alias url', 'alias resolve', 'remove old alias', '[for ', 'unable to fetch', 'Unable to fetch']] as const),
]);

/**
 * FortiGate event logids that carry feed facts: 22220 threat feed updated, 22221 update failed,
 * 22222 loaded, 44545 object configured, 44547 object attribute configured. Other event logs
 * (not traffic, not UTM) are candidates only when their message names a feed mechanism, an
 * endpoint host or a known feed.
 */
export const FORTIGATE_FEED_LOGIDS: ReadonlySet<string> = new Set(['0100022220', '0100022221', '0100022222', '0100044545', '0100044547']);

/** Words that make an otherwise unselected event or system line worth classifying (regular-expression sources). */
const FEED_WORDS = ['threat[ -]?feed', 'external[ -]resource', 'external[ -](?:dynamic[ -])?list', '\\bEDL\\b', 'url[ _-]?table', 'alias url'];

/** A pfBlockerNG log-file line (no syslog header, no program): its download-result shapes. */
const PFBLOCKERNG_FILE_LINE =
  /Download FAIL|Downloading update|cURL Error:|Retry \[\d\] in 5 seconds|Mime[ -]Type|Unknown Failure Code|^\s*\.\s+\d{3}\s|Cannot Resolve Host:|NXDOMAIN found for HOST|block found (?:in|for)|blocked via DNSBL/;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' ? (v as Obj) : undefined);

export interface PrecheckOptions {
  /** Endpoint hosts. */
  hosts: readonly string[];
  /** Names of known feeds (a line naming one is worth the rules). */
  names?: readonly string[];
}

/** The pre-check of one classifier configuration: the document → the rule table it needs, or `undefined`. */
export type Precheck = (doc: EcsDocument) => ClassifierVendor | undefined;

/**
 * Builds the cheap first stage: which rule table a document needs, or `undefined` when it
 * cannot be a feed line. Reads two fields (at most five property reads) for the bulk of the
 * traffic (filterlog, FortiGate traffic/UTM, PAN-OS TRAFFIC/THREAT...) and runs no regular
 * expression for them; other event lines pay a few `indexOf` or one regular expression.
 */
export function createPrecheck(opts: PrecheckOptions): Precheck {
  const names = (opts.names ?? []).filter((n) => n.trim().length > 0);
  const hosts = opts.hosts.map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0);
  // Feed words, endpoint hosts and known names in one case-insensitive pass.
  const gate = new RegExp([...FEED_WORDS, ...hosts.map(escapeRegExp), ...names.map(escapeRegExp)].join('|'), 'i');
  const named = hosts.length + names.length === 0 ? undefined : new RegExp([...hosts, ...names].map(escapeRegExp).join('|'), 'i');

  const mentions = (text: unknown): boolean => typeof text === 'string' && text.length > 0 && gate.test(text);

  return (doc) => {
    const event = obj(doc.event);
    const module = event?.module;
    switch (module) {
      case 'pfsense':
      case 'opnsense': {
        const name = obj(doc.process)?.name;
        if (name === 'filterlog') return undefined;
        const message = doc.message;
        if (typeof message !== 'string') return undefined;
        if (typeof name === 'string') {
          const key = FEED_PROGRAMS.has(name) ? name : name.toLowerCase();
          if (!FEED_PROGRAMS.has(key)) return undefined;
          const words = FEED_PROGRAMS.get(key);
          if (words === undefined) return module;
          for (const w of words) if (message.includes(w)) return module;
          return named !== undefined && named.test(message) ? module : undefined;
        }
        // No program: a log file shipped without a syslog header (pfBlockerNG), given with --vendor.
        return PFBLOCKERNG_FILE_LINE.test(message) ? module : undefined;
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
        return mentions(doc.message) ? 'fortigate' : undefined;
      }
      case 'panw': {
        const panos = obj(obj(doc.panw)?.panos);
        const type = panos?.type;
        if (type === 'SYSTEM') {
          const id = event!.code;
          if (typeof id === 'string' && id.includes('edl')) return 'panos';
          return mentions(panos!.description) ? 'panos' : undefined;
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
  };
}

const cache = new Map<string, Precheck>();

/** The pre-check for endpoint hosts only (no known feeds); see `createPrecheck`. */
export function precheck(doc: EcsDocument, hosts: readonly string[]): ClassifierVendor | undefined {
  const key = hosts.join('\n');
  let p = cache.get(key);
  if (p === undefined) {
    if (cache.size > 16) cache.clear();
    p = createPrecheck({ hosts });
    cache.set(key, p);
  }
  return p(doc);
}
