/**
 * @pullwatch/classifier: sets `pullwatch.feed.*` and `pullwatch.root_cause.*` on decoded events
 * that concern an external IP blocklist feed (FortiGate threat feeds, PAN-OS EDLs, pfSense URL
 * tables and pfBlockerNG, OPNsense URL table aliases). Rules are data (rules/*.ts); the rule
 * table is documented in docs/classifier-rules.md.
 */
export {
  classify,
  classifyDocument,
  createClassifier,
  DEFAULT_ENDPOINT_HOSTS,
  type Classifier,
  type ClassifierOptions,
  type FeedClassification,
} from './classify.js';
export { FeedIdentifier, MECHANISM_WORDS, urlKey, type FeedIdentification, type KnownFeed } from './feed-identification.js';
export { createPrecheck, precheck, FEED_PROGRAMS, FORTIGATE_FEED_LOGIDS, type Precheck, type PrecheckOptions } from './precheck.js';
export { lineFacts, urlSpans, type LineFacts } from './line-facts.js';
export { CURL_ERRNO_CAUSES, HTTP_STATUS_CAUSES, causeOfCurlErrno, causeOfHttpStatus, type MappedCause } from './mappings.js';
export * from './rules/index.js';
export * from './taxonomy.js';
