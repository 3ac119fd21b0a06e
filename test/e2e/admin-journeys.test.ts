import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { demo, expectAccessible, expectNoSidewaysScroll, launch, newContext, signedIn as signInAs } from '../support/browser.ts';
import { api } from '../support/tenants.ts';
import { demoTenants } from '../../functions/src/local/seed/demo-tenants.ts';

/**
 * Admin journeys through the configuration screens, as a person meets them: adding a group with a
 * rule, adding a population baseline, retiring and restoring a theme, a keyboard-only sign-in, and a
 * hub network that cannot be retired yet. Every journey leaves the demo data as it found it.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const SLOW = 150_000;

function signedIn(user: { email: string; password: string }, javaScript: boolean, width = 1280) {
  return signInAs(browser, user, { javaScript, width });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const named = (action: string, title: string) => new RegExp(`^${escape(action)}\\s*:\\s*${escape(title)}$`);

/** The row of a configuration list that holds the item with this id. */
function row(page: Page, id: string): Locator {
  return page.locator('tbody tr').filter({ has: page.locator(`[id="item-${id}"]`) });
}

/** Every page state with axe; at 320 px also that nothing scrolls sideways. */
async function check(page: Page, width: number): Promise<void> {
  await expectAccessible(page);
  if (width <= 320) await expectNoSidewaysScroll(page);
}

/** The text of a page (or of one item's row on it), read in a second tab so the form stays as it is. */
async function listText(context: BrowserContext, path: string, id?: string): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto(path);
    return (await (id ? row(page, id) : page.locator('main')).textContent()) ?? '';
  } finally {
    await page.close();
  }
}

/** "5 in use, 1 retired": what the admin dashboard says about one list. */
async function dashboardCount(context: BrowserContext, title: string): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto('/admin');
    const section = page.locator('.section-list > li').filter({ has: page.getByRole('link', { name: title, exact: true }) });
    return ((await section.locator('.secondary').textContent()) ?? '').replace(/\s+/g, ' ').trim();
  } finally {
    await page.close();
  }
}

async function auditWhats(page: Page): Promise<string[]> {
  await page.goto('/admin/audit');
  return (await page.locator('tbody tr td[data-label="What"]').allTextContents()).map((t) => t.trim());
}

/** Clean-up after a failed run: delete the item through its confirm page if it is still there. */
async function deleteIfPresent(context: BrowserContext, segment: string, id: string): Promise<void> {
  const page = await context.newPage();
  try {
    const res = await page.goto(`/admin/${segment}/${id}/delete`);
    if (res?.status() === 200 && (await page.getByRole('button', { name: 'Yes, delete it' }).count()) === 1) {
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.waitForURL((url) => url.pathname === `/admin/${segment}`);
    }
  } finally {
    await page.close();
  }
}

async function publicNotts() {
  const res = await api('/tenants/notts');
  expect(res.status).toBe(200);
  return res.body!;
}

const roleAnswers = 'mum, dad, partner, co-parent, adoptive-parent, kinship-carer, foster-carer, other';

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('an admin adding and deleting a group (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it(
    'refuses an answer the rule cannot have, keeps the input, saves nothing; then adds, deletes and audits the group',
    async () => {
      const name = `E2E carers ${javaScript ? 'js' : 'no js'} ${Date.now().toString(36)}`;
      const expectedId = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const { context, page } = await signedIn(demo.nottsAdmin, javaScript, width);
      try {
        await page.goto('/admin/groups');
        await check(page, width);
        await page.getByRole('link', { name: 'Add a group' }).click();
        await page.waitForURL((url) => url.pathname === '/admin/groups/new');
        expect(await page.locator('h1').textContent()).toBe('Add a group');
        // Three condition rows, each with its two selects and an answers box.
        expect(await page.locator('fieldset.condition').count()).toBe(3);
        await check(page, width);

        await page.getByLabel('Name', { exact: true }).fill(name);
        await page.getByLabel('Description (optional)').fill('Made by an end-to-end test.');
        await page.locator('#rule-0-field').selectOption({ label: 'Role (profile)' });
        await page.locator('#rule-0-operator').selectOption({ label: 'is one of' });
        await page.locator('#rule-0-values').fill('father');
        await page.getByRole('button', { name: 'Save group' }).click();

        const summary = page.locator('.error-summary');
        await summary.waitFor();
        const message = `"father" is not an answer to "Role (profile)". Use: ${roleAnswers}`;
        expect(await summary.locator('h2').textContent()).toBe('There is a problem');
        const links = summary.getByRole('link');
        expect(await links.count()).toBe(1);
        expect((await links.first().textContent())?.trim()).toBe(message);
        expect(await links.first().getAttribute('href')).toBe('#rule-0-values');
        expect(await page.locator('#rule-0-values-error').textContent()).toContain(message);
        expect(await page.locator('#rule-0-values').getAttribute('aria-describedby')).toContain('rule-0-values-error');
        expect(await page.title()).toBe('Error: Add a group – Admin – Parent Voice');
        // What was typed is still there.
        expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(name);
        expect(await page.getByLabel('Description (optional)').inputValue()).toBe('Made by an end-to-end test.');
        expect(await page.locator('#rule-0-field').inputValue()).toBe('profile.parentRole');
        expect(await page.locator('#rule-0-operator').inputValue()).toBe('in');
        expect(await page.locator('#rule-0-values').inputValue()).toBe('father');
        await check(page, width);
        if (javaScript) {
          // The summary's link takes the keyboard to the answers box.
          await links.first().click();
          expect(await page.evaluate(() => document.activeElement?.id)).toBe('rule-0-values');
        }
        // Nothing was saved.
        expect(await listText(context, '/admin/groups')).not.toContain(name);

        await page.locator('#rule-0-values').fill('dad');
        await page.getByRole('button', { name: 'Save group' }).click();
        await page.waitForURL((url) => url.pathname === '/admin/groups');
        const id = new URL(page.url()).searchParams.get('added');
        expect(id).toBe(expectedId);
        expect(await page.locator('.notification-banner').textContent()).toContain(`‘${name}’ has been added.`);
        const added = row(page, id!);
        expect(await added.count()).toBe(1);
        expect(await added.textContent()).toContain('Who is in it: Role (profile) is one of dad');
        expect(await added.textContent()).toContain('Description: Made by an end-to-end test.');
        await check(page, width);

        // It is used by nothing, so it can be deleted, after a confirm page.
        await added.getByRole('link', { name: named('Delete', name) }).click();
        await page.waitForURL((url) => url.pathname === `/admin/groups/${id}/delete`);
        expect(await page.locator('h1').textContent()).toBe(`Delete ${name}?`);
        expect(await page.locator('.summary-list').textContent()).toContain('Role (profile) is one of dad');
        await check(page, width);
        await page.getByRole('button', { name: 'Yes, delete it' }).click();
        await page.waitForURL((url) => url.pathname === '/admin/groups' && url.searchParams.has('deleted'));
        expect(await page.locator('.notification-banner').textContent()).toContain(`‘${name}’ has been deleted.`);
        expect(await row(page, id!).count()).toBe(0);
        expect(await page.locator('tbody').allTextContents()).not.toContain(expect.stringContaining(name));
        await check(page, width);
        expect((await page.goto(`/admin/groups/${id}`))?.status()).toBe(404);

        const whats = await auditWhats(page);
        expect(whats[0]).toBe(`Deleted group ‘${name}’`);
        expect(whats).toContain(`Added group ‘${name}’`);
        expect(whats.indexOf(`Added group ‘${name}’`)).toBeGreaterThan(0);
        expect((await page.locator('tbody tr').first().locator('td[data-label="Who"]').textContent())?.trim()).toBe(demo.nottsAdmin.email);
        await check(page, width);
      } finally {
        await deleteIfPresent(context, 'groups', expectedId);
        await context.close();
      }
    },
    SLOW,
  );
});

const nottsDemo = demoTenants.find((d) => d.id === 'notts')!;

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('an admin adding a population baseline (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it(
    'shows the seeded figures as illustrative, refuses an impossible date and a share over 100, then adds a real one',
    async () => {
      const id = 'lgbt--mansfield';
      const title = 'LGBT+ parents: Mansfield';
      const { context, page } = await signedIn(demo.nottsAdmin, javaScript, width);
      try {
        await page.goto('/admin/baselines');
        await check(page, width);
        expect(await page.locator('.inset-text').textContent()).toContain('Illustrative');
        const seeded = Object.keys(nottsDemo.baselines);
        expect(seeded.length).toBe(11);
        for (const groupId of seeded) {
          const tags = await row(page, `${groupId}--all`).locator('.tag').allTextContents();
          expect(tags, `baseline ${groupId}--all`).toContain('Illustrative');
        }
        expect(await row(page, 'lgbt--all').textContent()).toContain('Share of the population: 3%');
        expect(await row(page, id).count()).toBe(0);
        expect(await listText(context, '/admin/groups', 'lgbt')).toContain('Used by 1 record, so it cannot be deleted');

        await page.getByRole('link', { name: 'Add a baseline' }).click();
        await page.waitForURL((url) => url.pathname === '/admin/baselines/new');
        await check(page, width);

        await page.getByLabel('Group', { exact: true }).selectOption({ label: 'LGBT+ parents' });
        await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Mansfield' });
        await page.getByLabel('Share of the local population').fill('4.5');
        await page.getByLabel('Source', { exact: true }).fill('E2E test survey of Mansfield');
        await page.getByLabel('Day').fill('31');
        await page.getByLabel('Month').fill('2');
        await page.getByLabel('Year').fill('2021');
        await page.getByRole('button', { name: 'Save baseline' }).click();

        const summary = page.locator('.error-summary');
        await summary.waitFor();
        expect(await summary.getByRole('link').count()).toBe(1);
        expect((await summary.getByRole('link').first().textContent())?.trim()).toBe('Enter a real date');
        expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#sourceDate-day');
        expect(await page.locator('#sourceDate-error').textContent()).toContain('Enter a real date');
        expect(await page.locator('#sharePercent-error').count()).toBe(0);
        expect(await page.getByLabel('Day').inputValue()).toBe('31');
        expect(await page.getByLabel('Month').inputValue()).toBe('2');
        expect(await page.getByLabel('Year').inputValue()).toBe('2021');
        expect(await page.getByLabel('Group', { exact: true }).inputValue()).toBe('lgbt');
        expect(await page.getByLabel('Area', { exact: true }).inputValue()).toBe('Mansfield');
        expect(await page.getByLabel('Share of the local population').inputValue()).toBe('4.5');
        expect(await page.title()).toMatch(/^Error: /);
        await check(page, width);
        expect(await listText(context, '/admin/baselines')).not.toContain(title);

        await page.getByLabel('Day').fill('21');
        await page.getByLabel('Month').fill('3');
        await page.getByLabel('Share of the local population').fill('150');
        await page.getByRole('button', { name: 'Save baseline' }).click();
        await expect.poll(() => page.locator('#sourceDate-error').count()).toBe(0);
        await summary.waitFor();
        expect((await summary.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual([
          'Enter the share as a percentage from 0 to 100',
        ]);
        expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#sharePercent');
        expect(await page.locator('#sharePercent-error').textContent()).toContain('Enter the share as a percentage from 0 to 100');
        expect(await page.getByLabel('Share of the local population').inputValue()).toBe('150');
        // After a second refusal the choices made in the selects must still be there, as everything else is.
        // (Soft, so that a failure here still lets the rest of the journey run and clean up.)
        const kept = { group: await page.getByLabel('Group', { exact: true }).inputValue(), area: await page.getByLabel('Area', { exact: true }).inputValue() };
        expect.soft(kept, 'the Group and Area choices after a second refused save').toEqual({ group: 'lgbt', area: 'Mansfield' });
        if (kept.group !== 'lgbt' || kept.area !== 'Mansfield') {
          await page.getByLabel('Group', { exact: true }).selectOption({ label: 'LGBT+ parents' });
          await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Mansfield' });
        }
        await check(page, width);
        expect(await listText(context, '/admin/baselines')).not.toContain(title);

        await page.getByLabel('Share of the local population').fill('4.5');
        await page.getByRole('button', { name: 'Save baseline' }).click();
        await page.waitForURL((url) => url.pathname === '/admin/baselines');
        expect(new URL(page.url()).searchParams.get('added')).toBe(id);
        expect(await page.locator('.notification-banner').textContent()).toContain(`‘${title}’ has been added.`);
        const added = row(page, id);
        expect((await added.locator('.cell-title').textContent())?.trim()).toMatch(new RegExp(`^\\d+\\. ${escape(title)}$`));
        const details = (await added.locator('.cell-detail').allTextContents()).map((t) => t.trim());
        expect(details).toEqual([
          'Share of the population: 4.5%',
          'Source: E2E test survey of Mansfield',
          'Date of the source: 21 March 2021',
        ]);
        // Not ticked as illustrative, so not marked as such.
        expect(await added.locator('.tag').count()).toBe(0);
        await check(page, width);
        // The group now has two baselines pointing at it.
        expect(await listText(context, '/admin/groups', 'lgbt')).toContain('Used by 2 records, so it cannot be deleted');

        await added.getByRole('link', { name: named('Delete', title) }).click();
        await page.waitForURL((url) => url.pathname === `/admin/baselines/${id}/delete`);
        expect(await page.locator('h1').textContent()).toBe(`Delete ${title}?`);
        await check(page, width);
        await page.getByRole('button', { name: 'Yes, delete it' }).click();
        await page.waitForURL((url) => url.pathname === '/admin/baselines' && url.searchParams.has('deleted'));
        expect(await page.locator('.notification-banner').textContent()).toContain(`‘${title}’ has been deleted.`);
        expect(await row(page, id).count()).toBe(0);
        expect(await listText(context, '/admin/groups', 'lgbt')).toContain('Used by 1 record, so it cannot be deleted');
      } finally {
        await deleteIfPresent(context, 'baselines', id);
        await context.close();
      }
    },
    SLOW,
  );
});

describe('retiring a cross-cutting theme without JavaScript', () => {
  it(
    'marks it Retired, counts it as retired, then Restore brings it back; both are audited',
    async () => {
      const { context, page } = await signedIn(demo.nottsAdmin, false, 320);
      try {
        await page.getByRole('link', { name: 'Cross-cutting themes' }).click();
        await page.waitForURL((url) => url.pathname === '/admin/cross-cutting-themes');
        await check(page, 320);
        const theme = row(page, 'think-dad');
        expect(await theme.locator('.tag').count()).toBe(0);

        await theme.getByRole('button', { name: named('Retire', 'Think Dad') }).click();
        await page.waitForURL((url) => url.searchParams.get('retired') === 'think-dad');
        expect(await page.locator('.notification-banner').textContent()).toContain(
          '‘Think Dad’ is retired. Families will not see it and it cannot be used for anything new. You can restore it at any time.',
        );
        expect(await theme.locator('.tag').allTextContents()).toEqual(['Retired']);
        expect(await theme.getByRole('button', { name: named('Restore', 'Think Dad') }).count()).toBe(1);
        expect(await theme.getByRole('button', { name: named('Retire', 'Think Dad') }).count()).toBe(0);
        // The others are untouched.
        expect(await page.locator('tbody .tag').count()).toBe(1);
        await check(page, 320);
        expect(await dashboardCount(context, 'Cross-cutting themes')).toBe('4 in use, 1 retired');

        await theme.getByRole('button', { name: named('Restore', 'Think Dad') }).click();
        await page.waitForURL((url) => url.searchParams.get('restored') === 'think-dad');
        expect(await page.locator('.notification-banner').textContent()).toContain('‘Think Dad’ is back in use.');
        expect(await theme.locator('.tag').count()).toBe(0);
        expect(await theme.getByRole('button', { name: named('Retire', 'Think Dad') }).count()).toBe(1);
        await check(page, 320);
        expect(await dashboardCount(context, 'Cross-cutting themes')).toBe('5 in use');

        const whats = await auditWhats(page);
        expect(whats.slice(0, 2)).toEqual(['Restored cross-cutting theme ‘Think Dad’', 'Retired cross-cutting theme ‘Think Dad’']);
        await check(page, 320);
      } finally {
        // If the journey stopped half-way, bring the theme back for the other tests.
        await page.goto('/admin/cross-cutting-themes');
        const restore = row(page, 'think-dad').getByRole('button', { name: named('Restore', 'Think Dad') });
        if ((await restore.count()) === 1) {
          await restore.click();
          await page.waitForURL((url) => url.searchParams.has('restored'));
        }
        await context.close();
      }
    },
    SLOW,
  );
});

interface StopStyle {
  outline: string;
  outlineVisible: boolean;
  boxShadow: string;
  background: string;
  onScreen: boolean;
}

describe('a keyboard-only admin (JavaScript on)', () => {
  it(
    'signs in with the keyboard alone, and can reach every control on the priorities page by Tab, each with a visible focus style',
    async () => {
      const context = await newContext(browser, { javaScript: true, width: 1280 });
      const page = await context.newPage();
      try {
        await page.goto('/sign-in');
        await expectAccessible(page);
        const active = () =>
          page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            return { tag: el?.tagName ?? '', id: el?.id ?? '', text: el?.textContent?.trim() ?? '', href: el?.getAttribute('href') ?? '' };
          });

        await page.keyboard.press('Tab');
        const first = await active();
        expect(first).toMatchObject({ tag: 'A', text: 'Skip to main content', href: '#main-content' });
        expect(await page.locator('#main-content').count()).toBe(1);
        // The skip link shows itself on the screen while it has focus.
        const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);

        let presses = 1;
        while ((await active()).id !== 'email') {
          await page.keyboard.press('Tab');
          if (++presses > 15) throw new Error(`the email field was not reached in 15 presses of Tab; focus is on ${JSON.stringify(await active())}`);
        }
        await page.keyboard.type(demo.nottsAdmin.email);
        await page.keyboard.press('Tab');
        expect((await active()).id).toBe('password');
        await page.keyboard.type(demo.nottsAdmin.password);
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.pathname === '/admin');
        expect(await page.locator('h1').textContent()).toBe('Set up your partnership');
        await expectAccessible(page);

        await page.goto('/admin/priorities');
        await page.locator('h1', { hasText: 'Priorities' }).waitFor();
        await expectAccessible(page);

        // Every visible control on the page, marked so the Tab order can be matched against it.
        const controls = await page.evaluate(() => {
          const selector =
            'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
          const found: string[] = [];
          document.querySelectorAll<HTMLElement>(selector).forEach((el, i) => {
            const style = getComputedStyle(el);
            if (!el.getClientRects().length || style.visibility === 'hidden') return;
            el.dataset.e2eStop = String(i);
            found.push(`${i}: ${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().replace(/\s+/g, ' ')}”`);
          });
          return found;
        });
        // Header, skip link, 5 priorities with their moves, edit, retire and delete, footer.
        expect(controls.length).toBeGreaterThan(25);

        const styleOf = () =>
          page.evaluate(() => {
            const el = document.activeElement as HTMLElement;
            return el.dataset.e2eStop ?? (el === document.body ? 'body' : `unmarked ${el.tagName} ${el.id} ${el.textContent?.trim()}`);
          });
        const snapshot = (stop: string) =>
          page.evaluate((stop) => {
            const el = document.querySelector<HTMLElement>(`[data-e2e-stop="${stop}"]`)!;
            const s = getComputedStyle(el);
            const rect = el.getBoundingClientRect();
            const transparent = s.outlineColor === 'transparent' || /rgba\(.*,\s*0\)$/.test(s.outlineColor);
            return {
              outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
              outlineVisible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !transparent,
              boxShadow: s.boxShadow,
              background: s.backgroundColor,
              onScreen: rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth,
            };
          }, stop);

        const order: string[] = [];
        const focused = new Map<string, StopStyle>();
        for (let i = 0; i < 200; i++) {
          await page.keyboard.press('Tab');
          const stop = await styleOf();
          if (stop === 'body' || order.includes(stop)) break;
          expect(stop, `Tab reached an element that is not a control: ${stop}`).toMatch(/^\d+$/);
          order.push(stop);
          focused.set(stop, await snapshot(stop));
        }
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

        const marked = controls.map((c) => c.split(':')[0]!);
        const missed = controls.filter((c) => !order.includes(c.split(':')[0]!));
        expect(missed, 'controls that Tab never reaches').toEqual([]);
        expect([...order].sort((a, b) => Number(a) - Number(b))).toEqual(marked);
        // In the order of the page.
        expect(order).toEqual(marked);

        const invisible: string[] = [];
        for (const stop of order) {
          const on = focused.get(stop)!;
          const off = await snapshot(stop);
          const shows =
            (on.boxShadow !== off.boxShadow && on.boxShadow !== 'none') ||
            (on.outlineVisible && on.outline !== off.outline) ||
            on.background !== off.background ||
            (on.onScreen && !off.onScreen);
          if (!shows) invisible.push(`${controls.find((c) => c.startsWith(`${stop}:`))} focused ${JSON.stringify(on)} unfocused ${JSON.stringify(off)}`);
        }
        expect(order.length).toBeGreaterThanOrEqual(5);
        expect(invisible, 'controls with no visible change when focused').toEqual([]);
      } finally {
        await context.close();
      }
    },
    SLOW,
  );
});

describe.each([
  { javaScript: true, width: 1280 },
  { javaScript: false, width: 320 },
])('retiring a hub network that still has hubs (JavaScript $javaScript, $width px)', ({ javaScript, width }) => {
  it(
    'says to retire its 3 hubs first, in an error summary, and changes nothing',
    async () => {
      const publicBefore = await publicNotts();
      const ashfield = publicBefore.hubNetworks.find((n: { id: string }) => n.id === 'ashfield');
      expect(ashfield?.hubs).toHaveLength(3);
      const { context, page } = await signedIn(demo.nottsAdmin, javaScript, width);
      try {
        const auditBefore = await auditWhats(page);
        await page.goto('/admin/hub-networks');
        await check(page, width);
        const network = row(page, 'ashfield');
        // Its 3 hubs and the demo's Ashfield parent panel.
        expect(await network.textContent()).toContain('Used by 4 records, so it cannot be deleted');

        await network.getByRole('button', { name: named('Retire', 'Ashfield Family Hub Network') }).click();
        const summary = page.locator('.error-summary');
        await summary.waitFor();
        expect(await summary.locator('h2').textContent()).toBe('There is a problem');
        const link = summary.getByRole('link');
        expect(await link.count()).toBe(1);
        expect((await link.textContent())?.trim()).toBe("Retire this network's 3 hubs first.");
        expect(await link.getAttribute('href')).toBe('#item-ashfield');
        expect(await page.title()).toBe('Error: Hub networks – Admin – Parent Voice');
        if (javaScript) {
          // Focus moves to the summary, so it is read out first.
          expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
        }
        // No success message, nothing marked retired, the button still offers Retire.
        expect(await page.locator('.notification-banner').count()).toBe(0);
        expect(await page.locator('tbody .tag').count()).toBe(0);
        expect(await network.getByRole('button', { name: named('Retire', 'Ashfield Family Hub Network') }).count()).toBe(1);
        await check(page, width);

        expect(await publicNotts()).toEqual(publicBefore);
        expect(await dashboardCount(context, 'Hub networks')).toBe('7 in use');
        expect(await auditWhats(page)).toEqual(auditBefore);
      } finally {
        await context.close();
      }
    },
    SLOW,
  );
});
