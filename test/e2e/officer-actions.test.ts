import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTheme } from '../../functions/src/feedback/themes.service.ts';
import { expectAccessible, expectNoSidewaysScroll, launch, signedIn } from '../support/browser.ts';
import { comment, seedComments } from '../support/feedback.ts';
import { api, freshTenant, signedInUser, type TestUser } from '../support/tenants.ts';

/**
 * "You said, we did" through the officer pages, JavaScript on and off: an officer drafts an action
 * from a theme (the empty form is refused first), the personal-data check finds a phone number and
 * will not send it until the officer confirms it, the same officer cannot approve their own action,
 * a second officer approves and it is public; a later change keeps the public version until approved.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Two sign-ins and a dozen pages, each checked by axe: generous limits for a busy machine. */
const SLOW = 600_000;
const STEP = 60_000;
const PASSWORD = 'Test-password-2026'; // what signedInUser gives every test user

async function check(page: Page, width: number): Promise<void> {
  await expectAccessible(page);
  if (width <= 320) await expectNoSidewaysScroll(page);
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

function signIn(user: TestUser, javaScript: boolean, width: number) {
  return signedIn(browser, { email: user.caller.email, password: PASSWORD }, { javaScript, width, landing: '/officer', timeout: STEP });
}

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('an officer publishing what changed (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it(
    'drafts an action from a theme, checks it for personal data, needs a second officer to approve it, and keeps the public version while it changes',
    async () => {
      const tenant = await freshTenant();
      const [author, approver] = await Promise.all([signedInUser(tenant, 'officer'), signedInUser(tenant, 'officer')]);
      const comments = await seedComments(tenant, Array.from({ length: 6 }, () => comment()));
      const theme = await createTheme(author.caller, tenant, { name: 'Waiting for referrals', description: '' }, comments.map((c) => c.id));

      const first = await signIn(author, javaScript, width);
      const page = first.page;
      let actionId = '';
      try {
        await page.getByRole('link', { name: 'You said, we did' }).click();
        await page.waitForURL((url) => url.pathname === '/officer/actions');
        expect(await text(page, 'main')).toContain('There are no actions yet.');
        expect(await page.getByRole('link', { name: 'Draft an action' }).getAttribute('href')).toBe('/officer/actions/new');
        await check(page, width);

        // From the theme: it is chosen already. Saved empty, the form says what is missing and keeps the theme.
        await page.goto(`/officer/actions/new?theme=${theme.id}`);
        expect(await page.getByLabel('Waiting for referrals').isChecked()).toBe(true);
        await check(page, width);
        await page.getByRole('button', { name: 'Save as draft' }).click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.error-summary li').allTextContents()).toEqual([
          'Say what parents told you, in plain words',
          'Say what you did or will do, or why not',
          'Say which team or organisation owns this',
        ]);
        expect(await page.getByLabel('Waiting for referrals').isChecked()).toBe(true);
        expect(await page.title()).toMatch(/^Error: /);
        await check(page, width);

        await page.getByLabel('You said', { exact: true }).fill('Parents waited months for a referral and nobody kept in touch while they waited.');
        await page.getByLabel('We did', { exact: true }).fill('We now phone every family within a week of a referral. Call 07700 900123 if you are still waiting.');
        await page.getByLabel('In progress').check();
        await page.getByLabel('Owner', { exact: true }).fill('Health visiting service');
        await page.locator('#targetOn-day').fill('31');
        await page.locator('#targetOn-month').fill('3');
        await page.locator('#targetOn-year').fill('2027');
        await page.getByRole('button', { name: 'Save as draft' }).click();
        await page.waitForURL((url) => /^\/officer\/actions\/[0-9A-Z]{26}$/.test(url.pathname) && url.searchParams.has('created'));
        actionId = new URL(page.url()).pathname.split('/').pop()!;
        expect(await text(page, '.notification-banner')).toContain('The action is saved as a draft.');
        expect(await text(page, '#state')).toBe('Draft');
        expect(await text(page, '#action-details')).toContain('Target date 31 March 2027');
        expect(await text(page, '#action-details')).toContain('Themes Waiting for referrals');
        // The phone number is a finding to fix or confirm.
        expect(await page.locator('#findings legend').allTextContents()).toEqual(['“07700 900123” looks like a phone number']);
        await check(page, width);

        // Sent without confirming: refused, the summary links to the finding.
        await page.getByRole('button', { name: 'Send for approval' }).click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.error-summary li').allTextContents()).toEqual(['Check this finding: “07700 900123”']);
        expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#confirmed');
        expect(await text(page, '#state')).toBe('Draft');
        await check(page, width);

        // It is the service's own number: confirmed, and sent.
        await page.getByLabel('This is not personal data').check();
        await page.getByRole('button', { name: 'Send for approval' }).click();
        await page.waitForURL((url) => url.pathname === `/officer/actions/${actionId}` && url.searchParams.has('sent'));
        expect(await text(page, '#state')).toBe('Waiting for approval');
        // Whoever sent it cannot approve it.
        expect(await text(page, '#second-person')).toContain('A second person must approve this action.');
        expect(await page.getByRole('button', { name: 'Approve and publish' }).count()).toBe(0);
        await check(page, width);
      } finally {
        await first.context.close();
      }

      // The API agrees: the author's own approval is refused.
      const { version } = (await api(`/tenants/${tenant}/actions/${actionId}`, { token: author.token })).body!.action as { version: number };
      const own = await api(`/tenants/${tenant}/actions/${actionId}/approve`, { method: 'POST', token: author.token, json: { version } });
      expect(own.status).toBe(403);

      const second = await signIn(approver, javaScript, width);
      try {
        const p = second.page;
        await p.goto('/officer/actions');
        const row = p.locator('tbody tr').filter({ hasText: 'Parents waited months for a referral' });
        expect(await row.locator('td[data-label="State"]').textContent()).toBe('Waiting for approval');
        expect(await row.locator('td[data-label="Owner"]').textContent()).toBe('Health visiting service');
        await check(p, width);
        await row.getByRole('link').click();
        await p.waitForURL((url) => url.pathname === `/officer/actions/${actionId}`);
        expect(await text(p, '#findings + p + ul')).toBe('! Warning: “07700 900123” looks like a phone number');
        await check(p, width);
        await p.getByRole('button', { name: 'Approve and publish' }).click();
        await p.waitForURL((url) => url.pathname === `/officer/actions/${actionId}` && url.searchParams.has('approved'));
        expect(await text(p, '#state')).toBe('Published');
        expect(await text(p, '#timeline + ol')).toMatch(/: In progress We published this\.$/);
        expect(await p.getByRole('link', { name: 'See it as families do' }).getAttribute('href')).toBe(`/${tenant}/you-said-we-did/${actionId}`);
        expect(await text(p, '#people')).toContain(`Last approved by ${approver.caller.email}`);
        await check(p, width);
        const published = await api(`/tenants/${tenant}/public/log/${actionId}`);
        expect(published.status).toBe(200);
        expect(published.body).toMatchObject({ status: 'in-progress', owner: 'Health visiting service' });
        // Its 6 comments are published through the cell key method: changed by at most 2, or "fewer than 5" (null).
        const basedOn = published.body!.basedOn as number | null;
        expect(basedOn === null || Math.abs(basedOn - 6) <= 2).toBe(true);

        // A change: a draft again, and the public keeps the approved version until it is approved too.
        await p.getByRole('link', { name: 'Change the action' }).click();
        await p.waitForURL((url) => url.pathname === `/officer/actions/${actionId}/edit`);
        expect(await text(p, '#public-version')).toMatch(/^The public sees the version approved on \d+ \w+ \d{4}\./);
        expect(await p.getByLabel('We did', { exact: true }).inputValue()).toContain('Call 07700 900123');
        await check(p, width);
        await p.getByLabel('We did', { exact: true }).fill('We now phone every family within a week of a referral.');
        await p.getByLabel('What changed, for the public timeline (optional)').fill('Every family now gets a call within a week.');
        await p.getByRole('button', { name: 'Save changes' }).click();
        await p.waitForURL((url) => url.pathname === `/officer/actions/${actionId}` && url.searchParams.has('saved'));
        expect(await text(p, '#state')).toBe('Published, with changes not yet approved');
        expect(await text(p, '#public-version')).toMatch(/^The public sees the version approved on \d+ \w+ \d{4}; your changes are not public yet\.$/);
        expect(await p.locator('#findings').count()).toBe(0);
        await check(p, width);
        expect((await api(`/tenants/${tenant}/public/log/${actionId}`)).body!.weDid).toContain('07700 900123');
      } finally {
        await second.context.close();
      }
    },
    SLOW,
  );
});
