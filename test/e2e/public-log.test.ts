import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { consultationInput } from '@pv/shared/consultation.schema';
import { publicAction } from '../../functions/src/actions/actions.service.ts';
import { changeStage, createConsultation } from '../../functions/src/consultations/consultations.service.ts';
import { issueUnsubscribeLink } from '../../functions/src/member-access/member-access.service.ts';
import { getMember } from '../../functions/src/panels/panels.repository.ts';
import { addAssistedMember } from '../../functions/src/panels/panels.service.ts';
import { transactWrite } from '../../functions/src/platform/dynamodb.ts';
import { newId } from '../../functions/src/platform/ids.ts';
import { actionFields, draftAction, publishAction, republishAction, themeOf } from '../support/actions.ts';
import { expectAccessible, expectNoSidewaysScroll, launch, newContext } from '../support/browser.ts';
import { assistedInput, officerCaller, testPanel } from '../support/panels.ts';
import { freshTenant } from '../support/tenants.ts';

/** The public "you said, we did" log, its action pages, feed and exports, and the unsubscribe page. */

// A partnership of its own, seeded like Nottinghamshire but without the demo's comments and actions.
let TENANT = '';
let LOG = '';
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  TENANT = await freshTenant();
  LOG = `/${TENANT}/you-said-we-did`;
});
afterAll(async () => {
  await browser?.close();
});

const today = () => new Date().toISOString().slice(0, 10);
const mainText = async (page: Page) => (await page.locator('main').textContent())!.replace(/\s+/g, ' ');
const many = <T>(n: number, item: T): T[] => Array.from({ length: n }, () => item);

async function checked(page: Page) {
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
}

describe('the public log (JavaScript off, 320 px)', () => {
  it('filters by hub and by priority, opens an action with its timeline and what it is based on', async () => {
    const suffix = newId().slice(-6).toLowerCase();
    // 8 comments: published through the cell key method as 6 to 10, always enough to name Worksop, Bassetlaw and dads.
    const worksop = await themeOf(TENANT, many(8, { hubIds: ['worksop'], networkId: 'bassetlaw', priorityIds: ['parents-mental-health'], groups: ['dads-partners'] }));
    const mansfield = await themeOf(TENANT, many(2, { priorityIds: ['building-blocks-of-health-and-wellbeing'] }));
    const first = await publishAction(TENANT, actionFields({ youSaid: `Dads said nobody asks how they are coping ${suffix}.`, status: 'planned', targetOn: '2027-03-31', themeIds: [worksop] }));
    const a = await republishAction(
      TENANT,
      first,
      actionFields({ youSaid: first.youSaid, status: 'in-progress', targetOn: '2027-03-31', themeIds: [worksop], update: 'Health visitors now ask dads too at every visit.' }),
    );
    const b = await publishAction(
      TENANT,
      // Tagged with its priority by the officer: 2 comments alone are published as 0 to 4 (the cell key
      // method), and a 0 would leave the priority off the action, so the filter below would miss it.
      actionFields({
        youSaid: `Free breakfast clubs should open earlier ${suffix}.`,
        status: 'not-doing',
        notDoingReason: 'The schools set the times, not the Family Hubs.',
        themeIds: [mansfield],
        priorityIds: ['building-blocks-of-health-and-wellbeing'],
      }),
    );
    const draft = await draftAction(TENANT, actionFields({ youSaid: `Not approved yet ${suffix}, still a draft.`, themeIds: [mansfield] }));

    const context = await newContext(browser, { javaScript: false, width: 320, timeout: 30_000 });
    const page = await context.newPage();
    await page.goto(`/${TENANT}`);
    await page.getByRole('link', { name: 'You said, we did' }).click();
    await page.waitForURL((u) => u.pathname === LOG);
    let main = await mainText(page);
    expect(main).toContain(a.youSaid);
    expect(main).toContain(b.youSaid);
    expect(main).not.toContain(draft.youSaid);
    expect(main).toMatch(/So far: [\d,]+ things you told us, [\d,]+ actions?, [\d,]+ done\./);
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe(`${LOG}/feed.xml`);
    await checked(page);

    await page.getByText('Filter by priority, place, group or status').click();
    await page.getByLabel('Family Hub', { exact: true }).selectOption('worksop');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((u) => u.searchParams.get('hub') === 'worksop');
    main = await mainText(page);
    expect(main).toContain(a.youSaid);
    expect(main).not.toContain(b.youSaid);
    expect(main).toMatch(/For the filters you chose: [\d,]+ things you told us, 1 action, 0 done\./);
    expect(await page.getByLabel('Family Hub', { exact: true }).inputValue()).toBe('worksop');
    await checked(page);

    await page.getByRole('link', { name: 'Clear filters' }).first().click();
    await page.waitForURL((u) => u.pathname === LOG && u.search === '');
    // By keyboard this time: the folded filter opens with Enter, and Enter on the button sends it.
    await page.locator('summary', { hasText: 'Filter by priority, place, group or status' }).press('Enter');
    await page.getByLabel('Priority').selectOption('building-blocks-of-health-and-wellbeing');
    await page.getByRole('button', { name: 'Apply filters' }).press('Enter');
    await page.waitForURL((u) => u.searchParams.get('priority') === 'building-blocks-of-health-and-wellbeing');
    main = await mainText(page);
    expect(main).toContain(b.youSaid);
    expect(main).not.toContain(a.youSaid);

    await page.getByRole('link', { name: `You said: ${b.youSaid}` }).click();
    await page.waitForURL((u) => u.pathname === `${LOG}/${b.id}`);
    main = await mainText(page);
    expect(main).toContain('Why not The schools set the times, not the Family Hubs.');
    expect(main).toContain('Based on fewer than 5 comments.');
    expect(main).not.toContain('including');
    // The count of comments is protected: the note under it links to how.
    expect(await page.locator('main .protected-numbers a').getAttribute('href')).toBe(`/${TENANT}/how-we-protect-these-numbers`);
    await checked(page);

    await page.goto(`${LOG}/hub/worksop`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Worksop');
    main = await mainText(page);
    expect(main).toContain(a.youSaid);
    expect(main).not.toContain(b.youSaid);
    expect(await page.locator('main .protected-numbers').textContent()).toContain('To protect people, these numbers are changed a little, so they may not add up.');
    await checked(page);

    await page.getByRole('link', { name: `You said: ${a.youSaid}` }).click();
    await page.waitForURL((u) => u.pathname === `${LOG}/${a.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(a.youSaid);
    const timeline = page.locator('ol.timeline > li');
    expect(await timeline.count()).toBe(2);
    expect((await timeline.nth(0).textContent())!.replace(/\s+/g, ' ')).toMatch(/^\d{1,2} \w+ \d{4}: Planned We published this\.$/);
    expect((await timeline.nth(1).textContent())!.replace(/\s+/g, ' ')).toMatch(/: In progress Health visitors now ask dads too at every visit\.$/);
    main = await mainText(page);
    expect(main).toContain(`Based on ${(await publicAction(TENANT, a.id)).basedOn} comments from parents in Bassetlaw Family Hub Network, including dads and partners.`);
    expect(main).toContain('Aiming to finish by 31 March 2027');
    await checked(page);

    await page.getByRole('link', { name: /Parents' mental health/ }).click();
    await page.waitForURL((u) => u.searchParams.get('priority') === 'parents-mental-health');
    expect(await mainText(page)).toContain(a.youSaid);

    expect((await page.goto(`${LOG}/${draft.id}`))!.status()).toBe(404);
    expect((await page.goto(`${LOG}/hub/nowhere`))!.status()).toBe(404);
    await context.close();
  }, 240_000);
});

describe('the feed and the open data', () => {
  it('has the published action and not a draft, links it with its consultation, and never shows what the comments behind it said about people', async () => {
    const suffix = newId().slice(-6).toLowerCase();
    const secrets = ['Jo Bloggs', 'jo.bloggs@example.com', '07700 900123'];
    const theme = await themeOf(
      TENANT,
      many(8, { text: 'Jo Bloggs (jo.bloggs@example.com, 07700 900123) says the bus to the hub costs too much.', hubIds: ['eastwood'], networkId: 'broxtowe', groups: ['young-parents'] }),
    );
    let consultation = await createConsultation(
      officerCaller(TENANT),
      TENANT,
      consultationInput.parse({
        title: `Getting to your Family Hub ${suffix}`,
        summary: 'How you travel to your Family Hub, and what makes it hard.',
        whyAsking: 'Some families told us they cannot get to their hub.',
        canChange: 'Help with travel to hub groups.',
        opensOn: today(),
        closesOn: today(),
      }),
    );
    for (const stage of ['open', 'closed'] as const) consultation = await changeStage(officerCaller(TENANT), TENANT, consultation.id, consultation.version, stage);
    const action = await publishAction(
      TENANT,
      actionFields({
        youSaid: `The bus to the hub costs too much <for> "some" families & ${suffix}.`,
        weDid: '=SUM(A1) We now pay bus fares to groups at the hub.',
        status: 'done',
        doneOn: today(),
        themeIds: [theme],
        consultationIds: [consultation.id],
      }),
    );
    const draft = await draftAction(TENANT, actionFields({ youSaid: `Not approved yet ${suffix}, a draft.`, themeIds: [theme] }));

    const context = await newContext(browser, { width: 1280, timeout: 30_000 });
    const page = await context.newPage();
    const get = async (path: string) => {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      return { type: response.headers()['content-type'], body: await response.text() };
    };

    const feed = await get(`${LOG}/feed.xml`);
    expect(feed.type).toBe('application/atom+xml; charset=utf-8');
    await page.goto(LOG);
    const parsed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      const text = (e: Element, tag: string) => e.getElementsByTagNameNS(ns, tag)[0]?.textContent ?? '';
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        entries: [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => ({
          title: text(e, 'title'),
          content: text(e, 'content'),
          updated: text(e, 'updated'),
          link: e.getElementsByTagNameNS(ns, 'link')[0]?.getAttribute('href') ?? '',
        })),
      };
    }, feed.body);
    expect(parsed.errors).toBe(0);
    const entry = parsed.entries.find((e) => e.title === `You said: ${action.youSaid}`);
    expect(entry).toMatchObject({ content: `We did: ${action.weDid}\n\nStatus: Done`, updated: `${today()}T00:00:00Z` });
    expect(entry!.link).toMatch(new RegExp(`${LOG}/${action.id}$`));
    expect(parsed.entries.some((e) => e.title.includes(draft.youSaid))).toBe(false);

    const json = await get(`${LOG}/actions.json`);
    const data = JSON.parse(json.body) as { generatedAt: string; licence: string; items: { id: string; youSaid: string; hubs: { id: string; name: string }[]; basedOn: number | null }[] };
    expect(data.licence).toBe('Open Government Licence v3.0');
    expect(Date.parse(data.generatedAt)).toBeGreaterThan(Date.now() - 600_000);
    expect(data.items.find((i) => i.id === action.id)).toMatchObject({ youSaid: action.youSaid, hubs: [{ id: 'eastwood', name: 'Eastwood' }], basedOn: (await publicAction(TENANT, action.id)).basedOn });
    expect(data.items.some((i) => i.id === draft.id)).toBe(false);

    const csv = await get(`${LOG}/actions.csv`);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFF"id","you said","we did","status","why not","owner",')).toBe(true);
    const row = csv.body.split('\r\n').find((line) => line.startsWith(`"${action.id}"`))!;
    expect(row).toContain(`"'=SUM(A1) We now pay bus fares to groups at the hub.","Done"`);
    expect(row).toContain('"Eastwood"');
    expect(csv.body).not.toContain(draft.id);

    await page.goto(`/${TENANT}/consultations/${consultation.id}`);
    await page.getByRole('link', { name: `You said: ${action.youSaid}` }).click();
    await page.waitForURL((u) => u.pathname === `${LOG}/${action.id}`);
    const actionPage = await page.content();
    await expectAccessible(page);
    await page.getByRole('link', { name: consultation.title }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/consultations/${consultation.id}`);
    expect(await mainText(page)).toContain('What we heard and what we did');
    await expectAccessible(page);
    await page.goto(LOG);
    const logPage = await page.content();
    for (const [name, body] of Object.entries({ logPage, actionPage, feed: feed.body, json: json.body, csv: csv.body })) {
      for (const secret of secrets) expect(body, `${secret} in the ${name}`).not.toContain(secret);
      expect(body.toLowerCase(), `a name in the ${name}`).not.toContain('bloggs');
    }
    await context.close();
  }, 120_000);
});

describe('stopping "you said, we did" emails (JavaScript off, 320 px)', () => {
  it('asks for a button press before it stops them, and says so plainly when the link is wrong', async () => {
    const panel = await testPanel(TENANT);
    const member = await addAssistedMember(officerCaller(TENANT), TENANT, panel.id, assistedInput({ hubId: 'mansfield-town' }));
    const link = issueUnsubscribeLink(TENANT, panel.id, member.id);
    await transactWrite([link.item], () => new Error('could not store the link'));
    const url = new URL(link.url);

    const context = await newContext(browser, { javaScript: false, width: 320, timeout: 30_000 });
    const page = await context.newPage();
    await page.goto(`${url.pathname}${url.search}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Stop “you said, we did” emails');
    await checked(page);
    expect((await getMember(TENANT, panel.id, member.id))!.loopEmails).toBeUndefined();

    await page.getByRole('button', { name: 'Stop these emails' }).click();
    await page.getByRole('heading', { level: 1, name: 'You will not get more emails' }).waitFor();
    expect(await mainText(page)).toContain('You will not get more ‘you said, we did’ emails.');
    await checked(page);
    expect((await getMember(TENANT, panel.id, member.id))!.loopEmails).toBe(false);

    await page.goto(`/${TENANT}/unsubscribe?token=${'x'.repeat(43)}`);
    await page.getByRole('button', { name: 'Stop these emails' }).click();
    await page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();
    await checked(page);
    await context.close();
  }, 120_000);
});
