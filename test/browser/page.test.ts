/**
 * The status page in headless Chromium, on the API over memory adapters seeded with four
 * integrations whose alerts the real pipeline raised (seed.ts). Keeps a full-page screenshot
 * as the CI artifact test-results/page.png.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { waitFor } from '../helpers/services.js';
import { launchChromium } from './chromium.js';
import { HOSTILE_TEXT, startSeededApi, type SeededApi } from './seed.js';
import { alertCards, chooseFilter, openStatusPage, openTimeline, refreshCount, saveScreenshot, waitForRefresh, type OpenedPage } from './status-page.js';

const SCREENSHOT = 'test-results/page.png';

describe('browser > status page', () => {
  let launched: Promise<Browser | Error>;
  let browser: Browser;
  let api: SeededApi;
  let opened: OpenedPage | undefined;

  beforeAll(async () => {
    api = await startSeededApi();
    launched = launchChromium().catch((err: Error) => err);
  });
  // A missing Chromium fails every test with how to install it (a failing beforeAll would mark them skipped).
  beforeEach(async () => {
    const b = await launched;
    if (b instanceof Error) throw b;
    browser = b;
  });
  afterAll(async () => {
    await opened?.close();
    const b = await launched;
    if (!(b instanceof Error)) await b.close();
    await api?.close();
  });

  it('shows the four alerts with their causes, filters them, draws a timeline, and escapes log text', async () => {
    opened = await openStatusPage(browser, api.url);
    const { page } = opened;
    const expected = api.world.expected;

    // Header counts and the table.
    expect(await page.isHidden('[data-testid="error"]'), (await page.textContent('[data-testid="error"]')) ?? '').toBe(true);
    expect(await page.textContent('[data-testid="count-offline"]')).toBe('3');
    expect(await page.textContent('[data-testid="count-degraded"]')).toBe('1');
    expect(await page.textContent('[data-testid="count-pulling"]')).toBe('0');
    const rows = await page.$$eval('[data-testid="integration-row"]', (trs) => trs.map((tr): [string | null, string | null] => [tr.getAttribute('data-integration'), tr.getAttribute('data-state')]));
    expect(new Map(rows)).toEqual(new Map(expected.map((e) => [e.integrationId, e.state])));

    // The four alert cards, each with its cause, evidence, remediation and verification.
    const cards = await alertCards(page);
    expect(cards.map((c) => [c.integration, c.cause, c.vendor, c.state]).sort()).toEqual(expected.map((e) => [e.integrationId, e.cause, e.vendor, e.state]).sort());
    for (const e of expected) {
      const card = page.locator(`[data-testid="alert-card"][data-integration="${e.integrationId}"]`);
      expect(await card.locator('h3').textContent()).toBe(e.name);
      expect(await card.locator('[data-testid="alert-cause"]').getAttribute('data-cause')).toBe(e.cause);
      expect(await card.locator('[data-testid="remediation"] li').count()).toBeGreaterThan(0);
      expect(await card.locator('[data-testid="verify"] li').count()).toBeGreaterThan(0);
      expect(await card.locator('[data-testid="evidence-pulls"]').count()).toBe(1);
      expect(await card.locator('[data-testid="device-liveness"]').count()).toBeGreaterThan(0);
    }
    const degraded = expected.find((e) => e.state === 'degraded')!;
    expect(await page.textContent(`[data-testid="alert-card"][data-integration="${degraded.integrationId}"] [data-testid="time-left"]`)).toBe('offline in 21 h');
    const silent = expected.find((e) => e.cause === 'firewall_offline')!;
    // Its firewall's syslog stopped 2 minutes after its last pull: the last line and how long ago.
    expect(await page.textContent(`[data-testid="alert-card"][data-integration="${silent.integrationId}"] [data-testid="device-liveness"]`)).toMatch(
      /last 2026-11-25 04:12 UTC \(29 h ago\)/,
    );

    // Log lines are text: the markup in one of them is shown, never run.
    const tls = expected.find((e) => e.cause === 'tls_trust')!;
    const excerpts = await page.$$eval(`[data-testid="alert-card"][data-integration="${tls.integrationId}"] [data-testid="excerpt"] code`, (codes) => codes.map((c) => c.textContent));
    expect(excerpts.some((t) => t?.includes(HOSTILE_TEXT))).toBe(true);
    expect(await page.$$('main img')).toHaveLength(0);
    expect(await page.getAttribute('body', 'data-pwned')).toBeNull();

    // Filter by cause: one card left, and the URL keeps the filter.
    await chooseFilter(page, 'cause', 'tls_trust');
    expect((await alertCards(page)).map((c) => c.cause)).toEqual(['tls_trust']);
    expect(new URL(page.url()).searchParams.get('cause')).toBe('tls_trust');
    expect(await page.$$eval('[data-testid="integration-row"]', (trs) => trs.map((tr) => tr.getAttribute('data-integration')))).toEqual([tls.integrationId]);
    await chooseFilter(page, 'cause', '');

    // Filter by vendor, then open the shared URL in a fresh load: the filter comes back.
    await chooseFilter(page, 'vendor', 'panos');
    expect((await alertCards(page)).map((c) => [c.vendor, c.cause])).toEqual([['panos', 'firewall_offline']]);
    const shared = page.url();
    expect(new URL(shared).searchParams.get('vendor')).toBe('panos');
    const again = await openStatusPage(browser, shared);
    try {
      expect(await again.page.inputValue('[data-testid="filter-vendor"]')).toBe('panos');
      expect((await alertCards(again.page)).map((c) => c.vendor)).toEqual(['panos']);
      expect(again.problems).toEqual([]);
    } finally {
      await again.close();
    }
    await page.click('[data-testid="filter-clear"]');
    await waitFor(async () => (await alertCards(page)).length === 4, { message: 'the four cards did not come back after clearing the filters' });

    // Click an integration: its pull timeline (48 hourly buckets, 2xx and 4xx) beside its diagnosis.
    await openTimeline(page, degraded.integrationId);
    const bars = page.locator('[data-testid="timeline-chart"] [data-testid="timeline-bar"]');
    expect(await bars.count()).toBe(48);
    expect(await page.locator('[data-testid="timeline-chart"] rect.seg-2xx').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="timeline-chart"] rect.seg-4xx').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="timeline-legend"] li').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getAttribute('[data-testid="timeline-diagnosis"]', 'data-cause')).toBe('credentials_invalid');
    expect(new URL(page.url()).searchParams.get('integration')).toBe(degraded.integrationId);
    expect(await page.getAttribute(`[data-testid="integration-row"][data-integration="${degraded.integrationId}"]`, 'aria-current')).toBe('true');

    // A silent firewall's chart: grey columns where no pull came.
    await openTimeline(page, silent.integrationId);
    expect(await page.locator('[data-testid="timeline-chart"] rect.seg-none').count()).toBeGreaterThan(20);
    expect(await page.getAttribute('[data-testid="timeline-diagnosis"]', 'data-cause')).toBe('firewall_offline');

    await openTimeline(page, degraded.integrationId);
    await page.evaluate('window.scrollTo(0, 0)');
    await saveScreenshot(page, SCREENSHOT);
    expect(opened.problems).toEqual([]);
  });

  it('reads the data again every 30 s', async () => {
    const later = await openStatusPage(browser, api.url, { beforeLoad: (p) => p.clock.install() });
    try {
      const { page } = later;
      expect(await page.textContent('[data-testid="count-pulling"]')).toBe('0');
      const added = await api.app.inject({
        method: 'POST',
        url: '/v1/integrations',
        payload: { id: 'int-angers', name: 'fw-angers-01', vendor: 'fortigate', devices: [{ hostname: 'fw-angers-01' }] },
      });
      expect(added.statusCode).toBe(201);
      const before = await refreshCount(page);
      await page.clock.runFor(29_000);
      expect(await refreshCount(page)).toBe(before);
      await page.clock.runFor(1_000);
      await waitForRefresh(page, before);
      expect(await page.textContent('[data-testid="count-pulling"]')).toBe('1');
      expect(await page.getAttribute('[data-testid="integration-row"][data-integration="int-angers"]', 'data-state')).toBe('pulling');
      expect(later.problems).toEqual([]);
    } finally {
      await later.close();
      await api.app.inject({ method: 'DELETE', url: '/v1/integrations/int-angers' });
    }
  });
});
