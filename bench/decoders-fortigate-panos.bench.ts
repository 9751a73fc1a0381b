/**
 * Decoder throughput for FortiGate and PAN-OS traffic lines (one core, synchronous decode only,
 * no syslog header parsing, no merge into the base document).
 *
 *   npm run build && node --import tsx bench/decoders-fortigate-panos.bench.ts [iterations]
 *
 * Prints one JSON line per case: bytes per line, lines/s, µs/line, and a calibration figure (a bare
 * `charCodeAt` pass over the same line) so results from different machines can be compared.
 */
import { decodeFortigate } from '../packages/decoders/src/fortigate/decode.js';
import { decodePanos } from '../packages/decoders/src/panos/decode.js';
import type { DecodeInput } from '../packages/decoders/src/types.js';

const FORTIGATE_TRAFFIC =
  'date=2024-05-10 time=11:37:47 devname="FGT60F" devid="FGT60FTK2209XXXX" logid="0000000013" type="traffic" ' +
  'subtype="forward" level="notice" vd="root" eventtime=1715340000123456789 tz="+0200" srcip=10.1.100.11 ' +
  'srcport=58012 srcintf="port1" dstip=23.59.154.35 dstport=443 dstintf="wan1" proto=6 action="accept" ' +
  'policyid=1 sentbyte=1188 rcvdbyte=1224';

const FORTIGATE_TRAFFIC_LONG =
  'date=2019-05-10 time=11:37:47 logid="0000000013" type="traffic" subtype="forward" level="notice" vd="vdom1" ' +
  'eventtime=1557513467369913239 srcip=10.1.100.11 srcport=58012 srcintf="port12" srcintfrole="undefined" ' +
  'dstip=23.59.154.35 dstport=80 dstintf="port11" dstintfrole="undefined" srccountry="Reserved" ' +
  'dstcountry="United States" sessionid=2995829 proto=6 action="close" policyid=1 policytype="policy" ' +
  'poluuid="c2d460aa-fe6f-51e8-9505-41b5117dfdd4" service="HTTP" trandisp="snat" transip=172.16.200.2 ' +
  'transport=58012 appid=34050 app="HTTP.BROWSER_Firefox" appcat="Web.Client" apprisk="elevated" ' +
  'applist="g-default" duration=116 sentbyte=1188 rcvdbyte=1224 sentpkt=17 rcvdpkt=16 utmaction="allow" ' +
  'countapp=1 osname="Ubuntu" mastersrcmac="a2:e9:00:ec:40:01" srcmac="a2:e9:00:ec:40:01" srcserver=0';

const PANOS_TRAFFIC =
  '1,2018/11/30 16:09:07,012801096514,TRAFFIC,end,2049,2018/11/30 16:09:07,192.168.15.207,175.16.199.1,' +
  '192.168.1.63,175.16.199.1,new_outbound_from_trust,,,apple-maps,vsys1,trust,untrust,ethernet1/2,ethernet1/1,' +
  'send_to_mac,2018/11/30 16:09:07,22751,1,55113,443,16418,443,0x400053,tcp,allow,7734,1758,5976,36,' +
  '2018/11/30 15:59:04,586,computer-and-internet-info,0,32091112,0x0,192.168.0.0-192.168.255.255,United States,' +
  '0,16,20,tcp-fin,0,0,0,0,,PA-220,from-policy,,,0,,0,,N/A,0,0,0,0';

interface Case {
  name: string;
  line: string;
  decode: (input: DecodeInput) => unknown;
  receivedAt: Date;
}

const CASES: Case[] = [
  { name: 'fortigate-traffic', line: FORTIGATE_TRAFFIC, decode: decodeFortigate, receivedAt: new Date('2024-05-10T10:00:00Z') },
  { name: 'fortigate-traffic-long', line: FORTIGATE_TRAFFIC_LONG, decode: decodeFortigate, receivedAt: new Date('2019-05-10T12:00:00Z') },
  { name: 'panos-traffic', line: PANOS_TRAFFIC, decode: decodePanos, receivedAt: new Date('2018-11-30T16:10:00Z') },
];

function calibrate(line: string, n: number): number {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < n; k++) for (let i = 0; i < line.length; i++) sink += line.charCodeAt(i);
  const ns = Number(process.hrtime.bigint() - t0) / n;
  if (sink === -1) console.log(sink);
  return ns;
}

function run(c: Case, n: number): void {
  const input: DecodeInput = { raw: c.line, message: c.line, header: { format: 'none' }, receivedAt: c.receivedAt };
  for (let i = 0; i < Math.min(n, 50_000); i++) c.decode(input);
  let kept = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if (c.decode(input) !== undefined) kept++;
  const ns = Number(process.hrtime.bigint() - t0) / n;
  console.log(
    JSON.stringify({
      case: c.name,
      bytes: c.line.length,
      iterations: kept,
      linesPerSecond: Math.round(1e9 / ns),
      microsPerLine: Number((ns / 1000).toFixed(2)),
      calibrationScanNs: Math.round(calibrate(c.line, Math.min(n, 200_000))),
    }),
  );
}

const iterations = Number(process.argv[2] ?? 300_000);
for (const c of CASES) run(c, iterations);
