import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { MAX_CHANGE } from '@pv/shared/cell-key';
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
  it('sees totals by group against the baselines, every count protected and explained, nobody’s details, and nothing cut off', async () => {
    const { context, page } = await signedIn(browser, demo.nottsPartner, { javaScript, width, landing: '/partner' });
    try {
      await page.getByRole('link', { name: 'Whose voice our panels carry' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/partner/representation');
      const main = (await page.locator('main').textContent()) ?? '';
      // The demo seed has 7 panels of 12 (other tests may have added more); every count is changed by at most 2.
      const whole = Number(/(\d+) members\./.exec(main)?.[1]);
      expect(whole).toBeGreaterThanOrEqual(84 - MAX_CHANGE);
      expect(main).toContain('Dads and partners');
      expect(main).toMatch(/fewer than 5/);
      // One rule, said once under each table, with the page that explains it; no "not shown".
      expect(main).not.toMatch(/not shown/i);
      const explained = page.getByRole('link', { name: 'How we protect these numbers' });
      expect(await explained.count()).toBe(await page.locator('table').count());
      expect(await explained.first().getAttribute('href')).toBe('/notts/how-we-protect-these-numbers');
      // No member's name or email from the demo seed (they are all at example.com).
      expect(main).not.toMatch(/@example\.com/);
      // The whole partnership and every active panel (the demo's 7, and any other tests made).
      expect(await page.locator('table').count()).toBeGreaterThanOrEqual(8);
      await expectAccessible(page);
      await expectNoSidewaysScroll(page);
      // Nor is anything cut off: every label and number in the charts ends inside its chart.
      const clipped = await page.evaluate(`[...document.querySelectorAll('svg.bar-chart')].flatMap((svg) =>
        [...svg.querySelectorAll('tspan, text')].filter((t) => t.getBoundingClientRect().right > svg.getBoundingClientRect().right + 0.5).map((t) => t.textContent.trim()))`);
      expect(clipped).toEqual([]);
      // The officer pages stay closed to partners.
      const officer = await page.goto('/officer/panels');
      expect(officer?.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
