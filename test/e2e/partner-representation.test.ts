import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demo, expectAccessible, expectNoSidewaysScroll, launch, signedIn } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('a partnership member reading whose voice the panels carry (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it('sees totals by group against the baselines, small numbers hidden, and nobody’s details', async () => {
    const { context, page } = await signedIn(browser, demo.nottsPartner, { javaScript, width, landing: '/partner' });
    try {
      await page.getByRole('link', { name: 'Whose voice our panels carry' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/partner/representation');
      const main = (await page.locator('main').textContent()) ?? '';
      // The demo seed has 7 panels of 12 (other tests may have added more).
      const whole = Number(/(\d+) members\./.exec(main)?.[1]);
      expect(whole).toBeGreaterThanOrEqual(84);
      expect(main).toContain('Dads and partners');
      expect(main).toMatch(/fewer than 5/);
      // No member's name or email from the demo seed (they are all at example.com).
      expect(main).not.toMatch(/@example\.com/);
      // The whole partnership and every active panel (the demo's 7, and any other tests made).
      expect(await page.locator('table').count()).toBeGreaterThanOrEqual(8);
      await expectAccessible(page);
      await expectNoSidewaysScroll(page);
      // The officer pages stay closed to partners.
      const officer = await page.goto('/officer/panels');
      expect(officer?.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
