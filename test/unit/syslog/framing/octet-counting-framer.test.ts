import { describe, expect, it } from 'vitest';
import { OctetCountingFramer } from '@pullwatch/syslog';
import { bytewise, octet, run } from './collect.js';

const t = (text: string) => ({ text, truncated: false });

const M1 = '<165>1 2022-11-14T06:54:03Z use2-dmz-fw02 - - - - eventtime=1668408842876531561 tz="-0800"';
const M2 = '<14>1 2020-03-19T11:58:45+01:00 PA-VM - - - - 1,2020/03/19 11:58:44,007051000184334,SYSTEM,general,\nsecond line of the same message';
const M3 = '<189>date=2024-07-19 time=11:08:59 devname="FGT" msg="three"';

describe('syslog > framing > OctetCountingFramer', () => {
  it('frames a stream of three messages, one of them with an embedded LF kept inside', () => {
    const stream = Buffer.concat([octet(M1), octet(M2), octet(M3)]);
    expect(run(new OctetCountingFramer(), [stream])).toEqual([t(M1), t(M2), t(M3)]);
  });

  it('same frames when the stream is cut byte by byte (counts split across packets)', () => {
    const stream = Buffer.concat([octet(M1), octet(M2), octet(M3)]).toString('latin1');
    expect(run(new OctetCountingFramer(), bytewise(stream))).toEqual([t(M1), t(M2), t(M3)]);
  });

  it('a count split across chunks ("1" | "23 <...")', () => {
    const msg = '<13>' + 'a'.repeat(119);
    const s = octet(msg).toString('latin1');
    expect(run(new OctetCountingFramer(), [s.slice(0, 1), s.slice(1, 3), s.slice(3)])).toEqual([t(msg)]);
  });

  it('counts bytes, not characters (UTF-8 message)', () => {
    const msg = Buffer.from('<13>héllo wörld', 'utf8');
    const frames: Buffer[] = [];
    new OctetCountingFramer().push(Buffer.concat([octet(msg), octet(msg)]), (f) => frames.push(f.data));
    expect(frames.map((b) => b.toString('utf8'))).toEqual(['<13>héllo wörld', '<13>héllo wörld']);
  });

  it('tolerates LF, CRLF or NUL between counted frames and strips one trailing LF inside a frame', () => {
    const s = `${octet('<13>a\n').toString('latin1')}\r\n${octet('<14>b').toString('latin1')}\0${octet('<15>c\r\n').toString('latin1')}`;
    expect(run(new OctetCountingFramer(), [s])).toEqual([t('<13>a'), t('<14>b'), t('<15>c')]);
  });

  it('an incomplete counted frame at end() is emitted with what arrived, flagged incomplete', () => {
    const s = octet(M1).toString('latin1');
    expect(run(new OctetCountingFramer(), [s.slice(0, 40)])).toEqual([
      { text: s.slice(s.indexOf(' ') + 1, 40), truncated: false, incomplete: true },
    ]);
  });

  it('a bare count at end() is emitted incomplete (nothing silently dropped)', () => {
    expect(run(new OctetCountingFramer(), ['12'])).toEqual([{ text: '12', truncated: false, incomplete: true }]);
  });

  describe('lying counts', () => {
    it('a count above maxMessageBytes: first maxMessageBytes emitted truncated, the rest of that frame skipped', () => {
      const f = new OctetCountingFramer({ maxMessageBytes: 10 });
      const big = '<13>' + 'z'.repeat(96);
      expect(run(f, [octet(big), octet('<14>after')])).toEqual([
        { text: '<13>zzzzzz', truncated: true, discardedBytes: 90 },
        t('<14>after'),
      ]);
      expect(f.stats.discardedBytes).toBe(90);
    });

    it('a huge count (10 digits) does not hang or grow memory: it skips what arrives', () => {
      const f = new OctetCountingFramer({ maxMessageBytes: 64 });
      const frames = run(f, ['9999999999 <13>', 'x'.repeat(10_000), 'y'.repeat(10_000)]);
      expect(frames).toEqual([{ text: `<13>${'x'.repeat(60)}`, truncated: true, discardedBytes: 20_004 - 64, incomplete: true }]);
    });

    it('a 20-digit count is garbage: the connection falls back to LF framing, counted', () => {
      const f = new OctetCountingFramer();
      const frames = run(f, ['12345678901234567890 <13>hello\n<14>next\n'], false);
      expect(frames).toEqual([t('12345678901234567890 <13>hello'), t('<14>next')]);
      expect(f.stats.fallbacks).toBe(1);
      expect(f.mode).toBe('lf');
    });

    it('a non-digit count falls back to LF', () => {
      const f = new OctetCountingFramer();
      expect(run(f, [octet('<13>ok'), 'abc <14>x\n'], false)).toEqual([t('<13>ok'), t('abc <14>x')]);
      expect(f.stats.fallbacks).toBe(1);
    });
  });
});
