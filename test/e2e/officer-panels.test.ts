import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Caller } from '@pv/shared/auth.schema';
import { assistedMemberInput } from '@pv/shared/panel.schema';
import { addAssistedMember, listPanels } from '../../functions/src/panels/panels.service.ts';
import { demo, expectAccessible, expectNoSidewaysScroll, launch, signedIn as signInAs } from '../support/browser.ts';

/**
 * An engagement officer running a parent panel through the officer pages, JavaScript on and off:
 * setting it up, adding members (one through the assisted form, the rest straight through the
 * service), seeing how representative it is, planning a meeting, inviting the panel, recording who
 * came and the support they took up, downloading the contact list, and the export in the audit log.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The journey visits many pages, each checked by axe: generous limits for a busy machine. */
const SLOW = 600_000;
const STEP = 60_000;
const TENANT = 'notts';
const NETWORK = 'Bassetlaw Family Hub Network';
/** Members added through the service after the first: enough that the panel's published size is always shown (9 ± 2 ≥ 5). */
const BULK = 8;

function signedIn(user: { email: string; password: string }, javaScript: boolean, width: number, landing: string) {
  return signInAs(browser, user, { javaScript, width, landing, timeout: STEP });
}

/** Every page state with axe; at 320 px also that nothing scrolls sideways. */
async function check(page: Page, width: number): Promise<void> {
  await expectAccessible(page);
  if (width <= 320) await expectNoSidewaysScroll(page);
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** The demo officer, as the services see a caller (for setting up members in bulk). */
const officer: Caller = { sub: 'e2e-officer', email: demo.nottsOfficer.email, tenantId: TENANT, roles: ['officer'] };

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('an officer running a panel (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it(
    'creates a panel, adds members, sees its representation, runs a meeting, downloads the contact list and the export is audited',
    async () => {
      const stamp = `${javaScript ? 'js' : 'nojs'} ${Date.now().toString(36)}`;
      const panelName = `E2E panel ${stamp}`;
      const memberName = `=SUM(1) Test parent ${stamp}`;
      const { context, page } = await signedIn(demo.nottsOfficer, javaScript, width, '/officer');
      try {
        await check(page, width);
        await page.getByRole('link', { name: 'Parent panels' }).click();
        await page.waitForURL((url) => url.pathname === '/officer/panels');
        await check(page, width);

        // Add a panel.
        await page.getByRole('link', { name: 'Add a panel' }).click();
        await page.waitForURL((url) => url.pathname === '/officer/panels/new');
        await check(page, width);
        await page.getByLabel('Name', { exact: true }).fill(panelName);
        await page.getByLabel('Description (optional)').fill('Made by an end-to-end test.');
        await page.getByLabel('Hub network').selectOption({ label: NETWORK });
        await page.getByLabel('Target size').fill('20');
        await page.getByRole('button', { name: 'Save panel' }).click();
        await page.waitForURL((url) => url.pathname === '/officer/panels' && url.searchParams.has('added'));
        expect(await text(page, '.notification-banner')).toContain(`‘${panelName}’ has been added.`);
        const row = page.locator('tbody tr').filter({ hasText: panelName });
        expect(await row.locator('td[data-label="Hub network"]').textContent()).toBe(NETWORK);
        expect(await row.locator('td[data-label="Recruiting"]').textContent()).toBe('Open');
        await check(page, width);
        const panelId = new URL(page.url()).searchParams.get('added')!;

        // A panel's size is a count of people, protected like any other: with none yet, "fewer than 5".
        expect(await row.locator('td[data-label="Members"]').textContent()).toBe('fewer than 5');
        expect(await page.getByRole('link', { name: 'How we protect these numbers' }).getAttribute('href')).toBe(`/${TENANT}/how-we-protect-these-numbers`);

        // Its overview: no members yet, so representation is hidden.
        await row.getByRole('link', { name: panelName }).click();
        await page.waitForURL((url) => url.pathname === `/officer/panels/${panelId}`);
        expect(await text(page, '#member-count')).toBe('Fewer than 5 members, of a target of 20');
        await check(page, width);

        // Add a member who joined on the phone: first without their agreement, which is refused.
        await page.getByRole('link', { name: 'Members', exact: true }).click();
        await page.waitForURL((url) => url.pathname === `/officer/panels/${panelId}/members`);
        await check(page, width);
        await page.getByRole('link', { name: 'Add a member' }).click();
        await page.waitForURL((url) => url.pathname === `/officer/panels/${panelId}/members/new`);
        await check(page, width);
        await page.getByLabel('Name', { exact: true }).fill(memberName);
        await page.getByLabel('Phone number (optional)').fill('07700 900123');
        await page.getByLabel('Phone call').check();
        await page.getByLabel('Family Hub they use (optional)').selectOption({ label: 'Worksop' });
        await page.getByLabel('On the phone').check();
        await page.getByRole('button', { name: 'Add member' }).click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.error-summary li').allTextContents()).toEqual([
          'Confirm they agreed to us keeping their details and contacting them',
        ]);
        expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(memberName);
        await check(page, width);
        await page.getByLabel('They agreed, when I spoke to them').check();
        await page.getByRole('button', { name: 'Add member' }).click();
        await page.waitForURL((url) => url.pathname === `/officer/panels/${panelId}/members` && url.searchParams.has('added'));
        expect(await text(page, '.notification-banner')).toContain(`${memberName} has been added to the panel.`);
        const memberRow = page.locator('tbody tr').filter({ hasText: memberName });
        expect(await memberRow.textContent()).toContain('Added by an officer');
        expect(await memberRow.locator('td[data-label="Family Hub"]').textContent()).toBe('Worksop');
        await check(page, width);

        // One member: changed by at most 2, that is still under 5, so neither the size nor anything about it is shown.
        await page.goto(`/officer/panels/${panelId}`);
        expect(await text(page, '#panel-representation-heading + p')).toContain('Fewer than 5 members.');
        expect(await text(page, '#member-count')).toBe('Fewer than 5 members, of a target of 20');
        await check(page, width);

        // Eight more, straight through the service (two by email): nine, which is shown as 7 to 11 whatever the keys.
        for (let i = 1; i <= BULK; i++) {
          const input = assistedMemberInput.parse({
            name: `Bulk member ${i} ${stamp}`,
            email: i <= 2 ? `bulk${i}.${stamp.replace(' ', '.')}@example.com` : '',
            phone: i > 2 ? `0770090000${i}` : '',
            preferredChannel: i <= 2 ? 'email' : 'phone',
            hubId: 'retford-design-site',
            recruitedBy: 'event',
            consentGivenVerbally: true,
          });
          await addAssistedMember(officer, TENANT, panelId, input);
        }

        // Nine members: the numbers show, changed a little, for the panel on its own page and across the partnership.
        await page.goto(`/officer/panels/${panelId}`);
        const size = /^(\d+) members of a target of 20 \((\d+) to go\)$/.exec(await text(page, '#member-count'));
        expect(Math.abs(Number(size?.[1]) - (BULK + 1))).toBeLessThanOrEqual(2);
        expect(Number(size?.[2])).toBe(20 - Number(size?.[1]));
        expect(await text(page, '#panel-representation-heading + p')).toContain(`${size?.[1]} members.`);
        const ruralRow = page.locator('#panel-representation-table tbody tr').filter({ hasText: 'Rural families' });
        expect(Math.abs(Number(await ruralRow.locator('td[data-label="Members in group"]').textContent()) - (BULK + 1))).toBeLessThanOrEqual(2);
        expect(await ruralRow.locator('td[data-label="Share of members"]').textContent()).toMatch(/^\d+(\.\d)?%$/);
        expect(await page.locator('#panel-representation-chart').getAttribute('role')).toBe('img');
        expect(await page.locator('main').textContent()).not.toMatch(/not shown/i);
        await check(page, width);

        await page.goto('/officer/representation');
        const section = page.locator('section').filter({ has: page.locator(`#panel-${panelId}-heading`) });
        // The same members, the same published size, on every page.
        expect(await section.locator('p').first().textContent()).toContain(`${size?.[1]} members.`);
        expect(await section.getByRole('link', { name: 'How we protect these numbers' }).getAttribute('href')).toBe(`/${TENANT}/how-we-protect-these-numbers`);
        const dads = section.locator('tbody tr').filter({ hasText: 'Dads and partners' });
        // Nobody has answered the equality questions: the group's count is hidden, never 0.
        expect(await dads.locator('td[data-label="Members in group"]').textContent()).toBe('fewer than 5');
        expect((await section.locator(`#panel-${panelId}-chart text`).allTextContents()).join(' ')).toContain('Rural families');
        expect(await section.locator('.tag', { hasText: 'Illustrative figure' }).count()).toBeGreaterThan(0);
        await check(page, width);
        if (process.env.PV_SCREENSHOTS) {
          await page.screenshot({ path: `${process.env.PV_SCREENSHOTS}/representation-${width}.png`, fullPage: true });
          if (width > 320) {
            await page.setViewportSize({ width: 320, height: 900 });
            await page.screenshot({ path: `${process.env.PV_SCREENSHOTS}/representation-js-320.png`, fullPage: true });
            await page.setViewportSize({ width, height: 900 });
          }
        }

        // Plan a meeting for today.
        await page.goto(`/officer/panels/${panelId}`);
        await page.getByRole('link', { name: 'Plan a meeting' }).first().click();
        await page.waitForURL((url) => url.pathname === `/officer/panels/${panelId}/meetings/new`);
        await check(page, width);
        const now = new Date();
        await page.getByLabel('Title').fill(`Talking about waiting times ${stamp}`);
        await page.getByLabel('Day').fill(String(now.getUTCDate()));
        await page.getByLabel('Month').fill(String(now.getUTCMonth() + 1));
        await page.getByLabel('Year').fill(String(now.getUTCFullYear()));
        await page.getByLabel('Start time').fill('10:00');
        await page.getByLabel('Family Hub (optional)').selectOption({ label: 'Worksop' });
        await page.getByLabel('In person', { exact: true }).check();
        await page.getByLabel('Crèche').check();
        await page.getByLabel('Travel costs').check();
        await page.getByRole('button', { name: 'Save meeting' }).click();
        await page.waitForURL((url) => /\/meetings\/[0-9A-Z]{26}$/.test(url.pathname));
        expect(await text(page, '.notification-banner')).toContain('The meeting is saved.');
        await check(page, width);

        // Invite the panel: two by email, the rest to call.
        await page.getByRole('button', { name: 'Invite members' }).click();
        await page.waitForURL((url) => url.searchParams.has('invited'));
        expect(await text(page, '.notification-banner')).toContain(`${BULK + 1} members invited: 2 emailed, ${BULK - 1} to phone.`);
        expect(await page.locator('#invitations tbody tr').count()).toBe(BULK + 1);
        expect(await text(page, '[data-count="Invited"]')).toBe(String(BULK + 1));
        await check(page, width);

        // One member came and took up the crèche.
        const attendee = page.locator('fieldset.attendance').filter({ has: page.locator('legend', { hasText: memberName }) });
        await attendee.getByLabel('Came to the meeting').check();
        await attendee.getByLabel('Took up: Crèche').check();
        await page.getByRole('button', { name: 'Save attendance' }).click();
        await page.waitForURL((url) => url.searchParams.has('recorded'));
        expect(await text(page, '.notification-banner')).toContain('Attendance is saved.');
        expect(await text(page, '[data-count="Came"]')).toBe('1');
        expect(await text(page, '[data-count="Support taken up"]')).toBe('Crèche: 1');
        expect(await attendee.getByLabel('Came to the meeting').isChecked()).toBe(true);
        await check(page, width);

        // The overview's participation table counts this month's meeting exactly, and the one member who came
        // (a count of people: 1 changed by at most 2 is under 5) as "fewer than 5".
        await page.goto(`/officer/panels/${panelId}`);
        const month = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(now);
        const monthRow = page.locator('#participation-table tbody tr').filter({ has: page.locator('th', { hasText: month }) });
        expect((await monthRow.locator('td').allTextContents()).map((t) => t.trim())).toEqual(['1', 'fewer than 5']);
        expect(await text(page, '#upcoming-meetings')).toContain(`Talking about waiting times ${stamp}`);
        await check(page, width);

        // Download the contact list: a header row, and a name that looks like a formula made plain text.
        await page.goto(`/officer/panels/${panelId}/members`);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download contact list (CSV)' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^e2e-panel-.*-members-\d{4}-\d{2}-\d{2}\.csv$/);
        const csv = await readFile((await download.path())!, 'utf8');
        const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
        expect(lines[0]).toBe('"Name","Email","Phone","Preferred contact","Language","Support needs","Hub","Joined","Assisted"');
        expect(lines.filter(Boolean)).toHaveLength(BULK + 2);
        expect(csv).toContain(`"'${memberName}"`);
        expect(csv).not.toContain(`"${memberName}"`);
        await check(page, width);
      } finally {
        await context.close();
      }

      // The export is in the audit log, which admins read.
      const admin = await signedIn(demo.nottsAdmin, javaScript, width, '/admin');
      try {
        await admin.page.goto('/admin/audit');
        const whats = (await admin.page.locator('tbody tr td[data-label="What"]').allTextContents()).map((t) => t.trim());
        expect(whats).toContain(`Exported contact details of ${BULK + 1} members of ‘${panelName}’`);
        expect(whats).toContain(`Added panel ‘${panelName}’`);
        await check(admin.page, width);
      } finally {
        await admin.context.close();
      }
    },
    SLOW,
  );

  it('shows an error summary for an empty new-panel form and adds nothing', async () => {
    const before = (await listPanels(TENANT)).length;
    const { context, page } = await signedIn(demo.nottsOfficer, javaScript, width, '/officer');
    try {
      await page.goto('/officer/panels/new');
      await page.getByLabel('Recruiting: families can join this panel').uncheck();
      await page.getByRole('button', { name: 'Save panel' }).click();
      const summary = page.locator('.error-summary');
      await summary.waitFor();
      expect(await page.locator('.error-summary li').allTextContents()).toEqual([
        'Enter a name for the panel',
        'Choose the hub network the panel is for',
        'Enter a target size from 5 to 1,000',
      ]);
      expect(await page.title()).toMatch(/^Error: /);
      // Each message is also next to its field, and the summary's links go to the fields.
      expect(await page.locator('#name-error').textContent()).toContain('Enter a name for the panel');
      expect(await page.locator('#networkId-error').textContent()).toContain('Choose the hub network the panel is for');
      expect(await page.getByLabel('Recruiting: families can join this panel').isChecked()).toBe(false);
      if (javaScript) {
        await page.locator('.error-summary a', { hasText: 'Enter a target size' }).click();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('targetSize');
      }
      await check(page, width);
      expect((await listPanels(TENANT)).length).toBe(before);
    } finally {
      await context.close();
    }
  }, SLOW);

  it('does not let a partner open the officer pages', async () => {
    const { context, page } = await signedIn(demo.nottsPartner, javaScript, width, '/partner');
    try {
      const response = await page.goto('/officer/panels');
      expect(response?.status()).toBe(403);
      expect(await page.locator('h1').textContent()).toBe('You do not have permission to see this page');
      expect(await page.locator('main').textContent()).toContain('only for engagement officers and admins');
      await check(page, width);
    } finally {
      await context.close();
    }
  }, SLOW);
});
