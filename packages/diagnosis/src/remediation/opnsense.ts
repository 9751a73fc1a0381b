import type { VendorGuide } from './types.js';

/** OPNsense: Firewall → Aliases, type URL Table (IPs) (`update_tables.py`, process `firewall`). */
export const OPNSENSE: VendorGuide = {
  vendor: 'opnsense',
  feedLocation: 'Firewall → Aliases (type URL Table (IPs))',
  logLocation: 'Firewall → Log Files → General, process "firewall" ("fetch alias url", "error fetching alias url")',
  refresh: 'on OPNsense, run configctl filter refresh_aliases from the shell (the log then shows "fetch alias url … (lines: N)")',
  showEntries: 'Firewall → Diagnostics → Aliases → {feed} (OPNsense)',
  logForwarding: 'send the firewall application\'s log to pullwatch (System → Settings → Logging → Remote)',
  steps: {
    credentials_invalid: [
      'OPNsense: Firewall → Aliases → edit {feed}: enter the integration\'s username and password in the alias\'s authentication fields, or, on releases without them, put them in the URL: https://<username>:<password>@{host}{path} → Save → Apply.',
    ],
    tls_trust: [
      'OPNsense: System → Trust → Authorities: add the CA that issued the certificate of {host} (or that of a TLS-inspecting proxy on the way) so that it is in the trust store; the log line\'s CERTIFICATE_VERIFY_FAILED names the missing issuer.',
    ],
    dns_failure: ['OPNsense: check System → Settings → General → DNS servers, then Interfaces → Diagnostics → DNS Lookup of {host}.'],
    network_unreachable: [
      'OPNsense: from the shell, curl -I https://{host}/ must answer; check the outbound rules and the gateway (System → Gateways), and the proxy if outbound HTTP has to use one.',
    ],
    download_failed: ['OPNsense: the full error is in Firewall → Log Files → General (process "firewall", "error fetching alias url").'],
    invalid_format: [
      'OPNsense: Firewall → Aliases → {feed}: type URL Table (IPs) and content exactly {url}. An answer that is not a list of addresses (HTML, JSON) shows as DNS errors "… [for {feed}]", one per token of the answer.',
    ],
    rule_removed_or_disabled: [
      'OPNsense: Firewall → Aliases: add {feed} again (type URL Table (IPs), content {url}, the integration\'s credentials) or enable it, then Apply.',
      'Firewall → Rules: the rule that blocks with {feed} must exist and be enabled → Apply.',
    ],
    firewall_offline: ['OPNsense: once it answers, check that the alias {feed} is still present and enabled under Firewall → Aliases.'],
    endpoint_error: [],
    unknown: ['OPNsense: check that the alias {feed} exists and is enabled under Firewall → Aliases, and read Firewall → Log Files → General (process "firewall").'],
  },
};
