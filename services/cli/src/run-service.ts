import { ConfigError } from '@pullwatch/core';
import { loadConfig, type Config } from '@pullwatch/config';
import { createLogger, type Logger } from '@pullwatch/telemetry';

export interface GlobalOptions {
  config?: string;
}

/** Loads and validates the configuration; on a bad setting prints each issue and exits 2 before opening any socket. */
export function configOrExit(opts: GlobalOptions, overrides: Record<string, unknown> = {}, defaults: Record<string, unknown> = {}): Config {
  try {
    return loadConfig({ ...(opts.config ? { file: opts.config } : {}), overrides, defaults });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`pullwatch: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/**
 * Runs a long-lived service until SIGTERM/SIGINT, then stops it gracefully and
 * exits 0 (1 when stopping failed). A second signal exits at once.
 */
export async function runService(name: string, config: Config, start: (logger: Logger) => Promise<{ stop(): Promise<void> }>): Promise<void> {
  const logger = createLogger({ service: `pullwatch-${name}`, level: config.log.level });
  let handle: { stop(): Promise<void> };
  try {
    handle = await start(logger);
  } catch (err) {
    logger.fatal({ err }, 'Start-up failed.');
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 200).unref();
    return;
  }
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    logger.info({ signal }, 'Signal received; stopping.');
    handle.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'Stopping failed.');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
