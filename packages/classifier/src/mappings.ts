import type { FailureCategory } from './taxonomy.js';

/** A category with the confidence a status or error number supports. */
export interface MappedCause {
  category: FailureCategory;
  confidence: number;
  /** Why, for the generated docs. */
  note: string;
}

/**
 * HTTP status of a failed fetch → cause. 401/403 are the endpoint refusing the credentials;
 * 404 is a wrong URL (an integration id that does not exist); 5xx is the endpoint's fault.
 * Status 0 is what pfSense URL tables log when no HTTP response exists at all: a TLS
 * verification failure, a DNS failure, a connect timeout and a refused connection all read
 * `status code 0` (research notes §2), so it stays a generic `download_failed` with a low
 * confidence; the diagnosis tells those apart with the endpoint's pull records (no request
 * reached the endpoint) and the firewall's other logs.
 */
export const HTTP_STATUS_CAUSES: ReadonlyArray<{ range: readonly [number, number]; cause: MappedCause }> = [
  { range: [0, 0], cause: { category: 'download_failed', confidence: 0.5, note: 'no HTTP response: TLS, DNS, timeout or refused, not told apart' } },
  { range: [401, 401], cause: { category: 'credentials_invalid', confidence: 0.95, note: 'credentials refused' } },
  { range: [403, 403], cause: { category: 'credentials_invalid', confidence: 0.9, note: 'credentials refused or not allowed' } },
  { range: [407, 407], cause: { category: 'network_unreachable', confidence: 0.8, note: 'the proxy on the way wants credentials' } },
  { range: [404, 404], cause: { category: 'invalid_format', confidence: 0.8, note: 'wrong URL (unknown integration id)' } },
  { range: [410, 410], cause: { category: 'invalid_format', confidence: 0.8, note: 'wrong URL (gone)' } },
  { range: [400, 400], cause: { category: 'invalid_format', confidence: 0.5, note: 'malformed request or URL' } },
  { range: [408, 408], cause: { category: 'network_unreachable', confidence: 0.6, note: 'request timeout' } },
  { range: [500, 599], cause: { category: 'endpoint_error', confidence: 0.9, note: 'the endpoint failed (5xx)' } },
  { range: [400, 499], cause: { category: 'download_failed', confidence: 0.6, note: 'other client error (e.g. 429 rate limit)' } },
  { range: [300, 399], cause: { category: 'download_failed', confidence: 0.5, note: 'redirect not followed' } },
  { range: [100, 299], cause: { category: 'download_failed', confidence: 0.4, note: 'a failure logged with a non-error status' } },
];

/**
 * libcurl error number (CURLcode) → cause, for pfBlockerNG's `cURL Error: N` lines. The names
 * are pfBlockerNG's own table (`$pfb['rfc7231']` in pfblockerng.inc).
 */
export const CURL_ERRNO_CAUSES: Readonly<Record<number, MappedCause>> = {
  5: { category: 'network_unreachable', confidence: 0.8, note: 'Could not Resolve Proxy' },
  6: { category: 'dns_failure', confidence: 0.95, note: 'Could not Resolve Host' },
  7: { category: 'network_unreachable', confidence: 0.9, note: 'Failed to connect' },
  22: { category: 'download_failed', confidence: 0.6, note: 'HTTP Returned Error code' },
  28: { category: 'network_unreachable', confidence: 0.85, note: 'Operation timed out' },
  35: { category: 'tls_trust', confidence: 0.8, note: 'SSL Connect error' },
  51: { category: 'tls_trust', confidence: 0.9, note: 'peer certificate / SSH key mismatch (obsolete number)' },
  52: { category: 'network_unreachable', confidence: 0.6, note: 'Curl got nothing' },
  56: { category: 'network_unreachable', confidence: 0.7, note: 'Failure receving data' },
  58: { category: 'tls_trust', confidence: 0.6, note: 'Local client certificate error' },
  60: { category: 'tls_trust', confidence: 0.95, note: 'SSL certificate error' },
  67: { category: 'credentials_invalid', confidence: 0.8, note: 'Login Denied' },
  77: { category: 'tls_trust', confidence: 0.9, note: 'SSL CA certificate error' },
  83: { category: 'tls_trust', confidence: 0.85, note: 'SSL Issurer failure' },
  90: { category: 'tls_trust', confidence: 0.85, note: 'Pin Key match failure' },
  91: { category: 'tls_trust', confidence: 0.85, note: 'Invalid Certificate status' },
  97: { category: 'network_unreachable', confidence: 0.8, note: 'Proxy handshake error' },
};

const OTHER_CURL_ERROR: MappedCause = { category: 'download_failed', confidence: 0.6, note: 'other curl error' };

/** The cause of an HTTP status on a failure line. */
export function causeOfHttpStatus(status: number): MappedCause {
  for (const { range, cause } of HTTP_STATUS_CAUSES) if (status >= range[0] && status <= range[1]) return cause;
  return { category: 'download_failed', confidence: 0.4, note: 'unexpected status' };
}

/** The cause of a libcurl error number. */
export function causeOfCurlErrno(errno: number): MappedCause {
  return CURL_ERRNO_CAUSES[errno] ?? OTHER_CURL_ERROR;
}
