import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from their TypeScript sources, so they run without a build.
const alias: Record<string, string> = {};
for (const group of ['packages', 'pipelines', 'services']) {
  for (const name of readdirSync(group)) {
    const entry = resolve(group, name, 'src/index.ts');
    if (existsSync(entry)) alias[name === 'cli' ? 'pullwatch' : `@pullwatch/${name}`] = entry;
  }
}

export default defineConfig({
  resolve: { alias },
  test: {
    globals: false,
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/conformance/**/*.memory.test.ts', 'test/conformance/**/*.sqlite.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/conformance/**/*.{kafka,elasticsearch,redis}.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // The all-in-one and the demo: real sockets and SQLite, no external service.
          name: 'embedded',
          include: ['test/embedded/**/*.test.ts'],
          testTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // The status page in headless Chromium (Debian's chromium at /usr/bin/chromium, driven by playwright-core).
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
