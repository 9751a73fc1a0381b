import type { FirewallVendor, RootCause } from '@pullwatch/core';
import { COMMON_AFTER, COMMON_BEFORE, COMMON_VERIFY, ENDPOINT_ERROR_VERIFY } from './common.js';
import { FORTIGATE } from './fortigate.js';
import { OPNSENSE } from './opnsense.js';
import { PANOS } from './panos.js';
import { PFBLOCKERNG, PFSENSE } from './pfsense.js';
import type { VendorGuide } from './types.js';

export type { StepsByCause, VendorGuide } from './types.js';
export { COMMON_AFTER, COMMON_BEFORE, COMMON_VERIFY, ENDPOINT_ERROR_VERIFY } from './common.js';
export { FORTIGATE, OPNSENSE, PANOS, PFBLOCKERNG, PFSENSE };

/** The guide of each vendor (pfSense: URL table aliases; pfBlockerNG is `PFBLOCKERNG`). */
export const VENDOR_GUIDES: Readonly<Record<FirewallVendor, VendorGuide>> = {
  fortigate: FORTIGATE,
  panos: PANOS,
  pfsense: PFSENSE,
  opnsense: OPNSENSE,
};

/** What the texts of one diagnosis are filled with. */
export interface RemediationContext {
  vendor: FirewallVendor;
  cause: RootCause;
  integrationId: string;
  /** Feed name on the firewall, or a description of it. */
  feed: string;
  /** Feed URL without credentials. */
  url: string;
  host: string;
  path: string;
  /** Where the pulls come from, in words ("203.0.113.9"). */
  egress: string;
  /** pfSense with pfBlockerNG rather than a URL table alias. */
  pfblockerng?: boolean;
}

/** The guide for a vendor (pfBlockerNG's for pfSense when its lines are in the evidence). */
export const guideFor = (vendor: FirewallVendor, pfblockerng = false): VendorGuide =>
  vendor === 'pfsense' && pfblockerng ? PFBLOCKERNG : VENDOR_GUIDES[vendor];

/** Fills `{name}` placeholders; unknown names stay as they are. */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{([a-z]+)\}/g, (m, k: string) => values[k] ?? m);
}

const valuesOf = (ctx: RemediationContext, guide: VendorGuide): Record<string, string> => {
  const base = { feed: ctx.feed, url: ctx.url, host: ctx.host, path: ctx.path, integration: ctx.integrationId, egress: ctx.egress };
  return { ...base, refresh: fill(guide.refresh, base), show: fill(guide.showEntries, base) };
};

/**
 * Steps to fix `ctx.cause` on this vendor: common steps that come first (regenerate the
 * credentials, check the power), the vendor's menu paths and commands, the common checks
 * (curl, nslookup, outbound 443, proxy, CA), and where the firewall's own log is.
 */
export function remediationFor(ctx: RemediationContext): string[] {
  const guide = guideFor(ctx.vendor, ctx.pfblockerng);
  const values = valuesOf(ctx, guide);
  const steps = [...(COMMON_BEFORE[ctx.cause] ?? []), ...(guide.steps[ctx.cause] ?? []), ...(COMMON_AFTER[ctx.cause] ?? [])];
  if (ctx.cause !== 'endpoint_error') steps.push(`The firewall's own log of the feed: ${guide.logLocation}.`);
  return steps.map((s) => fill(s, values));
}

/** How to check the fix: manual refresh, a 200 pull from the egress address, the Console, the entries. */
export function verifyFor(ctx: RemediationContext): string[] {
  const guide = guideFor(ctx.vendor, ctx.pfblockerng);
  const values = valuesOf(ctx, guide);
  return (ctx.cause === 'endpoint_error' ? ENDPOINT_ERROR_VERIFY : COMMON_VERIFY).map((s) => fill(s, values));
}
