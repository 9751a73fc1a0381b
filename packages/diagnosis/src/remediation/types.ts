import type { FirewallVendor, RootCause } from '@pullwatch/core';

/**
 * Steps as data. Texts may hold placeholders filled per diagnosis:
 * `{feed}` the feed's name on the firewall (or "the CrowdSec blocklist"), `{url}` the feed URL
 * without credentials, `{host}` its host, `{path}` its path, `{integration}` the integration
 * id, `{egress}` the address(es) its pulls come from.
 */
export type StepsByCause = Readonly<Partial<Record<RootCause, readonly string[]>>>;

/** What differs per vendor: menu paths, fields, commands (from the troubleshooting guide). */
export interface VendorGuide {
  vendor: FirewallVendor;
  /** Where the feed is configured. */
  feedLocation: string;
  /** Where its log lines are shown. */
  logLocation: string;
  /** Steps of this vendor per cause, before the common ones. */
  steps: StepsByCause;
  /** How to trigger a manual refresh of the feed. */
  refresh: string;
  /** How to see the addresses the firewall loaded. */
  showEntries: string;
  /** What to forward so the feed's lines reach pullwatch. */
  logForwarding: string;
}
