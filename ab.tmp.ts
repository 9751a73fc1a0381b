import { parseSyslog } from './packages/syslog/src/index.js';
const L = [
  '<134>Jul  3 19:10:30 filterlog[72237]: 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,mss;sackOK;TS;nop;wscale',
  '<134>1 2021-07-03T19:10:14.578288-05:00 pfSense.example.com filterlog 72237 - - 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,32989,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49652,853,0,S,1818117648,,64240,,mss;sackOK;TS;nop;wscale',
  '<134>1 2026-09-07T02:05:17+00:00 OPNsense.internal filterlog 54555 - [meta sequenceId="418"] 71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block,in,4,0x0,,64,10370,0,DF,6,tcp,60,192.0.2.1,192.0.2.10,53170,22,0,S,879339721,,64240,,mss',
  '<14>Nov 30 16:09:33 PA-220 1,2021/11/11 15:42:44,007051000184334,DECRYPTION,0,2561,2021/11/11 15:42:44,81.2.69.145,81.2.69.144,81.2.69.145,81.2.69.144,intrazone-default,,,incomplete,vsys1,LAN,LAN,ethernet1/2,ethernet1/2,,2021/11/11 15:42:44,33288,1,49908,443',
];
const opts = { receivedAt: new Date('2026-03-13T12:00:00Z') };
for (let i = 0; i < 300_000; i++) for (const l of L) parseSyslog(l, opts);
const best = L.map(() => Infinity);
for (let r = 0; r < 15; r++) L.forEach((l, j) => { const n = 100_000; const t = process.hrtime.bigint(); for (let i = 0; i < n; i++) parseSyslog(l, opts); best[j] = Math.min(best[j]!, Number(process.hrtime.bigint() - t) / n); });
console.log(best.map((b) => b.toFixed(0)).join(' '));
