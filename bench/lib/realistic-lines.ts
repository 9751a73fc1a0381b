/**
 * Realistic syslog lines per vendor for benchmarks: mostly traffic (as on a real
 * firewall), with a share of event lines. Values vary (addresses, ports, byte
 * counts) so that no cache of a single line flatters the figures. Deterministic:
 * the same seed gives the same lines.
 */
export type BenchVendor = 'fortigate' | 'panos' | 'pfsense' | 'opnsense';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function realisticLines(vendor: BenchVendor, count: number, seed = 42, trafficShare = 0.9): string[] {
  const r = rng(seed);
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const ip4 = (net: string) => `${net}.${int(1, 254)}`;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const traffic = r() < trafficShare;
    const sec = String(i % 60).padStart(2, '0');
    switch (vendor) {
      case 'fortigate':
        out.push(
          traffic
            ? `<189>date=2026-11-26 time=10:00:${sec} devname="fgt-par-01" devid="FGT60F0000000001" eventtime=${1795687200000000000n + BigInt(i) * 1000000n} tz="+0100" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=${ip4('10.1.20')} srcport=${int(1024, 65535)} srcintf="port1" srcintfrole="lan" dstip=${ip4('198.51.100')} dstport=${[443, 80, 53, 22][int(0, 3)]} dstintf="wan1" dstintfrole="wan" sessionid=${int(1e6, 9e6)} proto=${[6, 17][int(0, 1)]} action="${['accept', 'close', 'deny'][int(0, 2)]}" policyid=${int(1, 40)} policytype="policy" service="HTTPS" trandisp="snat" transip=203.0.113.9 transport=${int(1024, 65535)} duration=${int(1, 300)} sentbyte=${int(100, 99999)} rcvdbyte=${int(100, 999999)} sentpkt=${int(1, 99)} rcvdpkt=${int(1, 999)} appcat="unscanned"`
            : `<189>date=2026-11-26 time=10:00:${sec} devname="fgt-par-01" devid="FGT60F0000000001" eventtime=${1795687200000000000n + BigInt(i) * 1000000n} tz="+0100" logid="0100032001" type="event" subtype="system" level="information" vd="root" logdesc="Admin login successful" sn="${int(1e9, 9e9)}" user="admin" ui="https(${ip4('10.1.1')})" method="https" srcip=${ip4('10.1.1')} dstip=10.1.1.1 action="login" status="success" reason="none" profile="super_admin" msg="Administrator admin logged in successfully from https(10.1.1.5)"`,
        );
        break;
      case 'panos':
        out.push(
          traffic
            ? `<14>Nov 26 10:00:${sec} pa-edge-01 1,2026/11/26 10:00:${sec},013201000001,TRAFFIC,end,2816,2026/11/26 10:00:${sec},${ip4('10.2.30')},${ip4('198.51.100')},203.0.113.5,${ip4('198.51.100')},allow-web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,fwd-all,2026/11/26 10:00:${sec},${int(1e4, 9e4)},1,${int(1024, 65535)},443,${int(1024, 65535)},443,0x400000,tcp,allow,${int(100, 99999)},${int(100, 9999)},${int(100, 99999)},${int(1, 99)},2026/11/26 09:59:55,${int(1, 300)},any,,${int(1e6, 9e6)},0x0,10.0.0.0-10.255.255.255,United States,,${int(1, 50)},${int(1, 50)},tcp-fin,0,0,0,0,,pa-edge-01,from-policy,,,0,,0,,N/A,0,0,0,0`
            : `<14>Nov 26 10:00:${sec} pa-edge-01 1,2026/11/26 10:00:${sec},013201000001,SYSTEM,general,2816,2026/11/26 10:00:${sec},,general,,0,0,general,informational,"User admin logged in via Web from ${ip4('10.2.1')} using https",${int(1e5, 9e5)},0x0,0,0,0,0,,pa-edge-01`,
        );
        break;
      case 'pfsense':
        out.push(
          traffic
            ? `<134>Nov 26 10:00:${sec} filterlog[24923]: ${int(1, 90)},,,1000000103,igb0,match,${['block', 'pass'][int(0, 1)]},in,4,0x0,,64,${int(1, 65535)},0,DF,6,tcp,60,${ip4('203.0.113')},192.0.2.10,${int(1024, 65535)},${[22, 443, 3389][int(0, 2)]},0,S,${int(1e8, 4e9)},,64240,,mss;sackOK;TS;nop;wscale`
            : `<38>Nov 26 10:00:${sec} php-fpm[${int(100, 9999)}]: /index.php: Successful login for user 'admin' from: ${ip4('10.3.1')} (Local Database)`,
        );
        break;
      case 'opnsense':
        out.push(
          traffic
            ? `<134>1 2026-11-26T10:00:${sec}.412206+01:00 opnsense-hq.example.net filterlog ${int(1000, 99999)} - [meta sequenceId="${i}"] ${int(1, 200)},,,a5a4a52cb247a9d532d9e49588136184,vtnet0,match,pass,out,4,0x0,,64,${int(1, 65535)},0,DF,17,udp,72,${ip4('192.0.2')},9.9.9.9,${int(1024, 65535)},53,52`
            : `<165>1 2026-11-26T10:00:${sec}+01:00 opnsense-hq.example.net configd.py ${int(100, 9999)} - [meta sequenceId="${i}"] [${int(1e7, 9e7)}-aaaa-bbbb] refresh url table aliases`,
        );
        break;
    }
  }
  return out;
}
