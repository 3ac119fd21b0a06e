import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CaughtMail } from '../../functions/src/local/mail-catcher.ts';
import { publicAction, publicLog } from '../../functions/src/actions/actions.service.ts';
import { addAssistedMember } from '../../functions/src/panels/panels.service.ts';
import { newId } from '../../functions/src/platform/ids.ts';
import { expectAccessible, expectNoSidewaysScroll, launch, newContext, signedIn } from '../support/browser.ts';
import { comment, seedComments } from '../support/feedback.ts';
import { assistedInput, mailTo, officerCaller, testPanel } from '../support/panels.ts';
import { freshTenant, signedInUser, type TestUser } from '../support/tenants.ts';

/**
 * "You said, we did" joined up, as issue 6 asks: an officer logs a conversation naming a panel
 * member, accepts the matcher's suggestion for it, makes a theme of it and the comments like it,
 * drafts an action from the theme and sends it; a second officer approves it. It is on the public
 * log; the member gets the email and finds it on their membership page; a parent on a 320 px phone
 * without JavaScript filters the log by hub and then by priority and finds it. Officers with
 * JavaScript on, the member and the parent with it off; axe on every page.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Three sign-ins and some twenty pages, each checked by axe: generous limits for a busy machine. */
const SLOW = 600_000;
const STEP = 60_000;
const PASSWORD = 'Test-password-2026'; // what signedInUser gives every test user
/** The demo's priority, as its admin typed it, and the hub the conversation was at. */
const MENTAL = "Parents' mental health";
const HUB = { id: 'mansfield-town', name: 'Mansfield town' };
const MEMBER_NAME = 'Rowan Quill';

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const mainText = async (page: Page) => text(page, 'main');
const h1 = (page: Page) => text(page, 'h1');
const inDays = (days: number) => {
  const d = new Date(Date.now() + days * 86400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
};

async function fillDate(page: Page, id: string, date: { day: string; month: string; year: string }) {
  await page.locator(`#${id}-day`).fill(date.day);
  await page.locator(`#${id}-month`).fill(date.month);
  await page.locator(`#${id}-year`).fill(date.year);
}

async function checkPhone(page: Page) {
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
}

function signIn(user: TestUser) {
  return signedIn(browser, { email: user.caller.email, password: PASSWORD }, { landing: '/officer', timeout: STEP });
}

/** The newest email to this address with this subject, waiting for the outbox to send it. */
async function mailWith(address: string, subject: RegExp): Promise<CaughtMail> {
  for (let i = 0; i < 120; i++) {
    const found = (await mailTo(address)).filter((m) => subject.test(m.subject)).at(-1);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`No email to ${address} matching ${subject}`);
}

/** The path of a link to this site in an email ("/t-…/membership/link?token=…"). */
function pathIn(mail: CaughtMail, path: RegExp): string {
  const match = new RegExp(`https?://[^\\s/]+(${path.source})`).exec(mail.text);
  expect(match, `a link like ${path} in “${mail.subject}”`).not.toBeNull();
  return match![1]!;
}

describe('you said, we did, joined up (officers with JavaScript, parents without it on a 320 px phone)', () => {
  it(
    'a conversation naming a member becomes a tagged comment, a theme and an approved action; the member hears and the public can find it by hub and priority',
    async () => {
      const tenant = await freshTenant();
      const [author, approver] = await Promise.all([signedInUser(tenant, 'officer'), signedInUser(tenant, 'officer')]);
      const panel = await testPanel(tenant);
      const memberEmail = `journey-${newId().toLowerCase()}@test.example`;
      await addAssistedMember(officerCaller(tenant), tenant, panel.id, assistedInput({ email: memberEmail, name: MEMBER_NAME, hubId: HUB.id }));
      const suffix = newId().slice(-6).toLowerCase();
      const title = `Waiting for a referral ${suffix}`;
      const said = 'I felt anxious and lonely while we waited months for a referral.';
      const themeName = `Anxious and alone while waiting ${suffix}`;
      const youSaid = `Parents felt anxious and alone while they waited months for a referral ${suffix}.`;
      const weDid = 'A Family Hub worker now rings every family waiting for a referral once a month, and there is a weekly drop-in while you wait.';

      // 1. The officer starts a consultation, opens it and logs a conversation naming the member.
      const first = await signIn(author);
      const page = first.page;
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      let consultationId = '';
      let themeId = '';
      let actionId = '';
      try {
        await page.getByRole('link', { name: 'Consultations' }).click();
        await page.waitForURL((url) => url.pathname === '/officer/consultations');
        await page.getByRole('link', { name: 'Start a consultation' }).click();
        await page.waitForURL((url) => url.pathname === '/officer/consultations/new');
        await expectAccessible(page);
        await page.getByLabel('Title').fill(title);
        await page.getByLabel('Summary').fill('How it feels to wait for support, and what would help while you wait.');
        await page.getByLabel('Why we are asking').fill('Parents told us they hear nothing while they wait.');
        await page.getByLabel('What can change', { exact: true }).fill('How we keep in touch while you wait.');
        await page.getByLabel('Mansfield Family Hub Network').check();
        await fillDate(page, 'opensOn', inDays(0));
        await fillDate(page, 'closesOn', inDays(30));
        await page.getByRole('button', { name: 'Save as a draft' }).click();
        await page.waitForURL((url) => url.pathname.startsWith('/officer/consultations/') && url.searchParams.has('created'));
        consultationId = new URL(page.url()).pathname.split('/').pop()!;
        expect(await text(page, '#stage')).toBe('Draft');
        await expectAccessible(page);

        await page.getByRole('button', { name: 'Open the consultation' }).click();
        await page.waitForURL((url) => url.searchParams.get('moved') === 'open');
        expect(await text(page, '#stage')).toBe('Open');
        await expectAccessible(page);

        await page.getByRole('link', { name: 'Log a conversation' }).click();
        await page.waitForURL((url) => url.pathname === `/officer/consultations/${consultationId}/conversations/new`);
        await expectAccessible(page);
        await page.getByLabel('What was said').fill(said);
        await page.getByLabel('Where', { exact: true }).fill('Parent panel meeting, Mansfield town Family Hub');
        await page.getByLabel('Family Hub', { exact: true }).selectOption({ label: HUB.name });
        await page.getByLabel('Panel meeting', { exact: true }).check();
        await page.getByLabel('How many people took part').fill('8');
        await page.getByLabel('Panel member who said it (optional)').selectOption({ label: `${MEMBER_NAME} (${panel.name})` });
        await page.getByRole('button', { name: 'Log conversation' }).click();
        await page.waitForURL((url) => url.pathname === `/officer/consultations/${consultationId}` && url.searchParams.has('logged'));
        expect(await text(page, '.notification-banner')).toContain('The conversation has been logged.');
        const logged = await text(page, '#conversations li');
        expect(logged).toContain('Mansfield town (Mansfield Family Hub Network). Panel meeting. 8 people. A panel member was named.');
        expect(logged).toContain(said);
        await expectAccessible(page);

        // More parents said the same at the consultation's other sessions: enough for the theme's counts to show (5 or more).
        await seedComments(
          tenant,
          [
            'Nobody asked how I was coping while we waited for a referral.',
            'I was struggling for months and the waiting list never moved.',
            'I felt so isolated waiting to hear back about my son.',
            'Months of waiting and not one phone call. I felt overwhelmed.',
            'My low mood got worse while we waited for help.',
            'We waited half a year and I was anxious the whole time.',
          ].map((t) =>
            comment({
              text: t,
              source: { kind: 'conversation', consultationId, conversationId: newId(), people: 1 },
              priorityIds: ['parents-mental-health'],
              hubIds: [HUB.id],
              networkId: 'mansfield',
              status: 'reviewed',
            }),
          ),
        );

        // 2. Triage: the matcher suggests the priority and says why; the officer accepts it.
        await page.goto('/officer');
        await page.getByRole('link', { name: 'Feedback', exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/officer/feedback');
        const tabs = async () => (await page.locator('.tabs a').allTextContents()).map((t) => t.trim());
        expect(await tabs()).toEqual(['Needs tagging (1)', 'New (1)', 'Reviewed (6)', 'Not relevant (0)']);
        const ours = page.locator('li.comment').filter({ hasText: said });
        expect(await ours.locator('.suggestion').first().textContent()).toContain(`Suggested: ${MENTAL} — because it mentions “anxious”, “lonely”`);
        // A panel member's comment says so, never who.
        expect(await ours.textContent()).toContain('From a panel member');
        expect(await page.content()).not.toContain(MEMBER_NAME);
        await expectAccessible(page);
        await ours.getByRole('button', { name: `Accept ${MENTAL}` }).click();
        await page.waitForURL((url) => url.searchParams.has('accepted'));
        expect(await text(page, '.notification-banner')).toContain(`Tagged the comment with ‘${MENTAL}’`);
        expect(await tabs()).toEqual(['Needs tagging (0)', 'New (0)', 'Reviewed (7)', 'Not relevant (0)']);
        await expectAccessible(page);

        // A new theme from the seven comments, through the bulk form.
        await page.getByRole('link', { name: 'Reviewed (7)' }).click();
        await page.waitForURL((url) => url.searchParams.get('status') === 'reviewed');
        const boxes = page.locator('li.comment').getByRole('checkbox');
        expect(await boxes.count()).toBe(7);
        for (const box of await boxes.all()) await box.check();
        await page.getByLabel('What to do').selectOption({ label: 'Add to a theme' });
        await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'A new theme called …' });
        await page.getByLabel('Name of the new theme').fill(themeName);
        await page.getByRole('button', { name: 'Apply to selected' }).click();
        await page.waitForURL((url) => url.searchParams.has('madeTheme'));
        themeId = new URL(page.url()).searchParams.get('madeTheme')!;
        expect(await text(page, '.notification-banner')).toContain(`Made the theme ‘${themeName}’`);
        await expectAccessible(page);
        await page.getByRole('link', { name: `Open ‘${themeName}’` }).click();
        await page.waitForURL((url) => url.pathname === `/officer/themes/${themeId}`);
        expect(await text(page, '#theme-size')).toBe('7');
        expect(await text(page, '#spread-priorities tbody')).toContain(MENTAL);
        expect(await text(page, '#spread-hubs tbody')).toContain(HUB.name);
        await expectAccessible(page);

        // 3. An action drafted from the theme and sent for approval.
        await page.goto(`/officer/actions/new?theme=${themeId}`);
        expect(await page.getByLabel(themeName).isChecked()).toBe(true);
        await expectAccessible(page);
        await page.getByLabel('You said', { exact: true }).fill(youSaid);
        await page.getByLabel('We did', { exact: true }).fill(weDid);
        await page.getByLabel('In progress').check();
        await page.getByLabel('Owner', { exact: true }).fill('Family Hubs, Mansfield');
        await page.getByLabel(title).check();
        await page.getByRole('button', { name: 'Save as draft' }).click();
        await page.waitForURL((url) => /^\/officer\/actions\/[0-9A-Z]{26}$/.test(url.pathname) && url.searchParams.has('created'));
        actionId = new URL(page.url()).pathname.split('/').pop()!;
        expect(await text(page, '#state')).toBe('Draft');
        expect(await text(page, '#action-details')).toContain(`Themes ${themeName}`);
        expect(await page.locator('#findings').count()).toBe(0);
        await expectAccessible(page);
        await page.getByRole('button', { name: 'Send for approval' }).click();
        await page.waitForURL((url) => url.pathname === `/officer/actions/${actionId}` && url.searchParams.has('sent'));
        expect(await text(page, '#state')).toBe('Waiting for approval');
        expect(await page.getByRole('button', { name: 'Approve and publish' }).count()).toBe(0);
        await expectAccessible(page);
        expect(pageErrors).toEqual([]);
      } finally {
        await first.context.close();
      }

      // Not public until a second officer approves it.
      const before = await newContext(browser, { javaScript: false, width: 320, timeout: STEP });
      expect((await (await before.newPage()).goto(`/${tenant}/you-said-we-did/${actionId}`))!.status()).toBe(404);
      await before.close();

      // The second officer approves it, and sees it as families do.
      const second = await signIn(approver);
      try {
        const p = second.page;
        await p.getByRole('link', { name: 'You said, we did' }).click();
        await p.waitForURL((url) => url.pathname === '/officer/actions');
        const row = p.locator('tbody tr').filter({ hasText: youSaid });
        expect(await row.locator('td[data-label="State"]').textContent()).toBe('Waiting for approval');
        await expectAccessible(p);
        await row.getByRole('link').click();
        await p.waitForURL((url) => url.pathname === `/officer/actions/${actionId}`);
        await expectAccessible(p);
        await p.getByRole('button', { name: 'Approve and publish' }).click();
        await p.waitForURL((url) => url.pathname === `/officer/actions/${actionId}` && url.searchParams.has('approved'));
        expect(await text(p, '#state')).toBe('Published');
        expect(await text(p, '#people')).toContain(`Last approved by ${approver.caller.email}`);
        await expectAccessible(p);
        await p.getByRole('link', { name: 'See it as families do' }).click();
        await p.waitForURL((url) => url.pathname === `/${tenant}/you-said-we-did/${actionId}`);
        expect(await h1(p)).toBe(youSaid);
        // 7 comments, published through the cell key method (5 to 9): the page says what the API published.
        const basedOn = (await publicAction(tenant, actionId)).basedOn!;
        expect(Math.abs(basedOn - 7)).toBeLessThanOrEqual(2);
        expect(await mainText(p)).toContain(`Based on ${basedOn} comments from parents in Mansfield Family Hub Network`);
        await expectAccessible(p);
      } finally {
        await second.context.close();
      }

      // 4. The member hears by email, follows the link, signs in and finds it on their membership page.
      const loop = await mailWith(memberEmail, /^What happened after you told us$/);
      expect(loop.text).toContain(youSaid);
      const member = await newContext(browser, { javaScript: false, width: 320, timeout: STEP });
      try {
        const m = await member.newPage();
        await m.goto(pathIn(loop, new RegExp(`/${tenant}/you-said-we-did/${actionId}`)));
        expect(await h1(m)).toBe(youSaid);
        expect(await mainText(m)).toContain(weDid);
        await checkPhone(m);

        await m.goto(`/${tenant}/membership`);
        await m.waitForURL((url) => url.pathname === `/${tenant}/membership/sign-in`);
        await checkPhone(m);
        await m.getByLabel('Email address').fill(memberEmail);
        await m.getByRole('button', { name: 'Email me a link' }).click();
        await expect.poll(() => h1(m)).toBe('Check your email');
        await checkPhone(m);
        await m.goto(pathIn(await mailWith(memberEmail, /^Your link to /), new RegExp(`/${tenant}/membership/link\\?token=[A-Za-z0-9_-]{43}`)));
        await checkPhone(m);
        await m.getByRole('button', { name: 'Continue' }).click();
        await m.waitForURL((url) => url.pathname === `/${tenant}/membership`);
        expect(await h1(m)).toBe('Your membership');
        const because = m.locator('h2', { hasText: 'What happened because of what you said' }).locator('xpath=following-sibling::*[1]');
        expect(await because.getByRole('link', { name: youSaid }).getAttribute('href')).toBe(`/${tenant}/you-said-we-did/${actionId}`);
        expect((await because.textContent())!.replace(/\s+/g, ' ')).toContain(weDid);
        await checkPhone(m);
      } finally {
        await member.close();
      }

      // 5. A parent on a phone without JavaScript filters the public log by hub, then by priority too.
      const parent = await newContext(browser, { javaScript: false, width: 320, timeout: STEP });
      try {
        const q = await parent.newPage();
        const log = `/${tenant}/you-said-we-did`;
        await q.goto(`/${tenant}`);
        await q.getByRole('link', { name: 'You said, we did' }).first().click();
        await q.waitForURL((url) => url.pathname === log);
        expect(await mainText(q)).toContain(`You said: ${youSaid}`);
        await checkPhone(q);

        await q.getByText('Filter by priority, place, group or status').click();
        await q.getByLabel('Family Hub', { exact: true }).selectOption({ label: HUB.name });
        await q.getByRole('button', { name: 'Apply filters' }).click();
        await q.waitForURL((url) => url.searchParams.get('hub') === HUB.id);
        let main = await mainText(q);
        expect(main).toContain(`You said: ${youSaid}`);
        const told = async (filter: { hub: string; priority?: string }) => (await publicLog(tenant, { ...filter, limit: 20 })).counts.feedback;
        expect(main).toContain(`For the filters you chose: ${await told({ hub: HUB.id })} things you told us, 1 action, 0 done.`);
        await checkPhone(q);

        // The filter stays open with the hub chosen; the priority narrows it further.
        expect(await q.getByLabel('Family Hub', { exact: true }).inputValue()).toBe(HUB.id);
        await q.getByLabel('Priority').selectOption({ label: MENTAL });
        await q.getByRole('button', { name: 'Apply filters' }).click();
        await q.waitForURL((url) => url.searchParams.get('hub') === HUB.id && url.searchParams.get('priority') === 'parents-mental-health');
        main = await mainText(q);
        expect(main).toContain(`You said: ${youSaid}`);
        expect(main).toContain(`For the filters you chose: ${await told({ hub: HUB.id, priority: 'parents-mental-health' })} things you told us, 1 action, 0 done.`);
        for (const secret of [MEMBER_NAME, memberEmail, said]) expect(await q.content()).not.toContain(secret);
        await checkPhone(q);

        // A priority the action does not answer: nothing matches.
        await q.getByLabel('Priority').selectOption({ label: 'Building blocks of health and wellbeing' });
        await q.getByRole('button', { name: 'Apply filters' }).click();
        await q.waitForURL((url) => url.searchParams.get('priority') === 'building-blocks-of-health-and-wellbeing');
        expect(await mainText(q)).toContain('Nothing matches these filters yet.');
        await checkPhone(q);

        await q.goBack();
        await q.waitForURL((url) => url.searchParams.get('priority') === 'parents-mental-health');
        await q.getByRole('link', { name: `You said: ${youSaid}` }).click();
        await q.waitForURL((url) => url.pathname === `${log}/${actionId}`);
        main = await mainText(q);
        expect(main).toContain(weDid);
        expect(main).toContain(`Based on ${(await publicAction(tenant, actionId)).basedOn} comments from parents in Mansfield Family Hub Network`);
        await checkPhone(q);
      } finally {
        await parent.close();
      }
    },
    SLOW,
  );
});
