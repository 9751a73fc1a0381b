import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { connect as tcpConnect, isIPv6, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { connect as tlsConnect } from 'node:tls';

/** Where to send: `udp://host:port`, `tcp://host:port` or `tls://host:port`. */
export interface ReplayTarget {
  protocol: 'udp' | 'tcp' | 'tls';
  host: string;
  port: number;
}

export function parseTarget(url: string): ReplayTarget {
  const m = /^(udp|tcp|tls):\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(url);
  if (!m) throw new Error(`--to must look like udp://host:port, tcp://host:port or tls://host:port (got "${url}")`);
  const port = Number(m[3]);
  if (port < 1 || port > 65535) throw new Error(`--to: port must be 1..65535 (got ${port})`);
  return { protocol: m[1] as ReplayTarget['protocol'], host: m[2]!.replace(/^\[|\]$/g, ''), port };
}

export interface ReplayOptions {
  target: ReplayTarget;
  /** Lines per second; 0 sends as fast as the transport takes them. */
  rate: number;
  /** TCP/TLS framing: RFC 6587 octet counting, or one line per LF. */
  framing: 'octet' | 'lf';
  /** TLS: PEM CA file to trust, or accept any certificate. */
  caFile?: string;
  insecure?: boolean;
  /** Called after each batch with the bytes of the file read so far and the lines sent. */
  onProgress?: (bytesRead: number, linesSent: number) => void;
}

export interface ReplayResult {
  lines: number;
  bytes: number;
  seconds: number;
}

/** An open connection (or socket) to a syslog receiver. */
export interface SyslogSink {
  send(lines: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Opens a UDP socket or a TCP/TLS connection to the target; TCP `send` waits on backpressure. */
export async function openSyslogSink(o: Pick<ReplayOptions, 'target' | 'framing' | 'caFile' | 'insecure'>): Promise<SyslogSink> {
  const { target } = o;
  if (target.protocol === 'udp') {
    const socket = createSocket(isIPv6(target.host) ? 'udp6' : 'udp4');
    return {
      async send(lines) {
        await Promise.all(
          lines.map((l) => new Promise<void>((resolve, reject) => socket.send(l, target.port, target.host, (err) => (err ? reject(err) : resolve())))),
        );
      },
      close: () => new Promise<void>((r) => socket.close(() => r())),
    };
  }
  let socket: Socket;
  if (target.protocol === 'tls') {
    socket = tlsConnect({
      host: target.host,
      port: target.port,
      servername: isIPv6(target.host) || /^\d+\.\d+\.\d+\.\d+$/.test(target.host) ? undefined : target.host,
      ...(o.caFile ? { ca: readFileSync(o.caFile) } : {}),
      rejectUnauthorized: !o.insecure,
    });
    await once(socket, 'secureConnect');
  } else {
    socket = tcpConnect(target.port, target.host);
    await once(socket, 'connect');
  }
  let failure: Error | undefined;
  socket.on('error', (err) => (failure = err));
  const frame = o.framing === 'octet' ? (l: string) => `${Buffer.byteLength(l)} ${l}` : (l: string) => `${l}\n`;
  return {
    async send(lines) {
      if (failure) throw failure;
      // Respect the receiver's backpressure: wait for 'drain' when the socket buffer is full.
      if (!socket.write(lines.map(frame).join(''))) await once(socket, 'drain');
    },
    close: () =>
      new Promise<void>((resolve) => {
        socket.end(() => resolve());
      }),
  };
}

/**
 * Sends a log file, one syslog message per line, to a receiver at a chosen
 * rate (a token bucket refilled every 10 ms), honouring TCP backpressure.
 */
export async function replayFile(file: string, o: ReplayOptions): Promise<ReplayResult> {
  statSync(file); // fail early with ENOENT
  const sink = await openSyslogSink(o);
  const started = process.hrtime.bigint();
  const input = createReadStream(file);
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lines = 0;
  let bytes = 0;
  let batch: string[] = [];
  const batchSize = o.rate > 0 ? Math.max(1, Math.round(o.rate / 100)) : 500;
  const flush = async () => {
    if (batch.length === 0) return;
    await sink.send(batch);
    lines += batch.length;
    batch = [];
    o.onProgress?.(input.bytesRead, lines);
    if (o.rate > 0) {
      // Sleep until the schedule of `lines` at `rate` lines/s is reached.
      const due = (lines / o.rate) * 1000;
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (due > elapsed) await new Promise((r) => setTimeout(r, due - elapsed));
    }
  };
  try {
    for await (const line of rl) {
      if (line.trim() === '') continue;
      batch.push(line);
      bytes += Buffer.byteLength(line);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    await sink.close();
  }
  return { lines, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
