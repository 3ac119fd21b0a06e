import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createPanel } from '../../functions/src/panels/panels.service.ts';
import { listMembers } from '../../functions/src/panels/panels.repository.ts';
import { newId } from '../../functions/src/platform/ids.ts';
import { expectAccessible, launch, newContext } from '../support/browser.ts';

/**
 * Joining a panel with the keyboard alone: Tab to every field, type, Space for choices, Enter to send,
 * with a visible focus style on every stop. With JavaScript on and off.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const officer = { sub: 'e2e-officer', email: 'officer@test.example', tenantId: 'notts', roles: ['officer' as const] };

interface Focused {
  tag: string;
  type: string;
  id: string;
  name: string;
  value: string;
  text: string;
  outline: string;
  boxShadow: string;
}

const focused = (page: Page) =>
  page.evaluate((): Focused => {
    const el = document.activeElement as HTMLInputElement;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      type: el.type ?? '',
      id: el.id,
      name: el.name ?? '',
      value: el.value ?? '',
      text: (el.textContent ?? '').trim(),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      boxShadow: style.boxShadow,
    };
  });

describe.each([{ javaScript: true }, { javaScript: false }])('joining a panel by keyboard (JavaScript $javaScript)', ({ javaScript }) => {
  it('reaches every field by Tab with a visible focus, fills the form without a mouse, and joins', async () => {
    const panel = await createPanel(officer, 'notts', {
      name: `Keyboard panel ${newId().slice(-6).toLowerCase()}`,
      description: '',
      networkId: 'mansfield',
      recruiting: true,
      targetSize: 20,
      status: 'active',
    });
    const email = `keys-${newId().toLowerCase()}@test.example`;
    const context = await newContext(browser, { javaScript, width: 1280 });
    const page = await context.newPage();
    try {
      await page.goto(`/notts/panels/${panel.id}/join`);
      await expectAccessible(page);
      const typed: Record<string, string> = { name: 'Kay Board', email, language: 'English' };
      const visited = new Set<string>();
      let submitted = false;
      for (let i = 0; i < 80 && !submitted; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        // Every stop shows where the focus is.
        expect(f.outline !== 'none 0px' || f.boxShadow !== 'none', `focus style on ${f.tag}#${f.id}`).toBe(true);
        visited.add(f.name || f.id || f.text);
        if ((f.tag === 'input' && ['text', 'email'].includes(f.type)) && typed[f.name] !== undefined) {
          await page.keyboard.type(typed[f.name]!);
        } else if (f.type === 'radio' && f.name === 'preferredChannel') {
          // Tab lands on the group; arrow keys move within it. Email is first: choose it with Space.
          await page.keyboard.press('Space');
        } else if (f.type === 'checkbox' && (f.name === 'agreeToContact' || (f.name === 'childAgeBands' && f.value === 'under-1'))) {
          await page.keyboard.press('Space');
        } else if (f.tag === 'button' && /Join/.test(f.text)) {
          await page.keyboard.press('Enter');
          submitted = true;
        }
      }
      expect(submitted).toBe(true);
      expect([...visited]).toEqual(expect.arrayContaining(['name', 'email', 'phone', 'preferredChannel', 'agreeToContact']));
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/notts/panels/${panel.id}/join/done`);
      expect(await page.locator('h1').textContent()).toMatch(/Check your email/);
      await expectAccessible(page);
      const members = await listMembers('notts', panel.id);
      expect(members.map((m) => [m.name, m.email, m.childAgeBands])).toEqual([['Kay Board', email, ['under-1']]]);
    } finally {
      await context.close();
    }
  });
});
