import type { RootCause } from '@pullwatch/core';

/** What an endpoint answer says about the cause, and how strongly (0..1). */
export interface PullStatusCause {
  category: RootCause;
  /** Base confidence of the cause when the endpoint answered this status to the firewall's pulls. */
  weight: number;
  /** Why, in a few words. */
  meaning: string;
}

/**
 * The cause an HTTP status of the endpoint points to. The endpoint saw the request, so
 * DNS, the network path and TLS worked: these answers are the strongest evidence there is.
 * 2xx and 3xx are not failures and have no cause here.
 */
export function causeOfPullStatus(status: number): PullStatusCause | undefined {
  if (status === 401) return { category: 'credentials_invalid', weight: 0.95, meaning: 'credentials refused' };
  if (status === 403) return { category: 'credentials_invalid', weight: 0.9, meaning: 'credentials refused or not allowed' };
  if (status === 404 || status === 410) return { category: 'invalid_format', weight: 0.85, meaning: 'no list at this URL' };
  if (status === 400) return { category: 'invalid_format', weight: 0.6, meaning: 'malformed request or URL' };
  if (status === 408) return { category: 'network_unreachable', weight: 0.5, meaning: 'the request took too long to arrive' };
  if (status === 429) return { category: 'download_failed', weight: 0.5, meaning: 'rate limited: too many pulls' };
  if (status >= 500 && status <= 599) return { category: 'endpoint_error', weight: 0.9, meaning: 'the endpoint failed' };
  if (status >= 400 || status < 200) return { category: 'download_failed', weight: 0.4, meaning: 'an unexpected answer' };
  return undefined;
}

/** A pull that failed: 4xx, 5xx, or no status (0). 2xx succeed; 3xx (not modified, redirects) are neither. */
export const isFailedPull = (status: number): boolean => status >= 400 || status < 200;
