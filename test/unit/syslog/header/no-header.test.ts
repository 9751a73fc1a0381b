import { describe, expect, it } from 'vitest';
import { parseSyslog } from '@pullwatch/syslog';

const receivedAt = new Date('2024-07-19T12:00:00Z');
const parse = (line: string) => parseSyslog(line, { receivedAt });

describe('syslog > header > no header (format none)', () => {
  it('`<189>date=...`: KV right after the PRI is the body; the PRI is kept', () => {
    const r = parse('<189>date=2024-07-19 time=11:08:59 devname="FGT60E" devid="FGT60E0000000000" logid="0100032002"');
    expect(r.header).toEqual({ format: 'none', priority: 189, facility: 23, severity: 5 });
    expect(r.message).toBe('date=2024-07-19 time=11:08:59 devname="FGT60E" devid="FGT60E0000000000" logid="0100032002"');
    expect(r.message.slice(0, r.message.indexOf('='))).toBe('date');
  });

  it('`<189> logver=...` (FortiAnalyzer, space after PRI)', () => {
    const r = parse('<189> logver=700 timestamp=1678299766 tz="UTC-5:00" devname="FG6K"');
    expect(r.header).toEqual({ format: 'none', priority: 189, facility: 23, severity: 5 });
    expect(r.message).toBe('logver=700 timestamp=1678299766 tz="UTC-5:00" devname="FG6K"');
  });

  it('`date=...` without PRI', () => {
    expect(parse('date=2019-05-10 time=11:37:47 logid="0000000013"')).toEqual({
      header: { format: 'none' },
      message: 'date=2019-05-10 time=11:37:47 logid="0000000013"',
    });
  });

  it('`1,2025/12/10 ...` without PRI (PAN-OS CSV)', () => {
    const line = '1,2025/12/10 00:00:00,012345678901,TRAFFIC,end,2561,2025/12/10 00:00:00,10.0.0.1';
    expect(parse(line)).toEqual({ header: { format: 'none' }, message: line });
  });

  it('`filterlog: ...` without a timestamp is a body (as Elastic treats it)', () => {
    const line = 'filterlog: 71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block,in,4';
    expect(parse(line)).toEqual({ header: { format: 'none' }, message: line });
  });

  it('an invalid PRI is not a PRI: it stays in the message', () => {
    expect(parse('<192>x')).toEqual({ header: { format: 'none' }, message: '<192>x' });
    expect(parse('<>x')).toEqual({ header: { format: 'none' }, message: '<>x' });
    expect(parse('<1234>x')).toEqual({ header: { format: 'none' }, message: '<1234>x' });
    expect(parse('<0>x').header.priority).toBe(0);
    expect(parse('<191>x').header).toEqual({ format: 'none', priority: 191, facility: 23, severity: 7 });
  });

  it('never throws, whatever the input', () => {
    const weird = ['', '<', '<1', '<1>', '\0\0\0', '\uD800<13>1 \uDFFF', '<13>Feb 29 25:61:61 x', '<13>1 9999-99-99T99:99:99Z', 'x'.repeat(100_000)];
    for (const w of weird) {
      const r = parse(w);
      expect(typeof r.message).toBe('string');
    }
    expect(parseSyslog('<13>Nov  5 13:54:43 h a: x', { receivedAt: new Date(Number.NaN) }).header.timestamp).toBeUndefined();
    expect(() => parseSyslog('<13>Nov  5 13:54:43 h a: x', undefined as never)).not.toThrow();
  });
});
