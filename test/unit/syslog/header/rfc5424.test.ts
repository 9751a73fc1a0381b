import { describe, expect, it } from 'vitest';
import { parseSyslog } from '@pullwatch/syslog';

const receivedAt = new Date('2025-11-05T14:00:00Z');
const parse = (line: string) => parseSyslog(line, { receivedAt });

describe('syslog > header > rfc5424', () => {
  it('parses every field', () => {
    const r = parse('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 1024 ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event');
    expect(r.header).toEqual({
      format: 'rfc5424',
      priority: 165,
      facility: 20,
      severity: 5,
      version: 1,
      timestamp: new Date('2003-10-11T22:14:15.003Z'),
      timestampText: '2003-10-11T22:14:15.003Z',
      timestampHasZone: true,
      hostname: 'mymachine.example.com',
      appname: 'evntslog',
      procid: '1024',
      msgid: 'ID47',
      structuredData: { 'exampleSDID@32473': { iut: '3', eventSource: 'Application' } },
    });
    expect(r.message).toBe('An application event');
  });

  it('`-` (NILVALUE) in every nil-able field leaves them absent', () => {
    const r = parse('<13>1 - - - - - - msg');
    expect(r.header).toEqual({ format: 'rfc5424', priority: 13, facility: 1, severity: 5, version: 1 });
    expect(r.message).toBe('msg');
  });

  it('`Z` and `±hh:mm` offsets; 0, 3, 6 and 9 fractional digits (µs kept in the text, ms in the Date)', () => {
    const cases: Array<[string, string]> = [
      ['2021-07-03T19:10:14Z', '2021-07-03T19:10:14.000Z'],
      ['2021-07-03T19:10:14.578Z', '2021-07-03T19:10:14.578Z'],
      ['2021-07-03T19:10:14.578288-05:00', '2021-07-04T00:10:14.578Z'],
      ['2021-07-03T19:10:14.578288999+05:30', '2021-07-03T13:40:14.578Z'],
      ['2021-07-03T19:10:14+01:00', '2021-07-03T18:10:14.000Z'],
    ];
    for (const [text, iso] of cases) {
      const r = parse(`<134>1 ${text} pfSense.example.com filterlog 72237 - - 146,,,`);
      expect(r.header.timestampText).toBe(text);
      expect(r.header.timestamp?.toISOString()).toBe(iso);
      expect(r.header.timestampHasZone).toBe(true);
      expect(r.message).toBe('146,,,');
    }
  });

  it('SD `[meta sequenceId="7"]` (OPNsense)', () => {
    const r = parse('<134>1 2022-06-09T14:44:11-06:00 OPNsense.example.com filterlog 76404 - [meta sequenceId="7"] 124,,,fae5');
    expect(r.header.structuredData).toEqual({ meta: { sequenceId: '7' } });
    expect(r.header.msgid).toBeUndefined();
    expect(r.message).toBe('124,,,fae5');
  });

  it('SD values with `\\"`, `\\\\` and `\\]` escapes, `]` inside a value, several elements', () => {
    const r = parse('<13>1 - h a p m [a x="q\\"uote" y="br\\]acket ] here" z="back\\\\slash\\n"][b@1 k="v"] body');
    expect(r.header.structuredData).toEqual({ a: { x: 'q"uote', y: 'br]acket ] here', z: 'back\\slash\\n' }, 'b@1': { k: 'v' } });
    expect(r.message).toBe('body');
  });

  it('a MSGID containing `:`', () => {
    const r = parse('<13>1 2021-01-01T00:00:00Z h app 1 audit:login - text');
    expect(r.header.msgid).toBe('audit:login');
    expect(r.message).toBe('text');
  });

  it('malformed SD is kept in MSG rather than guessed', () => {
    const r = parse('<13>1 - h a p m [unterminated x="1" rest');
    expect(r.header.structuredData).toBeUndefined();
    expect(r.message).toBe('[unterminated x="1" rest');
  });

  it('an SD-ID or param named __proto__ is plain data', () => {
    const r = parse('<13>1 - h a p m [__proto__ __proto__="x"] m');
    expect(Object.keys(r.header.structuredData ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('PAN-OS IETF without APP..SD: a token with `,` ends the header', () => {
    const r = parse('<134>1 2022-11-03T13:40:34+01:00 PA-220 1,2021/11/11 15:42:44,007051000184334,DECRYPTION,0,2561');
    expect(r.header).toMatchObject({ format: 'rfc5424', hostname: 'PA-220' });
    expect(r.header.appname).toBeUndefined();
    expect(r.message).toBe('1,2021/11/11 15:42:44,007051000184334,DECRYPTION,0,2561');
  });

  it('a BOM at the start of MSG is stripped and flagged; the first CSV column and KV key stay intact', () => {
    const csv = parse('<14>1 2020-03-19T11:58:45+01:00 PA-VM - - - - \uFEFF1,2020/03/19 11:58:44,007051000184334,SYSTEM');
    expect(csv.header.bom).toBe(true);
    expect(csv.message.split(',')[0]).toBe('1');
    const kv = parse('<189>1 2024-08-10T19:06:56Z FTG-NAME - - - - \uFEFFeventtime=1723316816 tz="-0400" logid="0100032002"');
    expect(kv.header.bom).toBe(true);
    expect(kv.message.startsWith('eventtime=')).toBe(true);
    expect(parse('<14>1 - h - - - - no bom').header.bom).toBeUndefined();
  });

  it('only one BOM is stripped, and never from inside the header', () => {
    const r = parse('<14>1 - h - - - - \uFEFF\uFEFFx');
    expect(r.message).toBe('\uFEFFx');
  });

  it('a VERSION other than `1 ` or a bad timestamp is not RFC 5424', () => {
    expect(parse('<13>2 2021-01-01T00:00:00Z h a p m - x').header.format).toBe('none');
    expect(parse('<13>1 yesterday h a p m - x')).toEqual({ header: { format: 'none', priority: 13, facility: 1, severity: 5 }, message: '1 yesterday h a p m - x' });
  });

  it('a header that stops early leaves the missing fields absent and MSG empty', () => {
    const r = parse('<13>1 2021-01-01T00:00:00Z host');
    expect(r.header).toMatchObject({ format: 'rfc5424', hostname: 'host' });
    expect(r.header.appname).toBeUndefined();
    expect(r.message).toBe('');
  });
});
