import type { Command } from 'commander';
import { startReceiver } from '@pullwatch/receiver';
import { kafkaBus } from '../adapters.js';
import { configOrExit, runService } from '../run-service.js';

export function receiverCommand(program: Command): void {
  program
    .command('receiver')
    .description('Run the syslog receiver: UDP/TCP/TLS syslog in, packed envelopes out to Kafka (pullwatch.syslog.raw).')
    .option('--udp-port <port>', 'UDP port (receiver.udp.port)')
    .option('--tcp-port <port>', 'TCP port (receiver.tcp.port)')
    .action(async (opts: { udpPort?: string; tcpPort?: string }) => {
      const config = configOrExit(program.opts(), { 'receiver.udp.port': opts.udpPort, 'receiver.tcp.port': opts.tcpPort });
      await runService('receiver', config, async (logger) => {
        const bus = kafkaBus(config, logger);
        const handle = await startReceiver(config, bus, logger);
        return {
          stop: async () => {
            await handle.stop();
            await bus.close();
          },
        };
      });
    });
}
