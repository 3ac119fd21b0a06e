import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getSurvey } from '../../functions/src/surveys/surveys.service.ts';
import { demo, expectAccessible, expectNoSidewaysScroll, launch, signedIn as signInAs } from '../support/browser.ts';

/**
 * An engagement officer building a branching survey in the officer pages, JavaScript on and off:
 * settings first; a yes/no question in section 1; section 2 shown only for "yes", with a long-text
 * question tagged to a priority and a hub; two conditions the API refuses (moving section 2 above
 * the question it depends on, and moving a question onto the page of its own condition), shown
 * next to the condition; a preview that follows the branch and saves nothing; then publishing.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The journey visits many pages, each checked by axe: generous limits for a busy machine. */
const SLOW = 900_000;
const STEP = 60_000;
const TENANT = 'notts';
const ASKED = 'Have you used a Family Hub?';
const BETTER = 'What would make it better?';

function signedIn(user: { email: string; password: string }, javaScript: boolean, width: number, landing: string) {
  return signInAs(browser, user, { javaScript, width, landing, timeout: STEP });
}

/** Every page state with axe; at 320 px also that nothing scrolls sideways. */
async function check(page: Page, width: number): Promise<void> {
  await expectAccessible(page);
  if (width <= 320) await expectNoSidewaysScroll(page);
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const summary = async (page: Page) => {
  await page.locator('.error-summary').waitFor();
  return (await page.locator('.error-summary li').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
};

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('an officer building a survey (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it(
    'builds a branching survey, sees a forward condition refused, previews the branch without saving anything, and publishes it',
    async () => {
      const stamp = `${javaScript ? 'js' : 'nojs'} ${Date.now().toString(36)}`;
      const title = `Your Family Hub ${stamp}`;
      const { context, page } = await signedIn(demo.nottsOfficer, javaScript, width, '/officer');
      try {
        await check(page, width);
        await page.getByRole('link', { name: 'Surveys', exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/officer/surveys');
        await check(page, width);

        // The settings: an empty form is refused field by field, then the survey is created.
        await page.getByRole('link', { name: 'Create a survey' }).click();
        await page.waitForURL((url) => url.pathname === '/officer/surveys/new');
        await check(page, width);
        await page.getByRole('button', { name: 'Create survey' }).click();
        expect(await summary(page)).toEqual([
          'Enter a title for the survey',
          'Enter an introduction that says what the survey is about',
          'Enter a privacy notice: who sees the answers and how long they are kept',
          'Enter the closing date',
          'Choose who can answer',
          'Choose whether the survey is anonymous',
        ]);
        await check(page, width);
        const closes = new Date(Date.now() + 60 * 86400_000);
        await page.getByLabel('Title').fill(title);
        await page.getByLabel('Introduction').fill('Tell us about Family Hubs so we can make them better.');
        await page.getByLabel('Privacy notice').fill('Only the engagement team sees your answers. We keep them for two years.');
        await page.getByLabel('Day').fill(String(closes.getUTCDate()));
        await page.getByLabel('Month').fill(String(closes.getUTCMonth() + 1));
        await page.getByLabel('Year').fill(String(closes.getUTCFullYear()));
        await page.getByLabel('Both: public link and personal invitations').check();
        await page.getByLabel('Yes, anonymous').check();
        await page.getByRole('button', { name: 'Create survey' }).click();
        await page.waitForURL((url) => /^\/officer\/surveys\/[a-z0-9-]+$/.test(url.pathname) && url.searchParams.has('created'));
        const surveyId = new URL(page.url()).pathname.split('/').at(-1)!;
        const overview = `/officer/surveys/${surveyId}`;
        expect(await text(page, '#status')).toBe('Draft');
        expect(await text(page, '#publish-problems')).toContain('Add at least one section with a question');
        await check(page, width);

        // Section 1 with a required yes/no question.
        await page.getByRole('link', { name: 'Add a section' }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/sections/new`);
        expect(await text(page, '#no-sources')).toContain('there are no questions like that in earlier sections yet');
        await check(page, width);
        await page.getByLabel('Section title').fill('About you');
        await page.getByRole('button', { name: 'Add section' }).click();
        await page.waitForURL((url) => url.pathname === overview && url.searchParams.get('added') === 'section');
        expect(await text(page, '.notification-banner')).toContain('The section ‘About you’ has been added.');

        await page.getByRole('link', { name: /Add a question.*section 1: About you/ }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/sections/about-you/questions/new`);
        await check(page, width);
        await page.getByRole('button', { name: 'Continue' }).click();
        expect(await summary(page)).toEqual(['Choose the type of question']);
        await check(page, width);
        await page.getByLabel('Yes or no').check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL((url) => url.searchParams.get('type') === 'yes-no');
        await check(page, width);
        await page.getByLabel('Question', { exact: true }).fill(ASKED);
        await page.getByLabel('Parents must answer this question').check();
        await page.getByRole('button', { name: 'Add question' }).click();
        await page.waitForURL((url) => url.pathname === overview && url.searchParams.get('added') === 'question');
        expect(await text(page, '.notification-banner')).toContain(`The question ‘${ASKED}’ has been added.`);

        // Section 2, shown only to those who said yes, with a long-text question tagged to a priority and a hub.
        await page.getByRole('link', { name: 'Add a section' }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/sections/new`);
        await page.getByLabel('Section title').fill('Your visit');
        await page.getByLabel(`Only when the answer to “${ASKED}” is one of those ticked below`).check();
        await page.getByLabel('Yes', { exact: true }).check();
        await check(page, width);
        await page.getByRole('button', { name: 'Add section' }).click();
        await page.waitForURL((url) => url.pathname === overview && url.searchParams.get('added') === 'section');
        expect(await text(page, '#section-your-visit .shown')).toBe(`Shown: Only when the answer to “${ASKED}” is Yes`);

        await page.getByRole('link', { name: /Add a question.*section 2: Your visit/ }).click();
        await page.getByLabel('Long text').check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL((url) => url.searchParams.get('type') === 'long-text');
        await page.getByLabel('Question', { exact: true }).fill(BETTER);
        await page.getByLabel('Most characters an answer can have').fill('1,000');
        await page.getByLabel("Parents' mental health").check();
        await page.locator('summary', { hasText: 'Family Hubs this question is about' }).click();
        await page.getByLabel('Mansfield town').check();
        await check(page, width);
        await page.getByRole('button', { name: 'Add question' }).click();
        await page.waitForURL((url) => url.pathname === overview && url.searchParams.get('added') === 'question');
        const better = page.locator('#section-your-visit .question-list > li').first();
        expect(await better.locator('h4').textContent()).toBe(`1. ${BETTER} (optional)`);
        expect(await better.locator('.tag').allTextContents()).toEqual(["Parents' mental health", 'Mansfield town']);
        expect(await text(page, '#publish-warning')).toContain('When you publish the survey, parents can answer it');
        await check(page, width);

        const stored = (await getSurvey(TENANT, surveyId)).definition;
        const asked = stored.sections[0]!.questions[0]!;
        expect(stored.sections.map((s) => s.id)).toEqual(['about-you', 'your-visit']);
        expect(asked).toMatchObject({ type: 'yes-no', label: ASKED, required: true });
        expect(stored.sections[1]!.condition).toEqual({ questionId: asked.id, values: ['yes'] });
        expect(stored.sections[1]!.questions[0]).toMatchObject({
          type: 'long-text',
          label: BETTER,
          maxLength: 1000,
          priorityIds: ['parents-mental-health'],
          hubIds: ['mansfield-town'],
        });

        // A forward condition: section 2 moved above the question it depends on. The API refuses it.
        const forward = `The section “Your visit” depends on “${ASKED}”, which comes later (section 2), so it has not been answered yet. Conditions can only look back at earlier sections.`;
        await page.getByRole('button', { name: /Move up.*section Your visit/ }).click();
        expect(await summary(page)).toEqual([forward]);
        expect(await text(page, '#section-your-visit .error-message')).toBe(`Error: ${forward}`);
        expect(await page.locator('.builder-section h3').allTextContents()).toEqual(['Section 1: About you', 'Section 2: Your visit']);
        await check(page, width);

        // The same from a question's form: moved onto the page of the question its condition looks at.
        await page.getByRole('link', { name: new RegExp(`Change.*question: ${BETTER.replace('?', '\\?')}`) }).click();
        await page.waitForURL((url) => url.pathname.startsWith(`${overview}/questions/`));
        await check(page, width);
        await page.getByLabel('Section', { exact: true }).selectOption({ label: 'Section 1: About you' });
        await page.getByLabel('Question', { exact: true }).fill(`${BETTER} Tell us more`);
        await page.getByLabel(`Only when the answer to “${ASKED}” is one of those ticked below`).check();
        await page.getByLabel('Yes', { exact: true }).check();
        await page.getByRole('button', { name: 'Save changes' }).click();
        const samePage = `The question “${BETTER} Tell us more” depends on “${ASKED}”, which is on the same page.`;
        const refused = await summary(page);
        expect(refused).toHaveLength(1);
        expect(refused[0]).toContain(samePage);
        expect(await text(page, '#condition-error')).toContain(samePage);
        // What the officer typed is still there.
        expect(await page.getByLabel('Question', { exact: true }).inputValue()).toBe(`${BETTER} Tell us more`);
        expect(await page.getByLabel('Section', { exact: true }).inputValue()).toBe('about-you');
        expect(await page.getByLabel('Yes', { exact: true }).isChecked()).toBe(true);
        expect(await page.getByLabel("Parents' mental health").isChecked()).toBe(true);
        await check(page, width);
        await page.getByRole('link', { name: 'Cancel' }).click();
        await page.waitForURL((url) => url.pathname === overview);
        expect((await getSurvey(TENANT, surveyId)).definition).toEqual(stored);

        // The preview follows the branch: "yes" leads to section 2…
        await page.getByRole('link', { name: 'Preview the survey' }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/preview`);
        expect(await text(page, '#preview-banner')).toContain('Preview: nothing you enter is saved');
        await check(page, width);
        await page.getByRole('button', { name: 'Start now' }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/preview/about-you`);
        // Section 2 is not counted until an answer shows it, as a parent would see.
        expect(await text(page, '#progress')).toBe(`${title} Section 1 of 1`);
        await check(page, width);
        await page.getByRole('button', { name: 'Continue' }).click();
        expect(await summary(page)).toEqual([`Choose an answer to “${ASKED}”`]);
        expect(await text(page, '#preview-banner')).toContain('Preview: nothing you enter is saved');
        await check(page, width);
        await page.getByLabel('Yes').check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/preview/your-visit`);
        expect(await text(page, '#progress')).toBe(`${title} Section 2 of 2`);
        await check(page, width);
        await page.getByLabel(`${BETTER} (optional)`).fill('More evening sessions for working dads');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/preview` && url.searchParams.has('check'));
        expect(await page.locator('main h2.heading-m').allTextContents()).toEqual(['About you', 'Your visit', 'Now send your answers']);
        expect(await text(page, '.summary-list')).toContain(`${ASKED} Yes`);
        await check(page, width);
        await page.getByRole('button', { name: 'Send my answers' }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/preview` && url.searchParams.has('sent'));
        expect(await text(page, 'main')).toContain('In this preview nothing was sent or saved.');
        await check(page, width);

        // …and "no" skips it.
        await page.getByRole('link', { name: 'Preview the survey again' }).click();
        await page.getByRole('button', { name: 'Start now' }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/preview/about-you`);
        await page.getByLabel('No').check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/preview` && url.searchParams.has('check'));
        expect(await page.locator('main h2.heading-m').allTextContents()).toEqual(['About you', 'Now send your answers']);
        expect((await getSurvey(TENANT, surveyId)).responseCount).toBe(0);

        // Publish.
        await page.getByRole('link', { name: /Stop previewing/ }).click();
        await page.waitForURL((url) => url.pathname === overview);
        await page.getByRole('button', { name: 'Publish the survey' }).click();
        await page.waitForURL((url) => url.pathname === overview && url.searchParams.has('published'));
        expect(await text(page, '.notification-banner')).toContain(`‘${title}’ is published.`);
        expect(await text(page, '#status')).toBe('Open');
        expect(await page.getByRole('button', { name: 'Close the survey now' }).count()).toBe(1);
        await check(page, width);
        const published = await getSurvey(TENANT, surveyId);
        expect(published).toMatchObject({ status: 'open', definitionVersion: 1, responseCount: 0 });

        // Once published, whether it is anonymous can't change, and the page says why.
        await page.getByRole('link', { name: /Change the settings/ }).click();
        await page.waitForURL((url) => url.pathname === `${overview}/edit`);
        expect(await text(page, 'main')).toContain('Parents were told this when the survey was published, so it can’t change now.');
        await check(page, width);

        await page.goto('/officer/surveys');
        const row = page.locator(`#survey-${surveyId}`);
        expect(await row.locator('td[data-label="Status"]').textContent()).toBe('Open');
        expect(await row.locator('td[data-label="Responses"]').textContent()).toBe('0');
        await check(page, width);
      } finally {
        await context.close();
      }
    },
    SLOW,
  );
});
