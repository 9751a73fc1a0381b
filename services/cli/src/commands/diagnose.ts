import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { basename } from 'node:path';
import type { Command } from 'commander';
import YAML from 'yaml';
import { createClassifier, DEFAULT_ENDPOINT_HOSTS, urlKey } from '@pullwatch/classifier';
import {
  getField,
  integrationListSchema,
  pullRecordSchema,
  setField,
  type Diagnosis,
  type EcsDocument,
  type Integration,
  type PullRecord,
} from '@pullwatch/core';
import { VendorDetector } from '@pullwatch/decoders';
import { DEFAULT_MAX_EXCERPTS, diagnose, formatDuration } from '@pullwatch/diagnosis';
import { lineToDocument } from '@pullwatch/ingest';
import { MemoryEvidenceSource, deviceMatches } from '@pullwatch/store-memory';

/** Input files that cannot be used; the message names the file, the entry or line, and the field. */
export class DiagnoseInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `24h`, `90m`, `7d`, `30s`, `500ms`, `1.5h` → milliseconds. */
export function parseDuration(text: string, option = 'duration'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/.exec(text);
  if (m === null || Number(m[1]) <= 0) {
    throw new DiagnoseInputError(`${option} must be a positive duration such as 90m, 24h or 7d (got "${text}")`);
  }
  return Math.round(Number(m[1]) * UNITS[m[2]!]!);
}

export interface DiagnoseFilesOptions {
  /** Integrations file: a YAML or JSON list validated by `integrationListSchema`. */
  integrations: string;
  /** Pull records, NDJSON, one `pullRecordSchema` record per line. */
  pulls: string;
  /** Raw firewall syslog lines as exported, in any order. */
  logs: string;
  /** Time of the diagnosis (and the year of RFC 3164 timestamps). Default: now. */
  now?: Date;
  /** No successful pull for longer than this (ms) → offline. Default 24 h. */
  thresholdMs?: number;
  /** How far back pulls and lines count (ms). Default 7 d. */
  lookbackMs?: number;
  /** Device time zone for timestamps without one (IANA name or ±hh:mm). */
  timezone?: string;
  /** Log lines quoted per diagnosis. Default 5. */
  maxExcerpts?: number;
}

export interface DiagnoseFilesResult {
  /** One per integration, in the order of the integrations file. */
  diagnoses: Diagnosis[];
  /** Things worth knowing about the input (lines not recognised or matching no device). */
  warnings: string[];
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(entry)';
}

/** Reads and validates the integrations file. */
export async function readIntegrations(file: string): Promise<Integration[]> {
  const name = basename(file);
  let data: unknown;
  try {
    data = YAML.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new DiagnoseInputError(`${name}: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new DiagnoseInputError(`${name}: expected a list of integrations (a YAML or JSON list)`);
  const parsed = integrationListSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const [n, ...rest] = issue.path;
    if (typeof n !== 'number') return `${name}: ${issue.message}`;
    const id = (data as Array<{ id?: unknown }>)[n]?.id;
    const entry = `entry ${n + 1}${typeof id === 'string' ? ` (id "${id}")` : ''}`;
    return `${name}: ${entry}, field ${issuePath(rest)}: ${issue.message}`;
  });
  throw new DiagnoseInputError(lines.join('\n'));
}

/** Reads and validates NDJSON pull records; every bad line is reported with its number. */
export async function readPulls(file: string): Promise<PullRecord[]> {
  const name = basename(file);
  const records: PullRecord[] = [];
  const errors: string[] = [];
  (await readFile(file, 'utf8')).split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      errors.push(`${name} line ${i + 1}: not valid JSON (${(err as Error).message})`);
      return;
    }
    const parsed = pullRecordSchema.safeParse(value);
    if (parsed.success) records.push(parsed.data);
    else for (const issue of parsed.error.issues) errors.push(`${name} line ${i + 1}: ${issuePath(issue.path)}: ${issue.message}`);
  });
  if (errors.length > 0) {
    const shown = errors.slice(0, 20);
    if (errors.length > shown.length) shown.push(`… and ${errors.length - shown.length} more`);
    throw new DiagnoseInputError(shown.join('\n'));
  }
  return records;
}

/**
 * Decodes exported syslog lines through the ingest stage (`lineToDocument`), and classifies the
 * documents the ingest stage left unclassified. A header host that is an IP address counts as
 * the sender address (syslog servers write the sender's address there).
 */
export async function readLogs(
  file: string,
  integrations: readonly Integration[],
  opts: { now: Date; timezone?: string },
): Promise<{ docs: EcsDocument[]; warnings: string[] }> {
  const name = basename(file);
  const hosts = new Set(DEFAULT_ENDPOINT_HOSTS);
  for (const i of integrations) {
    const key = i.feed?.url !== undefined ? urlKey(i.feed.url) : undefined;
    if (key !== undefined) hosts.add(key.split(/[/:]/, 1)[0]!);
  }
  const classifier = createClassifier({
    endpointHosts: [...hosts],
    knownFeeds: integrations.flatMap((i) => (i.feed !== undefined ? [{ ...(i.feed.name ? { name: i.feed.name } : {}), ...(i.feed.url ? { url: i.feed.url } : {}) }] : [])),
  });
  const detector = new VendorDetector();
  const docs: EcsDocument[] = [];
  let failed = 0;
  let unrecognised = 0;
  let unmatched = 0;
  const devices = integrations.flatMap((i) => i.devices);
  for (const line of (await readFile(file, 'utf8')).split(/\r?\n/)) {
    if (line.trim() === '') continue;
    let doc: EcsDocument;
    try {
      doc = lineToDocument(line, opts.now, undefined, { detector, ...(opts.timezone ? { timezone: opts.timezone } : {}) });
    } catch {
      failed++;
      continue;
    }
    if (getField(doc, 'pullwatch.feed') === undefined && getField(doc, 'pullwatch.root_cause') === undefined) classifier.classifyDocument(doc);
    const host = getField(doc, 'log.syslog.hostname');
    if (getField(doc, 'log.source.address') === undefined && typeof host === 'string' && isIP(host) !== 0) setField(doc, 'log.source.address', host);
    if (getField(doc, 'observer.vendor') === undefined && getField(doc, 'pullwatch.feed') === undefined) unrecognised++;
    if (!devices.some((d) => deviceMatches(doc, d))) unmatched++;
    docs.push(doc);
  }
  const warnings: string[] = [];
  if (failed > 0) warnings.push(`${name}: ${plural(failed, 'line', 'lines')} could not be decoded`);
  if (unrecognised > 0) warnings.push(`${name}: ${plural(unrecognised, 'line was', 'lines were')} not recognised as FortiGate, PAN-OS, pfSense or OPNsense syslog`);
  if (unmatched > 0) {
    warnings.push(
      `${name}: ${plural(unmatched, 'line matches', 'lines match')} no device of the integrations (by host name, serial or address); pfSense's BSD syslog format carries no host name`,
    );
  }
  return { docs, warnings };
}

/**
 * The core of `pullwatch diagnose`: the files → the memory evidence source → `diagnose`, the
 * same engine the correlator runs. Throws `DiagnoseInputError` for unusable input.
 */
export async function diagnoseFiles(opts: DiagnoseFilesOptions): Promise<DiagnoseFilesResult> {
  const now = opts.now ?? new Date();
  const thresholdMs = opts.thresholdMs ?? 86_400_000;
  const lookbackMs = opts.lookbackMs ?? 7 * 86_400_000;
  const maxExcerpts = opts.maxExcerpts ?? DEFAULT_MAX_EXCERPTS;
  if (lookbackMs < thresholdMs) throw new DiagnoseInputError(`--lookback (${formatDuration(lookbackMs)}) must not be shorter than --threshold (${formatDuration(thresholdMs)})`);
  const integrations = await readIntegrations(opts.integrations);
  const pulls = await readPulls(opts.pulls);
  const { docs, warnings } = await readLogs(opts.logs, integrations, { now, ...(opts.timezone ? { timezone: opts.timezone } : {}) });
  const source = new MemoryEvidenceSource();
  source.addPulls(pulls);
  source.addEvents(docs);
  const evidence = await source.gather(integrations, now, lookbackMs, maxExcerpts);
  return { diagnoses: evidence.map((e) => diagnose(e, { thresholdMs, maxExcerpts })), warnings };
}

export function diagnoseCommand(program: Command): void {
  program
    .command('diagnose')
    .description(
      "Explain, without any running service, why each firewall stopped (or is about to stop) pulling its blocklist, from the endpoint's pull records and the firewall's own syslog. Prints a JSON array, one diagnosis per integration.",
    )
    .requiredOption('--integrations <file>', 'integrations (YAML or JSON list: id, name, vendor, devices, egress_ips, feed)')
    .requiredOption('--pulls <file>', 'pull records of the endpoint, NDJSON (one record per line)')
    .requiredOption('--logs <file>', 'raw firewall syslog lines as exported, in any order')
    .option('--now <iso>', 'time of the diagnosis, ISO-8601 (also the year of RFC 3164 timestamps); default now')
    .option('--threshold <duration>', 'no successful pull for this long → offline (e.g. 24h, 90m)', '24h')
    .option('--lookback <duration>', 'how far back pulls and lines count (e.g. 7d)', '7d')
    .option('--timezone <tz>', 'device time zone for timestamps without one (IANA name or ±hh:mm)')
    .option('--max-excerpts <n>', 'log lines quoted per diagnosis', String(DEFAULT_MAX_EXCERPTS))
    .action(
      async (opts: { integrations: string; pulls: string; logs: string; now?: string; threshold: string; lookback: string; timezone?: string; maxExcerpts: string }) => {
        try {
          const now = opts.now !== undefined ? new Date(opts.now) : new Date();
          if (Number.isNaN(now.getTime())) throw new DiagnoseInputError(`--now must be an ISO-8601 time (got "${opts.now}")`);
          const maxExcerpts = Number(opts.maxExcerpts);
          if (!Number.isInteger(maxExcerpts) || maxExcerpts < 0) throw new DiagnoseInputError(`--max-excerpts must be a whole number (got "${opts.maxExcerpts}")`);
          const { diagnoses, warnings } = await diagnoseFiles({
            integrations: opts.integrations,
            pulls: opts.pulls,
            logs: opts.logs,
            now,
            thresholdMs: parseDuration(opts.threshold, '--threshold'),
            lookbackMs: parseDuration(opts.lookback, '--lookback'),
            maxExcerpts,
            ...(opts.timezone ? { timezone: opts.timezone } : {}),
          });
          for (const w of warnings) process.stderr.write(`pullwatch diagnose: ${w}\n`);
          process.stdout.write(JSON.stringify(diagnoses, null, 2) + '\n');
        } catch (err) {
          if (!(err instanceof DiagnoseInputError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          process.stderr.write(`pullwatch diagnose: ${(err as Error).message.split('\n').join('\npullwatch diagnose: ')}\n`);
          process.exit(2);
        }
      },
    );
}
