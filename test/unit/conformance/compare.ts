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
