import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayContainSecret, redactString } from '@pullwatch/redact';

const runs = Number(process.env.PULLWATCH_FUZZ_RUNS ?? 2000);

describe('redact > mayContainSecret (the ingest fast path)', () => {
  it('is true for every kind of secret the redaction handles', () => {
    for (const s of [
      'https://u:p@h/x',
      'https://u:p%40w@h',
      'x api_key=1',
      'APIKEY=2',
      'Authorization: Basic abc',
      'x-api-key: k',
      'token=t',
      '"password":"p"',
      'secret=s',
      'curl -u user:pw https://h',
    ]) {
      expect(mayContainSecret(s), s).toBe(true);
    }
  });

  it('is false for ordinary traffic lines', () => {
    expect(mayContainSecret('<134>Nov 26 10:00:00 filterlog[1]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,2341,0,DF,6,tcp,60,203.0.113.77,192.0.2.10,51515,22,0,S')).toBe(false);
  });

  it('never says false for a text that redaction would change', () => {
    const alphabet = fc.constantFrom(...'aAbkKeyYpPsStTouU:/@%40=-_ "\'\\&;,\n'.split(''), 'api', 'key', 'token', 'pass', 'word', 'secret', 'auth', 'orization', '://', 'https', '-u ', '--user ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (s) => {
        if (!mayContainSecret(s)) expect(redactString(s)).toBe(s);
      }),
      { numRuns: runs },
    );
  });
});
