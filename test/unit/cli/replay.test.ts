import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AutoFramer } from '@pullwatch/syslog';
import { parseTarget, replayFile } from '../../../services/cli/src/replay/send-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'pw-replay-'));
const file = join(dir, 'lines.log');
const LINES = Array.from({ length: 300 }, (_, i) => `<134>Nov 26 10:00:00 fw01 app: replay line ${i}${i % 50 === 0 ? ' ünïcode' : ''}`);
writeFileSync(file, LINES.join('\n') + '\n\n');

describe('cli > replay', () => {
  const closers: Array<() => void> = [];
  afterEach(() => closers.splice(0).forEach((c) => c()));

  it('parses targets and refuses bad ones with the expected form', () => {
    expect(parseTarget('udp://127.0.0.1:5514')).toEqual({ protocol: 'udp', host: '127.0.0.1', port: 5514 });
    expect(parseTarget('tls://[::1]:6514')).toEqual({ protocol: 'tls', host: '::1', port: 6514 });
    expect(() => parseTarget('http://x:1')).toThrow(/udp:\/\/host:port/);
    expect(() => parseTarget('tcp://x:70000')).toThrow(/1\.\.65535/);
  });

  it.each(['octet', 'lf'] as const)('sends every line over TCP with %s framing, in order', async (framing) => {
    const got: string[] = [];
    const server = createServer((s) => {
      const framer = new AutoFramer();
      s.on('data', (c: Buffer) => framer.push(c, (f) => got.push(f.data.toString())));
      s.on('end', () => framer.end((f) => got.push(f.data.toString())));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    closers.push(() => server.close());
    const port = (server.address() as { port: number }).port;
    const result = await replayFile(file, { target: { protocol: 'tcp', host: '127.0.0.1', port }, rate: 0, framing });
    expect(result.lines).toBe(300);
    const deadline = Date.now() + 5000;
    while (got.length < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual(LINES);
  });

  it('sends one datagram per line over UDP at the requested rate', async () => {
    const sock = createSocket('udp4');
    const got: string[] = [];
    sock.on('message', (m) => got.push(m.toString()));
    sock.bind(0, '127.0.0.1');
    await once(sock, 'listening');
    closers.push(() => sock.close());
    const t0 = Date.now();
    const result = await replayFile(file, { target: { protocol: 'udp', host: '127.0.0.1', port: sock.address().port }, rate: 1000, framing: 'lf' });
    const seconds = (Date.now() - t0) / 1000;
    expect(result.lines).toBe(300);
    // 300 lines at 1000 lines/s cannot take much less than 0.3 s: the rate is honoured.
    expect(seconds).toBeGreaterThanOrEqual(0.25);
    const deadline = Date.now() + 2000;
    while (got.length < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(got.length).toBe(300);
  });
});
