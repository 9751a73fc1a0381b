import type { LineFacts } from './line-facts.js';

/** A feed the integrations registry knows: its name on the firewall and/or its URL. */
export interface KnownFeed {
  /** Name of the feed object on the firewall (alias, EDL, external resource, pfBlockerNG header). */
  name?: string;
  /** Configured URL (credentials, if any, are ignored for matching). */
  url?: string;
}

/** Why a line counts as a blocklist-feed line. */
export type FeedIdentification = 'endpoint_host' | 'known_feed' | 'mechanism_words';

/**
 * Words that name a vendor's feed mechanism: FortiGate threat feed / external resource, PAN-OS
 * EDL, pfSense URL table alias (`rc.update_urltables`) or pfBlockerNG,
 * OPNsense URL table alias (`alias url`).
 */
export const MECHANISM_WORDS =
  /threat[ -]?feed|external[ -]resource|\bEDL\b|external[ -](?:dynamic[ -])?list|\burl[ _-]?tables?\b|update_urltables|alias url|pfBlockerNG/i;

/** Programs that only ever run a feed mechanism. */
const MECHANISM_PROGRAMS: ReadonlySet<string> = new Set(['rc.update_urltables', 'pfblockerng', 'update_tables.py']);

/** `https://user:pw@Host:443/path?q` → `host:443/path` (lower-case host, no credentials, no query). */
export function urlKey(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?([^/?#\s]+)([^?#\s]*)/i.exec(url.trim());
  if (m === null) return undefined;
  const path = m[2]!.replace(/\/+$/, '');
  return `${m[1]!.toLowerCase()}${path}`;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Decides whether a line concerns a blocklist feed: it names one of the endpoint hosts, a feed
 * known from the integrations registry (by name or URL), or the vendor's feed mechanism. A DNS
 * failure for the vendor's own update service, NTP, or an admin login failing with 401 names
 * none of these, so it is not a feed line.
 */
export class FeedIdentifier {
  readonly #hosts: readonly string[];
  readonly #names: ReadonlyMap<string, string>;
  readonly #nameInText: RegExp | undefined;
  readonly #urlKeys: readonly string[];

  constructor(endpointHosts: readonly string[], knownFeeds: readonly KnownFeed[]) {
    this.#hosts = endpointHosts.map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0);
    const names = new Map<string, string>();
    const urlKeys: string[] = [];
    for (const feed of knownFeeds) {
      const name = feed.name?.trim();
      if (name) names.set(name.toLowerCase(), name);
      const key = feed.url ? urlKey(feed.url) : undefined;
      if (key) urlKeys.push(key);
    }
    this.#names = names;
    this.#urlKeys = urlKeys;
    // A known name as a whole token of the text (not inside a longer name).
    this.#nameInText =
      names.size === 0
        ? undefined
        : new RegExp(`(?:^|[^A-Za-z0-9_.-])(?:${[...names.keys()].map(escapeRegExp).join('|')})(?![A-Za-z0-9_-])`, 'i');
  }

  /** Endpoint hosts, lower-case. */
  get hosts(): readonly string[] {
    return this.#hosts;
  }

  /** The known feed name (as the registry spells it) that the text names, if any. */
  knownNameIn(text: string): string | undefined {
    const m = this.#nameInText?.exec(text);
    if (m === null || m === undefined) return undefined;
    const found = m[0].replace(/^[^A-Za-z0-9_.-]/, '').toLowerCase();
    return this.#names.get(found);
  }

  /** True when `name` is a feed name the registry knows. */
  isKnownName(name: string | undefined): boolean {
    return name !== undefined && this.#names.has(name.trim().toLowerCase());
  }

  /** Whether the URL is one of the endpoint hosts or a known feed URL. */
  urlMatches(url: string | undefined): FeedIdentification | undefined {
    if (url === undefined) return undefined;
    const key = urlKey(url);
    if (key === undefined) return undefined;
    const host = key.split(/[/:]/, 1)[0]!;
    if (this.#hosts.includes(host)) return 'endpoint_host';
    for (const k of this.#urlKeys) if (key === k || key.startsWith(`${k}/`)) return 'known_feed';
    return undefined;
  }

  /**
   * How the line is identified as a feed line, or `undefined`. `names` and `urls` are what the
   * matching rules extracted, on top of the facts' structured fields.
   */
  identify(facts: LineFacts, names: readonly string[], urls: readonly string[]): FeedIdentification | undefined {
    const lower = facts.text.toLowerCase();
    if (facts.domain !== undefined && this.#hosts.includes(facts.domain)) return 'endpoint_host';
    for (const h of this.#hosts) if (lower.includes(h)) return 'endpoint_host';
    if (this.isKnownName(facts.name)) return 'known_feed';
    for (const n of names) if (this.isKnownName(n)) return 'known_feed';
    if (this.#nameInText?.test(facts.text)) return 'known_feed';
    const byUrl = this.urlMatches(facts.url) ?? urls.map((u) => this.urlMatches(u)).find((x) => x !== undefined);
    if (byUrl !== undefined) return byUrl;
    for (const k of this.#urlKeys) if (lower.includes(k)) return 'known_feed';
    if (MECHANISM_PROGRAMS.has(facts.program)) return 'mechanism_words';
    if (MECHANISM_WORDS.test(facts.text)) return 'mechanism_words';
    return undefined;
  }
}
