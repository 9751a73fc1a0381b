import type { VendorGuide } from './types.js';

/** PAN-OS: Objects → External Dynamic Lists. */
export const PANOS: VendorGuide = {
  vendor: 'panos',
  feedLocation: 'Objects → External Dynamic Lists',
  logLocation: 'Monitor → Logs → System, filtered on "External Dynamic List" (and (eventid eq edl-cli-auth-failure) or (eventid eq tls-edl-auth-failure))',
  refresh:
    'on PAN-OS, Objects → External Dynamic Lists → {feed} → Test Source URL, then Import Now (CLI: request system external-list refresh type ip name {feed})',
  showEntries: 'request system external-list show type ip name {feed} (PAN-OS CLI)',
  logForwarding: 'forward the System logs (Device → Log Settings → System: add the syslog server profile of pullwatch)',
  steps: {
    credentials_invalid: [
      'PAN-OS: Objects → External Dynamic Lists → {feed} → Client Authentication: enter the integration\'s username and password → OK, then Commit.',
      'Monitor → Logs → System with (eventid eq edl-cli-auth-failure) shows the client authentication failures of the list.',
    ],
    tls_trust: [
      'PAN-OS: Objects → External Dynamic Lists → {feed} → Certificate Profile: the profile must contain the CA chain of {host} (Device → Certificate Management → Certificate Profile; import the CA under Device → Certificate Management → Certificates if it is missing), then Commit.',
      'Monitor → Logs → System with (eventid eq tls-edl-auth-failure) gives the reason (certificate expired, revoked, CRL/OCSP timeout): for a CRL/OCSP timeout, let the firewall reach the revocation URLs or relax the profile\'s revocation checks.',
    ],
    dns_failure: [
      'PAN-OS: check the DNS servers (Device → Setup → Services) and the DNS service route (Device → Setup → Services → Service Route Configuration); from the CLI, ping host {host} must resolve it.',
    ],
    network_unreachable: [
      'PAN-OS fetches lists through the "External Dynamic Lists" service route (default: the management interface): Device → Setup → Services → Service Route Configuration. That interface must reach {host}:443, through the proxy of Device → Setup → Services → Proxy Server if one is needed.',
    ],
    download_failed: [
      'PAN-OS: Objects → External Dynamic Lists → {feed} → Test Source URL tells whether the firewall reaches the list; check the DNS servers and the "External Dynamic Lists" service route (Device → Setup → Services).',
    ],
    invalid_format: [
      'PAN-OS: Objects → External Dynamic Lists → {feed}: the type must be IP List and the Source exactly {url}; Test Source URL must succeed.',
    ],
    rule_removed_or_disabled: [
      'PAN-OS: Objects → External Dynamic Lists: recreate {feed} (Type IP List, Source {url}, Client Authentication with the integration\'s credentials, Check for updates every five minutes) if it was deleted.',
      'Policies → Security: the rule that blocks with {feed} must exist and be enabled (a disabled rule stops using the list); then Commit.',
    ],
    firewall_offline: ['PAN-OS: once it answers, check that {feed} is still under Objects → External Dynamic Lists and used by an enabled rule (Policies → Security).'],
    endpoint_error: [],
    unknown: [
      'PAN-OS: check that {feed} is present under Objects → External Dynamic Lists and used by an enabled rule in Policies → Security; Test Source URL tells whether the firewall can fetch it.',
      'Read Monitor → Logs → System, filtered on "External Dynamic List".',
    ],
  },
};
