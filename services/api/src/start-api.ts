import type { AddressInfo } from 'node:net';
import type { Config } from '@pullwatch/config';
import type { Logger } from '@pullwatch/telemetry';
import { buildApi, type ApiApp } from './build-api.js';
import type { ApiDeps } from './deps.js';

export interface ApiHandle {
  app: ApiApp;
  address(): AddressInfo;
  /** Stops accepting requests, lets running ones finish (new ones get 503), closes. */
  stop(): Promise<void>;
}

/** The API's settings from the configuration (`api.*`, and the diagnosis thresholds of `correlator.*`). */
export function apiSettingsOf(config: Config): NonNullable<ApiDeps['settings']> {
  return {
    offlineAfterMs: config.correlator.offlineAfterMs,
    lookbackMs: config.correlator.lookbackMs,
    bodyLimitBytes: config.api.bodyLimitBytes,
    pullsBodyLimitBytes: config.api.pullsBodyLimitBytes,
    pullsBatchRecords: config.api.pullsBatchRecords,
    requestTimeoutMs: config.api.requestTimeoutMs,
  };
}

/** Builds the API with the configured limits and listens on `api.host`:`api.port`. */
export async function startApi(config: Config, deps: Omit<ApiDeps, 'logger'>, logger: Logger): Promise<ApiHandle> {
  const log = logger.child({ component: 'api' });
  const app = buildApi({ ...deps, logger, settings: { ...apiSettingsOf(config), ...deps.settings } });
  await app.listen({ host: config.api.host, port: config.api.port });
  const address = () => app.server.address() as AddressInfo;
  log.info({ http: address(), pulls_to: config.api.pullsTo }, 'API started.');
  let stopping: Promise<void> | undefined;
  return {
    app,
    address,
    stop: () =>
      (stopping ??= (async () => {
        log.info('API stopping.');
        await app.close();
        log.info('API stopped.');
      })()),
  };
}
