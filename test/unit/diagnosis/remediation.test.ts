import { describe, expect, it } from 'vitest';
import { ROOT_CAUSES, type FirewallVendor } from '@pullwatch/core';
import { guideFor, PFBLOCKERNG, remediationFor, VENDOR_GUIDES, verifyFor, type RemediationContext } from '@pullwatch/diagnosis';

const VENDORS: FirewallVendor[] = ['fortigate', 'panos', 'pfsense', 'opnsense'];
const ctx = (vendor: FirewallVendor, cause: RemediationContext['cause'], pfblockerng = false): RemediationContext => ({
  vendor,
  cause,
  integrationId: 'int-1',
  feed: 'CrowdSec_BL',
  url: 'https://admin.api.crowdsec.net/v1/integrations/int-1/content',
  host: 'admin.api.crowdsec.net',
  path: '/v1/integrations/int-1/content',
  egress: '203.0.113.9',
  pfblockerng,
});

/** The menu paths of the troubleshooting guide, per vendor. */
const FEED_MENUS: Record<FirewallVendor, string> = {
  fortigate: 'Security Fabric → External Connectors → Threat Feeds',
  panos: 'Objects → External Dynamic Lists',
  pfsense: 'Firewall → Aliases',
  opnsense: 'Firewall → Aliases',
};

describe('diagnosis > remediation tables', () => {
  it('has steps for every vendor and cause, with every placeholder filled', () => {
    for (const vendor of VENDORS) {
      for (const cause of ROOT_CAUSES) {
        for (const pfb of vendor === 'pfsense' ? [false, true] : [false]) {
          const steps = remediationFor(ctx(vendor, cause, pfb));
          const verify = verifyFor(ctx(vendor, cause, pfb));
          expect(steps.length, `${vendor} ${cause}`).toBeGreaterThan(0);
          expect(verify.length).toBeGreaterThan(1);
          expect([...steps, ...verify].join('\n')).not.toMatch(/\{[a-z]+\}/);
        }
      }
    }
  });

  it('names the vendor menu where the feed lives for configuration causes', () => {
    for (const vendor of VENDORS) {
      for (const cause of ['credentials_invalid', 'rule_removed_or_disabled', 'invalid_format'] as const) {
        expect(remediationFor(ctx(vendor, cause)).join(' '), `${vendor} ${cause}`).toContain(FEED_MENUS[vendor]);
      }
    }
  });

  it('starts credential fixes with the Console, then the firewall field, then a curl check', () => {
    const steps = remediationFor(ctx('panos', 'credentials_invalid'));
    expect(steps[0]).toContain('Console → Blocklists → Integrations → select the integration (int-1) → Configuration → Refresh Credentials');
    expect(steps[1]).toContain('Client Authentication');
    expect(steps.at(-2)).toContain("curl -I -u '<username>:<password>' https://admin.api.crowdsec.net/v1/integrations/int-1/content");
  });

  it('gives the network checks of the guide: nslookup, outbound 443, proxy, CA trust', () => {
    expect(remediationFor(ctx('opnsense', 'dns_failure')).join(' ')).toContain('nslookup admin.api.crowdsec.net');
    const net = remediationFor(ctx('fortigate', 'network_unreachable')).join(' ');
    expect(net).toContain('execute telnet admin.api.crowdsec.net 443');
    expect(net).toContain('curl -x <proxy-host>:<port> -I https://admin.api.crowdsec.net/');
    expect(remediationFor(ctx('pfsense', 'tls_trust')).join(' ')).toContain('Check certificate of aliases URLs');
  });

  it('says where each vendor logs the feed, and how to refresh it by hand', () => {
    expect(VENDOR_GUIDES.fortigate.logLocation).toContain('Log & Report → System Events');
    expect(VENDOR_GUIDES.panos.logLocation).toContain('Monitor → Logs → System');
    expect(VENDOR_GUIDES.pfsense.logLocation).toContain('Status → System Logs');
    expect(VENDOR_GUIDES.opnsense.logLocation).toContain('Log Files');
    expect(verifyFor(ctx('panos', 'tls_trust'))[0]).toContain('request system external-list refresh type ip name CrowdSec_BL');
    expect(verifyFor(ctx('pfsense', 'tls_trust'))[0]).toContain('/etc/rc.update_urltables now forceupdate');
    expect(verifyFor(ctx('opnsense', 'tls_trust'))[0]).toContain('configctl filter refresh_aliases');
    expect(guideFor('pfsense', true)).toBe(PFBLOCKERNG);
    expect(guideFor('fortigate', true)).toBe(VENDOR_GUIDES.fortigate);
  });

  it('does not ask to change the firewall for an endpoint error', () => {
    const steps = remediationFor(ctx('fortigate', 'endpoint_error'));
    expect(steps[0]).toMatch(/^Nothing to change on the firewall/);
    expect(verifyFor(ctx('fortigate', 'endpoint_error'))[0]).toContain('next scheduled pull');
  });
});
