/**
 * OPNsense conformance with Elastic's corpora (/work/shared/corpora/opnsense): the `opnsense`
 * integration's samples (filterlog, variants) and the OPNsense samples of the `pfsense`
 * integration (transport-dash, squid). Every line of every input with an `-expected.json` is
 * decoded with `decodeLine(..., { vendor: 'opnsense' })` and the key fields compared. The bar:
 * ≥ 95% agreement over all compared fields and no decoder exception. Inputs without expected
 * output (`test-opensense.log`, `malformed_filterlog.messages.log`) must decode without one too.
 *
 * Target layout: Elastic's `opnsense` package (`observer.vendor: OPNsense`, `rule.id` = rule
 * number). Where the `pfsense` package's OPNsense samples differ from it, and where we parse more
 * than Elastic, the declared normalisations below exclude the field (docs/decoders/opnsense.md).
 */
import { describe, expect, it } from 'vitest';
import { basename, join } from 'node:path';
import { decodeLine } from '@pullwatch/decoders';
import {
  agreement, compareCorpus, formatReport, listCorpusPairs, mergeResults, pick, readCorpusLines, readExpected,
  type CompareResult, type DecodedDoc,
} from './compare.js';
import { corporaDir } from '../../helpers/corpora.js';

const DIR = corporaDir('opnsense');

/** The compared fields; the same list as the pfSense suite (keep the two in sync). */
const KEY_FIELDS = [
  '@timestamp', 'observer.vendor', 'observer.product', 'observer.name', 'event.action', 'event.outcome',
  'source.ip', 'source.port', 'destination.ip', 'destination.port', 'network.transport', 'rule.name', 'rule.id',
  'user.name', 'url.original', 'url.domain', 'url.path', 'process.name',
] as const;

/**
 * Receive time and device zone per file (see the pfSense suite): the `pfsense`-package samples
 * were generated with zone `-04:00` (their `event.timezone`), the `opnsense`-package samples in UTC.
 */
const FILE_CONTEXT: Record<string, { receivedAt: string; timezone: string }> = {
  'test-opensense-transport-dash.log': { receivedAt: '2024-01-01T12:00:00Z', timezone: '-04:00' },
  'test-opnsense-squid.log': { receivedAt: '2026-09-01T00:00:00Z', timezone: '-04:00' },
  'test-opnsense-log-filterlog-sample.log': { receivedAt: '2026-09-07T12:00:00Z', timezone: 'UTC' },
  'test-opnsense-log-variants-sample.log': { receivedAt: '2026-09-07T12:00:00Z', timezone: 'UTC' },
};

type Doc = Record<string, unknown>;

const isPfsensePackage = (e: Doc): boolean => pick(e, 'observer.vendor') === 'netgate';

/** Declared normalisations: the field is not counted for the lines concerned. */
const DELIBERATE: ReadonlyArray<{ field: string | '*'; why: string; applies: (expected: Doc, actual: unknown) => boolean }> = [
  {
    field: 'observer.vendor',
    why: "pfsense-package samples say 'netgate'; we follow Elastic's opnsense package ('OPNsense').",
    applies: (e) => isPfsensePackage(e),
  },
  {
    field: 'observer.product',
    why: "pfsense-package samples set no observer.product; we set 'OPNsense' (as the opnsense package).",
    applies: (e) => isPfsensePackage(e),
  },
  {
    field: 'event.outcome',
    why: "Elastic's pfsense package sets no event.outcome on filterlog; we set block → failure, pass → success (as the opnsense package).",
    applies: (e) => isPfsensePackage(e) && pick(e, 'event.provider') === 'filterlog' && pick(e, 'event.outcome') === undefined,
  },
  {
    field: 'rule.id',
    why: 'pfsense-package layout puts the field-4 label into rule.id; the opnsense package (and we) use the rule number and rule.uuid.',
    applies: (e) => isPfsensePackage(e),
  },
  {
    field: '*',
    why: 'Elastic leaves a line without syslog header unparsed; we read its `filterlog:` tag and CSV (and time it at receipt). Values only we have are not counted there.',
    applies: (e, actual) => pick(e, '@timestamp') === undefined && pick(e, 'process.name') === undefined && actual !== undefined,
  },
  {
    field: '*',
    why: "Elastic's opnsense package parses filterlog only; on other programs' lines (sshd, configd) values only we extract are not counted.",
    applies: (e, actual) => !isPfsensePackage(e) && pick(e, 'opnsense.log') === undefined && actual !== undefined,
  },
];

interface Run {
  file: string;
  normalised: CompareResult;
  raw: CompareResult;
  decodeFailed: string[];
}

function decodeWith(file: string) {
  const ctx = FILE_CONTEXT[file] ?? { receivedAt: '2026-09-07T12:00:00Z', timezone: 'UTC' };
  return (line: string): Doc => decodeLine(line, { receivedAt: new Date(ctx.receivedAt), timezone: ctx.timezone, vendor: 'opnsense' });
}

function runFile(inputFile: string, expectedFile: string): Run {
  const file = basename(inputFile);
  const expected = readExpected(expectedFile);
  const decodeOne = decodeWith(file);
  const decodeFailed: string[] = [];
  const actualDocs: Doc[] = [];
  const decode = (line: string, index: number): DecodedDoc => {
    const doc = decodeOne(line);
    actualDocs[index] = doc;
    if ((doc.tags as string[] | undefined)?.includes('decode_failed')) decodeFailed.push(`${file}:${index + 1} ${String(pick(doc, 'error.message'))}`);
    return doc;
  };
  const normalise = (field: string, value: unknown, _side: 'actual' | 'expected', line: number): unknown => {
    const exp = expected[line - 1] ?? null;
    if (exp === null) return value;
    const expectedValue = pick(exp, field);
    const actualValue = pick(actualDocs[line - 1], field);
    for (const d of DELIBERATE) {
      if (d.field === '*') {
        // Only values Elastic does not have are excluded; fields Elastic sets are still compared.
        if (expectedValue === undefined && d.applies(exp, actualValue)) return undefined;
      } else if (d.field === field && d.applies(exp, actualValue)) {
        return undefined;
      }
    }
    return value;
  };
  const base = { vendor: 'opnsense', inputFile, expectedFile, fields: KEY_FIELDS };
  const normalised = compareCorpus({ ...base, decode, normalise });
  const raw = compareCorpus({ ...base, decode: (l) => decodeOne(l) });
  return { file, normalised, raw, decodeFailed };
}

describe('conformance > opnsense (Elastic opnsense and pfsense-package OPNsense corpora)', () => {
  const pairs = listCorpusPairs(DIR);
  const runs = pairs.map((p) => runFile(p.inputFile, p.expectedFile));
  const total = mergeResults('opnsense', runs.map((r) => r.normalised));
  const totalRaw = mergeResults('opnsense (no normalisation)', runs.map((r) => r.raw));

  it('finds the corpus', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    expect(total.lines).toBeGreaterThanOrEqual(20);
  });

  it('decodes every line without a decoder exception', () => {
    expect(total.crashed).toBe(0);
    expect(runs.flatMap((r) => r.decodeFailed)).toEqual([]);
  });

  it('agrees with Elastic on ≥ 95% of the key fields', () => {
    console.log(formatReport(total, { maxMismatches: 60 }));
    console.log(formatReport(totalRaw, { maxMismatches: 30 }));
    for (const d of DELIBERATE) console.log(`  normalisation ${d.field}: ${d.why}`);
    expect(agreement(total)).toBeGreaterThanOrEqual(0.95);
  });

  it('auto-detects every OPNsense corpus line as OPNsense (detection rule in docs/decoders/opnsense.md)', () => {
    const names = [...pairs.map((p) => basename(p.inputFile)), 'test-opensense.log', 'malformed_filterlog.messages.log'];
    for (const name of names) {
      for (const line of readCorpusLines(join(DIR, name))) {
        expect(pick(decodeLine(line, { receivedAt: new Date('2026-09-07T12:00:00Z') }), 'event.module'), `${name}: ${line}`).toBe('opnsense');
      }
    }
  });

  it('decodes the inputs without expected output without a decoder exception', () => {
    for (const name of ['test-opensense.log', 'malformed_filterlog.messages.log']) {
      const decodeOne = decodeWith(name);
      for (const line of readCorpusLines(join(DIR, name))) {
        const doc = decodeOne(line);
        expect(doc.tags as string[] | undefined ?? []).not.toContain('decode_failed');
        expect(pick(doc, 'observer.vendor')).toBe('OPNsense');
      }
    }
  });

  it('keeps malformed filterlog events, with error.message naming the bad address (Elastic malformed_filterlog script)', () => {
    const decodeOne = decodeWith('malformed_filterlog.messages.log');
    const [first, second] = readCorpusLines(join(DIR, 'malformed_filterlog.messages.log')).map(decodeOne);
    expect(String(pick(first, 'error.message'))).toContain('source is not an IP');
    expect(pick(first, 'source.ip')).toBeUndefined();
    expect(pick(first, 'destination.ip')).toBe('192.0.2.10');
    expect(pick(first, 'event.action')).toBe('block');
    expect(String(pick(second, 'error.message'))).toContain('destination is not an IP');
    expect(pick(second, 'source.ip')).toBe('192.0.2.10');
    expect(pick(second, 'destination.ip')).toBeUndefined();
    expect(pick(second, 'event.action')).toBe('block');
    for (const doc of [first, second]) expect(typeof pick(doc, 'event.original')).toBe('string');
  });
});
