import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runDemo, type DemoResult } from '../../services/cli/src/commands/demo.js';
import { embeddedConfig } from '../embedded/helpers.js';
import { launchChromium } from './chromium.js';
import { alertCards, openStatusPage, openTimeline, saveScreenshot } from './status-page.js';

describe('browser > the page of pullwatch demo', () => {
  let demo: DemoResult;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    demo = await runDemo({ config: embeddedConfig(), progress: false, log: () => undefined });
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.handle.stop();
  });

  it("shows the demo's four alerts with the right causes, and an integration's pulls as a chart", async () => {
    const a = demo.handle.api.address();
    const opened = await openStatusPage(browser, `http://127.0.0.1:${a.port}/`);
    try {
      const cards = await alertCards(opened.page);
      expect(Object.fromEntries(cards.map((c) => [c.integration, c.cause]))).toEqual(demo.expected);
      await openTimeline(opened.page, 'demo-fortigate-paris');
      // 48 hourly buckets, the ones of the last day showing the 401s.
      expect(await opened.page.locator('[data-testid="timeline-bar"]').count()).toBe(48);
      await saveScreenshot(opened.page, 'test-results/demo-page.png');
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
