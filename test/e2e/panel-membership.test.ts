import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { listMail, type CaughtMail } from '../../functions/src/local/mail-catcher.ts';
import { createPanel } from '../../functions/src/panels/panels.service.ts';
import { listMembers } from '../../functions/src/panels/panels.repository.ts';
import { createMeeting, inviteMembers, meetingWithInvitations } from '../../functions/src/meetings/meetings.service.ts';
import { newId } from '../../functions/src/platform/ids.ts';
import { expectAccessible, expectNoSidewaysScroll, launch, newContext } from '../support/browser.ts';

/**
 * A parent's whole journey on a parent-carer panel, through the real running app: find the panel by
 * postcode, join, confirm from the email, answer the optional questions, see and download their
 * data, leave, erase. JavaScript on (wide) and off (320 px), axe on every page state.
 */

const TENANT = 'notts';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const officer = { sub: 'e2e-officer', email: 'officer@test.example', tenantId: 'notts', roles: ['officer' as const] };

/** A recruiting panel in the Mansfield network (postcodes NG18 to NG21), unique to this test. */
async function newPanel() {
  const name = `Mansfield parents ${newId().slice(-6).toLowerCase()}`;
  return createPanel(officer, TENANT, {
    name,
    description: 'Parents and carers who use Family Hubs in Mansfield.',
    networkId: 'mansfield',
    recruiting: true,
    targetSize: 20,
    status: 'active',
  });
}

const uniqueEmail = () => `parent-${newId().toLowerCase()}@test.example`;

/** The newest email to this address whose subject matches, waiting for the outbox to send it. */
async function mailTo(address: string, subject: RegExp, after = 0): Promise<CaughtMail> {
  for (let i = 0; i < 60; i++) {
    const mail = (await listMail(inject('env').mailInbox)).filter((m) => m.to.some((t) => t.address === address) && subject.test(m.subject));
    if (mail.length > after) return mail[mail.length - 1]!;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No email to ${address} matching ${subject}`);
}

/** The path of the link in an email ("/notts/membership/confirm?token=…"). */
function linkIn(mail: CaughtMail, page: 'confirm' | 'link'): string {
  const match = new RegExp(`https?://[^\\s/]+(/${TENANT}/membership/${page}\\?token=[A-Za-z0-9_-]{43})`).exec(mail.text);
  expect(match, `a ${page} link in “${mail.subject}”`).not.toBeNull();
  return match![1]!;
}

const path = (page: Page) => new URL(page.url()).pathname;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** Opens a page and, with JavaScript on, waits until it has finished loading its scripts, so typing is not lost. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}

async function checkPage(page: Page) {
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
}

/** Fills and sends the join form as a parent would. */
async function join(page: Page, panelId: string, name: string, email: string) {
  await open(page, `/${TENANT}/panels/${panelId}/join`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('radio', { name: 'Email', exact: true }).check();
  await page.getByLabel('Is there anything that would help you take part?').fill('A crèche for my toddler');
  await page.getByLabel('Which Family Hub do you use?').selectOption({ label: 'Mansfield town' });
  await page.getByRole('checkbox', { name: 'Under 1' }).check();
  await page.getByRole('checkbox', { name: "Parents' mental health" }).check();
  await page.getByRole('checkbox', { name: /I agree that you can keep my details/ }).check();
  await page.getByRole('button', { name: 'Join the panel' }).click();
  await page.waitForURL((u) => u.pathname.endsWith('/join/done')).catch(async (e: Error) => {
    throw new Error(`${e.message}\nThe page said: ${(await page.locator('main').textContent())?.replace(/\s+/g, ' ')}`);
  });
}

/** Opens the confirmation link from the email and presses the button. */
async function confirmFromEmail(page: Page, email: string) {
  const link = linkIn(await mailTo(email, /^Confirm you want to join/), 'confirm');
  await open(page, link);
  await page.getByRole('button', { name: 'Confirm my membership' }).click();
  await page.waitForURL((u) => u.pathname === `/${TENANT}/membership/about-you`);
}

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('a parent on a parent panel (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it(
    'finds the panel by postcode, joins, confirms, answers the questions, downloads their data, leaves and erases',
    async () => {
      const panel = await newPanel();
      const name = 'مريم 🌷';
      const email = uniqueEmail();
      const context = await newContext(browser, { javaScript, width });
      const page = await context.newPage();

      // Find the panel by postcode: a bad postcode, one with no panel, then theirs.
      await open(page, `/${TENANT}/panels`);
      expect(await page.getByRole('link', { name: panel.name }).count()).toBe(1);
      await checkPage(page);
      await page.getByLabel('Find your panel by postcode').fill('hello');
      await page.getByRole('button', { name: 'Find my panel' }).click();
      await expect.poll(() => page.locator('#postcode-error').textContent()).toContain('Enter a postcode, like NG18 2AB');
      expect(await page.locator('.error-summary a[href="#postcode"]').count()).toBe(1);
      await checkPage(page);
      await page.getByLabel('Find your panel by postcode').fill('ZZ9 9ZZ');
      await page.getByRole('button', { name: 'Find my panel' }).click();
      await expect.poll(() => page.getByRole('heading', { name: /No panel for ZZ9 9ZZ yet/ }).count()).toBe(1);
      await checkPage(page);
      await page.getByLabel('Find your panel by postcode').fill('NG18 2AB');
      await page.getByRole('button', { name: 'Find my panel' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Panels for NG18 2AB' }).count()).toBe(1);
      await checkPage(page);
      await page.locator('section').getByRole('link', { name: panel.name }).click();
      await page.waitForURL((u) => u.pathname === `/${TENANT}/panels/${panel.id}`);
      expect(await h1(page)).toBe(panel.name);
      await checkPage(page);
      await page.getByRole('link', { name: 'Join this panel' }).click();
      await page.waitForURL((u) => u.pathname === `/${TENANT}/panels/${panel.id}/join`);
      await checkPage(page);

      // The empty form: an error summary that links to the fields, and nobody joined.
      await page.getByRole('button', { name: 'Join the panel' }).click();
      await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
      const links = await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(expect.arrayContaining(['#name', '#preferredChannel', '#agreeToContact']));
      for (const href of links) expect(await page.locator(href!).count(), `${href} is on the page`).toBe(1);
      expect(await page.title()).toMatch(/^Error: /);
      await checkPage(page);
      expect(await listMembers(TENANT, panel.id)).toEqual([]);

      // Joining, with a right-to-left name and an emoji.
      await join(page, panel.id, name, email);
      expect(await h1(page)).toBe('Check your email');
      expect(await page.locator('main').textContent()).toContain('If you’re already a member, we’ve sent you a link to your membership instead.');
      await checkPage(page);

      // The link from the email: GET shows a button and uses nothing up; the button confirms.
      const confirmLink = linkIn(await mailTo(email, /^Confirm you want to join/), 'confirm');
      await open(page, confirmLink);
      expect(await h1(page)).toBe('Confirm your membership');
      await checkPage(page);
      await page.getByRole('button', { name: 'Confirm my membership' }).click();
      await page.waitForURL((u) => u.pathname === `/${TENANT}/membership/about-you`);
      expect(await page.locator('.notification-banner').textContent()).toContain(`You’re now a member of ${panel.name}`);
      await checkPage(page);

      // The same link a second time: used up, with a way to get a new one.
      const second = await context.newPage();
      await open(second, confirmLink);
      await second.getByRole('button', { name: 'Confirm my membership' }).click();
      await expect.poll(() => h1(second)).toBe('This link does not work');
      await checkPage(second);
      await second.close();

      // About you: consent is required to save; then saved.
      await page.getByRole('radio', { name: 'Mum' }).check();
      await page.getByRole('radio', { name: '25 to 34' }).check();
      await page.locator('input[name="ethnicity"][value="prefer-not-to-say"]').check();
      await page.locator('input[name="neonatal"][value="yes"]').check();
      await page.getByLabel('What is your main language?').fill('Arabic');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.locator('#consent-error').count()).toBe(1);
      expect(await page.locator('input[name="parentRole"][value="mum"]').isChecked()).toBe(true);
      await checkPage(page);
      await page.getByRole('checkbox', { name: /I agree that the partnership can keep these answers/ }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL((u) => u.pathname === `/${TENANT}/membership`);

      // My membership.
      expect(await h1(page)).toBe('Your membership');
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain(`You are a member of ${panel.name}`);
      expect(main).toContain(name);
      expect(main).toContain('Mansfield town');
      expect(main).toContain('You have answered our questions about you');
      await checkPage(page);

      // Joining again with the same email: the same answer, and an "already a member" email.
      const again = await (await newContext(browser, { javaScript, width })).newPage();
      await join(again, panel.id, 'Someone else', email);
      expect(await h1(again)).toBe('Check your email');
      const already = await mailTo(email, /^You're already a member of /);
      expect(already.subject).toContain(panel.name);
      expect(await listMembers(TENANT, panel.id)).toHaveLength(1);
      await again.context().close();

      // Their data: readable, and as a download with their name and answers.
      await page.getByRole('link', { name: 'See everything we hold about you' }).click();
      await page.waitForURL((u) => u.pathname === `/${TENANT}/membership/your-data`);
      const held = (await page.locator('main').textContent()) ?? '';
      expect(held).toContain(name);
      expect(held).toContain('Mum');
      await checkPage(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download your data' }).click()]);
      const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
      expect(data.membership.name).toBe(name);
      expect(data.membership.email).toBe(email);
      expect(data.equalityMonitoring).toMatchObject({ parentRole: 'mum', ageBand: '25-34', ethnicity: 'prefer-not-to-say', neonatal: 'yes', mainLanguage: 'arabic' });
      expect(data.consents.map((c: { purpose: string }) => c.purpose)).toEqual(expect.arrayContaining(['panel-contact', 'equality-monitoring']));

      // Leave.
      await open(page, `/${TENANT}/membership`);
      await page.getByRole('link', { name: 'Leave the panel' }).click();
      await page.waitForURL((u) => u.pathname === `/${TENANT}/membership/leave`);
      await checkPage(page);
      await page.getByRole('button', { name: 'Leave the panel' }).click();
      await page.waitForURL((u) => u.pathname === `/${TENANT}/membership`);
      expect(await page.locator('main').textContent()).toContain(`You have left ${panel.name}`);
      await checkPage(page);

      // Erase: the confirmation, then everything gone and signed out.
      await page.getByRole('link', { name: 'Erase your details' }).click();
      await page.waitForURL((u) => u.pathname === `/${TENANT}/membership/erase`);
      expect(await page.locator('main').textContent()).toContain('You cannot undo this.');
      await checkPage(page);
      await page.getByRole('button', { name: 'Erase my details' }).click();
      await page.waitForURL((u) => u.pathname === `/${TENANT}/membership/erased`);
      expect(await h1(page)).toBe('Your details have been erased');
      await checkPage(page);
      expect(await listMembers(TENANT, panel.id)).toEqual([]);
      await open(page, `/${TENANT}/membership`);
      expect(path(page)).toBe(`/${TENANT}/membership/sign-in`);

      await context.close();
    },
    300_000,
  );

  it('signs out, then gets back in with a link asked for by email', async () => {
    const panel = await newPanel();
    const email = uniqueEmail();
    const context = await newContext(browser, { javaScript, width });
    const page = await context.newPage();
    await join(page, panel.id, 'Jo Bloggs', email);
    await confirmFromEmail(page, email);
    await page.getByRole('link', { name: 'Skip this' }).first().click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/membership`);
    expect(await page.locator('main').textContent()).toContain('You have not answered our optional questions');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/membership/sign-in`);
    expect(await page.locator('.notification-banner').textContent()).toContain('You have signed out');
    await checkPage(page);
    await open(page, `/${TENANT}/membership`);
    expect(path(page)).toBe(`/${TENANT}/membership/sign-in`);

    // An address that is not a member gets the same answer as one that is.
    for (const address of [`nobody-${newId().toLowerCase()}@test.example`, email]) {
      await open(page, `/${TENANT}/membership/sign-in`);
      await page.getByLabel('Email address').fill(address);
      await page.getByRole('button', { name: 'Email me a link' }).click();
      await expect.poll(() => h1(page)).toBe('Check your email');
      await checkPage(page);
    }
    await open(page, linkIn(await mailTo(email, /^Your link to /), 'link'));
    await checkPage(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/membership`);
    expect(await page.locator('main').textContent()).toContain('Jo Bloggs');

    // An ended session: back to "get a link", told why.
    // A __Host- cookie can't be made up through CDP over http, so replay the real one with an unknown id.
    const [memberCookie] = (await context.cookies()).filter((c) => c.name === `__Host-pv_member_${TENANT}`);
    expect(memberCookie).toBeDefined();
    await context.clearCookies();
    await context.addCookies([{ ...memberCookie!, value: 'A'.repeat(43) }]);
    await open(page, `/${TENANT}/membership`);
    expect(path(page)).toBe(`/${TENANT}/membership/sign-in`);
    expect(await page.locator('.notification-banner').textContent()).toContain('Your sign-in has ended');
    await checkPage(page);
    await context.close();
  }, 180_000);
});

describe('what a parent types is shown as text', () => {
  it('shows a name that looks like a script as the words typed, and runs nothing', async () => {
    const panel = await newPanel();
    const email = uniqueEmail();
    const name = '<script>alert(1)</script>';
    const context = await newContext(browser, { javaScript: true });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await join(page, panel.id, name, email);
    await confirmFromEmail(page, email);
    await open(page, `/${TENANT}/membership`);
    expect(await page.locator('.summary-list__value', { hasText: name }).count()).toBe(1);
    expect(await page.locator('main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await expectAccessible(page);
    await context.close();
  }, 90_000);
});

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('a member invited to a meeting (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it('opens the invitation link, sees the meeting in words, and replies that they need a crèche', async () => {
    const panel = await newPanel();
    const email = uniqueEmail();
    const context = await newContext(browser, { javaScript, width });
    const page = await context.newPage();
    await join(page, panel.id, 'Sam Taylor', email);
    await confirmFromEmail(page, email);

    const meeting = await createMeeting(officer, TENANT, panel.id, {
      title: 'Talking about waiting for help',
      date: `${new Date().getUTCFullYear() + 1}-03-03`,
      time: '10:30',
      hubId: 'mansfield-town',
      format: 'in-person',
      place: 'The big room',
      supportOffered: ['creche', 'travel'],
    });
    await inviteMembers(officer, TENANT, panel.id, meeting.id);
    await context.clearCookies();
    await open(page, linkIn(await mailTo(email, /^You're invited: /), 'link'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/membership/meetings/${meeting.id}`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) 3 March \d{4} at 10:30am/);
    expect(text).toContain('Mansfield town, The big room');
    expect(text).toContain('Crèche, Travel costs');
    await checkPage(page);

    // "Need support" with nothing chosen: told what to do.
    await page.getByRole('radio', { name: 'I’d like to come but need some support' }).check();
    await page.getByRole('button', { name: 'Send my reply' }).click();
    await expect.poll(() => page.locator('.error-summary a[href="#supportNeeded"]').count()).toBe(1);
    await checkPage(page);
    await page.getByRole('checkbox', { name: 'Crèche' }).check();
    await page.getByRole('button', { name: 'Send my reply' }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/membership`);
    expect(await page.locator('main').textContent()).toContain('Your reply: I’d like to come but need some support');
    await checkPage(page);
    const { invitations } = await meetingWithInvitations(TENANT, panel.id, meeting.id);
    expect(invitations[0]).toMatchObject({ reply: 'need-support', supportNeeded: ['creche'] });
    await context.close();
  }, 120_000);
});

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('a member changing their mind (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it('changes their details, is told when they changed in another window, and takes back their answers', async () => {
    const panel = await newPanel();
    const email = uniqueEmail();
    const context = await newContext(browser, { javaScript, width });
    const page = await context.newPage();
    await join(page, panel.id, 'Alex Green', email);
    await confirmFromEmail(page, email);

    // Two windows on the same form: the first save wins, the second is told and shown the details as they are now.
    await open(page, `/${TENANT}/membership/details`);
    await checkPage(page);
    const other = await context.newPage();
    await open(other, `/${TENANT}/membership/details`);
    await page.getByLabel('Phone number').fill('07700 900123');
    await page.getByRole('radio', { name: 'Text message' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/membership`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Your details have been changed.');
    expect(main).toContain('07700900123');
    expect(main).toContain('Text message');
    await checkPage(page);

    await other.getByLabel('Your name').fill('Alex Brown');
    await other.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => other.locator('.notification-banner').count()).toBe(1);
    expect(await other.locator('.notification-banner').textContent()).toContain('changed in another window');
    expect(await other.getByLabel('Your name').inputValue()).toBe('Alex Green');
    expect(await other.getByLabel('Phone number').inputValue()).toBe('07700900123');
    await checkPage(other);
    await other.getByLabel('Your name').fill('Alex Brown');
    await other.getByRole('button', { name: 'Save' }).click();
    await other.waitForURL((u) => u.pathname === `/${TENANT}/membership`);
    expect(await other.locator('main').textContent()).toContain('Alex Brown');
    await other.close();

    // Answers given, then taken back.
    await open(page, `/${TENANT}/membership/about-you`);
    await page.getByRole('radio', { name: 'Dad' }).check();
    await page.getByRole('checkbox', { name: /I agree that the partnership can keep these answers/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/membership`);
    await page.getByRole('link', { name: 'Change or take back your answers' }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/membership/about-you`);
    expect(await page.locator('input[name="parentRole"][value="dad"]').isChecked()).toBe(true);
    await checkPage(page);
    await page.getByRole('button', { name: 'Take back my answers' }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/membership`);
    const after = (await page.locator('main').textContent()) ?? '';
    expect(after).toContain('Your answers about you have been deleted.');
    expect(after).toContain('You have not answered our optional questions');
    const data = JSON.parse(await (await context.request.get(`/${TENANT}/membership/your-data.json`)).text());
    expect(data.equalityMonitoring).toBeNull();
    expect(data.consents.filter((c: { purpose: string }) => c.purpose === 'equality-monitoring').map((c: { action: string }) => c.action)).toEqual(['given', 'withdrawn']);
    await context.close();
  }, 150_000);
});

describe('a join form sent twice', () => {
  it('makes one member and sends one email (the form carries its own idempotency key)', async () => {
    const panel = await newPanel();
    const email = uniqueEmail();
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await open(page, `/${TENANT}/panels/${panel.id}/join`);
    const key = await page.locator('input[name="idempotencyKey"]').inputValue();
    const form = { idempotencyKey: key, name: 'Twice Over', email, preferredChannel: 'email', agreeToContact: 'yes' };
    const send = () =>
      context.request.post(`/${TENANT}/panels/${panel.id}/join`, { form, headers: { origin: inject('env').webUrl, accept: 'text/html' }, maxRedirects: 0 });
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((a) => a.status())).toEqual([303, 303]);
    expect(answers.map((a) => a.headers().location)).toEqual(Array(2).fill(`/${TENANT}/panels/${panel.id}/join/done?outcome=check-email`));
    expect(await listMembers(TENANT, panel.id)).toHaveLength(1);
    await mailTo(email, /^Confirm you want to join/);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await listMail(inject('env').mailInbox)).filter((m) => m.to.some((t) => t.address === email))).toHaveLength(1);
    await context.close();
  }, 60_000);
});
