import { parseSyslog } from './packages/syslog/src/index.js';
const lines = ['<134>1 2026-09-07T02:05:17+00:00 OPNsense.internal filterlog 54555 - [meta sequenceId="418"] 71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block',
'<134>Jul  3 19:10:30 filterlog[72237]: 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617',
'<14>Nov 30 16:09:33 PA-220 1,2021/11/11 15:42:44,007051000184334,DECRYPTION,0,2561,2021/11/11 15:42:44,81.2.69.145',
'<189>date=2024-07-19 time=11:08:59 devname="FGT60E" devid="FGT60E0000000000"'];
const opts = { receivedAt: new Date() };
for (let i = 0; i < 2_000_000; i++) for (const l of lines) parseSyslog(l, opts);
