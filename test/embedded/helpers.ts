import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '@pullwatch/config';
import { EMBEDDED_DEFAULTS } from '../../services/cli/src/commands/start.js';

/** The configuration of `pullwatch start`, on free ports and a data directory of its own. */
export function embeddedConfig(dataDir = mkdtempSync(join(tmpdir(), 'pw-embedded-')), extra: Record<string, unknown> = {}): Config {
  return loadConfig({
    env: {},
    defaults: {
      ...EMBEDDED_DEFAULTS,
      'log.level': 'silent',
      'embedded.dataDir': dataDir,
      'receiver.udp.port': 0,
      'receiver.tcp.port': 0,
      'receiver.httpPort': 0,
      'worker.httpPort': 0,
      'correlator.httpPort': 0,
      'api.port': 0,
      'correlator.intervalMs': 1000,
      ...extra,
    },
  });
}
