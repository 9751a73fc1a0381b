import { describe, expect, it } from 'vitest';
import { AutoFramer, LfFramer, OctetCountingFramer } from '@pullwatch/syslog';
import { bytewise, octet, run } from './collect.js';

const t = (text: string) => ({ text, truncated: false });

describe('syslog > framing > AutoFramer', () => {
  it('detects octet counting from `<count> <` and keeps embedded LFs', () => {
    const f = new AutoFramer();
    const frames = run(f, [Buffer.concat([octet('<13>one\ntwo'), octet('<14>three')])], false);
    expect(frames).toEqual([t('<13>one\ntwo'), t('<14>three')]);
    expect(f.mode).toBe('octet-counting');
  });

  it('detects LF framing when the first byte is not a count', () => {
    const f = new AutoFramer();
    expect(run(f, ['<13>a\n<14>b\r\n'], false)).toEqual([t('<13>a'), t('<14>b')]);
    expect(f.mode).toBe('lf');
    expect(f.stats.fallbacks).toBe(0);
  });

  it('a header-less body starting with digits (PAN-OS `1,2025/...`) is LF, not a count', () => {
    const f = new AutoFramer();
    expect(run(f, ['1,2025/12/10 00:00:00,0123,TRAFFIC\n'], false)).toEqual([t('1,2025/12/10 00:00:00,0123,TRAFFIC')]);
    expect(f.mode).toBe('lf');
  });

  it('`12 x` (a count not followed by `<`) is LF', () => {
    expect(run(new AutoFramer(), ['12 x\n'])).toEqual([t('12 x')]);
  });

  it('detection waits for enough bytes when the first ones arrive one at a time', () => {
    expect(run(new AutoFramer(), bytewise(`${octet('<13>a').toString('latin1')}${octet('<14>b').toString('latin1')}`))).toEqual([
      t('<13>a'),
      t('<14>b'),
    ]);
  });

  it('fallback: a count that is too small makes the next frame start mid-message, then LF framing takes over', () => {
    // The sender counted 5 bytes for a 9-byte message and terminates each message with LF.
    const f = new AutoFramer();
    const frames = run(f, ['5 <13>abcd\n<14>next\n'], false);
    expect(frames).toEqual([t('<13>a'), t('bcd'), t('<14>next')]);
    expect(f.stats.fallbacks).toBe(1);
    expect(f.mode).toBe('lf');
  });

  it('fallback: a counted frame not starting with `<` switches to LF from the count', () => {
    const f = new AutoFramer();
    expect(run(f, [octet('<13>ok'), '7 garbage\n<14>x\n'], false)).toEqual([t('<13>ok'), t('7 garbage'), t('<14>x')]);
    expect(f.stats.fallbacks).toBe(1);
  });

  it('each connection detects again after end()', () => {
    const f = new AutoFramer();
    run(f, [octet('<13>a')]);
    expect(f.mode).toBe('detect');
    expect(run(f, ['<13>lf\n'], false)).toEqual([t('<13>lf')]);
    expect(f.mode).toBe('lf');
  });

  it('a malformed client disconnecting mid-frame does not corrupt the next connection', () => {
    const f = new AutoFramer();
    expect(run(f, ['40 <13>only part'])).toEqual([{ text: '<13>only part', truncated: false, incomplete: true }]);
    expect(run(f, [octet('<14>clean')])).toEqual([t('<14>clean')]);
  });

  it('the three framers agree on a well-formed stream of their own kind', () => {
    const lf = '<13>a\n<14>b\n';
    expect(run(new AutoFramer(), [lf])).toEqual(run(new LfFramer(), [lf]));
    const oc = Buffer.concat([octet('<13>a'), octet('<14>b')]);
    expect(run(new AutoFramer(), [oc])).toEqual(run(new OctetCountingFramer(), [oc]));
  });
});
