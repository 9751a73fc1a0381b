// @ts-check
/**
 * Names shown on the page. Deliberate twins of the taxonomy in packages/core
 * (`ROOT_CAUSES` in diagnosis.ts, `vendorSchema` in integration.ts): the page has no build
 * step to import them. test/unit/api/page.test.ts fails when the lists drift apart.
 * No DOM here: Node imports this module in that test.
 */

/** Firewall vendors, in the order of the filter. */
export const VENDORS = /** @type {const} */ ({
  fortigate: 'FortiGate',
  panos: 'PAN-OS',
  pfsense: 'pfSense',
  opnsense: 'OPNsense',
});

/** Root causes, in the order of the taxonomy. */
export const CAUSES = /** @type {const} */ ({
  credentials_invalid: 'Credentials invalid',
  tls_trust: 'TLS trust',
  dns_failure: 'DNS failure',
  network_unreachable: 'Network unreachable',
  invalid_format: 'Invalid format',
  endpoint_error: 'Endpoint error',
  rule_removed_or_disabled: 'Rule removed or disabled',
  firewall_offline: 'Firewall offline',
  download_failed: 'Download failed',
  unknown: 'Unknown',
});

/** Integration states of GET /v1/status, worst first. */
export const STATES = /** @type {const} */ ({
  offline: 'Offline',
  degraded: 'Degraded',
  pulling: 'Pulling',
});

/**
 * @param {Record<string, string>} names
 * @param {string | undefined} key
 */
export const labelOf = (names, key) => (key !== undefined && Object.hasOwn(names, key) ? names[key] : key ?? '');
