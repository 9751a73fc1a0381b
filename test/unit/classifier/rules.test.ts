import { describe, expect, it } from 'vitest';
import type { EcsDocument } from '@pullwatch/core';
import {
  CLASSIFIER_VENDORS,
  createClassifier,
  FAILURE_CATEGORIES,
  RULE_TABLES,
  type Condition,
  type Rule,
} from '@pullwatch/classifier';
import { lineFacts } from '@pullwatch/classifier';
import { redactDeep } from '@pullwatch/redact';
import type { Vendor } from '@pullwatch/decoders';
import { decode, FIXTURE_OPTIONS, loadFixtures } from './helpers.js';

const ALL_RULES: Rule[] = RULE_TABLES.flatMap((t) => [...t.rules]);
const FIELDS = ['program', 'logid', 'logdesc', 'type', 'subtype', 'eventid', 'action', 'cfgpath', 'cfgattr'];
/** Rows no fixture line can reach, each covered by a unit test instead. */
const COVERED_ELSEWHERE = new Set(['generic.download.succeeded']);

function conditionsOf(c: Condition): Condition[] {
  return 'any' in c ? c.any.flatMap(conditionsOf) : [c];
}

describe('classifier > rule tables', () => {
  it('has unique ids named <vendor|generic>.<mechanism>.<case>', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_RULES) expect(r.id).toMatch(/^(?:fortigate|panos|pfsense|opnsense|generic)(?:\.[a-z0-9_]+){2,3}$/);
  });

  it('keeps every row plain data with a consistent event, category, confidence, scope and source', () => {
    for (const table of RULE_TABLES) {
      for (const r of table.rules) {
        expect(r.confidence, r.id).toBeGreaterThan(0);
        expect(r.confidence, r.id).toBeLessThanOrEqual(1);
        expect(r.source.length, r.id).toBeGreaterThan(10);
        expect(['verbatim', 'documented', 'constructed']).toContain(r.wording);
        expect(r.vendors.length, r.id).toBeGreaterThan(0);
        for (const v of r.vendors) expect(CLASSIFIER_VENDORS).toContain(v);
        for (const c of (r.when ?? []).flatMap(conditionsOf)) expect(FIELDS, r.id).toContain((c as { field: string }).field);
        expect(r.when !== undefined || r.pattern !== undefined, `${r.id} matches something`).toBe(true);
        if (r.event === 'fetch_failed') expect([...FAILURE_CATEGORIES, 'by_http_status', 'by_curl_errno'], r.id).toContain(r.category);
        else if (r.event === 'feed_removed' || r.event === 'feed_disabled') expect(r.category, r.id).toBe('rule_removed_or_disabled');
        else expect(r.category, r.id).toBeUndefined();
        if (table.tier === 'generic') {
          expect(r.feed, `${r.id}: generic rows need an identified feed line`).toBe('identified');
          expect(r.vendors).toEqual(CLASSIFIER_VENDORS);
        } else {
          expect(r.id.startsWith(`${r.vendors[0]}.`), r.id).toBe(true);
          expect(r.when?.length ?? 0, `${r.id}: vendor rows key on structured fields first`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('has rows for every vendor and for every failure cause', () => {
    for (const v of CLASSIFIER_VENDORS) expect(ALL_RULES.some((r) => r.vendors.length === 1 && r.vendors[0] === v), v).toBe(true);
    const generic = RULE_TABLES.find((t) => t.tier === 'generic')!;
    for (const cat of FAILURE_CATEGORIES.filter((c) => c !== 'download_failed')) {
      expect(generic.rules.some((r) => r.category === cat), cat).toBe(true);
    }
  });

  it('never lets the contains gate of a row hide a text its pattern matches', () => {
    const texts: Array<{ vendor: string; text: string; bare: string }> = [];
    for (const vendor of ['fortigate', 'panos', 'pfsense', 'opnsense'] as Vendor[]) {
      for (const f of loadFixtures(vendor)) {
        const facts = lineFacts(decode(f.line, f.vendor), vendor);
        texts.push({ vendor, text: facts.text, bare: facts.bare });
      }
    }
    // One phrase per alternative of the generic patterns, as other vendors or versions may word it.
    for (const phrase of [
      'Connection timed out', 'read timeout', 'time out', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT',
      'no route to host', 'host is unreachable', 'unable to connect', "couldn't connect", 'connection aborted', 'proxy error', 'ProxyError',
      '407', 'x509: certificate signed by unknown authority', 'unknown ca', 'SSLError', 'SSL handshake failed', 'TLS handshake error',
      'SSL connect error', 'server identity check failed', 'certificate is revoked', 'certificate not yet valid', 'self signed certificate',
      'unable to get local issuer certificate', 'CERTIFICATE_VERIFY_FAILED', 'getaddrinfo ENOTFOUND', 'EAI_AGAIN', 'resolving timed out',
      'NXDOMAIN', 'DNS lookup failed', 'DNS resolve error', 'host not found', 'no address associated with hostname', 'hostname nor servname',
      'Name or service not known', "couldn't resolve host", 'Temporary failure in name resolution', 'NameResolutionError',
      'Internal Server Error', 'Bad Gateway', 'Service temporarily unavailable', 'Gateway Time-out', '503 Service Unavailable',
      'mime type', 'MimeType', 'parse error', 'failed to parse', 'no valid entries', '0 entries parsed', 'zero lines loaded', 'unsupported content-type',
      'content type mismatch', 'bad format', 'invalid data', "couldn't download", 'could not fetch', 'unable to retrieve', 'refresh failure',
      'fetching error', 'download FAIL', 'Unauthorized', '401 Unauthorised', 'Forbidden', 'access denied', 'login denied', 'invalid api key',
      'invalid username or password', 'authentication failure', 'status 401', 'status_code=404', 'error code 503', 'response code 404',
      'HTTP/1.1 403', 'http_code:500', 'successfully updated', 'fetched successfully', 'refresh job succeeded', 'refresh success',
    ]) {
      for (const vendor of CLASSIFIER_VENDORS) texts.push({ vendor, text: phrase, bare: phrase });
    }
    for (const table of RULE_TABLES) {
      for (const r of table.rules) {
        if (r.contains === undefined || r.pattern === undefined) continue;
        for (const w of r.contains) expect(w, r.id).toBe(w.toLowerCase());
        for (const t of texts) {
          if (!r.vendors.includes(t.vendor as Vendor)) continue;
          const text = table.tier === 'generic' ? t.bare : t.text;
          if (!r.pattern.test(text)) continue;
          const lower = text.toLowerCase();
          expect(r.contains.some((w) => lower.includes(w)), `${r.id} gate hides: ${text.slice(0, 120)}`).toBe(true);
        }
      }
    }
  });

  it('exercises every row with at least one fixture line', () => {
    const classifier = createClassifier(FIXTURE_OPTIONS);
    const fired = new Set<string>();
    for (const vendor of ['fortigate', 'panos', 'pfsense', 'opnsense'] as Vendor[]) {
      for (const f of loadFixtures(vendor)) {
        const r = classifier.classify(redactDeep(decode(f.line, f.vendor)) as EcsDocument);
        if (r) fired.add(r.rule);
      }
    }
    const unused = ALL_RULES.map((r) => r.id).filter((id) => !fired.has(id) && !COVERED_ELSEWHERE.has(id));
    expect(unused).toEqual([]);
  });
});
