import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Caller } from '@pv/shared/auth.schema';
import { assistedMemberInput } from '@pv/shared/panel.schema';
import { surveyInput } from '@pv/shared/survey.schema';
import { addAssistedMember, createPanel } from '../../functions/src/panels/panels.service.ts';
import { createSurvey, publishSurvey } from '../../functions/src/surveys/surveys.service.ts';
import { demo, expectAccessible, expectNoSidewaysScroll, launch, signedIn as signInAs } from '../support/browser.ts';
import { linkToken, mailTo } from '../support/panels.ts';
import { branchingSurvey, saveSection, startDraft, submitDraft } from '../support/surveys.ts';
import { api, signedInUser } from '../support/tenants.ts';

/**
 * An engagement officer after a survey is published: entering a paper form for a parent (and being
 * stopped from entering the same sheet twice), reading the results with and without a group filter
 * (small numbers hidden), reading and searching the free-text answers, downloading every response
 * as CSV and the questions as JSON, and inviting a panel's members. The survey and 23 online
 * responses are set up through the services and the public API first.
 */

let browser: Browser;
const SLOW = 600_000;
const STEP = 60_000;
const TENANT = 'notts';
const stamp = Date.now().toString(36);
const officer: Caller = { sub: 'e2e-results-officer', email: demo.nottsOfficer.email, tenantId: TENANT, roles: ['officer'] };
const FORMULA = '=HYPERLINK("http://evil.example","free nappies")';
const DADS = 'More evening sessions for working dads';
let surveyId = '';
let base = '';

function signedIn(javaScript: boolean, width: number) {
  return signInAs(browser, demo.nottsOfficer, { javaScript, width, landing: '/officer', timeout: STEP });
}

let shot = 0;
/** Every page state with axe; at 320 px also that nothing scrolls sideways. PV_SCREENSHOTS=<dir> keeps a picture of each. */
async function check(page: Page, width: number): Promise<void> {
  await expectAccessible(page);
  if (width <= 320) await expectNoSidewaysScroll(page);
  if (process.env.PV_SCREENSHOTS) {
    const name = new URL(page.url()).pathname.split('/').slice(4).join('-') || 'page';
    await page.screenshot({ path: `${process.env.PV_SCREENSHOTS}/results-${String(++shot).padStart(2, '0')}-${name}-${width}.png`, fullPage: true });
  }
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** The cells of a results table's row, by the answer in its first column. */
async function row(page: Page, table: string, answer: string): Promise<string[]> {
  const tr = page.locator(`${table} tbody tr`).filter({ has: page.locator('th', { hasText: new RegExp(`^\\s*${answer.replace(/[()]/g, '\\$&')}\\s*$`) }) });
  return (await tr.locator('td').allTextContents()).map((t) => t.trim());
}

/** One online answer: used a hub (Mansfield town, a decile-1 area), rated 3, 4 or 5, and said what would make it better. */
async function answerOnline(i: number): Promise<void> {
  const token = await startDraft(TENANT, surveyId, { hubId: 'mansfield-town' });
  const better = i === 3 ? DADS : i === 7 ? FORMULA : `Comment ${i + 1}: longer opening hours`;
  const steps = [
    await saveSection(TENANT, surveyId, token, 'about-you', { 'uses-hub': 'yes', services: ['health', 'stay-play'] }),
    await saveSection(TENANT, surveyId, token, 'your-visit', { rating: 3 + (i % 3), better }),
    // One of them a dad, who agreed to the equality questions: the only one in "Dads and partners".
    ...(i === 0 ? [await saveSection(TENANT, surveyId, token, 'equality', { eq: { parentRole: 'dad', consent: 'yes' } })] : []),
  ];
  for (const s of steps) if (s.status !== 200) throw new Error(JSON.stringify(s.body));
  const sent = await submitDraft(TENANT, surveyId, token);
  if (sent.status !== 200) throw new Error(JSON.stringify(sent.body));
}

async function answerNo(): Promise<void> {
  const token = await startDraft(TENANT, surveyId);
  await saveSection(TENANT, surveyId, token, 'about-you', { 'uses-hub': 'no' });
  await saveSection(TENANT, surveyId, token, 'not-used', { 'why-not': 'Too far away' });
  const sent = await submitDraft(TENANT, surveyId, token);
  if (sent.status !== 200) throw new Error(JSON.stringify(sent.body));
}

beforeAll(async () => {
  browser = await launch();
  const created = await createSurvey(officer, TENANT, surveyInput.parse(branchingSurvey({ title: `Family Hub visits ${stamp}` })));
  await publishSurvey(officer, TENANT, created.id, created.version);
  surveyId = created.id;
  base = `/officer/surveys/${surveyId}`;
  // 21 parents who used a hub, 2 who did not: a few at a time.
  for (let i = 0; i < 21; i += 4) await Promise.all(Array.from({ length: Math.min(4, 21 - i) }, (_, j) => answerOnline(i + j)));
  await Promise.all([answerNo(), answerNo()]);
}, SLOW);

afterAll(async () => {
  await browser?.close();
});

describe('an officer after a survey is published', () => {
  it(
    'enters a paper form for a parent without JavaScript on a 320 px phone, and the same paper reference is refused the second time',
    async () => {
      const width = 320;
      const { context, page } = await signedIn(false, width);
      try {
        await page.goto(`${base}/entry`);
        expect(await text(page, 'h1')).toBe('Enter a response for a parent');
        await check(page, width);

        // Nothing chosen: the error summary and the message next to the question.
        await page.getByRole('button', { name: 'Start entering answers' }).click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.error-summary li').allTextContents()).toEqual(['Choose how the answers were given']);
        expect(await text(page, '#channel-error')).toContain('Choose how the answers were given');
        expect(await page.title()).toMatch(/^Error: /);
        await check(page, width);

        await page.getByLabel('Paper form').check();
        await page.getByLabel('Family Hub (optional)').selectOption({ label: 'Retford (design site)' });
        await page.getByLabel('Paper reference (optional)').fill('a-101');
        await page.getByRole('button', { name: 'Start entering answers' }).click();
        await page.waitForURL((url) => url.pathname === `${base}/entry/section/about-you`);
        expect(await text(page, '#entering')).toBe('Entering a response: paper form, reference A-101');
        expect(await page.getByRole('button', { name: 'Save and come back later' }).count()).toBe(0);
        // The token is in a cookie only the entry pages get, out of reach of scripts.
        const cookie = (await context.cookies()).find((c) => c.name === `__Secure-pv_survey_${surveyId}`);
        expect(cookie).toMatchObject({ path: `${base}/entry`, httpOnly: true, secure: true });
        await check(page, width);

        await page.getByLabel('Yes', { exact: true }).check();
        await page.getByLabel('Stay and play').check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL((url) => url.pathname === `${base}/entry/section/your-visit`);
        await check(page, width);
        await page.getByLabel('5 – Very good').check();
        await page.getByLabel('What would make it better? (optional)').fill('A bus pass to get there');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL((url) => url.pathname === `${base}/entry/section/equality`);
        await check(page, width);
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL((url) => url.pathname === `${base}/entry/check`);
        expect(await text(page, 'main')).toContain('A bus pass to get there');
        expect(await text(page, '#entering')).toBe('Entering a response: paper form, reference A-101');
        await check(page, width);
        await page.getByRole('button', { name: 'Save this response' }).click();
        await page.waitForURL((url) => url.pathname === `${base}/entry/done`);
        expect(await text(page, 'h1')).toBe('Response saved');
        await check(page, width);

        // The next sheet has the same number by mistake: refused, on the paper reference field.
        await page.getByRole('link', { name: 'Enter another' }).click();
        await page.waitForURL((url) => url.pathname === `${base}/entry`);
        await page.getByLabel('Paper form').check();
        await page.getByLabel('Paper reference (optional)').fill('A-101');
        await page.getByRole('button', { name: 'Start entering answers' }).click();
        await page.locator('.error-summary').waitFor();
        const message = 'The paper form A-101 has already been entered. Check the number on the sheet.';
        expect(await page.locator('.error-summary li').allTextContents()).toEqual([message]);
        expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#paperRef');
        expect(await text(page, '#paperRef-error')).toBe(`Error: ${message}`);
        expect(await page.getByLabel('Paper reference (optional)').inputValue()).toBe('A-101');
        expect(await page.getByLabel('Paper form').isChecked()).toBe(true);
        await check(page, width);
      } finally {
        await context.close();
      }
    },
    SLOW,
  );

  it(
    'reads the results, filters by a group that hides small numbers, and reads and searches the text answers (JavaScript on, 1280 px)',
    async () => {
      const width = 1280;
      const { context, page } = await signedIn(true, width);
      try {
        await page.goto(`${base}/results`);
        expect(await text(page, '#response-count')).toBe('24 responses');
        expect(await row(page, '#q-uses-hub-table', 'Yes')).toEqual(['22', '91.7%']);
        expect(await row(page, '#q-uses-hub-table', 'No')).toEqual(['2', '8.3%']);
        expect(await row(page, '#q-services-table', 'Stay and play')).toEqual(['22', '100%']);
        expect(await row(page, '#q-services-table', 'Infant feeding support')).toEqual(['0', '0%']);
        // 7 each of 3, 4 and 5 online, and the paper form's 5.
        expect(await row(page, '#q-rating-table', '5 (Very good)')).toEqual(['8', '36.4%']);
        expect(await text(page, '#q-rating-mean')).toBe('Average (mean) rating: 4.05 out of 5');
        expect(await page.locator('#q-uses-hub-chart').getAttribute('role')).toBe('img');
        expect((await page.locator('#q-uses-hub-chart text').allTextContents()).join(' ')).toContain('91.7% (22)');
        const today = new Date().toISOString().slice(0, 10);
        expect((await page.locator(`#day-table tbody tr:has(time[datetime="${today}"]) td`).textContent())?.trim()).toBe('24');
        expect(await page.locator('#day-chart rect').count()).toBe(1);
        expect(await page.locator('#suppression-note').count()).toBe(0);
        await check(page, width);

        // One filter at a time, from one list. How they answered: the paper form.
        await page.getByLabel('Show answers from').selectOption({ label: 'Paper form' });
        await page.getByRole('button', { name: 'Show results' }).click();
        await page.waitForURL((url) => url.searchParams.get('filter') === 'channel:paper');
        expect(await text(page, '#response-count')).toBe('1 response from Paper form');
        await check(page, width);

        // A group: numbers under 5 are hidden, and so are the percentages of any question with one.
        await page.getByLabel('Show answers from').selectOption({ label: 'Families in low-income areas' });
        await page.getByRole('button', { name: 'Show results' }).click();
        await page.waitForURL((url) => url.searchParams.get('filter') === 'group:low-income-area');
        expect(await text(page, '#response-count')).toBe('21 responses from Families in low-income areas');
        expect(await text(page, '#suppression-note')).toContain('Small numbers are hidden.');
        expect(await text(page, '#suppression-note')).toContain('“fewer than 5”');
        expect(await row(page, '#q-uses-hub-table', 'Yes')).toEqual(['21', 'not shown']);
        expect(await row(page, '#q-uses-hub-table', 'No')).toEqual(['fewer than 5', 'not shown']);
        expect((await page.locator('#q-uses-hub-chart text').allTextContents()).join(' ')).toContain('fewer than 5');
        expect(await text(page, '#q-rating-mean')).toBe('Average (mean) rating: 4 out of 5');
        expect((await page.locator(`#day-table tbody tr:has(time[datetime="${today}"]) td`).textContent())?.trim()).toBe('21');
        await check(page, width);

        // The dad on his own: even the number of responses is hidden.
        await page.getByLabel('Show answers from').selectOption({ label: 'Dads and partners' });
        await page.getByRole('button', { name: 'Show results' }).click();
        await page.waitForURL((url) => url.searchParams.get('filter') === 'group:dads-partners');
        expect(await text(page, '#response-count')).toBe('fewer than 5 responses from Dads and partners');
        expect(await row(page, '#q-uses-hub-table', 'Yes')).toEqual(['fewer than 5', 'not shown']);
        expect(await text(page, '#q-rating-mean')).toBe('Not shown: fewer than 5 answers');
        expect((await page.locator(`#day-table tbody tr:has(time[datetime="${today}"]) td`).textContent())?.trim()).toBe('fewer than 5');
        expect(await page.locator('main').textContent()).not.toMatch(/\b1 response\b/);
        await check(page, width);

        // The free-text answers: 22 of them, 20 a page.
        await page.getByRole('link', { name: 'Show all responses' }).click();
        await page.waitForURL((url) => url.pathname === `${base}/results` && !url.search);
        await page.getByRole('link', { name: 'Read and search the answers to “What would make it better?”' }).click();
        await page.waitForURL((url) => url.pathname === `${base}/results/text/better`);
        expect(await text(page, 'h1')).toBe('What would make it better?');
        expect(await text(page, '.lead')).toContain('22 people answered this question.');
        expect(await page.locator('.text-answers li').count()).toBe(20);
        expect(await text(page, '#answers-heading')).toBe('20 answers on page 1');
        await check(page, width);
        await page.getByRole('link', { name: 'Next page of answers' }).click();
        await page.waitForURL((url) => url.searchParams.has('cursor'));
        expect(await page.locator('.text-answers li').count()).toBe(2);
        expect(await text(page, '#answers-heading')).toBe('2 answers on page 2');
        expect(await page.locator('#next-page').count()).toBe(0);
        await check(page, width);

        await page.getByLabel('Search the answers').fill('DADS');
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await page.waitForURL((url) => url.searchParams.get('search') === 'DADS' && !url.searchParams.has('cursor'));
        expect(await page.locator('.text-answers li').count()).toBe(1);
        expect(await text(page, '.text-answers li')).toContain(DADS);
        expect(await page.locator('.text-answers mark').textContent()).toBe('dads');
        expect(await text(page, '#answers-heading')).toBe('1 answer matches “DADS”');
        await check(page, width);

        await page.getByLabel('Search the answers').fill('zebra');
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await page.waitForURL((url) => url.searchParams.get('search') === 'zebra');
        expect(await text(page, 'main')).toContain('No answers match “zebra”.');
        await check(page, width);
      } finally {
        await context.close();
      }
    },
    SLOW,
  );

  it(
    'downloads every response as CSV (byte-order mark, one row each, formulas made text, no equality data) and the questions as JSON',
    async () => {
      const { context, page } = await signedIn(true, 1280);
      try {
        await page.goto(`${base}/results`);
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download every response (CSV)' }).click()]);
        expect(download.suggestedFilename()).toMatch(new RegExp(`^${surveyId}-responses-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
        const bytes = await readFile((await download.path())!);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const csv = bytes.toString('utf8').slice(1);
        const lines = csv.split('\r\n');
        expect(lines.at(-1)).toBe('');
        expect(lines.filter(Boolean)).toHaveLength(25); // the header and 24 responses
        expect(lines[0]).toBe(
          [
            'Day',
            'How the answers were given',
            'Family Hub',
            'Hub network',
            'Paper reference',
            'Entered by',
            'Have you used a Family Hub?',
            'Which services have you used?',
            'Which services have you used?: other answer',
            'How was your visit?',
            'What would make it better?',
            'Why have you not used one?',
          ]
            .map((h) => `"${h}"`)
            .join(','),
        );
        const paper = lines.find((l) => l.includes('"A-101"'))!;
        expect(paper).toContain('"Paper form","Retford (design site)","Bassetlaw Family Hub Network","A-101","officer@notts.example","Yes","Stay and play","","5","A bus pass to get there"');
        expect(lines.filter((l) => l.includes('"Online","Mansfield town","Mansfield Family Hub Network"'))).toHaveLength(21);
        expect(lines.filter((l) => l.includes('"Health visitor clinic; Stay and play"'))).toHaveLength(21);
        expect(csv).toContain(`"'${FORMULA.replace(/"/g, '""')}"`);
        expect(csv).not.toContain(`"${FORMULA.replace(/"/g, '""')}"`);
        for (const secret of ['dads-partners', 'Dads and partners', 'low-income-area', 'Equality monitoring', '"dad"']) expect(csv).not.toContain(secret);

        // The API itself never sends the groups or equality answers the CSV is made from.
        const staff = await signedInUser(TENANT, 'officer');
        const stored = await api(`/tenants/${TENANT}/surveys/${surveyId}/responses-export`, { method: 'POST', token: staff.token, json: { limit: 500 } });
        expect(stored.status).toBe(200);
        expect(stored.body!.items).toHaveLength(24);
        for (const item of stored.body!.items as Record<string, unknown>[]) {
          expect(item).not.toHaveProperty('groups');
          expect(item.answers).not.toHaveProperty('eq');
        }

        const json = await page.request.get(`${base}/definition.json`);
        expect(json.status()).toBe(200);
        expect(json.headers()['content-disposition']).toBe(`attachment; filename="${surveyId}-questions.json"`);
        const definition = (await json.json()) as { id: string; title: string; status: string; definition: { sections: { id: string }[] } };
        expect(definition).toMatchObject({ id: surveyId, title: `Family Hub visits ${stamp}`, status: 'open' });
        expect(definition.definition.sections.map((s) => s.id)).toEqual(['about-you', 'your-visit', 'not-used', 'equality']);
      } finally {
        await context.close();
      }
    },
    SLOW,
  );

  it(
    'invites one panel, says who could not be emailed, and shows who has answered',
    async () => {
      const width = 1280;
      const panel = await createPanel(officer, TENANT, {
        name: `Survey panel ${stamp}`,
        description: 'Made by an end-to-end test.',
        networkId: 'mansfield',
        recruiting: true,
        targetSize: 20,
        status: 'active',
      });
      const emails = [1, 2].map((i) => `survey${i}.${stamp}@example.com`);
      for (let i = 0; i < 3; i++) {
        await addAssistedMember(
          officer,
          TENANT,
          panel.id,
          assistedMemberInput.parse({
            name: `Survey member ${i + 1} ${stamp}`,
            email: emails[i] ?? '',
            phone: i === 2 ? '07700900999' : '',
            preferredChannel: i === 2 ? 'phone' : 'email',
            recruitedBy: 'event',
            consentGivenVerbally: true,
          }),
        );
      }

      const { context, page } = await signedIn(true, width);
      try {
        await page.goto(`${base}/invitations`);
        expect(await text(page, 'h1')).toBe('Invite panel members');
        expect(await text(page, 'main')).toContain('Nobody has been invited yet.');
        await check(page, width);

        // One panel, but which one was not said.
        await page.getByLabel('Members of one panel').check();
        await page.getByRole('button', { name: 'Send invitations' }).click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.error-summary li').allTextContents()).toEqual(['Choose a panel']);
        expect(await text(page, '#panelId-error')).toContain('Choose a panel');
        await check(page, width);

        await page.getByLabel('Panel (if you chose one panel)').selectOption(panel.id);
        await page.getByRole('button', { name: 'Send invitations' }).click();
        await page.waitForURL((url) => url.searchParams.get('sent') === 'invite');
        expect(await text(page, '#outcome .notification-banner__heading')).toBe('2 members invited');
        expect(await text(page, '[data-count="invited"]')).toBe('2 members invited by email');
        expect(await text(page, '[data-count="noEmail"]')).toBe('1 member has no email address: invite them by phone or on paper');
        expect((await page.locator(`#stats-${panel.id} td`).allTextContents()).map((t) => t.trim())).toEqual(['2', '0', '0%']);
        await check(page, width);

        // Their invitations arrive (after the welcome email from joining), each with a link of its own.
        const subject = `Please tell us what you think: Family Hub visits ${stamp}`;
        const invitations = await Promise.all(emails.map(async (e) => (await mailTo(e, 2)).filter((m) => m.subject === subject)));
        expect(invitations.map((m) => m.length)).toEqual([1, 1]);
        expect(invitations[0]![0]!.text).toContain(`/notts/surveys/${surveyId}/invited?token=`);
        expect(linkToken(invitations[0]![0]!)).not.toBe(linkToken(invitations[1]![0]!));

        // Inviting the panel again emails nobody twice.
        await page.getByLabel('Members of one panel').check();
        await page.getByLabel('Panel (if you chose one panel)').selectOption(panel.id);
        await page.getByRole('button', { name: 'Send invitations' }).click();
        await page.waitForURL((url) => url.searchParams.get('sent') === 'invite' && url.searchParams.get('alreadyInvited') === '2');
        expect(await text(page, '#outcome .notification-banner__heading')).toBe('Nobody new to invite');
        expect(await text(page, '[data-count="alreadyInvited"]')).toBe('2 members were invited before, so not emailed again');

        // A reminder the same day: too soon for anyone.
        await page.getByRole('button', { name: 'Send reminders to those who haven’t answered' }).click();
        await page.waitForURL((url) => url.searchParams.get('sent') === 'remind');
        expect(await text(page, '#outcome .notification-banner__heading')).toBe('No reminders sent');
        expect(await text(page, '[data-count="alreadyInvited"]')).toBe('2 members were invited or reminded less than a day ago, so not reminded yet');
        await check(page, width);

        // One of them answers through their link: the table counts it.
        const token = await startDraft(TENANT, surveyId, { invitation: linkToken(invitations[0]![0]!) });
        await saveSection(TENANT, surveyId, token, 'about-you', { 'uses-hub': 'no' });
        await saveSection(TENANT, surveyId, token, 'not-used', { 'why-not': 'I work in the day' });
        expect((await submitDraft(TENANT, surveyId, token)).status).toBe(200);
        await page.goto(`${base}/invitations`);
        expect((await page.locator(`#stats-${panel.id} td`).allTextContents()).map((t) => t.trim())).toEqual(['2', '1', '50%']);
        expect((await page.locator('#stats-total td').allTextContents()).map((t) => t.trim())).toEqual(['2', '1', '50%']);
        await check(page, width);
      } finally {
        await context.close();
      }
    },
    SLOW,
  );

  it(
    'has nobody to invite for a survey open to anyone, and keeps partners out of results and downloads',
    async () => {
      const width = 320;
      const open = await createSurvey(officer, TENANT, surveyInput.parse(branchingSurvey({ title: `Public survey ${stamp}`, audience: 'public' })));
      const { context, page } = await signedIn(false, width);
      try {
        await page.goto(`/officer/surveys/${open.id}/invitations`);
        expect(await text(page, 'main')).toContain('This survey is for anyone with the link, so there is nobody to invite personally.');
        expect(await page.getByRole('button', { name: 'Send invitations' }).count()).toBe(0);
        await check(page, width);
        // Not published yet: results are empty and nothing can be entered.
        await page.goto(`/officer/surveys/${open.id}/results`);
        expect(await text(page, '#response-count')).toBe('0 responses');
        expect(await text(page, '#over-time-heading + p')).toBe('No responses yet.');
        await check(page, width);
        await page.goto(`/officer/surveys/${open.id}/entry`);
        expect(await text(page, 'main')).toContain('Publish the survey before entering responses.');
        await check(page, width);
        expect((await page.goto('/officer/surveys/no-such-survey/results'))?.status()).toBe(404);
      } finally {
        await context.close();
      }

      const partner = await signInAs(browser, demo.nottsPartner, { javaScript: false, width, landing: '/partner', timeout: STEP });
      try {
        for (const path of ['results', 'results/text/better', 'invitations', 'entry']) {
          expect((await partner.page.goto(`${base}/${path}`))?.status(), path).toBe(403);
        }
        await check(partner.page, width);
        for (const path of ['responses.csv', 'definition.json']) {
          expect((await partner.page.request.get(`${base}/${path}`)).status(), path).toBe(403);
        }
      } finally {
        await partner.context.close();
      }
    },
    SLOW,
  );
});
