import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getConfig, updateTenantSettings } from '../../functions/src/tenants/tenants.service.ts';
import { expectAccessible, expectNoSidewaysScroll, launch, signedIn } from '../support/browser.ts';
import { comment, seedComments } from '../support/feedback.ts';
import { officerCaller } from '../support/panels.ts';
import { freshTenant, signedInUser } from '../support/tenants.ts';

/**
 * An engagement officer triaging what parents said, JavaScript on and off: the queue with the
 * matcher's suggestion and why, accepting it, marking two comments not relevant at once, making a
 * theme from chosen comments, splitting one out of it and merging it back, and flagging a safeguarding concern.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const SLOW = 300_000;
const STEP = 60_000;
const PASSWORD = 'Test-password-2026';
/** The demo's priority, as its admin typed it. */
const MENTAL = "Parents' mental health";

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

let shot = 0;
async function check(page: Page, width: number, name: string): Promise<void> {
  await expectAccessible(page);
  if (width <= 320) await expectNoSidewaysScroll(page);
  if (process.env.PV_SCREENSHOTS) await page.screenshot({ path: `${process.env.PV_SCREENSHOTS}/triage-${String(++shot).padStart(2, '0')}-${name}-${width}.png`, fullPage: true });
}

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('an officer triaging feedback (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it(
    'accepts a suggestion, marks two comments not relevant, makes a theme, splits a comment out, merges it back and flags a concern',
    async () => {
      const tenant = await freshTenant();
      const officer = await signedInUser(tenant, 'officer');
      // With JavaScript the officer is also the safeguarding contact, so they can read what they flag.
      if (javaScript) await updateTenantSettings(officerCaller(tenant), tenant, 1, { ...(await getConfig(tenant)).tenant, safeguardingContact: officer.caller.email });
      await seedComments(tenant, [
        comment({ text: 'I felt so anxious and lonely after the birth.' }),
        comment({ text: 'No comment' }),
        comment({ text: 'asdf' }),
        comment({ text: 'Parking at the Worksop hub is impossible.', hubIds: ['worksop'], networkId: 'bassetlaw' }),
        comment({ text: 'There is never anywhere to park at the hub.' }),
        comment({ text: 'We came by bus because the car park is always full.', memberId: '01JTESTMEMBER0000000000000', panelId: 'test-panel' }),
        comment({ text: 'My partner hits me when the baby cries.' }),
      ]);
      const { context, page } = await signedIn(browser, { email: officer.caller.email, password: PASSWORD }, { javaScript, width, landing: '/officer', timeout: STEP });
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      const item = (words: string) => page.locator('li.comment').filter({ hasText: words });
      const tabs = async () => (await page.locator('.tabs a').allTextContents()).map((t) => t.trim());
      try {
        await page.getByRole('link', { name: 'Feedback', exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/officer/feedback');
        expect(await tabs()).toEqual(['Needs tagging (7)', 'New (7)', 'Reviewed (0)', 'Not relevant (0)']);
        const anxious = item('anxious and lonely');
        expect(await anxious.locator('.suggestion').first().textContent()).toContain(`Suggested: ${MENTAL} — because it mentions “anxious”, “lonely”`);
        expect(await anxious.textContent()).not.toContain('From a panel member');
        // A panel member's comment says so, never who.
        expect(await item('car park').textContent()).toContain('From a panel member');
        expect(await page.content()).not.toContain('01JTESTMEMBER');
        await check(page, width, 'queue');

        // Accept the suggestion: tagged and reviewed, so it leaves "Needs tagging".
        await anxious.getByRole('button', { name: `Accept ${MENTAL}` }).click();
        await page.waitForURL((url) => url.searchParams.has('accepted'));
        expect(await text(page, '.notification-banner')).toContain(`Tagged the comment with ‘${MENTAL}’`);
        expect(await tabs()).toEqual(['Needs tagging (6)', 'New (6)', 'Reviewed (1)', 'Not relevant (0)']);
        expect(await item('anxious and lonely').count()).toBe(0);

        // Bulk: nothing chosen is refused and nothing changes; then two marked not relevant.
        await page.getByLabel('What to do').selectOption({ label: 'Mark as not relevant' });
        await page.getByRole('button', { name: 'Apply to selected' }).click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.error-summary li').allTextContents()).toEqual(['Choose at least one comment']);
        expect(await text(page, '#ids-error')).toContain('Choose at least one comment');
        await check(page, width, 'bulk-error');
        await item('No comment').getByRole('checkbox').check();
        await item('asdf').getByRole('checkbox').check();
        await page.getByLabel('What to do').selectOption({ label: 'Mark as not relevant' });
        await page.getByRole('button', { name: 'Apply to selected' }).click();
        await page.waitForURL((url) => url.searchParams.has('changed'));
        expect(await text(page, '.notification-banner')).toContain('Changed 2 comments');
        expect(await tabs()).toEqual(['Needs tagging (4)', 'New (4)', 'Reviewed (1)', 'Not relevant (2)']);

        // A new theme from three chosen comments.
        for (const words of ['Worksop hub', 'anywhere to park', 'car park']) await item(words).getByRole('checkbox').check();
        await page.getByLabel('What to do').selectOption({ label: 'Add to a theme' });
        await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'A new theme called …' });
        await page.getByLabel('Name of the new theme').fill('Parking at hubs');
        await page.getByRole('button', { name: 'Apply to selected' }).click();
        await page.waitForURL((url) => url.searchParams.has('madeTheme'));
        expect(await text(page, '.notification-banner')).toContain('Made the theme ‘Parking at hubs’');
        expect(await item('Worksop hub').locator('dd a').textContent()).toBe('Parking at hubs');
        await check(page, width, 'queue-after');

        // The theme: three comments, a size under the threshold shown in words; split one out.
        await page.getByRole('link', { name: 'Open ‘Parking at hubs’' }).click();
        await page.waitForURL((url) => url.pathname.startsWith('/officer/themes/'));
        expect(await text(page, 'h1')).toBe('Parking at hubs');
        expect(await text(page, '#theme-size')).toBe('fewer than 5');
        expect(await page.locator('li.comment').count()).toBe(3);
        expect(await text(page, '#spread-networks tbody')).toContain('Bassetlaw');
        await check(page, width, 'theme');
        await item('Worksop hub').getByRole('checkbox').check();
        await page.getByLabel('Name of the new theme').fill('Parking at Worksop');
        await page.getByRole('button', { name: 'Move the selected comments to a new theme' }).click();
        await page.waitForURL((url) => url.searchParams.has('split'));
        expect(await text(page, '.notification-banner')).toContain('Moved 1 comment to the new theme ‘Parking at Worksop’');
        expect(await page.locator('li.comment').count()).toBe(2);
        expect(await item('Worksop hub').count()).toBe(0);
        await check(page, width, 'theme-after-split');
        const hubsTheme = new URL(page.url()).pathname;

        // Merge the new theme back: its comment moves, and it is gone.
        await page.getByRole('link', { name: 'Open ‘Parking at Worksop’' }).click();
        await page.waitForURL((url) => url.pathname !== hubsTheme && url.pathname.startsWith('/officer/themes/'));
        await page.getByRole('link', { name: 'Merge into another theme' }).click();
        await page.waitForURL((url) => url.pathname.endsWith('/merge'));
        await check(page, width, 'merge');
        await page.getByLabel('Theme to merge into').selectOption({ label: 'Parking at hubs' });
        await page.getByRole('button', { name: 'Merge the themes' }).click();
        await page.waitForURL((url) => url.pathname === hubsTheme && url.searchParams.has('merged'));
        expect(await page.locator('li.comment').count()).toBe(3);
        await page.goto('/officer/themes');
        expect(await page.locator('tbody tr').allTextContents()).toHaveLength(1);

        // One comment's page: flag a concern (a reason is required).
        await page.goto('/officer/feedback');
        await item('baby cries').getByRole('link', { name: /^Tag/ }).click();
        await page.waitForURL((url) => /^\/officer\/feedback\/[A-Z0-9]+$/.test(url.pathname));
        await check(page, width, 'comment');
        await page.getByRole('link', { name: 'Flag a safeguarding concern' }).click();
        await page.waitForURL((url) => url.pathname.endsWith('/safeguarding'));
        await page.getByRole('button', { name: 'Flag as a safeguarding concern' }).click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.error-summary li').allTextContents()).toEqual(['Say briefly why this is a concern']);
        await check(page, width, 'flag-error');
        await page.getByLabel('Why is this a concern?').fill('Disclosure of domestic abuse');
        await page.getByRole('button', { name: 'Flag as a safeguarding concern' }).click();
        await page.waitForURL((url) => url.pathname === '/officer/feedback' && url.searchParams.has('flagged'));
        expect(await text(page, '.notification-banner')).toContain('flagged as a safeguarding concern');
        expect(await item('baby cries').count()).toBe(0);

        await page.goto('/officer/safeguarding');
        if (javaScript) {
          expect(await text(page, '.flag-list')).toContain('Disclosure of domestic abuse');
          await page.getByLabel('What was done').fill('Referred to the MASH');
          await page.getByRole('button', { name: 'Save what was done' }).click();
          await page.waitForURL((url) => url.searchParams.has('handled'));
          expect(await text(page, '.flag-list')).toContain('Referred to the MASH');
        } else {
          expect(await text(page, 'main p')).toBe('Only the partnership’s safeguarding contact can see flagged comments.');
        }
        await check(page, width, 'safeguarding');
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    SLOW,
  );
});
