import { pino, type Logger, type LoggerOptions } from 'pino';
import { ecsFormat } from '@elastic/ecs-pino-format';
import { redactDeep, redactString } from '@pullwatch/redact';

export type { Logger };

export interface CreateLoggerOptions {
  /** pino level (`info` default). */
  level?: string;
  /** Service name (`service.name` in ECS). */
  service: string;
  /** Destination stream; default stdout. Tests pass a sink. */
  destination?: NodeJS.WritableStream;
}

/**
 * pullwatch's own logger: ECS JSON lines (so its logs fit Kibana next to the
 * firewall events), one root per process, a child per component
 * (`log.child({ component: 'receiver', listener: 'tcp' })`). Messages are short
 * capitalised sentences ending in a period; values go in fields. Every string
 * field is passed through the redaction hook so no credential reaches a log.
 */
export function createLogger(opts: CreateLoggerOptions): Logger {
  const ecs = ecsFormat({ convertErr: true });
  const ecsLog = ecs.formatters?.log;
  const options: LoggerOptions = {
    ...ecs,
    formatters: {
      ...ecs.formatters,
      // Error objects are turned into ECS `error.*` first, then every string is redacted.
      log: (obj: Record<string, unknown>) => redactDeep(ecsLog ? ecsLog(obj) : obj),
    },
    hooks: {
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactString(a) : a)));
      },
    },
    level: opts.level ?? 'info',
    base: { service: { name: opts.service } },
  };
  return opts.destination ? pino(options, opts.destination as never) : pino(options);
}
