/**
 * Drives the status page (services/api/public) in a browser: open it, wait for its refreshes,
 * read the alert cards, set the filters, open an integration's timeline, keep a screenshot.
 * Works against any running API (the seeded one of seed.ts, the all-in-one of the demo).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '../helpers/services.js';

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Page errors, console errors, failed requests and 4xx/5xx answers seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** What an alert card shows, from its data attributes and text. */
export interface CardSummary {
  integration: string;
  cause: string;
  vendor: string;
  state: string;
  name: string;
}

const attr = (name: string, value: string): string => `[${name}=${JSON.stringify(value)}]`;

/** How many refreshes the page has finished. */
export async function refreshCount(page: Page): Promise<number> {
  return Number((await page.getAttribute('[data-testid="page"]', 'data-refreshes')) ?? 0);
}

/** Waits until the page has finished a refresh after the `after`-th one (and is not busy). */
export async function waitForRefresh(page: Page, after: number, timeoutMs = 15_000): Promise<void> {
  const main = page.locator('[data-testid="page"]');
  await waitFor(async () => Number((await main.getAttribute('data-refreshes')) ?? 0) > after && (await main.getAttribute('aria-busy')) === 'false', {
    timeoutMs,
    intervalMs: 50,
    message: `the page did not finish a refresh (number ${after + 1}) within ${timeoutMs} ms`,
  });
}

/**
 * Opens the page at `url` (a wide desktop viewport) once its first refresh is done.
 * `beforeLoad` runs on the new page before it loads (to install a fake clock, say).
 */
export async function openStatusPage(browser: Browser, url: string, opts: { beforeLoad?: (page: Page) => Promise<void> } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1, timezoneId: 'UTC', locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? '?'})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  await opts.beforeLoad?.(page);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  try {
    await waitForRefresh(page, 0);
  } catch (err) {
    await context.close();
    throw new Error(`the page at ${url} did not finish loading: ${(err as Error).message}\n${problems.join('\n') || '(no error reported by the page)'}`, { cause: err });
  }
  return { page, context, problems, close: () => context.close() };
}

/** The alert cards on the page, in page order. */
export async function alertCards(page: Page): Promise<CardSummary[]> {
  return page.$$eval('[data-testid="alert-card"]', (cards) =>
    cards.map((c) => ({
      integration: c.getAttribute('data-integration') ?? '',
      cause: c.getAttribute('data-cause') ?? '',
      vendor: c.getAttribute('data-vendor') ?? '',
      state: c.getAttribute('data-state') ?? '',
      name: c.querySelector('h3')?.textContent ?? '',
    })),
  );
}

/** Chooses a value of the vendor or cause filter ('' for all) and waits for the page to follow. */
export async function chooseFilter(page: Page, which: 'vendor' | 'cause', value: string): Promise<void> {
  const before = await refreshCount(page);
  await page.selectOption(`[data-testid="filter-${which}"]`, value);
  await waitForRefresh(page, before);
}

/** Clicks an integration in the table and waits for its timeline chart and diagnosis. */
export async function openTimeline(page: Page, integrationId: string): Promise<void> {
  await page.click(`[data-testid="integration-link"]${attr('data-integration', integrationId)}`);
  await page.waitForSelector(`[data-testid="timeline-panel"]${attr('data-integration', integrationId)} [data-testid="timeline-chart"]`, { timeout: 15_000 });
}

/** A full-page PNG at `path` (its folder created). */
export async function saveScreenshot(page: Page, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
}
