import type { EcsDocument } from '@pullwatch/core';
import { redactString } from '@pullwatch/redact';
import { FeedIdentifier, type FeedIdentification, type KnownFeed } from './feed-identification.js';
import { lineFacts, type LineFacts } from './line-facts.js';
import { causeOfCurlErrno, causeOfHttpStatus } from './mappings.js';
import { createPrecheck } from './precheck.js';
import { RULE_TABLES } from './rules/index.js';
import type { Condition, Rule, RuleTable } from './rules/types.js';
import { CLASSIFIER_VENDORS, precedenceRank, type ClassifierVendor, type FeedEvent, type RootCauseCategory } from './taxonomy.js';

/** Default endpoint host of the Blocklist-as-a-Service integrations. */
export const DEFAULT_ENDPOINT_HOSTS: readonly string[] = ['admin.api.crowdsec.net'];

export interface ClassifierOptions {
  /**
   * Host names of the blocklist endpoint: a failure naming one of them is a blocklist-feed
   * failure (config `classify.endpointHosts`). Default `['admin.api.crowdsec.net']`.
   */
  endpointHosts?: readonly string[];
  /** Feeds the integrations registry knows (name on the firewall and/or URL). Default none. */
  knownFeeds?: readonly KnownFeed[];
  /** Rule tables to evaluate, vendor tables before generic ones. Default: the shipped tables. */
  tables?: readonly RuleTable[];
}

/** What the classifier concluded about one line. */
export interface FeedClassification {
  event: FeedEvent;
  /** For failures (cause) and removals/disables (`rule_removed_or_disabled`). */
  category?: RootCauseCategory;
  /** Id of the rule that decided. */
  rule: string;
  /** 0..1. */
  confidence: number;
  /** Feed name, when the line names it (redacted). */
  name?: string;
  /** Feed URL, when the line gives it (redacted). */
  url?: string;
  /** Entry count on success, when the line gives it. */
  entries?: number;
  /** Why the line counts as a feed line: the vendor mechanism matched, or how it was identified. */
  identifiedBy: 'mechanism' | FeedIdentification;
}

export interface Classifier {
  /** The classification of a decoded document, or `undefined` when it is not about a feed. */
  classify(doc: EcsDocument): FeedClassification | undefined;
  /**
   * Adds `pullwatch.feed.*` and `pullwatch.root_cause.*` to a decoded (and redacted) document,
   * or nothing when the line is not about a feed. Keeps other `pullwatch.*` fields.
   */
  classifyDocument(doc: EcsDocument): void;
}

interface CompiledRule {
  rule: Rule;
  tier: 'vendor' | 'generic';
  order: number;
}

type Groups = Readonly<Record<string, string | undefined>>;
const NO_GROUPS: Groups = Object.freeze({});

interface Match {
  rule: Rule;
  tier: 'vendor' | 'generic';
  order: number;
  groups: Groups;
  event: FeedEvent;
  category: RootCauseCategory | undefined;
  confidence: number;
  rank: number;
}

function holds(c: Condition, facts: LineFacts): boolean {
  if ('any' in c) {
    for (const sub of c.any) if (holds(sub, facts)) return true;
    return false;
  }
  const v = facts[c.field];
  if ('equals' in c) return v === c.equals;
  if ('in' in c) return c.in.includes(v);
  return c.matches.test(v);
}

/** Evaluates one row: conditions, pattern, veto; then its category and confidence. */
function evaluate(cr: CompiledRule, facts: LineFacts): Match | undefined {
  const { rule } = cr;
  if (rule.when !== undefined) for (const c of rule.when) if (!holds(c, facts)) return undefined;
  const generic = cr.tier === 'generic';
  if (rule.contains !== undefined && !facts.containsAny(rule.contains, generic)) return undefined;
  const text = generic ? facts.bare : facts.text;
  let groups: Groups = NO_GROUPS;
  if (rule.pattern !== undefined) {
    const m = rule.pattern.exec(text);
    if (m === null) return undefined;
    if (m.groups !== undefined) groups = m.groups;
  }
  if (rule.unless?.test(text)) return undefined;
  if (rule.extract !== undefined) {
    const merged: Record<string, string | undefined> = { ...groups };
    for (const re of Array.isArray(rule.extract) ? (rule.extract as readonly RegExp[]) : [rule.extract as RegExp]) {
      const x = re.exec(facts.text)?.groups;
      if (x === undefined) continue;
      for (const k in x) if (x[k] !== undefined && merged[k] === undefined) merged[k] = x[k];
    }
    groups = merged;
  }
  let category: RootCauseCategory | undefined;
  let confidence = rule.confidence;
  if (rule.category === 'by_http_status') {
    const status = groups.status !== undefined ? Number(groups.status) : facts.status;
    const cause = causeOfHttpStatus(status === undefined || Number.isNaN(status) ? -1 : status);
    category = cause.category;
    confidence = Math.min(confidence, cause.confidence);
  } else if (rule.category === 'by_curl_errno') {
    const cause = causeOfCurlErrno(Number(groups.errno));
    category = cause.category;
    confidence = Math.min(confidence, cause.confidence);
  } else {
    category = rule.category;
  }
  return { rule, tier: cr.tier, order: cr.order, groups, event: rule.event, category, confidence, rank: precedenceRank(rule.event, category) };
}

/** Precedence among matches of one tier: event/cause rank, then confidence, then table order. */
function best(matches: readonly Match[]): Match | undefined {
  let top: Match | undefined;
  for (const m of matches) {
    if (
      top === undefined ||
      m.rank < top.rank ||
      (m.rank === top.rank && (m.confidence > top.confidence || (m.confidence === top.confidence && m.order < top.order)))
    ) {
      top = m;
    }
  }
  return top;
}

function firstGroup(key: string, first: Match, all: readonly Match[]): string | undefined {
  const v = first.groups[key];
  if (v !== undefined && v.length > 0) return v;
  for (const m of all) {
    const w = m.groups[key];
    if (w !== undefined && w.length > 0) return w;
  }
  return undefined;
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * Builds a classifier. Rule tables are compiled once per vendor; the options are fixed for the
 * classifier's life (build one per configuration, not per line).
 *
 * Decision, per line:
 * 1. pre-check (precheck.ts): most lines leave here after a few field reads;
 * 2. vendor rows of the line's vendor; a row of scope `identified` counts only when the line is
 *    identified as a feed line (endpoint host, known feed, feed-mechanism words) or a row of
 *    scope `mechanism` matched too;
 * 3. the best vendor match wins unless it is a generic `download_failed` (or there is none):
 *    then the generic rows may refine it with a more specific cause (or classify the line on
 *    their own when it is identified);
 * 4. within a tier: removed, disabled, then failures by cause (credentials_invalid, tls_trust,
 *    dns_failure, invalid_format, endpoint_error, network_unreachable, download_failed), then
 *    changed, then succeeded; ties by confidence, then table order.
 */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const identifier = new FeedIdentifier(options.endpointHosts ?? DEFAULT_ENDPOINT_HOSTS, options.knownFeeds ?? []);
  const precheck = createPrecheck({
    hosts: identifier.hosts,
    names: (options.knownFeeds ?? []).flatMap((f) => (f.name ? [f.name] : [])),
  });
  const tables = options.tables ?? RULE_TABLES;
  const vendorRules = new Map<ClassifierVendor, CompiledRule[]>();
  const genericRules = new Map<ClassifierVendor, CompiledRule[]>();
  for (const v of CLASSIFIER_VENDORS) {
    vendorRules.set(v, []);
    genericRules.set(v, []);
  }
  let order = 0;
  for (const table of tables) {
    for (const rule of table.rules) {
      const cr: CompiledRule = { rule, tier: table.tier, order: order++ };
      for (const v of rule.vendors) (table.tier === 'vendor' ? vendorRules : genericRules).get(v)!.push(cr);
    }
  }

  function classify(doc: EcsDocument): FeedClassification | undefined {
    const vendor = precheck(doc);
    if (vendor === undefined) return undefined;
    const facts = lineFacts(doc, vendor);

    const vendorMatches: Match[] = [];
    for (const cr of vendorRules.get(vendor)!) {
      const m = evaluate(cr, facts);
      if (m !== undefined) vendorMatches.push(m);
    }
    const mechanism = vendorMatches.some((m) => m.rule.feed === 'mechanism');
    let identified: FeedIdentification | undefined | null = null; // null = not computed yet
    const identify = (matches: readonly Match[]): FeedIdentification | undefined => {
      if (identified === null) {
        const names: string[] = [];
        const urls: string[] = [];
        for (const m of matches) {
          if (m.groups.name) names.push(m.groups.name);
          if (m.groups.url) urls.push(m.groups.url);
        }
        identified = identifier.identify(facts, names, urls);
      }
      return identified;
    };
    const accepted = mechanism ? vendorMatches : vendorMatches.length > 0 && identify(vendorMatches) !== undefined ? vendorMatches : [];

    let winner = best(accepted);
    const all: Match[] = [...accepted];
    const generic = winner === undefined || (winner.event === 'fetch_failed' && winner.category === 'download_failed');
    if (generic && (accepted.length > 0 || identify(vendorMatches) !== undefined)) {
      const genericMatches: Match[] = [];
      for (const cr of genericRules.get(vendor)!) {
        const m = evaluate(cr, facts);
        if (m === undefined) continue;
        // A vendor verdict is only refined into a more specific failure cause, never overturned.
        if (winner !== undefined && (m.event !== 'fetch_failed' || m.rank >= winner.rank)) continue;
        genericMatches.push(m);
      }
      const refined = best(genericMatches);
      if (refined !== undefined) {
        winner = refined;
        all.push(...genericMatches);
      }
    }
    if (winner === undefined) return undefined;

    const out: FeedClassification = {
      event: winner.event,
      rule: winner.rule.id,
      confidence: winner.confidence,
      identifiedBy: mechanism ? 'mechanism' : (identify(all) ?? 'mechanism'),
    };
    if (winner.category !== undefined) out.category = winner.category;
    const name = facts.name ?? firstGroup('name', winner, all) ?? identifier.knownNameIn(facts.text);
    if (name !== undefined) out.name = redactString(name.trim());
    let url = firstGroup('url', winner, all) ?? facts.url;
    if (url === undefined) url = facts.firstUrl;
    if (url !== undefined) out.url = redactString(url);
    if (winner.event === 'fetch_succeeded') {
      const entries = firstGroup('entries', winner, all);
      if (entries !== undefined) out.entries = Number(entries);
    }
    return out;
  }

  function classifyDocument(doc: EcsDocument): void {
    const c = classify(doc);
    if (c === undefined) return;
    const feed: Record<string, unknown> = { event: c.event };
    if (c.name !== undefined) feed.name = c.name;
    if (c.url !== undefined) feed.url = c.url;
    if (c.entries !== undefined) feed.entries = c.entries;
    const rootCause: Record<string, unknown> = {};
    if (c.category !== undefined) rootCause.category = c.category;
    rootCause.rule = c.rule;
    rootCause.confidence = c.confidence;
    let pw = obj(doc.pullwatch);
    if (pw === undefined) {
      pw = {};
      doc.pullwatch = pw;
    }
    pw.feed = feed;
    pw.root_cause = rootCause;
  }

  return { classify, classifyDocument };
}

let defaultClassifier: Classifier | undefined;
const byOptions = new WeakMap<ClassifierOptions, Classifier>();

function classifierFor(options: ClassifierOptions | undefined): Classifier {
  if (options === undefined) return (defaultClassifier ??= createClassifier());
  let c = byOptions.get(options);
  if (c === undefined) {
    c = createClassifier(options);
    byOptions.set(options, c);
  }
  return c;
}

/**
 * Classifies a decoded (and redacted) document in place: adds `pullwatch.feed.{event,name,url,
 * entries}` and `pullwatch.root_cause.{category,rule,confidence}` when the line is about a
 * blocklist feed, nothing otherwise. The classifier for an options object is built once and
 * cached by identity; pass the same object for every line (or use `createClassifier`).
 */
export function classifyDocument(doc: EcsDocument, options?: ClassifierOptions): void {
  classifierFor(options).classifyDocument(doc);
}

/** The classification of a document without changing it (see `classifyDocument`). */
export function classify(doc: EcsDocument, options?: ClassifierOptions): FeedClassification | undefined {
  return classifierFor(options).classify(doc);
}
