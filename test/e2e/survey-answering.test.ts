import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { surveyInput } from '@pv/shared/survey.schema';
import { listMail } from '../../functions/src/local/mail-catcher.ts';
import { listResponses } from '../../functions/src/surveys/surveys.repository.ts';
import { createSurvey, publishSurvey } from '../../functions/src/surveys/surveys.service.ts';
import { newId } from '../../functions/src/platform/ids.ts';
import { expectAccessible, expectNoSidewaysScroll, launch, newContext } from '../support/browser.ts';
import { branchingSurvey } from '../support/surveys.ts';

/**
 * A parent answering a branching survey through the real running app, as on a phone with JavaScript
 * off and on a computer with it on: errors with a summary and answers kept, the server choosing the
 * next section, "Section 2 of 3", save and come back later by email on another device, check your
 * answers, change an answer, send, and the back button and a second press that store nothing more.
 */

const TENANT = 'notts';
const officer = { sub: 'e2e-officer', email: 'officer@test.example', tenantId: TENANT, roles: ['officer' as const] };
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function newSurvey() {
  const input = surveyInput.parse(branchingSurvey({ title: `Your Family Hub ${newId().slice(-6).toLowerCase()}` }));
  const survey = await createSurvey(officer, TENANT, input);
  return publishSurvey(officer, TENANT, survey.id, survey.version);
}

const path = (page: Page) => new URL(page.url()).pathname;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}

async function checkPage(page: Page, width: number) {
  await expectAccessible(page);
  if (width <= 320) await expectNoSidewaysScroll(page);
}

async function resumeLinkFor(address: string): Promise<string> {
  for (let i = 0; i < 120; i++) {
    const mail = (await listMail(inject('env').mailInbox)).find((m) => m.to.some((t) => t.address === address) && /^Your saved answers/.test(m.subject));
    if (mail) {
      const match = /https?:\/\/[^\s/]+(\/notts\/surveys\/[a-z0-9-]+\/resume\?token=[A-Za-z0-9_-]{43})/.exec(mail.text);
      expect(match, 'a resume link in the email').not.toBeNull();
      return match![1]!;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No resume email to ${address}`);
}

describe.each([
  { javaScript: false, width: 320 },
  { javaScript: true, width: 1280 },
])('a parent answering a survey (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it(
    'answers a branching survey, saves and comes back on another device, checks, changes and sends once',
    async () => {
      const survey = await newSurvey();
      const base = `/${TENANT}/surveys/${survey.id}`;
      const context = await newContext(browser, { javaScript, width, timeout: 30_000 });
      const page = await context.newPage();

      // Find it on the public list and start.
      await open(page, `/${TENANT}/surveys`);
      await checkPage(page, width);
      await page.getByRole('link', { name: survey.title }).click();
      await page.waitForURL((u) => u.pathname === base);
      expect(await h1(page)).toBe(survey.title);
      await checkPage(page, width);
      await page.getByRole('button', { name: 'Start now' }).click();
      await page.waitForURL((u) => u.pathname === `${base}/section/about-you`);
      expect(await page.locator('.caption').first().textContent()).toContain('Section 1 of 2');
      await checkPage(page, width);

      // Nothing chosen: an error summary linking to the question, the message next to it.
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
      expect(await page.locator('.error-summary a[href="#q_uses-hub"]').textContent()).toContain('Choose an answer to “Have you used a Family Hub?”');
      expect(await page.locator('#q_uses-hub-error').textContent()).toContain('Choose an answer');
      expect(await page.title()).toMatch(/^Error: /);
      await checkPage(page, width);

      // "Other" without saying what: an error, and the ticked boxes are kept.
      await page.getByRole('radio', { name: 'Yes' }).check();
      await page.getByRole('checkbox', { name: 'Stay and play' }).check();
      await page.getByRole('checkbox', { name: 'Other' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => page.locator('#q_services_other-error').count()).toBe(1);
      expect(await page.getByRole('checkbox', { name: 'Stay and play' }).isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
      await page.getByLabel(/If you chose ‘Other’/).fill('Baby massage');
      await page.getByRole('button', { name: 'Continue' }).click();

      // "Yes" → the visit section (the server chose it), with progress among the sections this parent sees.
      await page.waitForURL((u) => u.pathname === `${base}/section/your-visit`);
      expect(await h1(page)).toBe('Your visit');
      expect(await page.locator('.caption').first().textContent()).toContain('Section 2 of 3');
      await checkPage(page, width);
      await page.getByRole('radio', { name: '4' }).check();
      await page.getByLabel(/What would make it better\?/).fill('Evening sessions so dads can come');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL((u) => u.pathname === `${base}/section/equality`);
      await checkPage(page, width);

      // Save and come back later: a link by email, opened on another device.
      await page.getByRole('button', { name: 'Save and come back later' }).click();
      await page.waitForURL((u) => u.pathname === `${base}/later`);
      expect(await h1(page)).toBe('Your answers are saved');
      await checkPage(page, width);
      const email = `parent-${newId().toLowerCase()}@test.example`;
      await page.getByRole('button', { name: 'Email me a link' }).click();
      await expect.poll(() => page.locator('#email-error').count()).toBe(1);
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Email me a link' }).click();
      await expect.poll(() => page.getByText('We’ve emailed you a link to your answers').count()).toBe(1);
      await checkPage(page, width);
      const resume = await resumeLinkFor(email);

      const otherDevice = await newContext(browser, { javaScript, width, timeout: 30_000 });
      const phone = await otherDevice.newPage();
      await open(phone, resume);
      // Back where they left off: the first section with nothing answered.
      expect(path(phone)).toBe(`${base}/section/equality`);
      await phone.getByRole('radio', { name: 'Dad', exact: true }).check();
      await phone.getByRole('button', { name: 'Continue' }).click();
      // Equality answers need the agreement box.
      await expect.poll(() => phone.locator('#q_eq_consent-error').count()).toBe(1);
      await checkPage(phone, width);
      await phone.getByRole('checkbox', { name: /I agree that the partnership can keep these answers/ }).check();
      await phone.getByRole('button', { name: 'Continue' }).click();
      await phone.waitForURL((u) => u.pathname === `${base}/check`);
      await checkPage(phone, width);
      const summary = (await phone.locator('main').textContent())!.replace(/\s+/g, ' ');
      expect(summary).toContain('Stay and play; Other: Baby massage');
      expect(summary).toContain('4 out of 5');
      expect(summary).toContain('Evening sessions so dads can come');

      // Change an answer from the check page: back to the section, then straight on.
      await phone.getByRole('link', { name: /Change your answer to “How was your visit\?”/ }).click();
      await phone.waitForURL((u) => u.pathname === `${base}/section/your-visit`);
      expect(await phone.getByRole('radio', { name: '4' }).isChecked()).toBe(true);
      await phone.getByRole('radio', { name: /5 – Very good/ }).check();
      await phone.getByRole('button', { name: 'Continue' }).click();
      await phone.waitForURL((u) => u.pathname === `${base}/section/equality`);
      await phone.getByRole('button', { name: 'Continue' }).click();
      await phone.waitForURL((u) => u.pathname === `${base}/check`);
      expect((await phone.locator('main').textContent())!.replace(/\s+/g, ' ')).toContain('5 out of 5');

      await phone.getByRole('button', { name: 'Send my answers' }).click();
      await phone.waitForURL((u) => u.pathname === `${base}/done`);
      expect(await h1(phone)).toBe('Your answers have been sent');
      expect(await phone.getByRole('link', { name: '“you said, we did” log' }).getAttribute('href')).toBe(`/${TENANT}/you-said-we-did`);
      await checkPage(phone, width);

      // The back button and "send" again: still one response; the first device is told it is sent.
      await phone.goBack();
      await phone.waitForLoadState('networkidle');
      // Without JavaScript the browser shows the check page again and "send" stores nothing more; with
      // it, the app asks the server again and shows that the answers are sent.
      const send = phone.getByRole('button', { name: 'Send my answers' });
      if (await send.count()) await send.click();
      await expect.poll(() => h1(phone)).toBe('Your answers have been sent');
      await open(page, `${base}/section/about-you`);
      expect(path(page)).toBe(`${base}/done`);
      await open(page, base);
      expect(await page.getByText('You have answered this survey on this device.').count()).toBe(1);
      await checkPage(page, width);

      const stored = await listResponses(TENANT, survey.id, 50);
      expect(stored.items).toHaveLength(1);
      expect(stored.items[0]!.answers).toMatchObject({ 'uses-hub': 'yes', rating: 5, 'services.other': 'Baby massage' });
      await otherDevice.close();
      await context.close();
    },
    600_000,
  );
});

describe('on a slow phone', () => {
  it('keeps a choice made before the page’s scripts have loaded', async () => {
    const survey = await newSurvey();
    const base = `/${TENANT}/surveys/${survey.id}`;
    const context = await newContext(browser, { javaScript: true, width: 320, timeout: 30_000 });
    const page = await context.newPage();
    await open(page, base);
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL((u) => u.pathname === `${base}/section/about-you`);
    // Reload with the app's scripts held back, choose, then let them load (hydrate).
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/_app/immutable/**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${base}/section/about-you`, { waitUntil: 'commit' });
    await page.getByRole('radio', { name: 'No' }).waitFor();
    // Clicks made in the page itself: Playwright's own waits would hold until the page settles.
    await page.evaluate(() => {
      for (const label of document.querySelectorAll('label')) {
        if (['No', 'Health visitor clinic'].includes(label.textContent?.trim() ?? '')) label.click();
      }
    });
    expect(await page.getByRole('radio', { name: 'No' }).isChecked()).toBe(true);
    release();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    expect(await page.getByRole('radio', { name: 'No' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Health visitor clinic' }).isChecked()).toBe(true);
    await context.close();
  }, 120_000);
});

describe('the other branch, and a closed survey', () => {
  it('asks why not when the parent has not used a hub, and a double click sends once', async () => {
    const survey = await newSurvey();
    const base = `/${TENANT}/surveys/${survey.id}`;
    const context = await newContext(browser, { javaScript: true, width: 1280, timeout: 30_000 });
    const page = await context.newPage();
    await open(page, base);
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL((u) => u.pathname === `${base}/section/about-you`);
    await page.getByRole('radio', { name: 'No' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.pathname === `${base}/section/not-used`);
    expect(await h1(page)).toBe('Why not');
    await page.getByLabel(/Why have you not used one\?/).fill('No bus on a Sunday');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.pathname === `${base}/section/equality`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.pathname === `${base}/check`);
    expect(await page.getByText('Your visit').count()).toBe(0);
    await page.getByRole('button', { name: 'Send my answers' }).dblclick();
    await page.waitForURL((u) => u.pathname === `${base}/done`);
    expect((await listResponses(TENANT, survey.id, 50)).items).toHaveLength(1);
    await context.close();
  }, 120_000);
});
