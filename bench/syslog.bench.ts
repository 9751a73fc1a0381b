/**
 * Syslog hot paths: framing a 10 MB TCP stream and parsing headers, each against a baseline
 * measured in the same run (a bare `buf.indexOf(10)` split; `JSON.parse` of a JSON line of the
 * same size), plus secret redaction of the same lines.
 *
 *   npx tsx bench/syslog.bench.ts
 *
 * Prints a table and writes bench/results/<date>-syslog.json. Each figure is the best of
 * several timed rounds after a warm-up (the best round is the one least disturbed by other
 * processes on the machine). Not part of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoFramer, type Frame, LfFramer, OctetCountingFramer, parseSyslog } from '../packages/syslog/src/index.js';
import { redactString } from '../packages/redact/src/index.js';

const LINE_BYTES = 300;
const STREAM_BYTES = 10 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024; // a typical socket read
const ROUNDS = 7;

/** Realistic header shapes, one per vendor and mode (bodies shortened or padded to ~300 bytes). */
const VENDOR_LINES = [
  '<134>Jul  3 19:10:30 filterlog[72237]: 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,mss;sackOK;TS;nop;wscale',
  '<134>1 2021-07-03T19:10:14.578288-05:00 pfSense.example.com filterlog 72237 - - 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,32989,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49652,853,0,S,1818117648,,64240,,mss;sackOK;TS;nop;wscale',
  '<134>1 2026-09-07T02:05:17+00:00 OPNsense.internal filterlog 54555 - [meta sequenceId="418"] 71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block,in,4,0x0,,64,10370,0,DF,6,tcp,60,192.0.2.1,192.0.2.10,53170,22,0,S,879339721,,64240,,mss',
  '<134>Jan 1 02:21:38 firewall.opnsense.net filterlog[97530]: 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,mss;sackOK;TS;nop;wscale',
  '<14>Nov 30 16:09:33 PA-220 1,2021/11/11 15:42:44,007051000184334,DECRYPTION,0,2561,2021/11/11 15:42:44,81.2.69.145,81.2.69.144,81.2.69.145,81.2.69.144,intrazone-default,,,incomplete,vsys1,LAN,LAN,ethernet1/2,ethernet1/2,,2021/11/11 15:42:44,33288,1,49908,443',
  '<189>date=2024-07-19 time=11:08:59 devname="FGT60E" devid="FGT60E0000000000" eventtime=1721380139123456789 tz="+0200" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.0.1 srcport=5353 dstip=1.1.1.1 dstport=53 action="accept"',
  '<165>1 2022-11-14T06:54:03Z use2-dmz-fw02 - - - - eventtime=1668408842876531561 tz="-0800" logid="0317013312" type="utm" subtype="webfilter" eventtype="ftgd_allow" level="notice" vd="root" policyid=25 sessionid=130637139 srcip=10.80.28.193 srcport=64152',
  '<13>Mar 13 11:45:17 192.168.1.1 filterlog: Mar 13 11:45:17 vFW01 filterlog[25715]: 6,,,1000000103,igb1,match,block,in,4,0x0,,64,0,0,DF,17,udp,78,192.168.1.10,192.168.1.255,137,137,58',
  "<134>Jul  3 19:10:30 php-fpm[99932]: /index.php: Successful login for user 'admin' from: 10.150.150.77 (Local Database)",
];

/** A 300-byte line: a vendor line cut or padded with body characters. */
function sized(line: string, n: number): string {
  return line.length >= n ? line.slice(0, n) : line + ',x'.repeat(Math.ceil((n - line.length) / 2)).slice(0, n - line.length);
}

const LINES300 = VENDOR_LINES.map((l) => sized(l, LINE_BYTES));

function buildLfStream(): { buf: Buffer; lines: number } {
  const parts: Buffer[] = [];
  let size = 0;
  let lines = 0;
  while (size < STREAM_BYTES) {
    const b = Buffer.from(`${LINES300[lines % LINES300.length]!}\n`, 'latin1');
    parts.push(b);
    size += b.length;
    lines++;
  }
  return { buf: Buffer.concat(parts), lines };
}

function buildOctetStream(): { buf: Buffer; lines: number } {
  const parts: Buffer[] = [];
  let size = 0;
  let lines = 0;
  while (size < STREAM_BYTES) {
    const body = Buffer.from(LINES300[lines % LINES300.length]!, 'latin1');
    const b = Buffer.concat([Buffer.from(`${body.length} `), body]);
    parts.push(b);
    size += b.length;
    lines++;
  }
  return { buf: Buffer.concat(parts), lines };
}

function chunks(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += CHUNK_BYTES) out.push(buf.subarray(i, i + CHUNK_BYTES));
  return out;
}

/** Best seconds per call of `fn` over ROUNDS rounds of `iterations` calls, after a warm-up round. */
function bestSeconds(fn: () => void, iterations: number): number {
  for (let i = 0; i < iterations; i++) fn();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9 / iterations);
  }
  return best;
}

let sink = 0;

interface Row {
  name: string;
  linesPerSecond: number;
  nsPerLine: number;
  baseline: string;
  baselineLinesPerSecond: number;
  ratio: number;
}
const rows: Row[] = [];

function record(name: string, linesPerCall: number, seconds: number, baseline: string, baselineSeconds: number, baselineLines: number): void {
  const lps = linesPerCall / seconds;
  const base = baselineLines / baselineSeconds;
  rows.push({ name, linesPerSecond: lps, nsPerLine: 1e9 / lps, baseline, baselineLinesPerSecond: base, ratio: lps / base });
}

// ---------------------------------------------------------------- framing

const lf = buildLfStream();
const oc = buildOctetStream();
const lfChunks = chunks(lf.buf);
const ocChunks = chunks(oc.buf);

/** Baseline: split the whole buffer on LF with `indexOf(10)` and a `subarray` per line. */
const baselineSplit = bestSeconds(() => {
  const buf = lf.buf;
  let pos = 0;
  let n = 0;
  for (;;) {
    const i = buf.indexOf(10, pos);
    if (i === -1) break;
    n += buf.subarray(pos, i).length;
    pos = i + 1;
  }
  sink += n;
}, 3);

const frameRun = (make: () => { push(c: Buffer, f: (fr: Frame) => void): void; end(f: (fr: Frame) => void): void }, parts: Buffer[]) => () => {
  const framer = make();
  let n = 0;
  const on = (f: Frame) => {
    n += f.data.length;
  };
  for (const c of parts) framer.push(c, on);
  framer.end(on);
  sink += n;
};

const split = 'buf.indexOf(10) split (whole buffer)';
record('LfFramer, LF stream, 64 KiB chunks', lf.lines, bestSeconds(frameRun(() => new LfFramer(), lfChunks), 5), split, baselineSplit, lf.lines);
record('AutoFramer, LF stream', lf.lines, bestSeconds(frameRun(() => new AutoFramer(), lfChunks), 5), split, baselineSplit, lf.lines);
record('OctetCountingFramer, octet stream', oc.lines, bestSeconds(frameRun(() => new OctetCountingFramer(), ocChunks), 5), split, baselineSplit, lf.lines);
record('AutoFramer, octet stream', oc.lines, bestSeconds(frameRun(() => new AutoFramer(), ocChunks), 5), split, baselineSplit, lf.lines);

// ---------------------------------------------------------------- header parsing

const receivedAt = new Date('2026-03-13T12:00:00Z');
const utc = { receivedAt };
const paris = { receivedAt, timezone: 'Europe/Paris' };
const json = JSON.stringify({ message: LINES300[0]!.slice(0, LINE_BYTES - 14) });
const jsonLen = json.length;
const baselineJson = bestSeconds(() => {
  sink += (JSON.parse(json) as { message: string }).message.length;
}, 200_000);

const mixRun = (opts: typeof utc | typeof paris) => () => {
  for (let i = 0; i < LINES300.length; i++) sink += parseSyslog(LINES300[i]!, opts).message.length;
};
const jsonName = `JSON.parse of a ${jsonLen}-byte JSON line`;
record('parseSyslog, vendor mix, UTC', LINES300.length, bestSeconds(mixRun(utc), 30_000), jsonName, baselineJson, 1);
record('parseSyslog, vendor mix, Europe/Paris', LINES300.length, bestSeconds(mixRun(paris), 30_000), jsonName, baselineJson, 1);
const perShape: Array<[string, number]> = [
  ['pfSense BSD filterlog[pid]:', 0],
  ['pfSense RFC 5424, SD -', 1],
  ['OPNsense RFC 5424 [meta sequenceId]', 2],
  ['PAN-OS BSD, no TAG', 4],
  ['FortiGate <189>date= (no header)', 5],
  ['relayed double header', 7],
];
for (const [label, i] of perShape) {
  const line = LINES300[i]!;
  record(`parseSyslog, ${label}`, 1, bestSeconds(() => {
    sink += parseSyslog(line, utc).message.length;
  }, 200_000), jsonName, baselineJson, 1);
}

// ---------------------------------------------------------------- redaction (same lines)

const secretLine = sized('<189>date=2025-11-05 time=10:00:01 devname="FGT60E" msg="download failed" url="https://blocklist:S3cr3tPassw0rd@admin.api.crowdsec.net/v1/integrations/abc123/content?api_key=K3yK3yK3y" status=401', LINE_BYTES);
record('redactString, vendor mix (no secret)', LINES300.length, bestSeconds(() => {
  for (let i = 0; i < LINES300.length; i++) sink += redactString(LINES300[i]!).length;
}, 30_000), jsonName, baselineJson, 1);
record('redactString, line with URL password + api_key', 1, bestSeconds(() => {
  sink += redactString(secretLine).length;
}, 100_000), jsonName, baselineJson, 1);

// ---------------------------------------------------------------- report

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : `${(n / 1e3).toFixed(0)} k`);
const header = ['benchmark', 'lines/s', 'ns/line', 'baseline lines/s', 'ratio'];
const table = rows.map((r) => [r.name, fmt(r.linesPerSecond), r.nsPerLine.toFixed(0), fmt(r.baselineLinesPerSecond), r.ratio.toFixed(2)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const t of table) console.log(line(t));
console.log(`\nbaselines: framing = ${split}; parsing/redaction = ${jsonName}`);
console.log(`stream: ${(lf.buf.length / 1048576).toFixed(1)} MiB of ${LINE_BYTES}-byte lines, ${CHUNK_BYTES / 1024} KiB chunks (sink ${sink % 10})`);

const here = dirname(fileURLToPath(import.meta.url));
const date = new Date().toISOString().slice(0, 10);
const outFile = join(here, 'results', `${date}-syslog.json`);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(
  outFile,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cpuCount: cpus().length,
      memoryBytes: totalmem(),
      conditions: { lineBytes: LINE_BYTES, streamBytes: lf.buf.length, chunkBytes: CHUNK_BYTES, rounds: ROUNDS, statistic: 'best round' },
      results: rows,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${outFile}`);
