import type { StepsByCause } from './types.js';

/**
 * Steps that do not depend on the vendor and come before the vendor's (troubleshooting guide
 * "Firewall Integration Offline": regenerate the credentials first, check power first, ...).
 */
export const COMMON_BEFORE: StepsByCause = {
  credentials_invalid: [
    'If you no longer have the current credentials, issue new ones: CrowdSec Console → Blocklists → Integrations → select the integration ({integration}) → Configuration → Refresh Credentials, and copy them (the old credentials stop working at once).',
  ],
  download_failed: ['The firewall gets no HTTP answer and its log does not say why: check DNS, then the network path, then TLS trust.'],
  endpoint_error: ['Nothing to change on the firewall: the endpoint itself failed (5xx). The firewall keeps its last list meanwhile.'],
  rule_removed_or_disabled: ['Check who changed it and why (see the configuration-change lines above) before restoring it.'],
  firewall_offline: [
    'Check that the firewall is powered on (for a virtual firewall, that its VM is running), and its cables and interfaces.',
    'If its management address does not answer, connect through the console (or KVM), check the management interface address and the default gateway.',
  ],
  unknown: [
    'Check that the feed still exists and is enabled, with the URL {url}.',
    "Check the credentials: curl -I -u '<username>:<password>' {url} from a host near the firewall must answer 200.",
    'Check connectivity from the firewall: nslookup {host}, then curl -I https://{host}/ (outbound TCP 443, proxy if any).',
  ],
};

/**
 * Steps that do not depend on the vendor and follow the vendor's (curl / nslookup checks,
 * outbound 443, proxy, CA trust).
 */
export const COMMON_AFTER: StepsByCause = {
  credentials_invalid: [
    "Check them from a host near the firewall: curl -I -u '<username>:<password>' {url} must answer 200, not 401 Unauthorized or 403 Forbidden.",
  ],
  tls_trust: [
    'From a host on the firewall\'s network, curl -v https://{host}/ shows the certificate chain: if it is issued by a TLS-inspecting proxy rather than a public CA, exempt {host} from inspection or make the firewall trust that proxy\'s CA.',
    "Keep the firewall's CA certificates up to date (firmware updates carry them); turn certificate verification off only to test, then fix the trust properly.",
  ],
  dns_failure: [
    'nslookup {host} (or dig {host}) from the firewall or a nearby host must return addresses.',
    'If it fails, point the firewall to resolvers that work (temporarily a public one such as 1.1.1.1 or 8.8.8.8), and check that no DNS filter (for example a DNSBL) blocks {host}.',
  ],
  network_unreachable: [
    'Allow outbound HTTPS (TCP 443) from the firewall itself to {host}: no egress rule may block it and a route must exist; curl -I https://{host}/ must answer.',
    'If outbound traffic has to go through a proxy, configure the proxy on the firewall and test it: curl -x <proxy-host>:<port> -I https://{host}/.',
  ],
  download_failed: [
    'DNS: nslookup {host} from the firewall or a nearby host must return addresses.',
    'Network: outbound HTTPS (TCP 443) from the firewall to {host} must be allowed (curl -I https://{host}/; through the proxy if one is needed: curl -x <proxy-host>:<port> -I https://{host}/).',
    'TLS: the firewall must trust the CA of {host} (curl -v https://{host}/ shows the chain; a TLS-inspecting proxy on the way re-signs it).',
  ],
  invalid_format: [
    'The URL configured on the firewall must be exactly {url}, with the integration\'s credentials.',
    'In CrowdSec Console → Blocklists → Integrations, check that the integration ({integration}) was created for this type of firewall, so that it serves a list the firewall can read.',
  ],
  endpoint_error: [
    'If it lasts, contact CrowdSec support from the Console with the integration id ({integration}) and the times above.',
  ],
  rule_removed_or_disabled: [
    'Restore it with the URL {url} and the integration\'s credentials (CrowdSec Console → Blocklists → Integrations → Configuration → Refresh Credentials if you no longer have them).',
  ],
  firewall_offline: ['Once it is reachable, trigger a manual update of the blocklist (see below) and watch its logs for a successful update.'],
};

/** How to check that the fix worked, for every vendor; `{refresh}` and `{show}` come from the vendor. */
export const COMMON_VERIFY: readonly string[] = [
  'Trigger a manual refresh: {refresh}.',
  'Within a few minutes the endpoint should record a 200 pull from {egress}; pullwatch then resolves the alert by itself on its next run.',
  'CrowdSec Console → Blocklists → Integrations shows the Last Pull time updated to a few minutes ago.',
  '{show} lists the blocklist\'s addresses.',
];

/** For endpoint errors there is nothing to refresh on purpose: the next scheduled pull tells. */
export const ENDPOINT_ERROR_VERIFY: readonly string[] = [
  'A 200 pull from {egress} at the next scheduled pull (or after a manual refresh: {refresh}) shows the endpoint recovered; pullwatch then resolves the alert by itself.',
  'CrowdSec Console → Blocklists → Integrations shows the Last Pull time updated.',
];
