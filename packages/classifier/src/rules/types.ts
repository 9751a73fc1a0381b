import type { ClassifierVendor, FeedEvent, RootCauseCategory } from '../taxonomy.js';

/**
 * The facts a rule can test, read from the decoded ECS document by `line-facts.ts` (one place
 * knows the decoders' field names; the generated docs list the ECS source of each):
 *
 * | fact | FortiGate | PAN-OS | pfSense / OPNsense |
 * | --- | --- | --- | --- |
 * | `program` | — | — | `process.name`, lower-cased ('' for a line without one, e.g. a pfBlockerNG log-file line) |
 * | `logid` | `event.code` (10 digits) | — | — |
 * | `logdesc` | `rule.description` | — | — |
 * | `type` | `fortinet.firewall.type` | `panw.panos.type` (SYSTEM, CONFIG) | — |
 * | `subtype` | `fortinet.firewall.subtype` | `panw.panos.sub_type` | — |
 * | `eventid` | — | `event.code` (SYSTEM event id) | — |
 * | `action` | `fortinet.firewall.action` (Add, Edit, Delete) | `panw.panos.cmd` (set, edit, delete...) | `event.action` as the decoder set it |
 * | `cfgpath` | `fortinet.firewall.cfgpath` | `panw.panos.path` (CONFIG) | — |
 * | `cfgattr` | `fortinet.firewall.cfgattr` | `panw.panos.after_change_detail` | — |
 */
export type FactField = 'program' | 'logid' | 'logdesc' | 'type' | 'subtype' | 'eventid' | 'action' | 'cfgpath' | 'cfgattr';

/** A test on one fact. Text comparisons are exact (`equals`, `in`) or by regular expression (`matches`). */
export type Condition =
  | { field: FactField; equals: string }
  | { field: FactField; in: readonly string[] }
  | { field: FactField; matches: RegExp }
  /** Any of the nested conditions holds (e.g. the logid, or the logdesc when the logid is missing). */
  | { any: readonly Condition[] };

/**
 * How a matched line is tied to a blocklist feed:
 * - `mechanism`: the structured match itself is the vendor's feed mechanism (FortiGate threat-feed
 *   logids, PAN-OS EDL event ids, pfSense URL-table and pfBlockerNG download messages, OPNsense
 *   URL-table alias messages), so the line is a feed line whatever host it names;
 * - `identified`: the line must be identified as a feed line on its own (it names an endpoint
 *   host, a feed known from the integrations registry, or the vendor's feed mechanism in words),
 *   or another rule of scope `mechanism` must have matched the same line.
 */
export type FeedScope = 'mechanism' | 'identified';

/** A category read from a mapping table instead of written in the rule (see mappings.ts). */
export type MappedCategory = 'by_http_status' | 'by_curl_errno';

/** How far the wording a rule keys on is confirmed (the research notes' confidence scale). */
export type WordingSource = 'verbatim' | 'documented' | 'constructed';

/**
 * One row of a rule table. Rows are plain data evaluated by one generic evaluator (classify.ts):
 * all `when` conditions (structured fields) must hold, then `pattern` must match the line's text,
 * and `unless` must not. Named groups of `pattern` and `extract` give the details:
 * `name` (feed name), `url` (feed URL), `entries` (entry count on success), `status` (HTTP
 * status, for `by_http_status`) and `errno` (curl error number, for `by_curl_errno`).
 */
export interface Rule {
  /** Stable id, written to `pullwatch.root_cause.rule`: `<vendor|generic>.<mechanism>.<case>`. */
  id: string;
  /** Vendors whose lines the row applies to; generic rows list all four. */
  vendors: readonly ClassifierVendor[];
  /** Structured conditions, all of which must hold. */
  when?: readonly Condition[];
  /**
   * Cheap gate before `pattern`: lower-case literals, one of which the lower-cased text must
   * contain (every text the pattern matches contains one). Skips the regular expression on the
   * lines it cannot match.
   */
  contains?: readonly string[];
  /** Regular expression on the line's text (vendor rows) or URL-free text (generic rows). */
  pattern?: RegExp;
  /** Text that vetoes the row (a near miss with the same wording). */
  unless?: RegExp;
  /** Optional extractions on the line's text (named groups as above); never required to match. */
  extract?: RegExp | readonly RegExp[];
  event: FeedEvent;
  /** For failures and removals; a mapping table for rows that read an HTTP status or a curl errno. */
  category?: RootCauseCategory | MappedCategory;
  /** 0..1: how sure a match of this row is about the event and category. */
  confidence: number;
  feed: FeedScope;
  /** How far the wording is confirmed. */
  wording: WordingSource;
  /** Where the wording or the ids come from. */
  source: string;
}

/** A rule table with its tier: vendor tables are consulted before the generic fallbacks. */
export interface RuleTable {
  tier: 'vendor' | 'generic';
  /** Title in the generated docs. */
  title: string;
  rules: readonly Rule[];
}
