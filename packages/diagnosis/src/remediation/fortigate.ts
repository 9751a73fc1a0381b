import type { VendorGuide } from './types.js';

/** FortiGate: Security Fabric → External Connectors → Threat Feeds (`config system external-resource`). */
export const FORTIGATE: VendorGuide = {
  vendor: 'fortigate',
  feedLocation: 'Security Fabric → External Connectors → Threat Feeds',
  logLocation: 'Log & Report → System Events, filtered on "Threat Feed" (logid 0100022221 update failed, 0100022220 updated)',
  refresh:
    'on the FortiGate, open the threat feed {feed} in Security Fabric → External Connectors → Threat Feeds and refresh it (its connection status turns green); on the CLI, diagnose debug application forticron -1 then diagnose debug enable shows the fetch as it happens',
  showEntries: 'Security Fabric → External Connectors → Threat Feeds → {feed} → View Entries (or diagnose sys external-resource stats on the CLI)',
  logForwarding: 'forward the system event logs (Log & Report → Log Settings → Event Logging: System activity event) to pullwatch',
  steps: {
    credentials_invalid: [
      'FortiGate: Security Fabric → External Connectors → Threat Feeds → edit {feed} → HTTP basic authentication: enter the integration\'s username and password → OK (CLI: config system external-resource / edit "{feed}" / set username <username> / set password <password> / end).',
    ],
    tls_trust: [
      'FortiGate: the feed checks the endpoint\'s certificate as set by server-identity-check (config system external-resource / edit "{feed}" / show): the CA that issued the certificate of {host} must be trusted by the FortiGate (System → Certificates; import it as a remote CA when a TLS-inspecting device on the way re-signs it).',
      'For a test only, set server-identity-check none on the feed tells whether TLS trust is the only problem; set it back afterwards.',
      'Log & Report → System Events, filtered on "Threat Feed", shows the reason of each failed update.',
    ],
    dns_failure: [
      'FortiGate: check the DNS servers under Network → DNS, then resolve the endpoint from the CLI: execute ping {host}.',
    ],
    network_unreachable: [
      'FortiGate: execute telnet {host} 443 from the CLI must connect; traffic the FortiGate sends itself must be allowed and routed towards {host}:443 (the feed\'s source-ip / interface-select-method settings pick the interface it leaves by).',
    ],
    download_failed: [
      'FortiGate: from the CLI, execute ping {host} (DNS) and execute telnet {host} 443 (network); diagnose debug application forticron -1 with diagnose debug enable shows the fetch error.',
    ],
    invalid_format: [
      'FortiGate: Security Fabric → External Connectors → Threat Feeds → edit {feed}: the type must be IP Address and the URI of external resource exactly {url}; diagnose sys external-resource stats shows total, valid and error lines.',
    ],
    rule_removed_or_disabled: [
      'FortiGate: Security Fabric → External Connectors → Threat Feeds: recreate the IP Address threat feed {feed} (URI {url}, HTTP basic authentication on) or enable it again (CLI: config system external-resource / edit "{feed}" / set status enable / end).',
      'Policy & Objects → Firewall Policy: the policies that blocked with it must reference it again.',
    ],
    firewall_offline: ['FortiGate: once it answers, check that the threat feed {feed} is still present and enabled under Security Fabric → External Connectors → Threat Feeds.'],
    endpoint_error: [],
    unknown: [
      'FortiGate: check that the threat feed {feed} is present and enabled under Security Fabric → External Connectors → Threat Feeds, and read Log & Report → System Events filtered on "Threat Feed".',
      'From the CLI: execute ping {host}, then execute telnet {host} 443.',
    ],
  },
};
