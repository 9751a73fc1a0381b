/**
 * PAN-OS conformance with Elastic's `panw` (data stream `panos`) pipeline test corpus.
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
const DIR = join(CORPORA, 'panos');

/** The fields the agreement bar applies to. */
export const KEY_FIELDS = [
  '@timestamp', 'observer.vendor', 'observer.product', 'observer.name', 'observer.serial_number', 'event.action',
  'event.outcome', 'source.ip', 'source.port', 'destination.ip', 'destination.port', 'network.transport', 'rule.name',
  'rule.id', 'user.name', 'url.original', 'url.domain', 'url.path',
] as const;

/** Reported for information only (no bar). */
const EXTRA_FIELDS = [
  'event.kind', 'event.category', 'event.type', 'event.code', 'event.created', 'event.start', 'event.end',
  'event.duration', 'event.severity', 'event.reason', 'message', 'log.level', 'observer.hostname',
  'observer.ingress.interface.name', 'observer.ingress.zone', 'observer.egress.interface.name', 'observer.egress.zone',
  'network.direction', 'network.bytes', 'network.packets', 'network.application', 'network.type', 'source.bytes',
  'destination.bytes', 'source.packets', 'destination.packets', 'source.nat.ip', 'source.nat.port', 'destination.nat.ip',
  'destination.nat.port', 'source.user.name', 'source.user.domain', 'source.geo.name', 'destination.geo.name',
  'user.domain', 'rule.uuid', 'related.ip', 'related.user', 'related.hosts', 'related.hash', 'host.ip', 'host.name',
  'host.id', 'host.mac', 'host.os.full', 'labels', 'http.version', 'tls.version', 'tls.cipher', 'tls.curve',
  'tls.client.server_name', 'tls.client.x509.public_key_size', 'user_agent.original', 'panw.panos',
] as const;

const FALLBACK_RECEIVED = new Date('2021-11-23T09:00:00Z');

function decodeWith(raw: string, receivedAt: Date, timezone?: string): Record<string, unknown> {
  const opts: { receivedAt: Date; vendor: 'panos'; timezone?: string } = { receivedAt, vendor: 'panos' };
  if (timezone !== undefined) opts.timezone = timezone;
  return decodeLine(raw, opts);
}

/** The device time zone the Elastic test config used, as its expected `event.timezone` shows. */
function timezoneOf(expected: Record<string, unknown> | null | undefined): string | undefined {
  const tz = pick(expected, 'event.timezone');
  return typeof tz === 'string' ? tz : undefined;
}

function runCorpus(fields: readonly string[]): CompareResult {
  const results: CompareResult[] = [];
  for (const { inputFile, expectedFile } of listCorpusPairs(DIR)) {
    const expected = readExpected(expectedFile);
    const received = new Map<number, number>();
    results.push(
      compareCorpus({
        vendor: 'panos',
        inputFile,
        expectedFile,
        fields,
        decode: (line, i) => {
          const at = inferReceivedAt(expected[i], FALLBACK_RECEIVED);
          received.set(i + 1, at.getTime());
          return decodeWith(line, at, timezoneOf(expected[i]));
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
  return mergeResults('panos', results);
}

/** Dotted paths of the leaves of a nested object. */
function leafPaths(o: unknown, prefix = ''): string[] {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return prefix ? [prefix] : [];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

/** panw.panos fields Elastic drops after copying them into ECS (unless preserve_duplicate_custom_fields is set). */
const DUPLICATES = [
  'bytes_received', 'bytes_sent', 'certificate', 'client', 'destination.ip', 'destination.location', 'destination.nat',
  'destination.port', 'destination.user', 'destination.zone', 'device_name', 'elapsed_time', 'elliptic_curve', 'event',
  'file.type', 'forwarded_ip', 'generated_time', 'host', 'http_method', 'inbound_interface', 'location',
  'login_duration', 'machine', 'misc', 'network.application', 'network.bytes', 'network.direction', 'network.packets',
  'normalize_user', 'observer', 'outbound_interface', 'packets_received', 'packets_sent', 'private', 'protocol',
  'public', 'received_time', 'recipient', 'referrer', 'rule_uuid', 'sender', 'server_name_indication.value', 'severity',
  'source.ip', 'source.ipv6', 'source.location', 'source.nat', 'source.port', 'source.region', 'source.user',
  'source.zone', 'start_time', 'tls', 'tunnel_inspection_rule', 'user', 'user_agent', 'user_by_source',
  'subject_common_name.value', 'issuer_common_name.value', 'hash',
];

describe('conformance > panos', () => {
  let key: CompareResult;

  beforeAll(async () => {
    if (!existsSync(DIR)) throw new Error(`PAN-OS corpus not found at ${DIR}: set PULLWATCH_CORPORA_DIR.`);
    key = runCorpus(KEY_FIELDS);
  });

  it('decodes every corpus line without throwing', () => {
    printReport(key);
    expect(key.lines).toBeGreaterThan(60);
    expect(key.crashes).toEqual([]);
  });

  it('decodes every corpus line without a decode error, and auto-detection picks panos', () => {
    const failed: string[] = [];
    let notDetected = 0;
    let lines = 0;
    for (const name of readdirSync(DIR).filter((n) => !n.endsWith('-expected.json'))) {
      for (const line of readCorpusLines(join(DIR, name))) {
        lines++;
        const doc = decodeWith(line, FALLBACK_RECEIVED);
        if (pick(doc, 'error.message') !== undefined) failed.push(`${name}: ${String(pick(doc, 'error.message'))}`);
        if (pick(decodeLine(line, { receivedAt: FALLBACK_RECEIVED, vendor: 'auto' }), 'observer.vendor') !== 'Palo Alto Networks') notDetected++;
      }
    }
    console.log(`[panos] ${lines} corpus lines, ${failed.length} with a decode error, ${notDetected} not auto-detected`);
    expect(failed).toEqual([]);
    expect(notDetected).toBe(0);
  });

  it('agrees with Elastic on ≥ 95% of the key fields', () => {
    expect(agreement(key)).toBeGreaterThanOrEqual(0.95);
  });

  it('reports the secondary fields (information only)', () => {
    const extra = runCorpus(EXTRA_FIELDS.filter((f) => f !== 'panw.panos'));
    printReport(extra, { maxMismatches: Number(process.env.PANOS_MM ?? 0) });
    expect(extra.crashed).toBe(0);
  });

  it('keeps the vendor fields Elastic keeps under panw.panos', () => {
    // For each expected document: every leaf Elastic kept under panw.panos is present in ours
    // (Elastic's duplicates of ECS fields, kept only with the preserve_duplicate_custom_fields tag, excepted).
    let expectedKeys = 0;
    let found = 0;
    const missing: string[] = [];
    for (const { inputFile, expectedFile } of listCorpusPairs(DIR)) {
      const lines = readCorpusLines(inputFile);
      const expected = readExpected(expectedFile);
      lines.forEach((line, i) => {
        const exp = expected[i];
        if (exp == null) return;
        const ours = pick(decodeWith(line, inferReceivedAt(exp, FALLBACK_RECEIVED), timezoneOf(exp)), 'panw.panos');
        const theirs = pick(exp, 'panw.panos') ?? {};
        const preserve = (pick(exp, 'tags') as string[] | undefined)?.includes('preserve_duplicate_custom_fields') ?? false;
        for (const k of leafPaths(theirs)) {
          if (preserve && DUPLICATES.some((d) => k === d || k.startsWith(`${d}.`))) continue;
          expectedKeys++;
          if (pick(ours, k) !== undefined) found++;
          else if (missing.length < 30) missing.push(`${inputFile.split('/').pop()}:${i + 1} ${k}`);
        }
      });
    }
    console.log(`[panos] panw.panos fields kept: ${found}/${expectedKeys}${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);
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
        const doc = decodeWith(line, FALLBACK_RECEIVED);
        expect(pick(doc, 'observer.vendor'), `${f}: ${line.slice(0, 80)}`).toBe('Palo Alto Networks');
      }
    }
    expect(lines).toBeGreaterThan(0);
  });
});
