/**
 * FortiGate conformance with Elastic's `fortinet_fortigate` pipeline test corpus.
 * Every input line of every corpus file with an `-expected.json` is decoded; the key fields are
 * compared with Elastic's documents (see compare.ts for the rules). Lines of inputs without
 * expected output are decoded too and must not throw.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLine } from '@pullwatch/decoders';
import {
  agreement, compareCorpus, inferReceivedAt, listCorpusPairs, mergeResults,
  pick, printReport, readCorpusLines, readExpected, type CompareResult,
} from './compare.js';
import { corporaDir } from '../../helpers/corpora.js';

const CORPORA = corporaDir();
const DIR = join(CORPORA, 'fortigate');

/** The fields the agreement bar applies to. */
export const KEY_FIELDS = [
  '@timestamp', 'observer.vendor', 'observer.product', 'observer.name', 'observer.serial_number', 'event.action',
  'event.outcome', 'source.ip', 'source.port', 'destination.ip', 'destination.port', 'network.transport', 'rule.name',
  'rule.id', 'user.name', 'url.original', 'url.domain', 'url.path',
] as const;

/** Reported for information only (no bar). */
const EXTRA_FIELDS = [
  'event.kind', 'event.category', 'event.type', 'event.code', 'event.start', 'event.timezone', 'event.duration',
  'message', 'log.level', 'network.protocol', 'network.iana_number', 'network.direction', 'network.bytes',
  'network.application', 'source.bytes', 'destination.bytes', 'source.nat.ip', 'source.nat.port', 'destination.nat.ip',
  'source.user.name', 'source.user.group.name', 'destination.mac', 'source.mac', 'rule.ruleset', 'rule.uuid',
  'rule.category', 'rule.description', 'observer.ingress.interface.name', 'observer.egress.interface.name',
  'related.ip', 'related.user', 'related.hosts', 'file.name', 'dns.question.name', 'dns.resolved_ip',
  'tls.version', 'tls.client.server_name', 'url.query', 'url.extension', 'http.request.method', 'user_agent.original',
  'fortinet.firewall',
] as const;

const FALLBACK_RECEIVED = new Date('2024-06-01T00:00:00Z');

function decodeWith(raw: string, receivedAt: Date): Record<string, unknown> {
  const opts = { receivedAt, vendor: 'fortigate' as const };
  return decodeLine(raw, opts);
}

function runCorpus(fields: readonly string[]): CompareResult {
  const results: CompareResult[] = [];
  for (const { inputFile, expectedFile } of listCorpusPairs(DIR)) {
    const expected = readExpected(expectedFile);
    const received = new Map<number, number>();
    results.push(
      compareCorpus({
        vendor: 'fortigate',
        inputFile,
        expectedFile,
        fields,
        decode: (line, i) => {
          const at = inferReceivedAt(expected[i], FALLBACK_RECEIVED);
          received.set(i + 1, at.getTime());
          return decodeWith(line, at);
        },
        normalise: (field, value, side, line) => {
          // Elastic leaves @timestamp unset when the body has no date/time (the shipper adds its read
          // time later); pullwatch uses the receive time there. Both mean "when it arrived".
          if (field === '@timestamp' && side === 'actual' && value === received.get(line)) return undefined;
          return value;
        },
      }),
    );
  }
  return mergeResults('fortigate', results);
}

describe('conformance > fortigate', () => {
  let key: CompareResult;

  beforeAll(async () => {
    if (!existsSync(DIR)) throw new Error(`FortiGate corpus not found at ${DIR}: set PULLWATCH_CORPORA_DIR.`);
    key = runCorpus(KEY_FIELDS);
  });

  it('decodes every corpus line without throwing', () => {
    printReport(key);
    expect(key.lines).toBeGreaterThan(150);
    expect(key.crashes).toEqual([]);
  });

  it('decodes every corpus line without a decode error, and auto-detection picks fortigate', () => {
    const failed: string[] = [];
    let notDetected = 0;
    let lines = 0;
    for (const name of readdirSync(DIR).filter((n) => !n.endsWith('-expected.json'))) {
      for (const line of readCorpusLines(join(DIR, name))) {
        lines++;
        const doc = decodeWith(line, FALLBACK_RECEIVED);
        if (pick(doc, 'error.message') !== undefined) failed.push(`${name}: ${String(pick(doc, 'error.message'))}`);
        if (pick(decodeLine(line, { receivedAt: FALLBACK_RECEIVED, vendor: 'auto' }), 'observer.vendor') !== 'Fortinet') notDetected++;
      }
    }
    console.log(`[fortigate] ${lines} corpus lines, ${failed.length} with a decode error, ${notDetected} not auto-detected`);
    expect(failed).toEqual([]);
    expect(notDetected).toBe(0);
  });

  it('agrees with Elastic on ≥ 95% of the key fields', () => {
    expect(agreement(key)).toBeGreaterThanOrEqual(0.95);
  });

  it('reports the secondary fields (information only)', () => {
    const extra = runCorpus(EXTRA_FIELDS.filter((f) => f !== 'fortinet.firewall'));
    printReport(extra, { maxMismatches: Number(process.env.FG_MM ?? 0) });
    expect(extra.crashed).toBe(0);
  });

  it('keeps the vendor keys Elastic keeps under fortinet.firewall', () => {
    // For each expected document: every key Elastic kept under fortinet.firewall is present in ours.
    let expectedKeys = 0;
    let found = 0;
    const missing: string[] = [];
    for (const { inputFile, expectedFile } of listCorpusPairs(DIR)) {
      const lines = readCorpusLines(inputFile);
      const expected = readExpected(expectedFile);
      lines.forEach((line, i) => {
        const exp = expected[i];
        if (exp == null) return;
        const ours = pick(decodeWith(line, inferReceivedAt(exp, FALLBACK_RECEIVED)), 'fortinet.firewall') as Record<string, unknown> | undefined;
        const theirs = (pick(exp, 'fortinet.firewall') ?? {}) as Record<string, unknown>;
        for (const k of Object.keys(theirs)) {
          expectedKeys++;
          if (ours !== undefined && ours[k] !== undefined) found++;
          else if (missing.length < 30) missing.push(`${inputFile.split('/').pop()}:${i + 1} ${k}`);
        }
      });
    }
    console.log(`[fortigate] fortinet.firewall keys kept: ${found}/${expectedKeys}${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);
    expect(found / expectedKeys).toBeGreaterThanOrEqual(0.95);
  });

  it('never throws on corpus inputs that have no expected output', () => {
    const extraInputs = readdirSync(DIR).filter(
      (f) => !f.endsWith('-expected.json') && !existsSync(join(DIR, `${f}-expected.json`)),
    );
    let lines = 0;
    for (const f of extraInputs) {
      for (const line of readCorpusLines(join(DIR, f))) {
        lines++;
        expect(() => decodeWith(line, FALLBACK_RECEIVED)).not.toThrow();
      }
    }
    expect(lines).toBeGreaterThan(0);
  });
});
