import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { consultationInput } from '@pv/shared/consultation.schema';
import { changeStage, createConsultation } from '../../functions/src/consultations/consultations.service.ts';
import { newId } from '../../functions/src/platform/ids.ts';
import { expectAccessible, expectNoSidewaysScroll, launch, newContext } from '../support/browser.ts';

/** The public consultation pages, as on a phone without JavaScript: open ones first, the timeline, never drafts. */

const TENANT = 'notts';
const officer = { sub: 'e2e-officer', email: 'officer@test.example', tenantId: TENANT, roles: ['officer' as const] };
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

async function consultation(title: string, stages: ('open' | 'closed' | 'analysing')[]) {
  let c = await createConsultation(
    officer,
    TENANT,
    consultationInput.parse({
      title,
      summary: 'How it feels to wait for support, and what would help while you wait.',
      whyAsking: 'Parents told us they hear nothing while they wait.',
      canChange: 'How we keep in touch while you wait.',
      cannotChange: 'How long NHS waiting lists are.',
      priorityIds: ['parents-mental-health'],
      networkIds: ['bassetlaw'],
      opensOn: day(-10),
      closesOn: day(20),
    }),
  );
  for (const stage of stages) c = await changeStage(officer, TENANT, c.id, c.version, stage);
  return c;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('public consultation pages (JavaScript off, 320 px)', () => {
  it('lists open consultations first, shows one with its timeline, and never shows a draft', async () => {
    const suffix = newId().slice(-6).toLowerCase();
    const open = await consultation(`Waiting for a referral ${suffix}`, ['open']);
    const analysing = await consultation(`Stay and play times ${suffix}`, ['open', 'closed', 'analysing']);
    const draft = await consultation(`Not ready yet ${suffix}`, []);
    const context = await newContext(browser, { javaScript: false, width: 320, timeout: 30_000 });
    const page = await context.newPage();

    await page.goto(`/${TENANT}`);
    await page.getByRole('link', { name: 'Consultations' }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/consultations`);
    const main = (await page.locator('main').textContent())!;
    expect(main.indexOf(open.title)).toBeLessThan(main.indexOf('Earlier consultations'));
    expect(main.indexOf(analysing.title)).toBeGreaterThan(main.indexOf('Earlier consultations'));
    expect(main).not.toContain(draft.title);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);

    await page.getByRole('link', { name: analysing.title }).click();
    await page.waitForURL((u) => u.pathname === `/${TENANT}/consultations/${analysing.id}`);
    expect(await h1(page)).toBe(analysing.title);
    const timeline = (await page.locator('.timeline').textContent())!.replace(/\s+/g, ' ');
    expect(timeline).toMatch(/Open since .*Closed since .*Analysing what we heard since .*Reported back not yet/);
    expect(await page.getByText('How long NHS waiting lists are.').count()).toBe(1);
    expect(await page.getByText('Families in Bassetlaw').count()).toBe(1);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);

    const response = await page.goto(`/${TENANT}/consultations/${draft.id}`);
    expect(response!.status()).toBe(404);
    await context.close();
  }, 120_000);
});
