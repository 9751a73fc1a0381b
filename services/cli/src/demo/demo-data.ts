import type { Integration, PullRecord } from '@pullwatch/core';

/**
 * A day (30 hours) in the life of four firewalls that pull their blocklist,
 * each of which stops for a different reason:
 * - fw-paris-01 (FortiGate): the credentials were refreshed in the Console 26 h ago and the
 *   firewall still sends the old ones: 401 to every pull, "Threat feed update failed … 401";
 * - opn-nancy-01 (OPNsense): its trust store lost the CA 27 h ago: every alias refresh fails
 *   with CERTIFICATE_VERIFY_FAILED and no request reaches the endpoint;
 * - pa-lyon-01 (PAN-OS): powered off 25 h ago: its syslog and its pulls stop together;
 * - pfs-lille-01 (pfSense): an admin deleted the URL-table alias 26 h ago; the firewall keeps
 *   logging traffic but never asks for the list again.
 * Times are relative to `now`; lines carry the headers each vendor sends.
 */
export interface DemoData {
  integrations: Integration[];
  pulls: PullRecord[];
  /** Syslog lines, oldest first. */
  syslog: string[];
  /** The cause each integration should get. */
  expected: Record<string, string>;
}

const HOUR = 3_600_000;
const MIN = 60_000;

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** ISO-8601 with a +01:00 offset, as a firewall in Paris writes it. */
const paris = (t: number) => new Date(t + HOUR).toISOString().replace('Z', '+01:00');
const bsd = (t: number) => {
  const d = new Date(t);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const panTime = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const fortiDate = (t: number) => {
  const d = new Date(t + HOUR);
  return `date=${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} time=${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

export function demoData(now: Date): DemoData {
  const end = Math.floor(now.getTime() / MIN) * MIN;
  const start = end - 30 * HOUR;
  const lines: Array<[number, string]> = [];
  const pulls: PullRecord[] = [];
  const ids = { forti: 'demo-fortigate-paris', opn: 'demo-opnsense-nancy', pan: 'demo-panos-lyon', pfs: 'demo-pfsense-lille' };
  const pull = (id: string, t: number, ip: string, status: number, agent: string) =>
    pulls.push({
      '@timestamp': new Date(t).toISOString(),
      integration: { id },
      source: { ip },
      http: { request: { method: 'GET' }, response: { status_code: status, ...(status === 200 ? { body: { bytes: 48_213 } } : {}) } },
      url: { path: `/v1/integrations/${id}/content` },
      user_agent: { original: agent },
    });
  let seq = 1;

  // FortiGate: refreshed credentials 26 h ago.
  const fortiBreak = end - 26 * HOUR;
  for (let t = start; t < end; t += 15 * MIN) {
    const ok = t < fortiBreak;
    pull(ids.forti, t, '203.0.113.9', ok ? 200 : 401, 'FortiGate/7.4');
    const ev = ok
      ? `logid="0100022220" type="event" subtype="system" level="information" vd="root" logdesc="Threat feed updated" status="success" msg="External resource CrowdSec_BL updated"`
      : `logid="0100022221" type="event" subtype="system" level="warning" vd="root" logdesc="Threat feed update failed" status="failed" msg="Failed to update external resource CrowdSec_BL" reason="HTTP 401 Unauthorized"`;
    lines.push([t + 2000, `<${ok ? 190 : 188}>${fortiDate(t + 2000)} devname="fw-paris-01" devid="FG100FTK19000001" eventtime=${BigInt(t + 2000) * 1_000_000n} tz="+0100" ${ev}`]);
  }
  for (let t = start; t < end; t += 5 * MIN) {
    lines.push([
      t,
      `<189>${fortiDate(t)} devname="fw-paris-01" devid="FG100FTK19000001" eventtime=${BigInt(t) * 1_000_000n} tz="+0100" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=192.0.2.${40 + ((t / MIN) % 50)} srcport=${50000 + ((t / MIN) % 9000)} srcintf="port1" dstip=198.51.100.10 dstport=443 dstintf="wan1" proto=6 action="accept" policyid=12 policyname="lan-out" service="HTTPS" duration=12 sentbyte=8311 rcvdbyte=26749 sentpkt=14 rcvdpkt=22`,
    ]);
  }

  // OPNsense: TLS trust broken 27 h ago; pulls stop reaching the endpoint.
  const opnBreak = end - 27 * HOUR;
  for (let t = start; t < end; t += HOUR) {
    const url = `https://admin.api.crowdsec.net/v1/integrations/${ids.opn}/content`;
    if (t < opnBreak) {
      pull(ids.opn, t, '198.51.100.45', 200, 'OPNsense');
      lines.push([t + 3000, `<165>1 ${paris(t + 3000)} opn-nancy-01 firewall 65115 - [meta sequenceId="${seq++}"] fetch alias url ${url} (lines: 14210)`]);
    } else {
      lines.push([
        t + 3000,
        `<163>1 ${paris(t + 3000)} opn-nancy-01 firewall 65115 - [meta sequenceId="${seq++}"] error fetching alias url ${url} (HTTPSConnectionPool(host='admin.api.crowdsec.net', port=443): Max retries exceeded with url: /v1/integrations/${ids.opn}/content (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1000)'))))`,
      ]);
    }
  }
  for (let t = start; t < end; t += 5 * MIN) {
    lines.push([
      t + 1000,
      `<134>1 ${paris(t + 1000)} opn-nancy-01 filterlog 76404 - [meta sequenceId="${seq++}"] 96,,,a5a4a52cb247a9d532d9e49588136184,vtnet0,match,pass,out,4,0x0,,64,${13000 + ((t / MIN) % 999)},0,DF,17,udp,72,192.0.2.53,9.9.9.9,${44000 + ((t / MIN) % 999)},53,52`,
    ]);
  }

  // PAN-OS: powered off 25 h ago (pulls and syslog stop together).
  const panDown = end - 25 * HOUR;
  for (let t = start; t < panDown; t += 5 * MIN) {
    pull(ids.pan, t, '198.51.100.7', 200, 'PAN-OS');
    const g = panTime(t);
    lines.push([
      t,
      `<14>${bsd(t)} pa-lyon-01 1,${g},013201000042,TRAFFIC,end,2816,${g},10.1.1.${20 + ((t / MIN) % 200)},203.0.113.5,198.51.100.7,203.0.113.5,allow-web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,fwd-all,${g},33421,1,${51000 + ((t / MIN) % 9000)},443,41822,443,0x400000,tcp,allow,5120,1840,3280,18,${g},11,any,,${7300000 + t / MIN},0x0,10.0.0.0-10.255.255.255,United States,,9,9,tcp-fin`,
    ]);
  }

  // pfSense: the URL-table alias deleted 26 h ago; traffic goes on, pulls stop.
  const pfsRemoved = end - 26 * HOUR;
  for (let t = start; t < pfsRemoved; t += HOUR) pull(ids.pfs, t, '192.0.2.216', 200, 'pfSense/2.7.2');
  lines.push([
    pfsRemoved,
    `<11>1 ${paris(pfsRemoved)} pfs-lille-01 php-fpm 389 - - /firewall_aliases.php: Configuration Change: admin@192.0.2.10 (Local Database): Deleted firewall alias CrowdSec_BL`,
  ]);
  for (let t = start; t < end; t += 5 * MIN) {
    lines.push([
      t + 4000,
      `<134>1 ${paris(t + 4000)} pfs-lille-01 filterlog 24923 - - 5,,,1000000103,igb0,match,block,in,4,0x0,,64,${2000 + ((t / MIN) % 999)},0,DF,6,tcp,60,203.0.113.${70 + ((t / MIN) % 100)},192.0.2.10,${51000 + ((t / MIN) % 999)},22,0,S,1937318393,,64240,,mss;sackOK;TS;nop;wscale`,
    ]);
  }

  const integrations: Integration[] = [
    { id: ids.forti, name: 'fw-paris-01', vendor: 'fortigate', devices: [{ hostname: 'fw-paris-01', serial: 'FG100FTK19000001' }], egress_ips: ['203.0.113.9'], feed: { name: 'CrowdSec_BL' } },
    { id: ids.opn, name: 'opn-nancy-01', vendor: 'opnsense', devices: [{ hostname: 'opn-nancy-01' }], egress_ips: ['198.51.100.45'], feed: { name: 'CrowdSec_BL' } },
    { id: ids.pan, name: 'pa-lyon-01', vendor: 'panos', devices: [{ hostname: 'pa-lyon-01', serial: '013201000042' }], egress_ips: ['198.51.100.7'], feed: { name: 'CrowdSec_BL' } },
    { id: ids.pfs, name: 'pfs-lille-01', vendor: 'pfsense', devices: [{ hostname: 'pfs-lille-01' }], egress_ips: ['192.0.2.216'], feed: { name: 'CrowdSec_BL' } },
  ];
  lines.sort((a, b) => a[0] - b[0]);
  return {
    integrations,
    pulls,
    syslog: lines.map(([, l]) => l),
    expected: { [ids.forti]: 'credentials_invalid', [ids.opn]: 'tls_trust', [ids.pan]: 'firewall_offline', [ids.pfs]: 'rule_removed_or_disabled' },
  };
}
