import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactDeep, redactString } from '@pullwatch/redact';

/** Runs per property; PULLWATCH_FUZZ_RUNS overrides every default. */
const runs = (n: number): number => Number(process.env.PULLWATCH_FUZZ_RUNS ?? n);
const TIMEOUT_MS = 30 * 60_000;

/** Secrets are 8..40 characters of [A-Za-z0-9]: long enough that random text cannot contain them by chance. */
const secretArb = fc.stringMatching(/^[A-Za-z0-9]{8,40}$/);

/** Random surrounding text: printable ASCII, full Unicode, and log-like separators. */
const textArb = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(' ', ',', ';', '"', "'", '=', ':', '&', '?', '/', '\\', '\n', '\r\n', 'msg=', 'url="', 'x', '1'), { maxLength: 12 }).map((a) => a.join('')),
);

const embeddings: Array<(secret: string) => string> = [
  (s) => `https://user:${s}@admin.api.crowdsec.net/v1/integrations/x/content`,
  (s) => `Authorization: Basic ${s}`,
  (s) => `apikey=${s}`,
  (s) => `X-Api-Key: ${s}`,
  (s) => `api_key=${s}`,
  (s) => `"password":"${s}"`,
];

describe('redact > properties', () => {
  it('an embedded secret never survives, whatever surrounds it', () => {
    fc.assert(
      fc.property(textArb, secretArb, fc.nat({ max: embeddings.length - 1 }), textArb, (before, secret, which, after) => {
        const line = before + embeddings[which]!(secret) + after;
        expect(redactString(line)).not.toContain(secret);
      }),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT_MS);

  it('several secrets in one line, separated by spaces, all disappear', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(secretArb, fc.nat({ max: embeddings.length - 1 })), { minLength: 1, maxLength: 5 }), textArb, (items, glue) => {
        const line = items.map(([s, w]) => embeddings[w]!(s)).join(` ${glue} `);
        const out = redactString(line);
        for (const [s] of items) expect(out).not.toContain(s);
      }),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT_MS);

  it('idempotent: redacting twice is redacting once (embedded secrets and arbitrary text)', () => {
    fc.assert(
      fc.property(textArb, secretArb, fc.nat({ max: embeddings.length - 1 }), textArb, (before, secret, which, after) => {
        const once = redactString(before + embeddings[which]!(secret) + after);
        expect(redactString(once)).toBe(once);
      }),
      { numRuns: runs(1000) },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const once = redactString(s);
        expect(redactString(once)).toBe(once);
      }),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT_MS);

  it('a document with a secret in any string field never keeps it after redactDeep', () => {
    fc.assert(
      fc.property(secretArb, fc.nat({ max: embeddings.length - 1 }), textArb, (secret, which, around) => {
        const doc = { event: { original: `${around}${embeddings[which]!(secret)}` }, nested: [{ msg: embeddings[which]!(secret) }] };
        expect(JSON.stringify(redactDeep(doc))).not.toContain(secret);
      }),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT_MS);
});
