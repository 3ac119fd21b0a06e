import { inject, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work here).
 * Flags as the machine notes say: without the background-networking ones Chromium keeps calling out
 * to a network it cannot reach. Playwright gives each launch a fresh profile of its own.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface ContextOptions {
  javaScript?: boolean;
  width?: number;
  /** Each step's time limit; long journeys on a busy machine may need more than the default. */
  timeout?: number;
  /** Cookies from another context (its storageState()): signed in once, used with JavaScript on and off. */
  storageState?: BrowserContextOptions['storageState'];
}

const withoutJavaScript = new WeakSet<BrowserContext>();

export async function newContext(browser: Browser, { javaScript = true, width = 1280, timeout = 15_000, storageState }: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    storageState,
    javaScriptEnabled: javaScript,
    viewport: { width, height: 900 },
    baseURL: inject('env').webUrl,
    locale: 'en-GB',
  });
  // Fail fast with the step that hung, rather than at the test's own time limit.
  context.setDefaultTimeout(timeout);
  if (!javaScript) withoutJavaScript.add(context);
  return context;
}

export function webUrl(path = ''): string {
  return `${inject('env').webUrl}${path}`;
}

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function analyse(page: Page) {
  return new AxeBuilder({ page }).withTags(axeTags).analyze();
}

/**
 * Axe runs inside the page, so a page in a context without JavaScript is checked as it was served:
 * its HTML, scripts removed, is loaded at the same address in a scripted page and analysed there.
 */
async function analyseAsServed(page: Page) {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const url = page.url();
  const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() ?? undefined, locale: 'en-GB' });
  try {
    const copy = await context.newPage();
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await copy.goto(url);
    return await analyse(copy);
  } finally {
    await context.close();
  }
}

/** axe with the WCAG 2.0/2.1/2.2 A and AA rules: any violation fails the test, with what and where. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = withoutJavaScript.has(page.context()) ? await analyseAsServed(page) : await analyse(page);
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe found WCAG violations on ${page.url()}`).toEqual([]);
  expect(results.passes.length, 'axe ran no checks').toBeGreaterThan(10);
}

/** No element wider than the screen: nothing to scroll sideways on a 320 px phone. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `page ${page.url()} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

export const demo = {
  nottsAdmin: { email: 'admin@notts.example', password: 'Demo-admin-2026' },
  nottsOfficer: { email: 'officer@notts.example', password: 'Demo-officer-2026' },
  nottsPartner: { email: 'partner@notts.example', password: 'Demo-partner-2026' },
  leicsAdmin: { email: 'admin@leics.example', password: 'Demo-admin-2026' },
};

/** A fresh context signed in through the sign-in form as a person would, landing on `landing`. */
export async function signedIn(
  browser: Browser,
  user: { email: string; password: string },
  { javaScript = true, width = 1280, landing = '/admin', timeout }: ContextOptions & { landing?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, { javaScript, width, timeout });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === landing);
  return { context, page };
}
