import type { Command } from 'commander';
import { settingsMarkdownTable } from '@pullwatch/config';
import { configOrExit } from '../run-service.js';

export function configCommand(program: Command): void {
  const cmd = program.command('config').description('Show the configuration: the settings table, or the effective values (secrets redacted).');
  cmd
    .command('show', { isDefault: true })
    .description('Validate the configuration from file and environment and print it as JSON (secrets redacted).')
    .action(() => {
      const config = configOrExit(program.opts());
      process.stdout.write(JSON.stringify(config, null, 2) + '\n');
    });
  cmd
    .command('table')
    .description('Print every setting with its environment variable, type, default and meaning (Markdown).')
    .action(() => {
      process.stdout.write(settingsMarkdownTable() + '\n');
    });
}
