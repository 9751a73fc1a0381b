/**
 * Field-by-field comparison of decoder output with Elastic's expected documents
 * (`/work/shared/corpora/<vendor>/*-expected.json`).
 *
 * Shared by every vendor's conformance suite; keep the API stable.
 *
 * Rules:
 * - a field absent (undefined, null, '' or []) in both documents agrees;
 * - present in one only disagrees;
 * - time fields (`@timestamp`, `event.start|end|created`, or any field listed in
 *   `timeFields`) are compared as instants, not strings;
 * - when either side is an array, both sides are compared as sets (a scalar is a
 *   one-element set);
 * - a `null` expected document means Elastic dropped the line: its fields are not
 *   counted, but the decoder is still called and must not throw.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { mergeEcs } from '@pullwatch/core';

/** What a corpus-line decoder returns: a document, or null/undefined when it drops the line. */
export type DecodedDoc = Record<string, unknown> | null | undefined;

export interface CompareOptions {
  /** Label used in reports (`fortigate`, `panos`...). */
  vendor: string;
  /** Input file: one event per line; `*.json` files of shape `{"events":[{"message":...}]}` are supported. */
  inputFile: string;
  /** Elastic's expected output, `{"expected": [doc | null, ...]}`, one entry per input line. */
  expectedFile: string;
  /** Decodes one input line (`index` is 0-based). Any exception counts as a crash. */
  decode: (line: string, index: number) => DecodedDoc;
  /** Dotted ECS paths to compare. */
  fields: readonly string[];
  /**
   * Optional value normaliser applied to both sides before comparison
   * (after the built-in time handling). Return the value to compare.
   */
  normalise?: (field: string, value: unknown, side: 'actual' | 'expected', line: number) => unknown;
  /** Extra fields compared as instants, besides the built-in time fields. */
  timeFields?: readonly string[];
  /** Keep at most this many mismatches in the result (default 500). */
  maxMismatches?: number;
}

export interface FieldStats {
  compared: number;
  agreed: number;
}

export interface Mismatch {
  file: string;
  /** 1-based line number in the input file. */
  line: number;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface Crash {
  file: string;
  line: number;
  error: string;
}

export interface CompareResult {
  vendor: string;
  files: string[];
  /** Input lines read. */
  lines: number;
  /** Lines whose expected entry is `null` (dropped upstream; not compared). */
  dropped: number;
  /** Lines where `decode` threw. */
  crashed: number;
  crashes: Crash[];
  /** Field comparisons made (line × field, excluding dropped lines). */
  compared: number;
  agreed: number;
  perField: Record<string, FieldStats>;
  mismatches: Mismatch[];
}

const BUILTIN_TIME_FIELDS = new Set(['@timestamp', 'event.start', 'event.end', 'event.created', 'event.ingested']);

/** Reads a dotted path from a nested document (also accepts literal dotted keys). */
export function pick(doc: unknown, path: string): unknown {
  if (doc === null || typeof doc !== 'object') return undefined;
  const rec = doc as Record<string, unknown>;
  if (path in rec) return rec[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  // Try every split point so that keys containing dots still resolve.
  for (let i = dot; i >= 0; i = path.indexOf('.', i + 1)) {
    const head = path.slice(0, i);
    if (head in rec) {
      const found = pick(rec[head], path.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Input lines of a corpus file (the final empty line after a trailing newline is not a line). */
export function readCorpusLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const parsed = JSON.parse(text) as { events?: Array<{ message?: unknown }> };
    return (parsed.events ?? []).map((e) => String(e.message ?? ''));
  }
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The `expected` array of an `-expected.json` file. */
export function readExpected(file: string): Array<Record<string, unknown> | null> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { expected?: Array<Record<string, unknown> | null> };
  return parsed.expected ?? [];
}

/** Every `(input, expected)` pair in a corpus directory: inputs that have a sibling `<input>-expected.json`. */
export function listCorpusPairs(dir: string): Array<{ inputFile: string; expectedFile: string }> {
  if (!existsSync(dir)) return [];
  const out: Array<{ inputFile: string; expectedFile: string }> = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('-expected.json')) continue;
    const expectedFile = join(dir, `${name}-expected.json`);
    if (existsSync(expectedFile)) out.push({ inputFile: join(dir, name), expectedFile });
  }
  return out;
}

const isAbsent = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function toInstant(v: unknown): unknown {
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? v : ms;
  }
  if (v instanceof Date) return v.getTime();
  return v;
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const rec = v as Record<string, unknown>;
  return `{${Object.keys(rec)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(rec[k])}`)
    .join(',')}}`;
}

/** True when two (normalised) field values agree under the rules in the module comment. */
export function valuesAgree(actual: unknown, expected: unknown): boolean {
  const aAbsent = isAbsent(actual);
  const eAbsent = isAbsent(expected);
  if (aAbsent || eAbsent) return aAbsent && eAbsent;
  if (Array.isArray(actual) || Array.isArray(expected)) {
    const a = new Set((Array.isArray(actual) ? actual : [actual]).map(canonical));
    const e = new Set((Array.isArray(expected) ? expected : [expected]).map(canonical));
    if (a.size !== e.size) return false;
    for (const x of a) if (!e.has(x)) return false;
    return true;
  }
  return canonical(actual) === canonical(expected);
}

/** Empty result, to accumulate into with {@link mergeResults}. */
export function emptyResult(vendor: string): CompareResult {
  return { vendor, files: [], lines: 0, dropped: 0, crashed: 0, crashes: [], compared: 0, agreed: 0, perField: {}, mismatches: [] };
}

/** Decodes every line of one corpus file and compares the declared fields with the expected documents. */
export function compareCorpus(opts: CompareOptions): CompareResult {
  const lines = readCorpusLines(opts.inputFile);
  const expected = readExpected(opts.expectedFile);
  const file = basename(opts.inputFile);
  const maxMismatches = opts.maxMismatches ?? 500;
  const timeFields = new Set([...BUILTIN_TIME_FIELDS, ...(opts.timeFields ?? [])]);
  const result = emptyResult(opts.vendor);
  result.files.push(file);
  for (const f of opts.fields) result.perField[f] = { compared: 0, agreed: 0 };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    result.lines++;
    let actualDoc: DecodedDoc;
    let crashed = false;
    try {
      actualDoc = opts.decode(line, i);
    } catch (err) {
      crashed = true;
      result.crashed++;
      const e = err as { name?: string; code?: string; message?: string };
      result.crashes.push({ file, line: i + 1, error: `${e?.name ?? 'Error'}${e?.code ? `(${e.code})` : ''}: ${e?.message ?? String(err)}` });
    }
    const exp = i < expected.length ? expected[i] : undefined;
    if (exp === null) {
      result.dropped++;
      continue;
    }
    if (exp === undefined) continue; // no expected entry for this line (partial expected file)
    for (const field of opts.fields) {
      let a = crashed ? undefined : pick(actualDoc, field);
      let e = pick(exp, field);
      if (timeFields.has(field)) {
        a = toInstant(a);
        e = toInstant(e);
      }
      if (opts.normalise) {
        a = opts.normalise(field, a, 'actual', i + 1);
        e = opts.normalise(field, e, 'expected', i + 1);
      }
      const stats = result.perField[field]!;
      stats.compared++;
      result.compared++;
      if (valuesAgree(a, e)) {
        stats.agreed++;
        result.agreed++;
      } else if (result.mismatches.length < maxMismatches) {
        result.mismatches.push({ file, line: i + 1, field, expected: e, actual: a });
      }
    }
  }
  return result;
}

/** Sums several results (e.g. one per corpus file) into one per vendor. */
export function mergeResults(vendor: string, results: readonly CompareResult[]): CompareResult {
  const out = emptyResult(vendor);
  for (const r of results) {
    out.files.push(...r.files);
    out.lines += r.lines;
    out.dropped += r.dropped;
    out.crashed += r.crashed;
    out.crashes.push(...r.crashes);
    out.compared += r.compared;
    out.agreed += r.agreed;
    out.mismatches.push(...r.mismatches);
    for (const [field, s] of Object.entries(r.perField)) {
      const t = (out.perField[field] ??= { compared: 0, agreed: 0 });
      t.compared += s.compared;
      t.agreed += s.agreed;
    }
  }
  return out;
}

/** Agreement ratio in [0, 1] (1 when nothing was compared). */
export const agreement = (s: { compared: number; agreed: number }): number => (s.compared === 0 ? 1 : s.agreed / s.compared);

const pct = (s: { compared: number; agreed: number }): string => `${(agreement(s) * 100).toFixed(1)}%`;

const short = (v: unknown): string => {
  const s = v === undefined ? '∅' : typeof v === 'string' ? JSON.stringify(v) : canonical(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
};

/** A human-readable report: totals, one row per field, then the first mismatches and crashes. */
export function formatReport(r: CompareResult, opts: { maxMismatches?: number } = {}): string {
  const out: string[] = [];
  out.push(
    `[${r.vendor}] ${r.files.length} files, ${r.lines} lines (${r.dropped} dropped upstream), ${r.crashed} crashed; ` +
      `fields agreed ${r.agreed}/${r.compared} = ${pct(r)}`,
  );
  const width = Math.max(5, ...Object.keys(r.perField).map((f) => f.length));
  for (const [field, s] of Object.entries(r.perField)) {
    out.push(`  ${field.padEnd(width)}  ${String(s.agreed).padStart(5)}/${String(s.compared).padEnd(5)} ${pct(s).padStart(6)}`);
  }
  const limit = opts.maxMismatches ?? 40;
  if (r.mismatches.length > 0) {
    out.push(`  mismatches (first ${Math.min(limit, r.mismatches.length)} of ${r.mismatches.length}):`);
    for (const m of r.mismatches.slice(0, limit)) {
      out.push(`    ${m.file}:${m.line} ${m.field}: expected ${short(m.expected)}, got ${short(m.actual)}`);
    }
  }
  for (const c of r.crashes.slice(0, 20)) out.push(`  crash ${c.file}:${c.line}: ${c.error}`);
  return out.join('\n');
}

/** Prints {@link formatReport} to stdout. */
export function printReport(r: CompareResult, opts: { maxMismatches?: number } = {}): void {
  console.log(formatReport(r, opts));
}

// ------------------------------------------------------------------------------------------------
// Test-only stand-in for the syslog header parser, used while `decodeLine` is not available.
// ------------------------------------------------------------------------------------------------

/** Header fields the stand-in fills (a subset of `SyslogHeader`). */
export interface MinimalHeader {
  format: 'rfc5424' | 'rfc3164' | 'none';
  priority?: number;
  facility?: number;
  severity?: number;
  version?: number;
  timestamp?: Date;
  timestampText?: string;
  timestampHasZone?: boolean;
  hostname?: string;
  appname?: string;
  procid?: string;
  msgid?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A deliberately small syslog header parser for conformance tests: `<PRI>`, RFC 5424
 * (`1 TIMESTAMP HOST APP PROCID MSGID SD MSG`), RFC 3164 (`Mmm dd hh:mm:ss HOST [TAG:] MSG`, TAG only
 * when the token ends with `:`), and an ISO timestamp + host prefix (relay files). Not the product parser.
 */
export function minimalSyslog(raw: string, receivedAt: Date): { header: MinimalHeader; message: string } {
  const header: MinimalHeader = { format: 'none' };
  let s = raw;
  const pri = /^<(\d{1,3})>/.exec(s);
  if (pri) {
    const p = Number(pri[1]);
    header.priority = p;
    header.facility = p >> 3;
    header.severity = p & 7;
    s = s.slice(pri[0].length);
  }
  const v5424 = /^1 (\S+) (\S+) (\S+) (\S+) (\S+) /.exec(s);
  if (pri && v5424) {
    header.format = 'rfc5424';
    header.version = 1;
    const [, ts, host, app, proc, msgid] = v5424;
    if (ts !== '-') {
      const ms = Date.parse(ts!);
      if (!Number.isNaN(ms)) {
        header.timestamp = new Date(ms);
        header.timestampText = ts;
        header.timestampHasZone = true;
      }
    }
    if (host !== '-') header.hostname = host;
    if (app !== '-') header.appname = app;
    if (proc !== '-') header.procid = proc;
    if (msgid !== '-') header.msgid = msgid;
    let rest = s.slice(v5424[0].length);
    if (rest.startsWith('-')) rest = rest.slice(1);
    else {
      while (rest.startsWith('[')) {
        let i = 1;
        let inQ = false;
        for (; i < rest.length; i++) {
          const c = rest[i];
          if (c === '\\') i++;
          else if (c === '"') inQ = !inQ;
          else if (c === ']' && !inQ) break;
        }
        rest = rest.slice(i + 1);
      }
    }
    if (rest.startsWith(' ')) rest = rest.slice(1);
    return { header, message: rest.replace(/^\uFEFF/, '') };
  }
  const bsd = /^ ?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) /.exec(s);
  if (bsd && MONTHS.includes(bsd[1]!)) {
    header.format = 'rfc3164';
    const mo = MONTHS.indexOf(bsd[1]!);
    let year = receivedAt.getUTCFullYear();
    let t = Date.UTC(year, mo, Number(bsd[2]), Number(bsd[3]), Number(bsd[4]), Number(bsd[5]));
    if (t - receivedAt.getTime() > 7 * 86400000) t = Date.UTC(--year, mo, Number(bsd[2]), Number(bsd[3]), Number(bsd[4]), Number(bsd[5]));
    header.timestamp = new Date(t);
    header.timestampText = bsd[0].trim();
    let rest = s.slice(bsd[0].length);
    const hostM = /^(\S+) /.exec(rest);
    if (hostM && !/^[^,\s]*,\d{4}[/-]/.test(hostM[1]!) && !/[:\]]$/.test(hostM[1]!) && !hostM[1]!.includes('=')) {
      header.hostname = hostM[1];
      rest = rest.slice(hostM[0].length);
    }
    const tag = /^([^\s:[,]+)(?:\[(\d+)\])?: ?/.exec(rest);
    if (tag && !tag[1]!.includes('=')) {
      header.appname = tag[1];
      if (tag[2]) header.procid = tag[2];
      rest = rest.slice(tag[0].length);
    }
    return { header, message: rest };
  }
  const iso = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) (\S+) /.exec(s);
  if (iso && !iso[2]!.includes('=')) {
    header.format = 'rfc3164';
    header.timestamp = new Date(Date.parse(iso[1]!));
    header.timestampText = iso[1];
    header.timestampHasZone = true;
    header.hostname = iso[2];
    return { header, message: s.slice(iso[0].length) };
  }
  return { header, message: s.replace(/^ +/, '') };
}

/**
 * A receive time for line `i` inferred from Elastic's expected document (its `@timestamp`,
 * else `event.created`, else `event.start`, else `fallback`), shifted by `skewMs` so that a decoder
 * falling back to the receive time can never agree with a device time by accident.
 */
export function inferReceivedAt(expected: Record<string, unknown> | null | undefined, fallback: Date, skewMs = 197_000): Date {
  for (const f of ['@timestamp', 'event.created', 'event.start']) {
    const v = pick(expected, f);
    if (typeof v === 'string') {
      const ms = Date.parse(v);
      if (!Number.isNaN(ms)) return new Date(ms + skewMs);
    }
  }
  return new Date(fallback.getTime() + skewMs);
}

// ------------------------------------------------------------------------------------------------
// Line decoding for conformance suites: `decodeLine` when it exists, else a minimal equivalent.
// ------------------------------------------------------------------------------------------------

/** Options of `decodeLine` (packages/decoders/src/decode-line.ts). */
export interface LineOptions {
  receivedAt: Date;
  timezone?: string;
  vendor?: string;
  sourceAddress?: string;
}

export type DecodeLineFn = (raw: string, opts: LineOptions) => Record<string, unknown>;

/** The product's `decodeLine` if the module exists yet, else `undefined`. */
export async function loadDecodeLine(): Promise<DecodeLineFn | undefined> {
  const path = '../../../packages/decoders/src/decode-line.js';
  try {
    const mod = (await import(/* @vite-ignore */ path)) as { decodeLine?: DecodeLineFn };
    return typeof mod.decodeLine === 'function' ? mod.decodeLine : undefined;
  } catch {
    return undefined;
  }
}

/** The decoder surface the fallback needs (structurally a `Decoder`). */
export interface DecoderLike {
  decode(input: { raw: string; header: MinimalHeader; message: string; receivedAt: Date; timezone?: string }): Record<string, unknown>;
}

/**
 * What `decodeLine` does, reduced to what conformance needs: minimal header, base document
 * (`@timestamp` from header or receive time, `event.original`, `message`, `log.syslog.*`,
 * `observer.hostname`), the decoder's fragment merged over it; a `DecodeError` is kept as
 * `error.message` (never thrown), anything else propagates.
 */
export function fallbackDecodeLine(decoder: DecoderLike, raw: string, opts: LineOptions): Record<string, unknown> {
  const { header, message } = minimalSyslog(raw, opts.receivedAt);
  const base: Record<string, unknown> = {
    '@timestamp': (header.timestamp ?? opts.receivedAt).toISOString(),
    event: { original: raw },
    message,
  };
  if (header.hostname !== undefined) base.observer = { hostname: header.hostname };
  if (header.priority !== undefined) {
    base.log = { syslog: { priority: header.priority, facility: { code: header.facility }, severity: { code: header.severity } } };
  }
  try {
    const input: { raw: string; header: MinimalHeader; message: string; receivedAt: Date; timezone?: string } = {
      raw, header, message, receivedAt: opts.receivedAt,
    };
    if (opts.timezone !== undefined) input.timezone = opts.timezone;
    mergeEcs(base, decoder.decode(input));
  } catch (err) {
    if ((err as { name?: string })?.name !== 'DecodeError') throw err;
    base.error = { message: (err as Error).message };
    base.tags = ['decode_error', (err as { code?: string }).code ?? 'decode_failed'];
  }
  return base;
}
