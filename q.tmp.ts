import { parseSyslog } from './packages/syslog/src/index.js';
import { redactString } from './packages/redact/src/index.js';
const lines = [
  '<134>Jul  3 19:10:30 filterlog[72237]: 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,mss;sackOK;TS;nop;wscale',
  '<134>1 2026-09-07T02:05:17+00:00 OPNsense.internal filterlog 54555 - [meta sequenceId="418"] 71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block,in,4,0x0,,64,10370,0,DF,6,tcp,60,192.0.2.1,192.0.2.10,53170,22,0,S,879339721,,64240,,mss;sackOK;TS;nop;wscale',
  '<14>Nov 30 16:09:33 PA-220 1,2021/11/11 15:42:44,007051000184334,DECRYPTION,0,2561,2021/11/11 15:42:44,81.2.69.145,81.2.69.144,81.2.69.145,81.2.69.144,intrazone-default,,,incomplete,vsys1,LAN,LAN,ethernet1/2,ethernet1/2,,2021/11/11 15:42:44,33288,1,49908,443',
  '<189>date=2024-07-19 time=11:08:59 devname="FGT60E" devid="FGT60E0000000000" eventtime=1721380139123456789 tz="+0200" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.0.1 srcport=5353 dstip=1.1.1.1 dstport=53 action="accept"',
];
for (const tz of [undefined, 'Europe/Paris']) for (const l of lines) {
  const opts = tz ? { receivedAt: new Date(), timezone: tz } : { receivedAt: new Date() };
  for (let i = 0; i < 200000; i++) parseSyslog(l, opts);
  const n = 1_000_000; const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) parseSyslog(l, opts);
  console.log(tz ?? 'UTC', l.slice(0, 12), Number(process.hrtime.bigint() - t) / n, 'ns');
}
for (const l of lines) { const n = 1_000_000; const t = process.hrtime.bigint(); for (let i = 0; i < n; i++) redactString(l); console.log('redact', l.slice(0,12), Number(process.hrtime.bigint() - t) / n, 'ns'); }
