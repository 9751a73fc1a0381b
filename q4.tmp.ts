import { parseStructuredData } from './packages/syslog/src/header/structured-data.js';
const s = 'x [meta sequenceId="418"] 71,,,';
for (let i = 0; i < 300000; i++) parseStructuredData(s, 2);
let n = 2_000_000; let t = process.hrtime.bigint();
for (let i = 0; i < n; i++) parseStructuredData(s, 2);
console.log('sd', Number(process.hrtime.bigint() - t) / n, 'ns');
t = process.hrtime.bigint();
for (let i = 0; i < n; i++) { const o: Record<string, Record<string,string>> = {}; const p: Record<string,string> = {}; o[s.slice(3, 7)] = p; p[s.slice(8, 18)] = s.slice(20, 23); }
console.log('objs', Number(process.hrtime.bigint() - t) / n, 'ns');
t = process.hrtime.bigint();
for (let i = 0; i < n; i++) { const o = new Map(); const p = new Map(); o.set(s.slice(3, 7), p); p.set(s.slice(8, 18), s.slice(20, 23)); }
console.log('maps', Number(process.hrtime.bigint() - t) / n, 'ns');
