/**
 * Headless Chromium for the browser tests: Debian's `chromium` package, driven by
 * playwright-core (no browser download). A missing binary fails the run with how to install
 * it; the tests are never skipped.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The Chromium binary: `PULLWATCH_CHROMIUM`, default Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.PULLWATCH_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless, and quiet on the network: without the background-networking flags Chromium
 * opens connections of its own (updates, sync, QUIC probes), which a closed network refuses.
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need Debian's chromium package (apt-get install chromium), ` +
        'or PULLWATCH_CHROMIUM set to a Chromium binary.',
    );
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
  } catch (err) {
    throw new Error(`Chromium at ${CHROMIUM_PATH} did not start (reinstall it with apt-get install chromium): ${(err as Error).message}`, { cause: err });
  }
}
