import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { Transport } from '@pullwatch/core';
import { AutoFramer, type Frame } from '@pullwatch/syslog';
import type { Logger } from '@pullwatch/telemetry';
import type { MessageIntake } from '../message-intake.js';
import type { ReceiverMetrics } from '../receiver-metrics.js';
import type { Listener } from './udp-listener.js';

export interface StreamListenerOptions {
  transport: Extract<Transport, 'tcp' | 'tls'>;
  host: string;
  port: number;
  maxMessageBytes: number;
  maxConnections: number;
  idleTimeoutMs: number;
  intake: MessageIntake;
  metrics: ReceiverMetrics;
  logger: Logger;
  /** Registry of open sockets shared by all stream listeners, for backpressure. */
  sockets: Set<Socket>;
  tls?: { certFile: string; keyFile: string; caFile?: string; requestClientCert: boolean; handshakeTimeoutMs: number };
}

/**
 * Syslog over TCP (RFC 6587) or TLS (RFC 5425). Framing (octet counting or LF)
 * is detected per connection. While the receiver is saturated every socket is
 * paused, so the kernel's window closes and senders slow down: nothing is lost.
 */
export async function startStreamListener(opts: StreamListenerOptions): Promise<Listener> {
  const { intake, metrics, transport } = opts;
  const log = opts.logger.child({ component: 'receiver', listener: transport });

  const mine = new Set<Socket>();
  const onConnection = (socket: Socket | TLSSocket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const port = socket.remotePort ?? 0;
    const framer = new AutoFramer({ maxMessageBytes: opts.maxMessageBytes });
    opts.sockets.add(socket);
    mine.add(socket);
    metrics.connections.inc({ transport });
    if (intake.saturated) socket.pause();
    if (opts.idleTimeoutMs > 0) socket.setTimeout(opts.idleTimeoutMs, () => socket.end());
    const emit = (frame: Frame) => {
      if (frame.incomplete) metrics.framingEvents.inc({ event: 'incomplete_at_close' });
      metrics.received.inc({ transport });
      intake.accept({
        transport,
        listener: transport,
        address,
        port,
        data: frame.data,
        truncated: frame.truncated,
        discardedBytes: frame.discardedBytes,
      });
    };
    socket.on('data', (chunk: Buffer) => {
      metrics.receivedBytes.inc({ transport }, chunk.length);
      framer.push(chunk, emit);
    });
    let closed = false;
    const finish = () => {
      if (closed) return;
      closed = true;
      framer.end(emit);
      opts.sockets.delete(socket);
      mine.delete(socket);
      metrics.connections.dec({ transport });
    };
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (err) => log.debug({ err, peer: address }, 'Connection error.'));
  };

  let server: Server;
  if (transport === 'tls') {
    const t = opts.tls!;
    server = createTlsServer(
      {
        cert: readFileSync(t.certFile),
        key: readFileSync(t.keyFile),
        ...(t.caFile ? { ca: readFileSync(t.caFile) } : {}),
        requestCert: t.requestClientCert,
        rejectUnauthorized: t.requestClientCert,
        handshakeTimeout: t.handshakeTimeoutMs,
        minVersion: 'TLSv1.2',
      },
      onConnection,
    );
    server.on('tlsClientError', (err) => log.info({ err: { message: err.message } }, 'TLS handshake failed.'));
  } else {
    server = createTcpServer(onConnection);
  }
  server.maxConnections = opts.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    name: transport,
    address: () => server.address() as { address: string; port: number },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Close open connections; each one's last partial frame is flushed (flagged incomplete) on 'close'.
        for (const s of mine) s.destroy();
      }),
  };
}
