import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectNoSidewaysScroll, launch, newContext } from '../support/browser.ts';

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
])('a parent visiting the public site (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it('finds the partnership, its five priorities and its Family Hub networks, and the ways to take part', async () => {
    const context = await newContext(browser, { javaScript, width });
    const page = await context.newPage();
    await page.goto('/');
    await expectAccessible(page);
    // Other e2e files add partnerships seeded like Nottinghamshire (same name, their own address): pick the demo's.
    await page.locator('a[href="/notts"]', { hasText: 'Nottinghamshire Best Start Partnership' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/notts');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nottinghamshire Best Start Partnership');
    const priorities = await page.locator('ol li strong').allTextContents();
    expect(priorities).toEqual([
      'Building blocks of health and wellbeing',
      "Parents' mental health",
      'Preparing to be parents and healthy beginnings',
      'Building strong relationships',
      'Early experiences: chat, play, read and learn',
    ]);
    for (const network of ['Ashfield Family Hub Network', 'Bassetlaw Family Hub Network', 'Rushcliffe Family Hub Network']) {
      expect(await page.getByRole('heading', { name: network }).count()).toBe(1);
    }
    expect(await page.getByText('Kirkby-in-Ashfield').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);

    for (const [link, path] of [
      ['Parent panels', '/notts/panels'],
      ['Surveys', '/notts/surveys'],
      ['You said, we did', '/notts/you-said-we-did'],
    ] as const) {
      await page.goto('/notts');
      await page.getByRole('link', { name: link, exact: true }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(path);
      // Each link lands on its own page, named as the link is.
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(link);
      await expectAccessible(page);
      await expectNoSidewaysScroll(page);
    }
    await context.close();
  });
});

describe('a partnership that does not exist', () => {
  it('shows a page-not-found page with a way back', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    const res = await page.goto('/no-such-place');
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/not found|cannot find|can’t find|could not find/i);
    await expectAccessible(page);
    await context.close();
  });
});

describe("the other partnership's public site", () => {
  it('shows Leicestershire its own priorities, not Nottinghamshire’s', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto('/leics');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Access to services for families in rural communities');
    expect(text).not.toContain("Parents' mental health");
    await context.close();
  });
});
