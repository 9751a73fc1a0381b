import { describe, expect, it } from 'vitest';
import { frameDatagram } from '@pullwatch/syslog';

const text = (b: Buffer | undefined) => b?.toString('latin1');

describe('syslog > framing > frameDatagram', () => {
  it('one datagram is one message; one trailing LF, CRLF or NUL is stripped', () => {
    expect(text(frameDatagram(Buffer.from('<13>a\n'))?.data)).toBe('<13>a');
    expect(text(frameDatagram(Buffer.from('<13>a\r\n'))?.data)).toBe('<13>a');
    expect(text(frameDatagram(Buffer.from('<13>a\0'))?.data)).toBe('<13>a');
    expect(text(frameDatagram(Buffer.from('<13>a\n\n'))?.data)).toBe('<13>a\n');
    expect(text(frameDatagram(Buffer.from('<13>a\nb'))?.data)).toBe('<13>a\nb');
  });

  it('an empty datagram gives null', () => {
    expect(frameDatagram(Buffer.alloc(0))).toBeNull();
    expect(frameDatagram(Buffer.from('\r\n'))).toBeNull();
  });

  it('applies the size limit and flags the cut', () => {
    expect(frameDatagram(Buffer.from('<13>abcdefgh\n'), 6)).toMatchObject({ truncated: true, discardedBytes: 6 });
    expect(text(frameDatagram(Buffer.from('<13>abcdefgh'), 6)?.data)).toBe('<13>ab');
    expect(frameDatagram(Buffer.from('<13>ab'), 6)).toMatchObject({ truncated: false });
  });

  it('keeps invalid UTF-8 bytes exactly', () => {
    const d = Buffer.from([0x3c, 0x31, 0x3e, 0xff, 0x00, 0xc0, 0x0a]);
    expect(Buffer.compare(frameDatagram(d)!.data, d.subarray(0, 6))).toBe(0);
  });
});
