/**
 * The values the classifier writes: what happened to the feed (`pullwatch.feed.event`) and,
 * for failures and removals, why (`pullwatch.root_cause.category`). The categories are the
 * line-level subset of the root-cause taxonomy in DESIGN.md (`firewall_offline` and `unknown`
 * need more than one line, so only the diagnosis sets them).
 */

/** `pullwatch.feed.event` values. */
export const FEED_EVENTS = ['fetch_failed', 'fetch_succeeded', 'feed_removed', 'feed_disabled', 'feed_changed'] as const;
export type FeedEvent = (typeof FEED_EVENTS)[number];

/**
 * `pullwatch.root_cause.category` values a line can carry, most specific cause first. This
 * order is the precedence among failure causes (see classify.ts): a line that matches several
 * rules gets the first category of this list among them.
 */
export const FAILURE_CATEGORIES = [
  'credentials_invalid',
  'tls_trust',
  'dns_failure',
  'invalid_format',
  'endpoint_error',
  'network_unreachable',
  'download_failed',
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

export const REMOVAL_CATEGORY = 'rule_removed_or_disabled' as const;
export type RootCauseCategory = FailureCategory | typeof REMOVAL_CATEGORY;
export const ROOT_CAUSE_CATEGORIES: readonly RootCauseCategory[] = [...FAILURE_CATEGORIES, REMOVAL_CATEGORY];

/**
 * Precedence rank of an (event, category) pair, lower first: removals and disables, then
 * failures by cause (FAILURE_CATEGORIES order), then changes, then successes. Used only to
 * pick among rules of the same tier (vendor rules, then generic rules).
 */
export function precedenceRank(event: FeedEvent, category: RootCauseCategory | undefined): number {
  switch (event) {
    case 'feed_removed':
      return 0;
    case 'feed_disabled':
      return 1;
    case 'fetch_failed': {
      const i = FAILURE_CATEGORIES.indexOf(category as FailureCategory);
      return 10 + (i < 0 ? FAILURE_CATEGORIES.length : i);
    }
    case 'feed_changed':
      return 30;
    case 'fetch_succeeded':
      return 40;
  }
}

/** The vendors the rule tables are written for (the decoders' vendor names). */
export const CLASSIFIER_VENDORS = ['fortigate', 'panos', 'pfsense', 'opnsense'] as const;
export type ClassifierVendor = (typeof CLASSIFIER_VENDORS)[number];
