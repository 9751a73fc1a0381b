import { describe, expect, it } from 'vitest';
import { LfFramer } from '@pullwatch/syslog';
import { bytewise, run } from './collect.js';

const t = (text: string) => ({ text, truncated: false });

describe('syslog > framing > LfFramer', () => {
  it('emits one frame per LF-terminated line', () => {
    expect(run(new LfFramer(), ['<13>a\n<14>b\n'])).toEqual([t('<13>a'), t('<14>b')]);
  });

  it('strips one trailing CR (CRLF endings)', () => {
    expect(run(new LfFramer(), ['<13>a\r\n<14>b\r\r\n'])).toEqual([t('<13>a'), t('<14>b\r')]);
  });

  it('treats NUL like LF (senders that terminate frames with \\0)', () => {
    expect(run(new LfFramer(), ['<13>a\0<14>b\0\n<15>c\n'])).toEqual([t('<13>a'), t('<14>b'), t('<15>c')]);
  });

  it('skips empty lines and counts them', () => {
    const f = new LfFramer();
    expect(run(f, ['\n\r\n<13>a\n\n\0\n'])).toEqual([t('<13>a')]);
    expect(f.stats.emptyLines).toBe(5);
    expect(f.stats.frames).toBe(1);
  });

  it('joins a frame split across chunks, and several frames in one chunk', () => {
    expect(run(new LfFramer(), ['<13>hel', 'lo wor', 'ld\n<14>x\n<15', '>y\n'])).toEqual([
      t('<13>hello world'),
      t('<14>x'),
      t('<15>y'),
    ]);
  });

  it('frames byte-by-byte input the same way', () => {
    expect(run(new LfFramer(), bytewise('<13>a\r\n<14>b\n'))).toEqual([t('<13>a'), t('<14>b')]);
  });

  it('a CR split from its LF across chunks is still stripped', () => {
    expect(run(new LfFramer(), ['<13>a\r', '\n'])).toEqual([t('<13>a')]);
  });

  it('emits an unterminated last line at end() flagged incomplete', () => {
    expect(run(new LfFramer(), ['<13>a\n<14>half'])).toEqual([t('<13>a'), { text: '<14>half', truncated: false, incomplete: true }]);
  });

  it('keeps the exact bytes, including invalid UTF-8 (framing never decodes)', () => {
    const bytes = Buffer.from([0x3c, 0x31, 0x3e, 0xff, 0xfe, 0xc3, 0x28, 0x80, 0x0a]);
    const frames: Buffer[] = [];
    const f = new LfFramer();
    f.push(bytes, (fr) => frames.push(fr.data));
    expect(frames).toHaveLength(1);
    expect(Buffer.compare(frames[0]!, bytes.subarray(0, 8))).toBe(0);
  });

  describe('size limit', () => {
    it('cuts an overlong line at maxMessageBytes, flags it, and counts the rest as discarded', () => {
      const f = new LfFramer({ maxMessageBytes: 8 });
      expect(run(f, ['<13>abcdefghij\n<14>ok\n'])).toEqual([
        { text: '<13>abcd', truncated: true, discardedBytes: 6 },
        t('<14>ok'),
      ]);
      expect(f.stats.truncatedFrames).toBe(1);
      expect(f.stats.discardedBytes).toBe(6);
    });

    it('a line of exactly maxMessageBytes (with or without CR) is not truncated', () => {
      expect(run(new LfFramer({ maxMessageBytes: 5 }), ['<13>a\n<13>b\r\n'])).toEqual([t('<13>a'), t('<13>b')]);
      expect(run(new LfFramer({ maxMessageBytes: 5 }), bytewise('<13>a\r\n<13>b\n'))).toEqual([t('<13>a'), t('<13>b')]);
    });

    it('an overlong line spread over many chunks is held at the limit, never grows, and is emitted at its end', () => {
      const f = new LfFramer({ maxMessageBytes: 16 });
      const frames = run(f, ['<13>', 'x'.repeat(1000), 'y'.repeat(1000), '\r\n<14>next\n']);
      expect(frames).toEqual([
        { text: `<13>${'x'.repeat(12)}`, truncated: true, discardedBytes: 1988 },
        t('<14>next'),
      ]);
    });

    it('an overlong line cut by the end of the connection is truncated and incomplete', () => {
      expect(run(new LfFramer({ maxMessageBytes: 4 }), ['<13>abcdef'])).toEqual([
        { text: '<13>', truncated: true, discardedBytes: 6, incomplete: true },
      ]);
    });

    it('truncated bodies at the common caps (480, 1024, 2048 bytes) are flagged, never dropped', () => {
      for (const cap of [480, 1024, 2048]) {
        const line = `<134>Jul  3 19:10:30 filterlog[72237]: ${'146,,,1535324496,igb1.12,match,block,in,4,'.repeat(60)}`;
        const frames = run(new LfFramer({ maxMessageBytes: cap }), [`${line}\n`]);
        expect(frames).toHaveLength(1);
        expect(frames[0]!.truncated).toBe(true);
        expect(frames[0]!.text).toBe(line.slice(0, cap));
        expect(frames[0]!.discardedBytes).toBe(line.length - cap);
      }
    });

    it('rejects a nonsensical limit with a message naming the option', () => {
      expect(() => new LfFramer({ maxMessageBytes: 0 })).toThrow(/maxMessageBytes/);
    });
  });

  describe('connections', () => {
    it('end() resets the framer: a client disconnecting mid-frame does not leak into the next connection', () => {
      const f = new LfFramer();
      expect(run(f, ['<13>broken mid-fr'])).toEqual([{ text: '<13>broken mid-fr', truncated: false, incomplete: true }]);
      expect(run(f, ['<14>next connection\n'])).toEqual([t('<14>next connection')]);
      expect(f.stats.incompleteFrames).toBe(1);
    });

    it('end() on an empty connection emits nothing', () => {
      expect(run(new LfFramer(), [])).toEqual([]);
      expect(run(new LfFramer(), ['\r'])).toEqual([]);
    });
  });

  describe('frame lifetime', () => {
    it('frames stay valid after the next push when copyFrames is set and the caller reuses its buffer', () => {
      const f = new LfFramer({ copyFrames: true });
      const reused = Buffer.alloc(6);
      const frames: Buffer[] = [];
      reused.write('<1>ab\n', 'latin1');
      f.push(reused, (fr) => frames.push(fr.data));
      reused.write('<2>cd\n', 'latin1');
      f.push(reused, (fr) => frames.push(fr.data));
      expect(frames.map((b) => b.toString())).toEqual(['<1>ab', '<2>cd']);
    });

    it('frames assembled across chunks are owned copies', () => {
      const f = new LfFramer();
      const a = Buffer.from('<1>a');
      const b = Buffer.from('b\n');
      const frames: Buffer[] = [];
      f.push(a, (fr) => frames.push(fr.data));
      f.push(b, (fr) => frames.push(fr.data));
      a.fill(0);
      b.fill(0);
      expect(frames[0]!.toString()).toBe('<1>ab');
    });
  });
});
