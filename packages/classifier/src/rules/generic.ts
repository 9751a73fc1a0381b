import { CLASSIFIER_VENDORS } from '../taxonomy.js';
import type { Rule, RuleTable } from './types.js';

const ALL = CLASSIFIER_VENDORS;
const SEED = 'troubleshooting page "Firewall Integration Offline" (shared/seed), "Look for error messages like"';
const LIBCURL = 'libcurl error texts (CURLE_* messages, e.g. "SSL certificate problem: ...", "Could not resolve host: ...")';
const PYREQ = 'python requests/urllib3 exception texts (SSLError, NameResolutionError, ConnectTimeoutError, NewConnectionError)';

/**
 * Generic fallbacks: wordings that mean the same cause on any vendor. They match the line's
 * text with URLs blanked out (so a `?timeout=30` in a feed URL is not a timeout), they apply
 * only to lines identified as feed lines (scope `identified`), and they never override a
 * vendor rule's specific verdict: they classify lines no vendor row matched, and refine a
 * vendor row's generic `download_failed` (e.g. FortiGate "Threat feed update failed" whose
 * reason says "SSL certificate problem" becomes `tls_trust`).
 */
export const GENERIC_RULES: readonly Rule[] = [
  {
    id: 'generic.http.status_code',
    vendors: ALL,
    contains: ['http', 'status', 'response', 'error code'],
    pattern: /\b(?:HTTP(?:\/\d(?:\.\d)?)?|status(?:[ _-]?code)?|http_code|response(?:[ _-]?code)?|error code)\s*[:=]?\s*\[?\s*(?<status>[1-5]\d\d)\b/i,
    unless: /\b(?:HTTP(?:\/\d(?:\.\d)?)?|status(?:[ _-]?code)?|http_code|response(?:[ _-]?code)?)\s*[:=]?\s*\[?\s*(?:200|204|304)\b/i,
    event: 'fetch_failed',
    category: 'by_http_status',
    confidence: 0.85,
    feed: 'identified',
    wording: 'documented',
    source: `${SEED}: "401"; HTTP status semantics (RFC 9110)`,
  },
  {
    id: 'generic.credentials.refused',
    vendors: ALL,
    contains: ['unauthori', 'forbidden', 'authentication', 'invalid', 'denied'],
    pattern:
      /\b40[13]\b[\s:-]*(?:unauthori[sz]ed|forbidden)|\b(?:unauthori[sz]ed|forbidden)\b|\bauthentication (?:failed|failure|error)\b|\binvalid (?:credentials|username or password|password|api[ _-]?key)\b|\b(?:login|access) denied\b/i,
    event: 'fetch_failed',
    category: 'credentials_invalid',
    confidence: 0.85,
    feed: 'identified',
    wording: 'documented',
    source: `${SEED}: "authentication failed" or "401"`,
  },
  {
    id: 'generic.tls.certificate',
    vendors: ALL,
    contains: ['certificate', 'unknown ca', 'sslerror', 'handshake', 'ssl connect', 'server identity', 'x509'],
    pattern:
      /certificate verif(?:y|ication) (?:failed|error)|CERTIFICATE_VERIFY_FAILED|SSL certificate problem|unable to (?:get|verify) (?:the first certificate|local issuer certificate)|self[- ]signed certificate|certificate (?:has )?expired|certificate (?:is )?not yet valid|certificate (?:is )?revoked|\bunknown ca\b|SSLError|SSL[ _]?handshake (?:failed|failure)|TLS handshake (?:failed|failure|error)|\bSSL connect error|server identity check failed|\bx509: /i,
    event: 'fetch_failed',
    category: 'tls_trust',
    confidence: 0.9,
    feed: 'identified',
    wording: 'documented',
    source: `${SEED}: "SSL certificate verification failed"; ${LIBCURL}; ${PYREQ}`,
  },
  {
    id: 'generic.dns.resolution',
    vendors: ALL,
    contains: ['resol', 'not known', 'servname', 'no address', 'nxdomain', 'dns', 'host not found', 'getaddrinfo', 'eai_again', 'enotfound'],
    pattern:
      /could ?n[o']t resolve (?:host|hostname|proxy)|cannot resolve host|unable to resolve|failed to resolve|NameResolutionError|name or service not known|(?:node|host)name nor servname|temporary failure in name resolution|no address associated with hostname|\bNXDOMAIN\b|DNS (?:query|lookup|resolution|resolve) (?:failed|failure|error|timed out)|DNS query name does not exist|resolving timed out|\bhost not found\b|getaddrinfo|\bEAI_AGAIN\b|\bENOTFOUND\b/i,
    event: 'fetch_failed',
    category: 'dns_failure',
    confidence: 0.9,
    feed: 'identified',
    wording: 'documented',
    source: `${SEED}: "Could not resolve host"; ${LIBCURL}; ${PYREQ}`,
  },
  {
    id: 'generic.format.invalid',
    vendors: ALL,
    contains: ['invalid', 'format', 'content', 'valid', 'entries', 'lines', 'mime', 'parse'],
    pattern:
      /invalid (?:format|content|entries|entry|list|file|data)|(?:bad|unexpected|unsupported|wrong) (?:format|content[ -]type)|no valid (?:entries|lines|ip|addresses)|\b(?:0|zero|no) (?:valid )?(?:entries|lines) (?:parsed|found|loaded)|content[ -]type mismatch|mime[ -]?type|failed to parse|parse error/i,
    event: 'fetch_failed',
    category: 'invalid_format',
    confidence: 0.75,
    feed: 'identified',
    wording: 'documented',
    source: `${SEED}: "invalid format"; DESIGN.md taxonomy (zero entries, content type mismatch)`,
  },
  {
    id: 'generic.endpoint.server_error',
    vendors: ALL,
    contains: ['internal server error', 'bad gateway', 'unavailable', 'gateway time'],
    pattern: /\b5\d\d\b[\s:-]*(?:internal server error|bad gateway|service unavailable|gateway time-?out)|internal server error|bad gateway|service (?:temporarily )?unavailable|gateway time-?out/i,
    event: 'fetch_failed',
    category: 'endpoint_error',
    confidence: 0.85,
    feed: 'identified',
    wording: 'documented',
    source: 'HTTP 5xx reason phrases (RFC 9110); DESIGN.md taxonomy (endpoint answered 5xx)',
  },
  {
    id: 'generic.network.unreachable',
    vendors: ALL,
    contains: ['time', 'refused', 'no route', 'unreach', 'connect', 'proxy', '407', 'econn'],
    pattern:
      /timed? ?out\b|\btimeout\b|connection refused|no route to host|network is unreachable|host is unreachable|(?:failed|unable|could ?n[o']t) to connect|could ?n[o']t connect|connection (?:reset|aborted)|proxy (?:error|authentication required|connect)|ProxyError|\b407\b|\bE(?:CONNREFUSED|TIMEDOUT|HOSTUNREACH|NETUNREACH|CONNRESET)\b/i,
    event: 'fetch_failed',
    category: 'network_unreachable',
    confidence: 0.8,
    feed: 'identified',
    wording: 'documented',
    source: `${SEED}: "timeout", connection errors, proxy; ${LIBCURL}; ${PYREQ}`,
  },
  {
    id: 'generic.download.failed',
    vendors: ALL,
    contains: ['fail', 'could', 'unable', 'error', 'download'],
    pattern:
      /fail(?:ed|ure)? to (?:download|fetch|update|retrieve|refresh)|download(?:ing)? (?:failed|failure|error|FAIL)|could ?n[o']t (?:update|download|fetch|retrieve)|unable to (?:fetch|download|update|retrieve)|update (?:failed|failure)|refresh (?:failed|failure)|fetch(?:ing)? (?:failed|error)|error fetching/i,
    event: 'fetch_failed',
    category: 'download_failed',
    confidence: 0.7,
    feed: 'identified',
    wording: 'documented',
    source: `${SEED}: "failed to download"`,
  },
  {
    id: 'generic.download.succeeded',
    vendors: ALL,
    contains: ['succe'],
    pattern: /\b(?:successfully (?:updated|downloaded|fetched|refreshed|loaded)|(?:updated|downloaded|fetched|refreshed) successfully|refresh(?: job)? succe(?:ss|eded))\b/i,
    unless: /fail|error|unable/i,
    extract: /(?<entries>\d+)\s+(?:valid\s+)?(?:entries|lines|addresses|IPs?)\b/i,
    event: 'fetch_succeeded',
    confidence: 0.6,
    feed: 'identified',
    wording: 'constructed',
    source: 'common success wordings; no vendor source',
  },
];

export const GENERIC_TABLE: RuleTable = { tier: 'generic', title: 'Generic fallbacks (all vendors)', rules: GENERIC_RULES };
