import { Command } from 'commander';
import { apiCommand } from './commands/api.js';
import { configCommand } from './commands/config.js';
import { correlatorCommand } from './commands/correlator.js';
import { diagnoseCommand } from './commands/diagnose.js';
import { parseCommand } from './commands/parse.js';
import { receiverCommand } from './commands/receiver.js';
import { replayCommand } from './commands/replay.js';
import { startCommand } from './commands/start.js';
import { demoCommand } from './commands/demo.js';
import { workerCommand } from './commands/worker.js';

/** The `pullwatch` command line: one subcommand per service and tool. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('pullwatch')
    .description('Explains why a firewall stopped pulling its blocklist: syslog in, root causes out.')
    .option('-c, --config <file>', 'YAML or JSON config file (also PULLWATCH_CONFIG); environment variables override it')
    .showHelpAfterError();
  startCommand(program);
  demoCommand(program);
  receiverCommand(program);
  workerCommand(program);
  correlatorCommand(program);
  apiCommand(program);
  parseCommand(program);
  diagnoseCommand(program);
  replayCommand(program);
  configCommand(program);
  await program.parseAsync(argv);
}
