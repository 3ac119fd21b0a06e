import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Feedback } from '@pv/shared/feedback.schema';
import { createTheme } from '../../functions/src/feedback/themes.service.ts';
import { addAssistedMember } from '../../functions/src/panels/panels.service.ts';
import { actionFields, publishAction } from '../support/actions.ts';
import { expectAccessible, expectNoSidewaysScroll, launch, signedIn } from '../support/browser.ts';
import { comment, seedComments } from '../support/feedback.ts';
import { assistedInput, officerCaller, testPanel } from '../support/panels.ts';
import { freshTenant, signedInUser, type TestUser } from '../support/tenants.ts';

/**
 * The partner area for issue 7: a partnership member reads the overview, the heatmap (filtered by
 * network and period), a theme opened from a heatmap cell, whose voice is missing and the trends,
 * downloads the heatmap as CSV, and can't open officer pages; an officer quotes a comment for
 * partners (a name in it is refused), a second officer approves it, and the partner reads the quote. JavaScript on at 1280 px and
 * off at 320 px, axe on every page, a screenshot of each under test-results/partner-insight/.
 *
 * Every count about people is changed a little by the cell key method (issue 13), so the numbers
 * asserted here are their shape ("a number, or fewer than 5"), never the seeded counts themselves;
 * counts that must stay shown (a cell to open) are seeded well clear of the threshold.
 */

const SHOTS = 'test-results/partner-insight';
const PASSWORD = 'Test-password-2026';
const MENTAL = 'parents-mental-health';
const BLOCKS = 'building-blocks-of-health-and-wellbeing';
/** The comment an officer quotes: a panel member's name in it, to be taken out. */
const NAMED = 'My name is Jo Bloggs. We waited four months for the perinatal team and nobody rang us back once.';
const QUOTE = 'We waited four months for the perinatal team and nobody rang us back once.';

let browser: Browser;
let tenant = '';
let partner: TestUser;
let officer: TestUser;
let secondOfficer: TestUser;
let waitingTheme = '';
let namedComment = '';
let untheme = '';

const thisMonth = new Date().toISOString().slice(0, 10);
/** A day in the month `n` months before this one (the 15th, clear of month ends). */
const monthsAgo = (n: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, 15)).toISOString().slice(0, 10);
};
const many = (n: number, overrides: Partial<Feedback>) => Array.from({ length: n }, () => comment(overrides));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  tenant = await freshTenant();
  [partner, officer, secondOfficer] = await Promise.all([signedInUser(tenant, 'partner'), signedInUser(tenant, 'officer'), signedInUser(tenant, 'officer')]);
  // The personal-data check knows people by the names on the partnership's panels.
  await addAssistedMember(officerCaller(tenant), tenant, (await testPanel(tenant)).id, assistedInput({ name: 'Jo Bloggs', hubId: 'mansfield-town' }));

  // Mansfield: 14 comments on parents' mental health (5 from dads and partners, one of them naming
  // someone; 5 from three months ago); Worksop: 8 more (changed by at most 2, still shown). Broxtowe: 3
  // about the building blocks of health (fewer than 5 before the change); Gedling: 5 about them too, in
  // no theme yet.
  const named = comment({ text: NAMED, priorityIds: [MENTAL], groups: ['dads-partners'], status: 'reviewed' });
  const waiting = [
    named,
    ...many(4, { priorityIds: [MENTAL], groups: ['dads-partners'], status: 'reviewed' }),
    ...many(4, { priorityIds: [MENTAL], status: 'reviewed' }),
    ...many(8, { priorityIds: [MENTAL], hubIds: ['worksop'], networkId: 'bassetlaw', status: 'reviewed' }),
    ...many(5, { priorityIds: [MENTAL], receivedOn: monthsAgo(3), status: 'reviewed' }),
  ];
  const costs = many(3, { text: 'The bus to the hub costs too much.', priorityIds: [BLOCKS], hubIds: ['eastwood'], networkId: 'broxtowe', status: 'reviewed' });
  const loose = many(5, { text: 'Nobody told us about the baby massage group.', priorityIds: [BLOCKS], hubIds: ['arnold'], networkId: 'gedling', status: 'reviewed' });
  await seedComments(tenant, [...waiting, ...costs, ...loose]);
  namedComment = named.id;
  untheme = loose[0]!.id;

  const theme = await createTheme(officerCaller(tenant), tenant, { name: 'Nobody keeps in touch while you wait', description: 'Waiting for mental health support with no news.' }, waiting.map((c) => c.id));
  waitingTheme = theme.id;
  await createTheme(officerCaller(tenant), tenant, { name: 'Getting to the hub costs too much', description: '' }, costs.map((c) => c.id));
  await publishAction(tenant, actionFields({ themeIds: [waitingTheme], status: 'in-progress' }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const mainText = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
/** A count about people as shown: a number (changed a little), or "fewer than 5". */
const COUNT = /^(\d[\d,]*|fewer than 5)$/;
const PROTECTION = () => `/${tenant}/how-we-protect-these-numbers`;

/** Under every table with a count about people: what the numbers are, and the link to read more; no "hidden" anywhere. */
async function protectedNotes(page: Page, tables: number) {
  const notes = page.locator('main .protected-numbers');
  expect(await notes.count(), `notes on ${page.url()}`).toBeGreaterThanOrEqual(tables);
  expect((await notes.first().textContent())!.replace(/\s+/g, ' ')).toContain(
    'To protect people, these numbers are changed a little, so they may not add up. “Fewer than 5” means the changed number is under 5.',
  );
  const links = notes.getByRole('link', { name: 'How we protect these numbers' });
  expect(await links.count()).toBe(await notes.count());
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toBe(PROTECTION());
  expect(await mainText(page)).not.toMatch(/\bhidden\b/i);
}
/** The cells of one CSV line. */
const csvCells = (line: string) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));

async function checked(page: Page, name: string, width: number) {
  await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
}

/** A cell of the heatmap by its row (priority) and column (network or hub) headers. */
async function heatCell(page: Page, row: string, column: string) {
  const headers = (await page.locator('#heatmap thead th').allTextContents()).map((t) => t.trim());
  const index = headers.indexOf(column);
  expect(index, `no column ${column} in ${headers.join(', ')}`).toBeGreaterThan(0);
  return page.locator('#heatmap tbody tr').filter({ has: page.locator('th', { hasText: row }) }).locator('td').nth(index - 1);
}

describe('an officer quoting a comment for partners', () => {
  it('is refused a quote with a name in it, saves it without, and is told why a comment outside a theme cannot be quoted', async () => {
    const { context, page } = await signedIn(browser, { email: officer.caller.email, password: PASSWORD }, { landing: '/officer', width: 1280 });
    try {
      await page.goto(`/officer/feedback/${untheme}`);
      expect(await page.locator('#quote-not-yet').textContent()).toContain('can’t be quoted for partners yet');

      await page.goto(`/officer/feedback/${namedComment}`);
      const box = page.getByLabel('Words partners may read');
      expect(await box.inputValue()).toBe(NAMED);
      await page.getByRole('button', { name: 'Quote this for partners' }).click();
      await page.locator('.error-summary').waitFor();
      const message = ((await page.locator('#quote-error').textContent()) ?? '').trim();
      expect(message).not.toBe('');
      expect(await page.locator('.error-summary').textContent()).toContain(message.replace(/^Error:\s*/, ''));
      await checked(page, 'officer-quote-refused', 1280);

      await box.fill(QUOTE);
      await page.getByRole('button', { name: 'Quote this for partners' }).click();
      await page.waitForURL((u) => u.searchParams.get('quoted') === 'saved');
      expect(await mainText(page)).toContain('Another officer or an admin must approve it before partners see it');
      expect(await box.inputValue()).toBe(QUOTE);
      // Waiting for a second person: whoever wrote it is told to ask someone else, with no approve button.
      expect(await page.locator('#quote-state').textContent()).toContain('Waiting for approval');
      expect(await page.locator('#quote-second-person').textContent()).toContain('A second person must approve this quote');
      expect(await page.locator('#approve-quote-button').count()).toBe(0);
      await checked(page, 'officer-quote-saved', 1280);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('is approved by a second officer from the list of quotes waiting for approval (JavaScript off, 320 px)', async () => {
    const { context, page } = await signedIn(browser, { email: secondOfficer.caller.email, password: PASSWORD }, { landing: '/officer', width: 320, javaScript: false });
    try {
      await page.getByRole('link', { name: 'Quotes waiting for approval' }).click();
      await page.waitForURL((u) => u.pathname === '/officer/quotes');
      const row = page.locator(`#quote-${namedComment}`);
      expect(await row.textContent()).toContain(officer.caller.email);
      await checked(page, 'officer-quotes-waiting', 320);
      await row.getByRole('link').click();
      await page.waitForURL((u) => u.pathname === `/officer/feedback/${namedComment}`);
      // Sending back needs a reason: the error summary and the message by the box.
      await page.getByRole('button', { name: 'Send back' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('#reason-error').textContent()).toContain('Say what needs changing');
      await checked(page, 'officer-quote-send-back-refused', 320);
      await page.getByRole('button', { name: 'Approve the quote' }).click();
      await page.waitForURL((u) => u.searchParams.get('quoted') === 'approved');
      expect(await mainText(page)).toContain('The quote is approved. Partners can read it on the theme’s page now.');
      expect(await page.locator('#quote-state').textContent()).toContain(secondOfficer.caller.email);
      await checked(page, 'officer-quote-approved', 320);
      await page.goto('/officer/quotes');
      expect(await page.locator('#no-quotes').textContent()).toContain('There are no quotes waiting for approval.');
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe('a partnership member reading the insight (JavaScript on, 1280 px)', () => {
  it('reads the overview and the heatmap, filters it, opens a theme from a cell, downloads the CSV and cannot open officer pages', async () => {
    const { context, page } = await signedIn(browser, { email: partner.caller.email, password: PASSWORD }, { landing: '/partner', width: 1280 });
    try {
      let main = await mainText(page);
      expect(main).toContain('What families are telling us');
      expect(main).not.toContain('Coming soon');
      expect(await page.locator('#figure-feedback').textContent()).toMatch(COUNT);
      expect(await page.locator('#loop-sentence').textContent()).toMatch(/^1 of 2 themes with feedback in this period has a published action \(50%\)\.$/);
      expect(await page.getByRole('link', { name: 'Whose voice our panels carry' }).count()).toBe(1);
      const nav = page.getByRole('navigation', { name: 'Partner area' });
      expect((await nav.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual(['Overview', 'Heatmap', 'Whose voice', 'Themes', 'Trends', 'Panels']);
      await protectedNotes(page, 2);
      await checked(page, 'overview', 1280);

      await nav.getByRole('link', { name: 'Heatmap' }).click();
      await page.waitForURL((u) => u.pathname === '/partner/heatmap');
      // The networks' names lose the words they share ("… Family Hub Network"): the caption says them once.
      expect(await page.locator('#heatmap caption').textContent()).toContain('Comments by priority and Family Hub Network');
      const mansfield = await heatCell(page, "Parents' mental health", 'Mansfield');
      // Every one of Mansfield's 14 comments is about parents' mental health: a number and its share (both changed a little).
      expect((await mansfield.textContent())!.replace(/\s+/g, ' ').trim()).toMatch(/^\d+ ,? ?[\d.]+%$/);
      const broxtowe = (await (await heatCell(page, 'Building blocks of health and wellbeing', 'Broxtowe')).textContent())!.replace(/\s+/g, ' ').trim();
      expect(broxtowe).toMatch(/^(\d+ ,? ?[\d.]+%|fewer than 5)$/);
      expect(await page.locator('.heat-key').textContent()).toContain('None, or fewer than 5');
      await protectedNotes(page, 1);
      await checked(page, 'heatmap', 1280);
      // Printed: no menus or filters, the period and the partnership's name kept.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('form.insight-filters').isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: 'Partner area' }).isVisible()).toBe(false);
      expect(await page.locator('h2#period').isVisible()).toBe(true);
      expect(await page.locator('.caption').first().textContent()).toBe('Nottinghamshire Best Start Partnership');
      await page.screenshot({ path: `${SHOTS}/heatmap-print-1280.png`, fullPage: true });
      await page.emulateMedia({ media: 'screen' });

      // Mansfield's hubs, for this financial year.
      await page.getByLabel('Period', { exact: true }).selectOption('year');
      await page.getByLabel('Family Hub network', { exact: true }).selectOption('mansfield');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL((u) => u.searchParams.get('network') === 'mansfield' && u.searchParams.get('period') === 'year');
      main = await mainText(page);
      expect(main).toContain('The Family Hubs of Mansfield Family Hub Network');
      const hubCell = await heatCell(page, "Parents' mental health", 'Mansfield town');
      await checked(page, 'heatmap-mansfield', 1280);

      // A cell opens the themes for that priority and network, for the same period.
      await hubCell.getByRole('link').click();
      await page.waitForURL((u) => u.pathname === '/partner/themes');
      const search = new URL(page.url()).searchParams;
      expect(Object.fromEntries(search)).toMatchObject({ priority: MENTAL, network: 'mansfield', period: 'year' });
      main = await mainText(page);
      expect(main).toContain('Nobody keeps in touch while you wait');
      expect(main).not.toContain('Getting to the hub costs too much');
      await protectedNotes(page, 1);
      await checked(page, 'themes', 1280);

      await page.getByRole('link', { name: 'Nobody keeps in touch while you wait' }).click();
      await page.waitForURL((u) => u.pathname === `/partner/themes/${waitingTheme}`);
      main = await mainText(page);
      expect(main).toContain('In families’ own words');
      expect(main).toContain(QUOTE);
      expect(main).toContain('Officers chose these quotes');
      expect(main).not.toContain('Jo Bloggs');
      expect(main).toContain('Waiting lists for support are long');
      // The figures, the four spreads and the months.
      await protectedNotes(page, 6);
      await checked(page, 'theme', 1280);

      // The heatmap as a spreadsheet, for the period and filters chosen.
      await page.goto('/partner/heatmap');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download this heatmap as a spreadsheet/ }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${tenant}-heatmap-networks-\\d{4}-\\d{2}-to-\\d{4}-\\d{2}\\.csv$`));
      const bytes = await readFile((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = bytes.toString('utf8').slice(1);
      const lines = csv.split('\r\n');
      expect(lines[0]).toMatch(/^"Partnership insight: comments by priority and hub networks – .+ – \w+ \d{4} to \w+ \d{4}\."$/);
      expect(lines[1]).toMatch(/^"Every number about people is changed slightly by the cell key method.+A changed number under 5 is left empty/);
      expect(lines[2]).toBe(`"How we protect these numbers: ${new URL(page.url()).origin}${PROTECTION()}"`);
      for (const secret of ['Jo Bloggs', '@', NAMED, 'dads-partners']) expect(csv).not.toContain(secret);
      const headerAt = lines.findIndex((l) => l.startsWith('"priority"'));
      const header = csvCells(lines[headerAt]!);
      // No words in a number column: every cell after the priority's name is a number, "yes" (a flag) or empty.
      for (const line of lines.slice(headerAt + 1).filter(Boolean)) for (const cell of csvCells(line).slice(1)) expect(cell).toMatch(/^(\d+(\.\d+)?|yes|)$/);
      const mental = csvCells(lines.find((l) => l.startsWith('"Parents\' mental health"'))!);
      const at = header.indexOf('Mansfield Family Hub Network');
      expect(header.slice(at, at + 3)).toEqual(['Mansfield Family Hub Network', 'Mansfield Family Hub Network: fewer than 5', 'Mansfield Family Hub Network: share of its feedback (%)']);
      expect(mental[at]).toMatch(/^\d+$/);
      expect(mental[at + 1]).toBe('');
      // Broxtowe's 3: a number, or empty with "yes" beside it, never both.
      const bx = header.indexOf('Broxtowe Family Hub Network');
      expect(mental[bx] === '', `Broxtowe: "${mental[bx]}", "${mental[bx + 1]}"`).toBe(mental[bx + 1] === 'yes');

      // Each view, filter and period downloads under a name of its own, starting with the same lines.
      const files: [string, RegExp][] = [
        ['/partner/overview.csv', new RegExp(`^${tenant}-overview-`)],
        ['/partner/voice.csv', new RegExp(`^${tenant}-whose-voice-`)],
        ['/partner/heatmap.csv?network=mansfield', new RegExp(`^${tenant}-heatmap-hubs-mansfield-`)],
        ['/partner/heatmap.csv?group=dads-partners', new RegExp(`^${tenant}-heatmap-networks-group-dads-partners-`)],
        [`/partner/themes.csv?priority=${MENTAL}`, new RegExp(`^${tenant}-themes-priority-${MENTAL}-`)],
        [`/partner/themes.csv?priority=${MENTAL}&network=mansfield`, new RegExp(`^${tenant}-themes-priority-${MENTAL}-network-mansfield-`)],
        [`/partner/themes/${waitingTheme}/theme.csv`, new RegExp(`^${tenant}-theme-${waitingTheme}-`)],
        ['/partner/trends.csv?period=year', new RegExp(`^${tenant}-trends-\\d{4}-04-to-\\d{4}-03\\.csv$`)],
      ];
      const names = new Set<string>();
      for (const [path, name] of files) {
        const response = await page.request.get(path);
        expect(response.status(), path).toBe(200);
        const filename = /filename="([^"]+)"/.exec(response.headers()['content-disposition'] ?? '')?.[1] ?? '';
        expect(filename, path).toMatch(name);
        expect(filename, path).toMatch(/-\d{4}-\d{2}-to-\d{4}-\d{2}\.csv$/);
        names.add(filename);
        const text = (await response.body()).toString('utf8');
        expect(text, path).toMatch(/^\uFEFF"Partnership insight: [^"]+ – \w+ \d{4} to \w+ \d{4}\."\r\n"Every number about people is changed slightly by the cell key method/);
        expect(text, path).toContain(`How we protect these numbers: ${new URL(page.url()).origin}${PROTECTION()}`);
        // Words only in the lines about the file and in text columns, never a cell of "fewer than 5" or "hidden".
        for (const line of text.split('\r\n')) for (const cell of csvCells(line)) expect(cell, path).not.toMatch(/^(fewer than \d+|hidden)$/i);
        for (const secret of ['Jo Bloggs', '@', QUOTE]) expect(text, path).not.toContain(secret);
      }
      expect(names.size).toBe(files.length);

      await nav.getByRole('link', { name: 'Whose voice' }).click();
      await page.waitForURL((u) => u.pathname === '/partner/voice');
      main = await mainText(page);
      expect(main).toContain('Who we are not hearing enough from');
      expect(main).toContain('Dads and partners');
      // The groups' table and each group's own tables.
      await protectedNotes(page, 2);
      await checked(page, 'voice', 1280);

      await nav.getByRole('link', { name: 'Trends' }).click();
      await page.waitForURL((u) => u.pathname === '/partner/trends');
      expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('#trend-all-table tbody tr').count()).toBe(12);
      for (const cell of await page.locator('#trend-all-table tbody td:nth-of-type(1)').allTextContents()) expect(cell.trim()).toMatch(/^(\d[\d,]*|fewer than 5)$/);
      await protectedNotes(page, 2);
      await checked(page, 'trends', 1280);

      // Officer pages stay closed to partners.
      for (const path of ['/officer', '/officer/feedback', `/officer/feedback/${namedComment}`]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
      }
    } finally {
      await context.close();
    }
  }, 150_000);
});

describe('a partnership member reading the insight (JavaScript off, 320 px)', () => {
  it('chooses a period with the form, is told about a wrong month, and reads every view without the page scrolling sideways', async () => {
    const { context, page } = await signedIn(browser, { email: partner.caller.email, password: PASSWORD }, { landing: '/partner', javaScript: false, width: 320 });
    try {
      await checked(page, 'overview', 320);
      // A month that isn't one: the error summary and the message by the field, no numbers.
      await page.getByLabel('Period', { exact: true }).selectOption('custom');
      await page.getByLabel('First month').fill('2026-13');
      await page.getByLabel('Last month').fill('2026-10');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL((u) => u.searchParams.get('from') === '2026-13');
      expect(await page.locator('.error-summary').textContent()).toContain('Enter a month like 2026-04');
      expect(await page.locator('#from-error').textContent()).toContain('Enter a month like 2026-04');
      expect(await page.locator('#figure-feedback').count()).toBe(0);
      expect(await page.title()).toMatch(/^Error: /);
      await checked(page, 'overview-error', 320);

      await page.goto('/partner/heatmap');
      // The table scrolls inside its own focusable box, not the page.
      const box = page.locator('.table-scroll').first();
      expect(await box.getAttribute('tabindex')).toBe('0');
      expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await checked(page, 'heatmap', 320);

      await page.getByLabel('Family Hub network', { exact: true }).selectOption('bassetlaw');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL((u) => u.searchParams.get('network') === 'bassetlaw');
      const worksop = await heatCell(page, "Parents' mental health", 'Worksop');
      expect((await worksop.textContent())!.replace(/\s+/g, ' ').trim()).toMatch(/^\d+ ,? ?[\d.]+%$/);
      // One group's feedback is shown by network only: the network chosen is let go.
      await page.getByLabel('Group of families').selectOption('dads-partners');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL((u) => u.searchParams.get('group') === 'dads-partners');
      expect(await page.locator('#heatmap caption').textContent()).toContain('dads and partners only');
      expect(await page.getByLabel('Family Hub network', { exact: true }).inputValue()).toBe('');
      await page.goBack();
      await worksop.getByRole('link').click();
      await page.waitForURL((u) => u.pathname === '/partner/themes' && u.searchParams.get('network') === 'bassetlaw');
      await checked(page, 'themes', 320);
      await page.getByRole('link', { name: 'Nobody keeps in touch while you wait' }).click();
      await page.waitForURL((u) => u.pathname === `/partner/themes/${waitingTheme}`);
      expect(await mainText(page)).toContain(QUOTE);
      await protectedNotes(page, 6);
      await checked(page, 'theme', 320);

      await page.goto('/partner/voice');
      await checked(page, 'voice', 320);
      await page.goto('/partner/trends');
      await checked(page, 'trends', 320);
    } finally {
      await context.close();
    }
  }, 150_000);
});
