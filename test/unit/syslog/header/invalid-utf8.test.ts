import { describe, expect, it } from 'vitest';
import { AutoFramer, type Frame, frameDatagram, parseSyslog } from '@pullwatch/syslog';

// A FortiGate line whose user name holds invalid UTF-8 (a lone 0xFF, a truncated 2-byte
// sequence, an overlong encoding) and a NUL, as devices sometimes send.
const bytes = Buffer.concat([
  Buffer.from('<189>date=2025-11-05 time=10:00:01 devname="FGT60E" user="', 'latin1'),
  Buffer.from([0xff, 0x61, 0xc3, 0x28, 0xc0, 0xaf, 0x00, 0x62]),
  Buffer.from('" action="login" status="failed"', 'latin1'),
]);

describe('syslog > invalid UTF-8 from frame to header', () => {
  it('TCP: the frame keeps the exact bytes (event.original), and the decoded text parses without throwing', () => {
    const frames: Frame[] = [];
    const framer = new AutoFramer();
    framer.push(Buffer.concat([Buffer.from(`${bytes.length} `), bytes]), (f) => frames.push(f));
    expect(frames).toHaveLength(1);
    expect(Buffer.compare(frames[0]!.data, bytes)).toBe(0);

    const text = frames[0]!.data.toString('utf8');
    const r = parseSyslog(text, { receivedAt: new Date('2025-11-05T10:00:02Z') });
    expect(r.header).toEqual({ format: 'none', priority: 189, facility: 23, severity: 5 });
    expect(r.message).toContain('\uFFFD');
    expect(r.message.startsWith('date=2025-11-05 ')).toBe(true);
    expect(Buffer.compare(frames[0]!.data, bytes)).toBe(0); // still byte-exact after decoding
  });

  it('UDP: same bytes, same result', () => {
    const frame = frameDatagram(Buffer.concat([bytes, Buffer.from('\n')]));
    expect(frame).not.toBeNull();
    expect(Buffer.compare(frame!.data, bytes)).toBe(0);
    expect(() => parseSyslog(frame!.data.toString('utf8'), { receivedAt: new Date() })).not.toThrow();
  });
});
