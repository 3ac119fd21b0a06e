import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getConfig, updateTenantSettings } from '../../functions/src/tenants/tenants.service.ts';
import { expectAccessible, expectNoSidewaysScroll, launch, newContext } from '../support/browser.ts';
import { officerCaller } from '../support/panels.ts';
import { freshTenant } from '../support/tenants.ts';

/**
 * "How we protect these numbers" (issue 13): the public page every table with a count about people
 * links to. A partnership that shows nothing under 10 (as some do) must see 10 on it, not the
 * default 5. Read from the public log's link, JavaScript off at 320 px and on at 1280 px, axe on
 * each, a screenshot of each under test-results/how-we-protect-these-numbers/.
 */

const SHOTS = 'test-results/how-we-protect-these-numbers';
let browser: Browser;
let tenant = '';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  tenant = await freshTenant();
  await updateTenantSettings(officerCaller(tenant), tenant, 1, { ...(await getConfig(tenant)).tenant, suppressionThreshold: 10 });
});
afterAll(async () => {
  await browser?.close();
});

const mainText = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

describe.each([
  { javaScript: false, width: 320 },
  { javaScript: true, width: 1280 },
])('a parent or partner reading how the numbers are protected (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it('follows the link under the log’s counts and reads why and how numbers are changed, with the partnership’s own threshold', async () => {
    const context = await newContext(browser, { javaScript, width });
    try {
      const page = await context.newPage();
      const path = `/${tenant}/how-we-protect-these-numbers`;
      await page.goto(`/${tenant}/you-said-we-did`);
      const note = page.locator('main .protected-numbers');
      expect((await note.textContent())!.replace(/\s+/g, ' ')).toContain('To protect people, these numbers are changed a little, so they may not add up. “Fewer than 10” means the changed number is under 10.');
      await page.screenshot({ path: `${SHOTS}/log-${width}.png`, fullPage: true });
      await note.getByRole('link', { name: 'How we protect these numbers' }).click();
      await page.waitForURL((u) => u.pathname === path);

      expect(await page.title()).toMatch(/^How we protect these numbers – /);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('How we protect these numbers');
      const headings = (await page.locator('main h2').allTextContents()).map((h) => h.trim());
      expect(headings).toEqual([
        'Why we protect numbers',
        'What we do',
        'What this means when you read our tables',
        'Where this way of protecting numbers comes from',
        'What we do not change',
      ]);
      // The partnership's threshold, not the default.
      expect((await page.locator('#threshold').textContent())!.replace(/\s+/g, ' ')).toMatch(/If it is under 10, we do not show it\. We write “fewer than 10” instead\./);
      const main = await mainText(page);
      expect(main).toContain('“Fewer than 10” means the changed number is under 10.');
      expect(main).not.toMatch(/fewer than 5|under 5\b/i);
      expect(main).toContain('by up to 2 for each block it covers');
      expect(main).toContain('The same people always give the same number.');
      expect(main).toContain('Totals may not be the rows added up.');
      expect(main).toContain('Small differences between pages are expected.');
      expect(main).toContain('cell key method');
      expect(main).toContain('Office for National Statistics used it to protect the tables from Census 2021');
      expect(main).toContain('Australian Bureau of Statistics');
      expect(await page.locator('#not-changed').textContent()).toMatch(/themes, actions, consultations and meetings/);

      // By keyboard alone: Tab from the top reaches the skip link, the page's links and the source, in reading order.
      const reached: string[] = [];
      for (let i = 0; i < 12 && !reached.at(-1)?.startsWith('Read how the Office'); i++) {
        await page.keyboard.press('Tab');
        reached.push(((await page.evaluate(() => document.activeElement?.textContent)) ?? '').replace(/\s+/g, ' ').trim());
      }
      expect(reached.at(-1)).toBe('Read how the Office for National Statistics protected Census 2021 results');
      expect(reached.indexOf(`Back to Nottinghamshire Best Start Partnership`)).toBeGreaterThan(0);

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      console.log(`how-we-protect-these-numbers at ${width} px (JavaScript ${javaScript}): page ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide, ${overflow} px sideways`);
      await page.screenshot({ path: `${SHOTS}/page-${width}.png`, fullPage: true });
      await expectAccessible(page);
      await expectNoSidewaysScroll(page);
    } finally {
      await context.close();
    }
  });
});

describe('the page for a partnership with the default threshold, and for none', () => {
  it('says 5 for the demo partnership, and page not found for a partnership that does not exist', async () => {
    const context = await newContext(browser, { javaScript: false, width: 320 });
    try {
      const page = await context.newPage();
      await page.goto('/notts/how-we-protect-these-numbers');
      expect(await page.locator('#threshold').textContent()).toContain('We write “fewer than 5” instead.');
      expect(await page.locator('main .caption').first().textContent()).toBe('Nottinghamshire Best Start Partnership');
      const missing = await page.goto('/no-such-partnership/how-we-protect-these-numbers');
      expect(missing?.status()).toBe(404);
    } finally {
      await context.close();
    }
  });
});
