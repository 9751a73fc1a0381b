/**
 * @pullwatch/diagnosis: the diagnosis engine. Pure functions, no I/O: evidence in (pull records
 * and classified firewall lines, gathered by an EvidenceSource), a ranked diagnosis out, with
 * the vendor's remediation. Rules, confidences and precedence: docs/diagnosis.md.
 */
export { diagnose, statusOf, DEFAULT_MAX_EXCERPTS, DEFAULT_SILENCE_MS, type DiagnoseOptions } from './diagnose.js';
export { rankCauses, LOG_WEIGHTS, PRE_REQUEST_CAUSES, PRECEDENCE, UNKNOWN_BELOW, MIN_ALTERNATIVE, type Candidate } from './rank.js';
export { factsOf, defaultFeedUrl, type Facts, type EndpointSignal, type LogSignal, type DeviceFacts } from './facts.js';
export { causeOfPullStatus, isFailedPull, type PullStatusCause } from './pull-status.js';
export { nextState, canTransition, isEpisodeState, VALID_TRANSITIONS } from './health-state.js';
export { VENDOR_LABELS, formatTime, formatDuration, stripCredentials } from './format.js';
export {
  VENDOR_GUIDES,
  FORTIGATE,
  PANOS,
  PFSENSE,
  PFBLOCKERNG,
  OPNSENSE,
  COMMON_BEFORE,
  COMMON_AFTER,
  COMMON_VERIFY,
  ENDPOINT_ERROR_VERIFY,
  guideFor,
  remediationFor,
  verifyFor,
  fill,
  type RemediationContext,
  type VendorGuide,
  type StepsByCause,
} from './remediation/index.js';
