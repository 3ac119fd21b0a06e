import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { Caller } from '@pv/shared/auth.schema';
import { listConsultations, updateConsultation } from '../../functions/src/consultations/consultations.service.ts';
import { demo, expectAccessible, launch, newContext, signedIn } from '../support/browser.ts';

/**
 * An engagement officer running a consultation through the officer pages, JavaScript on and off:
 * starting one (a missing title is refused and nothing is made), opening it, logging a conversation
 * at a hub (asked for when missing), seeing it on the consultation's page, and the consultation on
 * the public list. With
 * JavaScript on, also a change that meets someone else's newer version. axe on every page.
 */

const TENANT = 'notts';
const STEP = 60_000;
const officer: Caller = { sub: 'e2e-officer', email: demo.nottsOfficer.email, tenantId: TENANT, roles: ['officer'] };

let browser: Browser;
/** One sign-in, shared by both passes. */
let signIn: BrowserContextOptions['storageState'];
beforeAll(async () => {
  browser = await launch();
  const { context } = await signedIn(browser, demo.nottsOfficer, { landing: '/officer', timeout: STEP });
  signIn = await context.storageState();
  await context.close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const path = (page: Page) => new URL(page.url()).pathname;
const inDays = (days: number) => {
  const d = new Date(Date.now() + days * 86400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
};

/** The error summary's messages; every link in it lands on an element of the form. */
async function summaryErrors(page: Page): Promise<string[]> {
  await page.locator('.error-summary').waitFor();
  for (const href of await page.locator('.error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
    expect(await page.locator(href!).count(), `the error summary's link ${href} lands nowhere`).toBe(1);
  }
  return page.locator('.error-summary li').allTextContents();
}

async function fillDate(page: Page, id: string, date: { day: string; month: string; year: string }) {
  await page.locator(`#${id}-day`).fill(date.day);
  await page.locator(`#${id}-month`).fill(date.month);
  await page.locator(`#${id}-year`).fill(date.year);
}

describe.each([{ javaScript: true }, { javaScript: false }])('an officer running a consultation (JavaScript $javaScript)', ({ javaScript }) => {
  it(
    'starts one (a missing title is refused), opens it, logs a conversation at a hub and it shows on the public page',
    async () => {
      const title = `E2E consultation ${javaScript ? 'js' : 'nojs'} ${Date.now().toString(36)}`;
      const where = `Stay and play, Worksop ${Date.now().toString(36)}`;
      const context = await newContext(browser, { javaScript, storageState: signIn, timeout: STEP });
      const page = await context.newPage();
      try {
        await page.goto('/officer');
        await page.getByRole('link', { name: 'Consultations' }).click();
        await page.waitForURL((url) => url.pathname === '/officer/consultations');
        await expectAccessible(page);

        // Start one, first without a title: refused, with the person's input kept and nothing made.
        await page.getByRole('link', { name: 'Start a consultation' }).click();
        await page.waitForURL((url) => url.pathname === '/officer/consultations/new');
        await expectAccessible(page);
        await page.getByLabel('Summary').fill('How it feels to wait for support, and what would help while you wait.');
        await page.getByLabel('Why we are asking').fill('Parents told us they hear nothing while they wait.');
        await page.getByLabel('What can change', { exact: true }).fill('How we keep in touch while you wait.');
        await page.getByLabel("Parents' mental health").check();
        await page.getByLabel('Bassetlaw Family Hub Network').check();
        await fillDate(page, 'opensOn', inDays(0));
        await fillDate(page, 'closesOn', inDays(30));
        const before = (await listConsultations(TENANT)).length;
        await page.getByRole('button', { name: 'Save as a draft' }).click();
        expect(await summaryErrors(page)).toEqual(['Enter a title']);
        expect(await text(page, '#title-error')).toBe('Error: Enter a title');
        expect(await page.getByLabel('Why we are asking').inputValue()).toBe('Parents told us they hear nothing while they wait.');
        expect(await page.getByLabel('Bassetlaw Family Hub Network').isChecked()).toBe(true);
        expect(await page.locator('#closesOn-month').inputValue()).toBe(inDays(30).month);
        expect((await listConsultations(TENANT)).length).toBe(before);
        await expectAccessible(page);

        await page.getByLabel('Title').fill(title);
        await page.getByRole('button', { name: 'Save as a draft' }).click();
        await page.waitForURL((url) => url.pathname.startsWith('/officer/consultations/') && url.searchParams.has('created'));
        const id = path(page).split('/').pop()!;
        expect(await text(page, '.notification-banner')).toContain(`‘${title}’ has been saved as a draft.`);
        expect(await text(page, '#stage')).toBe('Draft');
        expect(await page.getByRole('link', { name: 'Log a conversation' }).count()).toBe(0);
        await expectAccessible(page);

        // Open it: dated on the timeline, and now conversations can be logged.
        await page.getByRole('button', { name: 'Open the consultation' }).click();
        await page.waitForURL((url) => url.searchParams.get('moved') === 'open');
        expect(await text(page, '#stage')).toBe('Open');
        expect(await text(page, '#timeline')).toMatch(/^Draft since .+Open since .+Closed not yet/);
        expect(await page.getByRole('button', { name: 'Close the consultation' }).count()).toBe(1);
        await expectAccessible(page);

        await page.getByRole('link', { name: 'Log a conversation' }).click();
        await page.waitForURL((url) => url.pathname === `/officer/consultations/${id}/conversations/new`);
        await expectAccessible(page);
        await page.getByLabel('What was said').fill('Nobody told us anything for four months while we waited for speech therapy.');
        await page.getByLabel('Where', { exact: true }).fill(where);
        await page.getByLabel('Stay and play or group session').check();
        await page.getByLabel('How many people took part').fill('6');
        await page.getByLabel('Panel member who said it (optional)').selectOption({ index: 1 });
        // First without the hub: asked for, with the rest kept.
        await page.getByRole('button', { name: 'Log conversation' }).click();
        expect(await summaryErrors(page)).toEqual(['Choose the Family Hub the conversation was at or is nearest to']);
        expect(await page.getByLabel('Where', { exact: true }).inputValue()).toBe(where);
        expect(await page.getByLabel('Stay and play or group session').isChecked()).toBe(true);
        await page.getByLabel('Family Hub', { exact: true }).selectOption({ label: 'Worksop' });
        await page.getByRole('button', { name: 'Log conversation' }).click();
        await page.waitForURL((url) => url.pathname === `/officer/consultations/${id}` && url.searchParams.has('logged'));
        expect(await text(page, '.notification-banner')).toContain('The conversation has been logged.');
        const logged = await text(page, '#conversations li');
        expect(logged).toContain(where);
        expect(logged).toContain('Worksop (Bassetlaw Family Hub Network). Stay and play or group session. 6 people. A panel member was named.');
        expect(logged).toContain('Nobody told us anything for four months');
        await expectAccessible(page);

        if (javaScript) {
          // Someone else changes it while this officer is editing: their version is shown, this input kept.
          await page.getByRole('link', { name: /^Change the consultation/ }).click();
          await page.waitForURL((url) => url.pathname === `/officer/consultations/${id}/edit`);
          expect(await page.getByLabel('Title').inputValue()).toBe(title);
          await expectAccessible(page);
          const stored = (await listConsultations(TENANT)).find((c) => c.id === id)!;
          const { id: _id, stage: _s, timeline: _t, version, createdAt: _c, updatedAt: _u, ...input } = stored;
          await updateConsultation(officer, TENANT, id, version, { ...input, title: `${title} (theirs)` });
          await page.getByLabel('Title').fill(`${title} (mine)`);
          await page.getByRole('button', { name: 'Save changes' }).click();
          await page.locator('#their-version').waitFor();
          expect(await text(page, '#their-version')).toBe('Someone else changed this consultation while you were editing');
          expect(await text(page, '.inset-text .summary-list')).toContain(`${title} (theirs)`);
          expect(await page.getByLabel('Title').inputValue()).toBe(`${title} (mine)`);
          await expectAccessible(page);
          await page.getByLabel('Title').fill(title);
          await page.getByRole('button', { name: 'Save changes' }).click();
          await page.waitForURL((url) => url.pathname === `/officer/consultations/${id}` && url.searchParams.has('saved'));
          expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
        }

        // On the list with its stage, and on the public page for families.
        await page.goto('/officer/consultations');
        expect(await text(page, `#consultation-${id} td[data-label="Stage"]`)).toBe('Open');
        await page.goto(`/${TENANT}/consultations`);
        expect(await page.getByRole('link', { name: title }).count()).toBe(1);
      } finally {
        await context.close();
      }
    },
    300_000,
  );
});
