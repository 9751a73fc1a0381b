/**
 * pfSense conformance with Elastic's `pfsense` integration test corpora
 * (/work/shared/corpora/pfsense): every line of every input that has an `-expected.json` is
 * decoded with `decodeLine(..., { vendor: 'pfsense' })` and the key fields are compared with
 * Elastic's documents. The bar: ≥ 95% agreement over all compared fields, and no line whose
 * decoder threw (`decodeLine` never throws; a decoder exception shows as the tag `decode_failed`).
 *
 * Deliberate differences from Elastic are excluded by the declared normalisations below (each
 * also listed in docs/decoders/pfsense.md); the un-normalised agreement is printed too.
 */
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { decodeLine } from '@pullwatch/decoders';
import {
  agreement, compareCorpus, formatReport, listCorpusPairs, mergeResults, pick, readCorpusLines, readExpected,
  type CompareResult, type DecodedDoc,
} from './compare.js';
import { corporaDir } from '../../helpers/corpora.js';

const DIR = corporaDir('pfsense');

/** The compared fields; the OPNsense suite uses the same list (keep the two in sync). */
const KEY_FIELDS = [
  '@timestamp', 'observer.vendor', 'observer.product', 'observer.name', 'event.action', 'event.outcome',
  'source.ip', 'source.port', 'destination.ip', 'destination.port', 'network.transport', 'rule.name', 'rule.id',
  'user.name', 'url.original', 'url.domain', 'url.path', 'process.name',
] as const;

/**
 * Receive time and device zone per file, as Elastic's test configs imply: RFC 3164 lines carry no
 * year, so `receivedAt` is a date of the year Elastic's `@timestamp` shows (the files were
 * generated in different years); the zone is the expected `event.timezone` of the BSD lines
 * (`-04:00` in every pfSense test config; RFC 5424 lines carry their own offset).
 */
const FILE_CONTEXT: Record<string, { receivedAt: string; timezone: string }> = {
  'test-pfsense-bsd.log': { receivedAt: '2022-09-01T00:00:00Z', timezone: '-04:00' },
  'test-pfsense-dhcp.log': { receivedAt: '2022-09-01T00:00:00Z', timezone: '-04:00' },
  'test-pfsense-haproxy.log': { receivedAt: '2022-09-01T00:00:00Z', timezone: '-04:00' },
  'test-pfsense-ipsec.log': { receivedAt: '2022-09-01T00:00:00Z', timezone: '-04:00' },
  'test-pfsense-openvpn.log': { receivedAt: '2022-09-01T00:00:00Z', timezone: '-04:00' },
  'test-pfsense-phpfpm.log': { receivedAt: '2022-09-01T00:00:00Z', timezone: '-04:00' },
  'test-pfsense-snort.log': { receivedAt: '2024-09-01T00:00:00Z', timezone: '-04:00' },
  'test-pfsense-squid.log': { receivedAt: '2022-09-01T00:00:00Z', timezone: '-04:00' },
  'test-pfsense-syslog.log': { receivedAt: '2022-09-01T00:00:00Z', timezone: '-04:00' },
  'test-pfsense-unbound.log': { receivedAt: '2022-09-01T00:00:00Z', timezone: '-04:00' },
};

type Doc = Record<string, unknown>;

/**
 * Declared normalisations: where we differ from Elastic on purpose, the field is not counted
 * for the lines concerned (both sides become absent). Each returns true to exclude.
 */
const DELIBERATE: ReadonlyArray<{ field: string; why: string; applies: (expected: Doc, program: string) => boolean }> = [
  {
    field: 'observer.product',
    why: "Elastic's pfsense integration sets no observer.product; we set 'pfSense' on every event.",
    applies: (e) => pick(e, 'observer.product') === undefined,
  },
  {
    field: 'event.outcome',
    why: "Elastic sets no event.outcome on filterlog; we set block → failure, pass → success (as Elastic's OPNsense package).",
    applies: (e, program) => program === 'filterlog' && pick(e, 'event.outcome') === undefined,
  },
  {
    field: 'event.outcome',
    why: 'Elastic sets no event.outcome on OpenVPN authentication results; we do.',
    applies: (e, program) => program === 'openvpn' && pick(e, 'event.outcome') === undefined,
  },
];

function programOf(expected: Doc | null): string {
  const name = expected === null ? undefined : pick(expected, 'process.name');
  return typeof name === 'string' ? name : '';
}

interface Run {
  file: string;
  normalised: CompareResult;
  raw: CompareResult;
  decodeFailed: Array<{ line: number; error: unknown }>;
}

function runFile(inputFile: string, expectedFile: string): Run {
  const file = basename(inputFile);
  const ctx = FILE_CONTEXT[file] ?? { receivedAt: '2022-09-01T00:00:00Z', timezone: '-04:00' };
  const expected = readExpected(expectedFile);
  const decodeFailed: Run['decodeFailed'] = [];
  const decode = (line: string, index: number): DecodedDoc => {
    const doc = decodeLine(line, { receivedAt: new Date(ctx.receivedAt), timezone: ctx.timezone, vendor: 'pfsense' });
    const tags = doc.tags as string[] | undefined;
    if (tags?.includes('decode_failed')) decodeFailed.push({ line: index + 1, error: pick(doc, 'error.message') });
    return doc;
  };
  const normalise = (field: string, value: unknown, _side: 'actual' | 'expected', line: number): unknown => {
    const exp = expected[line - 1] ?? null;
    if (exp === null) return value;
    const program = programOf(exp);
    return DELIBERATE.some((d) => d.field === field && d.applies(exp, program)) ? undefined : value;
  };
  const base = { vendor: 'pfsense', inputFile, expectedFile, fields: KEY_FIELDS };
  const normalised = compareCorpus({ ...base, decode, normalise });
  const raw = compareCorpus({ ...base, decode: (l) => decodeLine(l, { receivedAt: new Date(ctx.receivedAt), timezone: ctx.timezone, vendor: 'pfsense' }) });
  return { file, normalised, raw, decodeFailed };
}

describe('conformance > pfsense (Elastic pfsense corpora)', () => {
  const pairs = listCorpusPairs(DIR);
  const runs = pairs.map((p) => runFile(p.inputFile, p.expectedFile));
  const total = mergeResults('pfsense', runs.map((r) => r.normalised));
  const totalRaw = mergeResults('pfsense (no normalisation)', runs.map((r) => r.raw));

  it('finds the corpus', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(10);
    expect(total.lines).toBeGreaterThan(100);
  });

  it('decodes every line without a decoder exception', () => {
    const failed = runs.flatMap((r) => r.decodeFailed.map((f) => `${r.file}:${f.line} ${String(f.error)}`));
    expect(total.crashed).toBe(0);
    expect(failed).toEqual([]);
  });

  it('agrees with Elastic on ≥ 95% of the key fields', () => {
    console.log(formatReport(total, { maxMismatches: 60 }));
    console.log(formatReport(totalRaw, { maxMismatches: 0 }));
    for (const d of DELIBERATE) console.log(`  normalisation ${d.field}: ${d.why}`);
    expect(agreement(total)).toBeGreaterThanOrEqual(0.95);
  });

  it('auto-detects every pfSense corpus line as pfSense', () => {
    for (const p of pairs) {
      for (const line of readCorpusLines(p.inputFile)) {
        expect(pick(decodeLine(line, { receivedAt: new Date('2022-09-01T00:00:00Z') }), 'event.module'), `${basename(p.inputFile)}: ${line}`).toBe('pfsense');
      }
    }
  });

  it('reads every corpus line (inputs and expected documents line up)', () => {
    for (const p of pairs) expect(readExpected(p.expectedFile).length).toBe(readCorpusLines(p.inputFile).length);
  });
});
