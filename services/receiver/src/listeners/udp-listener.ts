import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { frameDatagram } from '@pullwatch/syslog';
import type { Logger } from '@pullwatch/telemetry';
import type { MessageIntake } from '../message-intake.js';
import type { ReceiverMetrics } from '../receiver-metrics.js';

export interface UdpListenerOptions {
  host: string;
  port: number;
  recvBufferBytes: number;
  maxMessageBytes: number;
  intake: MessageIntake;
  metrics: ReceiverMetrics;
  logger: Logger;
}

export interface Listener {
  readonly name: string;
  address(): { address: string; port: number };
  /** Stops accepting; resolves when closed (TCP: after open connections are flushed). */
  close(): Promise<void>;
}

/**
 * Syslog over UDP (RFC 5426): one datagram, one message. Uses node:dgram
 * directly for the receive-buffer size and IPv6 (see the README's dependency
 * table). While the receiver is saturated, datagrams are dropped and counted.
 */
export async function startUdpListener(opts: UdpListenerOptions): Promise<Listener> {
  const socket: Socket = createSocket({ type: isIPv6(opts.host) ? 'udp6' : 'udp4', recvBufferSize: opts.recvBufferBytes });
  const { intake, metrics } = opts;
  const log = opts.logger.child({ component: 'receiver', listener: 'udp' });
  socket.on('message', (buf, rinfo) => {
    metrics.received.inc({ transport: 'udp' });
    metrics.receivedBytes.inc({ transport: 'udp' }, buf.length);
    if (intake.saturated) {
      metrics.dropped.inc({ transport: 'udp', reason: 'backpressure' });
      return;
    }
    const frame = frameDatagram(buf, opts.maxMessageBytes);
    if (!frame) {
      metrics.framingEvents.inc({ event: 'empty_datagram' });
      return;
    }
    intake.accept({
      transport: 'udp',
      listener: 'udp',
      address: rinfo.address,
      port: rinfo.port,
      data: frame.data,
      truncated: frame.truncated,
      discardedBytes: frame.discardedBytes,
    });
  });
  socket.on('error', (err) => log.error({ err }, 'UDP socket error.'));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, opts.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const granted = socket.getRecvBufferSize();
  if (granted < opts.recvBufferBytes) {
    log.warn({ requested: opts.recvBufferBytes, granted }, 'UDP receive buffer smaller than requested; raise net.core.rmem_max.');
  }
  return {
    name: 'udp',
    address: () => socket.address(),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
