import type { Device, FirewallVendor, Integration } from './integration.js';

/** The root-cause taxonomy (DESIGN.md). */
export const ROOT_CAUSES = [
  'credentials_invalid',
  'tls_trust',
  'dns_failure',
  'network_unreachable',
  'invalid_format',
  'endpoint_error',
  'rule_removed_or_disabled',
  'firewall_offline',
  'download_failed',
  'unknown',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

/** What a classified firewall line says happened to the feed (`pullwatch.feed.event`). */
export const FEED_EVENTS = ['fetch_failed', 'fetch_succeeded', 'feed_removed', 'feed_disabled', 'feed_changed'] as const;
export type FeedEvent = (typeof FEED_EVENTS)[number];

/** A log line quoted as evidence (redacted). */
export interface Excerpt {
  '@timestamp': string;
  message: string;
  /** The device it came from (hostname, serial or address). */
  device?: string;
  /** The classifier rule that matched, when classified. */
  rule?: string;
}

/** Pull attempts in the window with one HTTP status. */
export interface StatusCount {
  status: number;
  count: number;
  first: string;
  last: string;
}

/** Pull attempts in the window from one source address. */
export interface SourceCount {
  ip: string;
  count: number;
  statuses: number[];
  last: string;
}

/** What the endpoint's pull records say about one integration. */
export interface PullEvidence {
  /** Last 2xx pull found (any time in the look-back), ISO-8601. */
  last_success?: string;
  /** Last pull of any status. */
  last_attempt?: string;
  /** Pulls in the window (any status). */
  attempts: number;
  by_status: StatusCount[];
  by_source: SourceCount[];
  by_path: Array<{ path: string; count: number; statuses: number[] }>;
  /** The first non-2xx pull after the last success: when it started to fail, and how. */
  first_failure?: { at: string; status: number };
}

/** Classified feed lines of one device, grouped by (event, category). */
export interface FeedEventEvidence {
  event: FeedEvent;
  category?: RootCause;
  rule?: string;
  count: number;
  first: string;
  last: string;
  /** Up to a few lines, newest first. */
  excerpts: Excerpt[];
}

/** What one firewall's own syslog says. */
export interface DeviceEvidence {
  device: Device;
  /** How the device is named in texts (hostname, else serial, else address). */
  label: string;
  /** Any syslog at all from it in the window: liveness. */
  syslog: { count: number; first?: string; last?: string };
  feed_events: FeedEventEvidence[];
}

/** Everything the diagnosis of one integration rests on, for one window. */
export interface Evidence {
  integration: Integration;
  /** The time of the diagnosis, ISO-8601. */
  now: string;
  /** From the last successful pull (or now − look-back when none) to now. */
  window: { from: string; to: string };
  pulls: PullEvidence;
  devices: DeviceEvidence[];
}

/** A cause with its confidence (0..1) and why. */
export interface RankedCause {
  category: RootCause;
  confidence: number;
  reasons: string[];
}

/** online: pulling fine; degraded: failing but not yet over the threshold; offline: no successful pull for the threshold. */
export type DiagnosisStatus = 'online' | 'degraded' | 'offline';

/** The answer for one integration: why it (is about to) stop pulling, and what to do. */
export interface Diagnosis {
  integration: { id: string; name: string; vendor: FirewallVendor };
  devices: Device[];
  status: DiagnosisStatus;
  generated_at: string;
  window: { from: string; to: string };
  primary: RankedCause;
  alternatives: RankedCause[];
  evidence: {
    pulls: PullEvidence;
    devices: Array<{ label: string; syslog: DeviceEvidence['syslog']; feed_events: Array<Omit<FeedEventEvidence, 'excerpts'>> }>;
    /** Up to N log lines, newest first. */
    excerpts: Excerpt[];
    /** Evidence that would have helped and is absent ("this device sends no syslog to pullwatch"). */
    missing: string[];
  };
  timeline: {
    last_successful_pull?: string;
    first_failure?: string;
    /** When the integration counts (or counted) as offline: last success + threshold. */
    offline_at?: string;
  };
  /** Degraded only: milliseconds left before the integration counts as offline. */
  time_left_ms?: number;
  /** One sentence a person reads first. */
  summary: string;
  /** Steps to fix it, for this vendor (menu paths of the troubleshooting guide). */
  remediation: string[];
  /** How to check that the fix worked. */
  verify: string[];
}

/** Health of an integration over time; each change is recorded. */
export type IntegrationState = 'pulling' | 'degraded' | 'offline' | 'resolved';

/** An alert: one per episode of an integration not pulling (degraded or offline), open until a successful pull. */
export interface Alert {
  /** Stable per episode: `<integration id>:<opened_at epoch ms>`. */
  id: string;
  integration: { id: string; name: string; vendor: FirewallVendor };
  status: 'open' | 'resolved';
  state: IntegrationState;
  opened_at: string;
  updated_at: string;
  resolved_at?: string;
  /** How it resolved ("successful pull at T from 192.0.2.1"). */
  resolution?: string;
  diagnosis: Diagnosis;
  /** Every state or cause change, oldest first. */
  history: Array<{ at: string; state: IntegrationState; cause: RootCause; confidence: number; summary: string }>;
  /** `pullwatch` for alerts raised here; `external` for alerts received on POST /v1/alerts and annotated. */
  origin: 'pullwatch' | 'external';
  /** The external alert as received, for external alerts. */
  external?: Record<string, unknown>;
}
