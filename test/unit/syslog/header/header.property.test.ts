import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StructuredData, type SyslogHeader, parseSyslog } from '@pullwatch/syslog';
import { VENDOR_LINES } from './vendor-lines.js';

/** Runs per property; PULLWATCH_FUZZ_RUNS overrides every default. */
const runs = (n: number): number => Number(process.env.PULLWATCH_FUZZ_RUNS ?? n);
/** Generous, so that PULLWATCH_FUZZ_RUNS=100000 is not cut by vitest's 5 s default. */
const TIMEOUT_MS = 30 * 60_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * MSG text for the models. Excluded: text that itself starts like a header (`<`, `Mmm `, a
 * year), since the parser would rightly take it for a relayed inner header.
 */
const msgArb = fc.string({ maxLength: 200 }).filter((m) => !/^(?:<|[A-Za-z]{3} |\d{4}[- ])/.test(m));

const priArb = fc.option(fc.integer({ min: 0, max: 191 }), { nil: undefined });
const priText = (pri: number | undefined) => (pri === undefined ? '' : `<${pri}>`);
const priFields = (pri: number | undefined): Partial<SyslogHeader> =>
  pri === undefined ? {} : { priority: pri, facility: pri >> 3, severity: pri & 7 };

// ------------------------------------------------------------------ RFC 5424 model

interface Ts5424 {
  text: string;
  date: Date;
}
const ts5424Arb: fc.Arbitrary<Ts5424> = fc
  .record({
    y: fc.integer({ min: 1970, max: 2099 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    fracDigits: fc.constantFrom(0, 3, 6, 9),
    frac: fc.integer({ min: 0, max: 999_999_999 }),
    offset: fc.oneof(fc.constant<number | 'Z'>('Z'), fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })),
  })
  .map(({ y, mo, d, h, mi, s, fracDigits, frac, offset }) => {
    const day = Math.min(d, daysIn(y, mo));
    const fracText = fracDigits === 0 ? '' : `.${pad(frac, 9).slice(0, fracDigits)}`;
    const ms = fracDigits === 0 ? 0 : Number(pad(frac, 9).slice(0, 3));
    const offMin = offset === 'Z' ? 0 : offset;
    const zone = offset === 'Z' ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
    const text = `${y}-${pad(mo)}-${pad(day)}T${pad(h)}:${pad(mi)}:${pad(s)}${fracText}${zone}`;
    return { text, date: new Date(Date.UTC(y, mo - 1, day, h, mi, s, ms) - offMin * 60_000) };
  });

/** A header field: NILVALUE or a printable token without `,` `=` or space (those mark a body). */
const fieldArb = (max: number) =>
  fc.option(fc.stringMatching(new RegExp(`^[A-Za-z0-9._:@/()\\[\\]-]{1,${max}}$`)).filter((t) => t !== '-'), { nil: undefined });

const sdNameArb = fc.stringMatching(/^[A-Za-z0-9@._-]{1,16}$/);
const sdArb = fc.option(
  fc.uniqueArray(
    fc.record({
      id: sdNameArb,
      params: fc.uniqueArray(fc.record({ name: sdNameArb, value: fc.string({ maxLength: 20 }) }), { selector: (p) => p.name, maxLength: 4 }),
    }),
    { selector: (e) => e.id, minLength: 1, maxLength: 3 },
  ),
  { nil: undefined },
);

const escapeSd = (v: string) => v.replace(/[\\"\]]/g, (c) => `\\${c}`);

describe('syslog > header > properties', () => {
  it('RFC 5424 model: generate → serialise → parse gives the model back', () => {
    fc.assert(
      fc.property(
        priArb,
        fc.option(ts5424Arb, { nil: undefined }),
        fieldArb(40),
        fieldArb(48),
        fieldArb(20),
        fieldArb(32),
        sdArb,
        fc.boolean(),
        msgArb,
        (pri, ts, host, app, procid, msgid, sd, bom, msg) => {
          const sdText =
            sd === undefined
              ? '-'
              : sd.map((e) => `[${e.id}${e.params.map((p) => ` ${p.name}="${escapeSd(p.value)}"`).join('')}]`).join('');
          const fullMsg = (bom ? '\uFEFF' : '') + msg;
          const line =
            `${priText(pri)}1 ${ts?.text ?? '-'} ${host ?? '-'} ${app ?? '-'} ${procid ?? '-'} ${msgid ?? '-'} ${sdText}` +
            (fullMsg === '' ? '' : ` ${fullMsg}`);

          const expected: SyslogHeader = { format: 'rfc5424', version: 1, ...priFields(pri) };
          if (ts !== undefined) Object.assign(expected, { timestamp: ts.date, timestampText: ts.text, timestampHasZone: true });
          if (host !== undefined) expected.hostname = host;
          if (app !== undefined) expected.appname = app;
          if (procid !== undefined) expected.procid = procid;
          if (msgid !== undefined) expected.msgid = msgid;
          if (sd !== undefined) {
            const data: StructuredData = {};
            for (const e of sd) {
              // defineProperty: an SD-ID `__proto__` must be an own key, as the parser makes it.
              const value = Object.fromEntries(e.params.map((p) => [p.name, p.value]));
              Object.defineProperty(data, e.id, { value, enumerable: true, writable: true, configurable: true });
            }
            expected.structuredData = data;
          }
          if (bom) expected.bom = true;

          const r = parseSyslog(line, { receivedAt: new Date() });
          expect(r.header).toEqual(expected);
          expect(r.message).toBe(msg);
        },
      ),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT_MS);

  it('RFC 3164 model: generate → serialise → parse gives the model back (year inferred, device tz)', () => {
    const hostArb = fc.option(fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/), { nil: undefined });
    const tagArb = fc.option(
      fc.record({
        program: fc.oneof(
          fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,19}$/).map((p) => ({ text: p, app: p })),
          fc.stringMatching(/^[a-z]{1,8}-[0-9]$/).map((p) => ({ text: `(${p})`, app: p })),
          fc.tuple(fc.stringMatching(/^\/[a-z]{1,6}\/[a-z]{1,6}$/), fc.stringMatching(/^[a-z]{1,10}$/)).map(([dir, p]) => ({ text: `${dir}/${p}`, app: p })),
        ),
        pid: fc.option(fc.integer({ min: 1, max: 99_999 }).map(String), { nil: undefined }),
      }),
      { nil: undefined },
    );
    // Without a TAG the body must not look like one: it starts with a CSV or KV token.
    const bodyStartArb = fc.constantFrom('1,2025/12/10 00:00:00,', 'date=2024-07-19 ', 'devname="fw" ');

    fc.assert(
      fc.property(
        priArb,
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -150 * 86_400, max: 150 * 86_400 }),
        fc.constantFrom('UTC', '+05:30', '-08:00'),
        fc.constantFrom<'space' | 'single' | 'zero'>('space', 'single', 'zero'),
        hostArb,
        tagArb,
        bodyStartArb,
        msgArb,
        (pri, received, deltaSec, tz, dayStyle, host, tag, bodyStart, msg) => {
          const offsetMin = tz === 'UTC' ? 0 : tz === '+05:30' ? 330 : -480;
          const instant = Math.floor((received.getTime() + deltaSec * 1000) / 1000) * 1000;
          const wall = new Date(instant + offsetMin * 60_000);
          const day = wall.getUTCDate();
          const dayText = dayStyle === 'zero' ? pad(day) : dayStyle === 'space' && day < 10 ? ` ${day}` : String(day);
          const tsText = `${MONTHS[wall.getUTCMonth()]} ${dayText} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
          const tagText = tag === undefined ? '' : `${tag.program.text}${tag.pid === undefined ? '' : `[${tag.pid}]`}:`;
          const body = tag === undefined ? bodyStart + msg : msg;
          const line = `${priText(pri)}${tsText}${host === undefined ? '' : ` ${host}`}${tagText === '' ? '' : ` ${tagText}`} ${body}`;

          const expected: SyslogHeader = {
            format: 'rfc3164',
            ...priFields(pri),
            timestamp: new Date(instant),
            timestampText: tsText,
            timestampHasZone: false,
          };
          if (host !== undefined) expected.hostname = host;
          if (tag !== undefined) expected.appname = tag.program.app;
          if (tag?.pid !== undefined) expected.procid = tag.pid;

          const r = parseSyslog(line, { receivedAt: received, timezone: tz });
          expect(r.header).toEqual(expected);
          expect(r.message).toBe(body.startsWith('\uFEFF') ? body.slice(1) : body);
        },
      ),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT_MS);

  const invariant = (raw: string) => {
    const r = parseSyslog(raw, { receivedAt: new Date('2025-06-01T00:00:00Z'), timezone: 'Europe/Paris' });
    expect(['rfc5424', 'rfc3164', 'none']).toContain(r.header.format);
    expect(raw.endsWith(r.message)).toBe(true);
    if (r.header.timestamp !== undefined) expect(Number.isNaN(r.header.timestamp.getTime())).toBe(false);
  };

  it('never throws on arbitrary strings (lone surrogates, NUL included); MSG is always a tail of the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), invariant), { numRuns: runs(1000) });
    fc.assert(fc.property(fc.string({ maxLength: 300 }), invariant), { numRuns: runs(1000) });
  }, TIMEOUT_MS);

  it('never throws on arbitrary bytes decoded as UTF-8 (invalid sequences become U+FFFD)', () => {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => invariant(decoder.decode(bytes))),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT_MS);

  it('never throws on mutated real lines (cut, spliced, with `<`, `[`, `"`, `=`, NUL inserted)', () => {
    const lines = Object.values(VENDOR_LINES);
    fc.assert(
      fc.property(
        fc.constantFrom(...lines),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('<', '>', '[', ']', '"', '\\', '=', ',', ' ', '\0', '-', ':', '1 ', '\uFEFF', '\uD800')), { maxLength: 6 }),
        fc.nat(),
        (line, inserts, cut) => {
          let s = line.slice(0, (cut % line.length) + 1);
          for (const [at, text] of inserts) {
            const i = at % (s.length + 1);
            s = s.slice(0, i) + text + s.slice(i);
          }
          invariant(s);
        },
      ),
      { numRuns: runs(1000) },
    );
  }, TIMEOUT_MS);
});
