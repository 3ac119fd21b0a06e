import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demo, expectAccessible, expectNoSidewaysScroll, launch, newContext } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

describe.each([{ javaScript: true }, { javaScript: false }])('staff signing in (JavaScript $javaScript)', ({ javaScript }) => {
  it.each([
    { who: 'an officer', user: demo.nottsOfficer, lands: '/officer' },
    { who: 'a partner', user: demo.nottsPartner, lands: '/partner' },
    { who: 'an admin', user: demo.nottsAdmin, lands: '/admin' },
  ])('takes $who to their own area, then signs them out', async ({ user, lands }) => {
    const context = await newContext(browser, { javaScript });
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    await expect.poll(() => new URL(page.url()).pathname).toBe(lands);
    expect(await page.locator('main').textContent()).toContain('Nottinghamshire Best Start Partnership');
    await expectAccessible(page);

    // The session is an httpOnly, SameSite=Lax cookie: no token is readable by page scripts.
    const cookies = await context.cookies();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      // The __Host- prefix: the browser took it only because it is Secure, Path=/ and has no Domain.
      expect(cookie.name).toMatch(/^__Host-/);
      expect(cookie).toMatchObject({ secure: true, path: '/' });
    }
    if (javaScript) expect(await page.evaluate(() => document.cookie)).toBe('');
    // One cookie, an opaque session id: no token in a cookie or in the page (issue 14 §2).
    expect(cookies.map((c) => c.name)).toEqual(['__Host-pv_session']);
    for (const cookie of cookies) expect(cookie.value).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(await page.content()).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await page.getByText('You have signed out.').count()).toBe(1);
    expect(await context.cookies()).toEqual([]);
    await page.goto(lands);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');

    // Replaying the signed-out cookie opens nothing: the page asks to sign in, a form post is refused.
    await context.addCookies(cookies);
    await page.goto(lands);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    const post = await context.request.post(`${lands}?/anything`, { form: { x: '1' }, maxRedirects: 0, headers: { origin: new URL(inject('env').webUrl).origin } });
    expect(post.status()).toBe(303);
    expect(post.headers().location).toMatch(/^\/sign-in\?returnTo=/);
    await context.close();
  });

  it('never follows a returnTo off the site, signing in or already signed in (issue 14 §3)', async () => {
    const context = await newContext(browser, { javaScript });
    const page = await context.newPage();
    // The value: "/", a tab, "/localhost:9999/phish", which a browser reads as //localhost:9999.
    await page.goto('/sign-in?returnTo=%2F%09%2Flocalhost%3A9999%2Fphish');
    await page.getByLabel('Email address').fill(demo.nottsOfficer.email);
    await page.getByLabel('Password').fill(demo.nottsOfficer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/officer');
    expect(new URL(page.url()).origin).toBe(new URL(inject('env').webUrl).origin);

    // Signed in, the sign-in page's GET alone redirects: only ever to a path on this site, never a 500.
    for (const returnTo of ['%2F%09%2Flocalhost%3A9999%2Fphish', '%2F%2Fevil.example', '%2F%5Cevil.example', '%2Fofficer%0A%2Fthemes', 'https%3Aevil.example', '%2Fadmin']) {
      const res = await context.request.get(`/sign-in?returnTo=${returnTo}`, { maxRedirects: 0 });
      expect(res.status(), returnTo).toBe(303);
      const location = res.headers().location!;
      expect(location, returnTo).toMatch(/^\/(?![/\\])[^\s]*$/);
      expect(new URL(location, inject('env').webUrl).origin, returnTo).toBe(new URL(inject('env').webUrl).origin);
      expect(location.startsWith('/admin'), returnTo).toBe(false);
    }
    await context.close();
  });

  it('gives one clear message for a wrong password and for an unknown email, at 320 px', async () => {
    const context = await newContext(browser, { javaScript, width: 320 });
    const page = await context.newPage();
    const messages: string[] = [];
    for (const [email, password] of [
      [demo.nottsAdmin.email, 'Wrong-password-1'],
      ['nobody@nowhere.example', 'Wrong-password-1'],
    ]) {
      await signIn(page, email!, password!);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      const summary = page.locator('.error-summary');
      await expect.poll(() => summary.count()).toBe(1);
      messages.push((await summary.locator('li').allTextContents()).join(' | '));
      await expectAccessible(page);
      await expectNoSidewaysScroll(page);
    }
    expect(messages[0]).toBe(messages[1]);
    expect(messages[0]).toMatch(/email address and password/i);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});

describe('too many wrong passwords (issue 14 §4)', () => {
  it('locks the account for 15 minutes after 5, says so in words and in Retry-After, without JavaScript at 320 px', async () => {
    const context = await newContext(browser, { javaScript: false, width: 320 });
    const page = await context.newPage();
    const email = `locked-${Date.now()}@nowhere.example`;
    for (let i = 0; i < 5; i++) await signIn(page, email, 'Wrong-password-1');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
    await signIn(page, email, 'Wrong-password-1');
    const response = await answer;
    expect(response.status()).toBe(429);
    expect(Number(response.headers()['retry-after'])).toBeGreaterThan(14 * 60);
    const summary = (await page.locator('.error-summary li').allTextContents()).join(' | ');
    expect(summary).toMatch(/too many attempts to sign in to this account\. Try again in 15 minutes\./);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
    await context.close();
  });
});

describe('roles and areas', () => {
  it('stops a partner using the admin area', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await signIn(page, demo.nottsPartner.email, demo.nottsPartner.password);
    const res = await page.goto('/admin/priorities');
    expect(res?.status()).toBe(403);
    await expectAccessible(page);
    await context.close();
  });

  it('sends someone who is not signed in to the sign-in page', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto('/admin');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });
});
