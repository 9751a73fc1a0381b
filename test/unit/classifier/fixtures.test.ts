import { describe, expect, it } from 'vitest';
import { getField } from '@pullwatch/core';
import { classifyDocument, createClassifier, FAILURE_CATEGORIES } from '@pullwatch/classifier';
import { redactDeep } from '@pullwatch/redact';
import type { Vendor } from '@pullwatch/decoders';
import { decode, FIXTURE_OPTIONS, loadFixtures, type Fixture } from './helpers.js';

const VENDORS: Vendor[] = ['fortigate', 'panos', 'pfsense', 'opnsense'];
const classifier = createClassifier(FIXTURE_OPTIONS);

/** Which categories each vendor's logs can express (research notes, summary table and §5). */
const EXPRESSIBLE: Record<Vendor, readonly string[]> = {
  // FortiGate: one failure logid; the cause is in the (undocumented) reason text.
  fortigate: FAILURE_CATEGORIES,
  // PAN-OS: auth event ids; other causes only in the (undocumented) description.
  panos: FAILURE_CATEGORIES,
  // pfSense URL tables: HTTP codes and status 0; pfBlockerNG: curl errno and text.
  pfsense: FAILURE_CATEGORIES,
  // OPNsense: HTTP code or the exception text.
  opnsense: FAILURE_CATEGORIES,
};

function label(f: Fixture): string {
  const want = f.expect === null ? 'unclassified' : `${f.expect.event}${f.expect.category ? `/${f.expect.category}` : ''}`;
  return `#${f.at} ${want}: ${f.line.length > 90 ? `${f.line.slice(0, 90)}…` : f.line}`;
}

for (const vendor of VENDORS) {
  const fixtures = loadFixtures(vendor);

  describe(`classifier > fixtures > ${vendor}`, () => {
    it.each(fixtures.map((f) => [label(f), f] as const))('%s', (_label, f) => {
      // The ingest order: decode → redact → classify.
      const doc = redactDeep(decode(f.line, f.vendor));
      classifier.classifyDocument(doc);
      if (f.expect === null) {
        expect(getField(doc, 'pullwatch.feed'), f.source).toBeUndefined();
        expect(getField(doc, 'pullwatch.root_cause'), f.source).toBeUndefined();
        return;
      }
      expect(getField(doc, 'pullwatch.feed.event'), f.source).toBe(f.expect.event);
      expect(getField(doc, 'pullwatch.root_cause.category'), f.source).toBe(f.expect.category);
      const confidence = getField(doc, 'pullwatch.root_cause.confidence');
      expect(typeof confidence).toBe('number');
      expect(confidence as number).toBeGreaterThan(0);
      expect(confidence as number).toBeLessThanOrEqual(1);
      expect(getField(doc, 'pullwatch.root_cause.rule')).toMatch(/^(?:fortigate|panos|pfsense|opnsense|generic)\./);
      if (f.expect.name !== undefined) expect(getField(doc, 'pullwatch.feed.name')).toBe(f.expect.name);
      if (f.expect.entries !== undefined) expect(getField(doc, 'pullwatch.feed.entries')).toBe(f.expect.entries);
      else expect(getField(doc, 'pullwatch.feed.entries')).toBeUndefined();
      const url = getField(doc, 'pullwatch.feed.url');
      if (url !== undefined) expect(url).not.toContain('Sup3rS3cret');
    });

    it('marks every line verbatim or constructed, with its source', () => {
      for (const f of fixtures) expect(f.source, label(f)).toMatch(/^(?:verbatim|constructed)(?: \([^)]*\))?: \S/);
    });

    it('covers each category the vendor can express, success, removal or disable, and near misses', () => {
      const got = new Set(fixtures.filter((f) => f.expect?.category).map((f) => f.expect!.category!));
      for (const c of EXPRESSIBLE[vendor]) expect(got, `${vendor} lacks ${c}`).toContain(c);
      expect(fixtures.some((f) => f.expect?.event === 'fetch_succeeded')).toBe(true);
      expect(fixtures.some((f) => f.expect?.event === 'feed_removed' || f.expect?.event === 'feed_disabled')).toBe(true);
      expect(fixtures.filter((f) => f.expect === null).length).toBeGreaterThanOrEqual(5);
    });

    it('classifies the same without redaction first (classification never depends on a secret)', () => {
      for (const f of fixtures) {
        const a = decode(f.line, f.vendor);
        classifyDocument(a, FIXTURE_OPTIONS);
        expect(getField(a, 'pullwatch.feed.event') ?? null, label(f)).toBe(f.expect?.event ?? null);
      }
    });
  });
}
