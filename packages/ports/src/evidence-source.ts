import type { Evidence, Integration } from '@pullwatch/core';

/** The pull state of one integration, from aggregations over all pull records. */
export interface PullSummary {
  integration_id: string;
  /** Last 2xx pull, ISO-8601. */
  last_success?: string;
  /** Last pull of any status. */
  last_attempt?: string;
  /** Non-2xx pulls after the last success (the first one with its status). */
  failures_since_success: number;
  first_failure?: { at: string; status: number };
}

/**
 * EvidenceSource: the queries the diagnosis needs, over pull records and
 * decoded firewall events (Elasticsearch aggregations distributed, SQLite
 * embedded, arrays in memory for `pullwatch diagnose`).
 *
 * Inside the contract: both calls are batched over many integrations and cost
 * a bounded number of queries whatever their number (no query per
 * integration); `lookbackMs` bounds how far back anything is searched.
 * Device events belong to an integration's device when the event's
 * `log.syslog.hostname`, `observer.hostname` or `observer.name` equals the
 * device hostname, `observer.serial_number` equals its serial, or
 * `log.source.address` equals its address. Feed events are events with
 * `pullwatch.feed.event` set by the classifier.
 * Outside: writing (pull records are written through EventStore.write).
 */
export interface EvidenceSource {
  /** Pull summaries of the given integrations (all integrations that have pulls when omitted), keyed by id. */
  pullSummaries(now: Date, lookbackMs: number, integrationIds?: string[]): Promise<Map<string, PullSummary>>;
  /**
   * Evidence for each integration over its window (`from`: its last success, or now − lookback).
   * `maxExcerpts` bounds the quoted lines per device and feed-event group.
   */
  gather(integrations: Integration[], now: Date, lookbackMs: number, maxExcerpts: number): Promise<Evidence[]>;
}

/** Pulls of one integration in one time bucket, by HTTP status. */
export interface PullBucket {
  /** Bucket start, ISO-8601. */
  at: string;
  /** Count per HTTP status (`{ "200": 4, "401": 2 }`). */
  statuses: Record<string, number>;
}

/**
 * PullTimeline: pulls of one integration over time, for the page's chart
 * (date histogram over the pulls; empty buckets included, oldest first).
 */
export interface PullTimeline {
  pullTimeline(integrationId: string, from: Date, to: Date, bucketMs: number): Promise<PullBucket[]>;
}
