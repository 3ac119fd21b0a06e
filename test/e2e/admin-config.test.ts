import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demo, expectAccessible, expectNoSidewaysScroll, launch, signedIn as signInAs } from '../support/browser.ts';
import { api } from '../support/tenants.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

function signedIn(user: { email: string; password: string }, javaScript: boolean, width = 1280) {
  return signInAs(browser, user, { javaScript, width });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function publicPriorities(tenant: string): Promise<string[]> {
  const res = await api(`/tenants/${tenant}`);
  return res.body!.priorities.map((p: { name: string }) => p.name);
}

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('a tenant admin changing a priority (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it('renames a priority, sees it on the public page and in the audit log', async () => {
    const { context, page } = await signedIn(demo.nottsAdmin, javaScript, width);
    await expectAccessible(page);
    await page.goto('/admin/priorities');
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
    await page.getByRole('link', { name: /^Edit\s*:\s*Building strong relationships/ }).click();
    await page.waitForURL(/\/admin\/priorities\/building-strong-relationships$/);
    await expectAccessible(page);
    const newName = `Building strong relationships (${javaScript ? 'js' : 'no js'})`;
    await page.getByLabel('Name').fill(newName);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/priorities');
    expect(await page.getByText(newName).count()).toBeGreaterThan(0);
    expect(await publicPriorities('notts')).toContain(newName);

    await page.goto('/admin/audit');
    await expectAccessible(page);
    const firstRow = (await page.locator('tbody tr').first().textContent()) ?? '';
    expect(firstRow).toContain(demo.nottsAdmin.email);
    expect(firstRow).toContain(newName);

    // Put the demo back as it was, through the same form, for the other journeys.
    await page.goto('/admin/priorities/building-strong-relationships');
    await page.getByLabel('Name').fill('Building strong relationships');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/priorities');
    expect(await publicPriorities('notts')).toContain('Building strong relationships');
    await context.close();
  });

  it('shows an error summary and a message by the field for a blank name, keeps the input, and saves nothing', async () => {
    const before = await publicPriorities('notts');
    const { context, page } = await signedIn(demo.nottsAdmin, javaScript, width);
    await page.goto('/admin/priorities/parents-mental-health');
    await page.getByLabel('Name').fill('   ');
    await page.getByLabel('Summary (optional)').fill('Kept text 👶 اختبار');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForLoadState('load');
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.count()).toBe(1);
    expect(await summary.textContent()).toContain('There is a problem');
    expect(await summary.getByRole('link', { name: 'Enter a name' }).getAttribute('href')).toBe('#name');
    expect(await page.locator('#name-error').textContent()).toContain('Enter a name');
    expect(await page.getByLabel('Summary (optional)').inputValue()).toBe('Kept text 👶 اختبار');
    expect(await page.title()).toMatch(/^Error: /);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
    expect(await publicPriorities('notts')).toEqual(before);
    await context.close();
  });
});

describe('moving a priority', () => {
  it('moves a priority down and back up again without JavaScript', async () => {
    const before = await publicPriorities('notts');
    const { context, page } = await signedIn(demo.nottsAdmin, false);
    await page.goto('/admin/priorities');
    await page.getByRole('button', { name: new RegExp(`^Move down\\s*:\\s*${escape(before[0]!)}$`) }).click();
    await page.waitForLoadState('load');
    const moved = await publicPriorities('notts');
    expect(moved.slice(0, 2)).toEqual([before[1], before[0]]);
    await page.getByRole('button', { name: new RegExp(`^Move up\\s*:\\s*${escape(before[0]!)}$`) }).click();
    await page.waitForLoadState('load');
    expect(await publicPriorities('notts')).toEqual(before);
    await expectAccessible(page);
    await context.close();
  });
});

describe('another partnership', () => {
  it("cannot be reached by a Nottinghamshire admin: Leicestershire's priority is not found, and is unchanged", async () => {
    const before = await publicPriorities('leics');
    const leicsOnly = 'access-to-services-for-families-in-rural-communities';
    const { context, page } = await signedIn(demo.nottsAdmin, false);
    const res = await page.goto(`/admin/priorities/${leicsOnly}`);
    expect(res?.status()).toBe(404);
    // A hand-made form post aimed at the Leicestershire item changes nothing either.
    const post = await page.request.post(`/admin/priorities/${leicsOnly}`, {
      form: { name: 'Taken over', summary: '', version: '1' },
      headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
      maxRedirects: 0,
    });
    expect(post.status()).toBeGreaterThanOrEqual(400);
    expect(await publicPriorities('leics')).toEqual(before);
    await context.close();
  });
});

describe('partnership settings', () => {
  it('refuses a small-number threshold below 5 with a clear message, without JavaScript, and keeps the old one', async () => {
    const { context, page } = await signedIn(demo.nottsAdmin, false, 320);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Partnership settings' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/settings');
    await expectAccessible(page);
    await page.getByLabel('Smallest number to show').fill('3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.error-summary').textContent()).toContain('The smallest number to show must be 5 or more, to protect privacy');
    expect(await page.locator('#suppressionThreshold-error').count()).toBe(1);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
    const config = await api('/tenants/notts');
    expect(config.status).toBe(200);
    await page.goto('/admin/settings');
    expect(await page.getByLabel('Smallest number to show').inputValue()).toBe('5');
    await context.close();
  });
});
