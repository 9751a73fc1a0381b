import type { VendorGuide } from './types.js';

/** pfSense: Firewall → Aliases → URLs (URL Table (IPs) alias, `/etc/rc.update_urltables`). */
export const PFSENSE: VendorGuide = {
  vendor: 'pfsense',
  feedLocation: 'Firewall → Aliases → URLs (URL Table (IPs) alias)',
  logLocation: 'Status → System Logs → System → General (lines of /etc/rc.update_urltables); Status → System Logs → Firewall shows the connections blocked',
  refresh: 'on pfSense, Diagnostics → Tables → {feed} → Update (shell: /etc/rc.update_urltables now forceupdate)',
  showEntries: 'Diagnostics → Tables → {feed} (pfSense)',
  logForwarding:
    'send the system log to pullwatch (Status → System Logs → Settings → Remote Logging Options, with System Events), preferably in RFC 5424 format so the lines carry the host name',
  steps: {
    credentials_invalid: [
      'pfSense: aliases have no credential fields: put the credentials in the URL, https://<username>:<password>@{host}{path} (Firewall → Aliases → URLs → edit {feed}) → Save → Apply Changes.',
    ],
    tls_trust: [
      'pfSense: when System → Advanced → Firewall & NAT → "Check certificate of aliases URLs" is on, the CA of {host} must be trusted: System → Certificates → Authorities (Cert. Manager → CAs on older releases) → add it with "Add this Certificate Authority to the Operating System Trust Store".',
    ],
    dns_failure: [
      'pfSense: check System → General Setup → DNS Servers, then Diagnostics → DNS Lookup of {host}.',
    ],
    network_unreachable: [
      'pfSense: Diagnostics → Test Port to {host} port 443 must connect; check the default gateway (System → Routing) and, if outbound traffic needs a proxy, System → Advanced → Miscellaneous → Proxy Support.',
    ],
    download_failed: [
      'pfSense URL tables log "status code 0" for TLS, DNS, timeout and refused connections alike: Diagnostics → DNS Lookup of {host}, Diagnostics → Test Port to {host}:443, and the CA trust (System → Certificates → Authorities) tell them apart.',
    ],
    invalid_format: [
      'pfSense: Firewall → Aliases → URLs → {feed}: the type must be URL Table (IPs) and the URL {url} (credentials in the URL); Diagnostics → Tables → {feed} shows what was loaded.',
    ],
    rule_removed_or_disabled: [
      'pfSense: Firewall → Aliases → URLs → Add: Type URL Table (IPs), URL https://<username>:<password>@{host}{path}, name {feed} → Save → Apply Changes.',
      'Firewall → Rules: the rule that blocks with {feed} must exist and be enabled → Apply Changes.',
    ],
    firewall_offline: ['pfSense: once it answers, check that the alias {feed} is still under Firewall → Aliases → URLs and used by an enabled rule (Firewall → Rules).'],
    endpoint_error: [],
    unknown: [
      'pfSense: check that the alias {feed} exists under Firewall → Aliases → URLs and is used by an enabled rule (Firewall → Rules); read Status → System Logs → System → General for /etc/rc.update_urltables lines.',
    ],
  },
};

/** pfBlockerNG on pfSense: Firewall → pfBlockerNG → IP. Logs to files, not syslog. */
export const PFBLOCKERNG: VendorGuide = {
  vendor: 'pfsense',
  feedLocation: 'Firewall → pfBlockerNG → IP → IPv4',
  logLocation: 'Firewall → pfBlockerNG → Logs (pfblockerng.log, error.log)',
  refresh: 'on pfSense, Firewall → pfBlockerNG → Update → Force: Update → Run',
  showEntries: 'Firewall → pfBlockerNG → Reports → Alerts, or Diagnostics → Tables → pfB_{feed}',
  logForwarding: 'ship /var/log/pfblockerng/pfblockerng.log and error.log to pullwatch (pfBlockerNG writes its download results to files, not to syslog)',
  steps: {
    credentials_invalid: [
      'pfBlockerNG: Firewall → pfBlockerNG → IP → IPv4 → edit the list → the source of {feed} must be https://<username>:<password>@{host}{path} → Save.',
    ],
    tls_trust: [
      'pfBlockerNG verifies the certificate of {host} against the system CA store: add the CA under System → Certificates → Authorities ("Add this Certificate Authority to the Operating System Trust Store") when a TLS-inspecting device re-signs it; the "Flex" state of the source only downgrades TLS settings.',
    ],
    dns_failure: ['pfBlockerNG: check System → General Setup → DNS Servers, Diagnostics → DNS Lookup of {host}, and that DNSBL does not block {host}.'],
    network_unreachable: [
      'pfBlockerNG: Diagnostics → Test Port to {host} port 443 must connect; error.log says when a pfBlockerNG or IDS block list blocks the endpoint\'s address itself.',
    ],
    download_failed: ['pfBlockerNG: Firewall → pfBlockerNG → Logs → error.log gives the curl error of each failed download.'],
    invalid_format: ['pfBlockerNG: the source of {feed} must be {url}; a "Failed or invalid Mime Type" line means the answer was not a list.'],
    rule_removed_or_disabled: [
      'pfBlockerNG: Firewall → pfBlockerNG → IP → IPv4: add the source {url} (with the credentials in the URL) again, set the list\'s State to ON and its Action to Deny, then run Update.',
    ],
    firewall_offline: ['pfBlockerNG: once it answers, check that the list is still ON under Firewall → pfBlockerNG → IP → IPv4.'],
    endpoint_error: [],
    unknown: ['pfBlockerNG: check that the list is ON under Firewall → pfBlockerNG → IP → IPv4 and read Firewall → pfBlockerNG → Logs → error.log.'],
  },
};
