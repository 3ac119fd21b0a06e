import { describe, expect, it } from 'vitest';
import { readCounters } from '../../../functions/src/representation/representation.repository.ts';
import { assistedInput, joiner, linkToken, mailTo, officerCaller, tenantItems, testPanel } from '../../support/panels.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';
import { addAssistedMember } from '../../../functions/src/panels/panels.service.ts';

/** Joins and confirms through the API; returns the member's session. */
async function member(tenant: string, panelId: string, overrides = {}) {
  const details = joiner(overrides);
  await api(`/tenants/${tenant}/public/panels/${panelId}/join`, { method: 'POST', json: details });
  const [mail] = await mailTo(String(details.email));
  const confirmed = await api(`/tenants/${tenant}/membership/confirm`, { method: 'POST', json: { token: linkToken(mail!) } });
  const session = String(confirmed.body!.session);
  const as = (path: string, init: Parameters<typeof api>[1] = {}) =>
    api(`/tenants/${tenant}/me${path}`, { ...init, headers: { ...(init.headers as object), 'x-member-session': session } });
  return { details, session, as };
}

const dadProfile = {
  consent: true,
  parentRole: 'dad',
  ageBand: '25-34',
  ethnicity: 'black-caribbean',
  lgbt: 'prefer-not-to-say',
  disability: 'no',
  childSend: 'no',
  neurodiverse: 'no',
  neonatal: 'yes',
  digitalAccess: 'good',
  mainLanguage: 'English',
};

const tally = async (tenant: string, scope: string, what: string) => (await readCounters(tenant)).counts.get(scope)?.get(what) ?? { n: 0, k: 0 };
const count = async (tenant: string, scope: string, what: string) => (await tally(tenant, scope, what)).n;
/** The record keys on the tenant's COUNTED items (a scan: tests only). */
const recordKeys = async (tenant: string) => (await tenantItems(tenant)).filter((i) => i.type === 'counted').map((i) => i.recordKey);

describe('equality monitoring', () => {
  it('is counted only with consent, moves the counters, and withdrawing removes the answers and the counts', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const m = await member(tenant, panel.id);

    const noConsent = await m.as('/profile', { method: 'PUT', json: { ...dadProfile, consent: false } });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body!.errors.consent).toMatch(/Tick the box/);
    expect(await count(tenant, 'ALL', 'ANSWERED')).toBe(0);

    expect((await m.as('/profile', { method: 'PUT', json: dadProfile })).status).toBe(204);
    expect(await count(tenant, `PANEL#${panel.id}`, 'GROUP#dads-partners')).toBe(1);
    expect(await count(tenant, 'ALL', 'GROUP#ethnic-minority')).toBe(1);
    expect(await count(tenant, 'ALL', 'GROUP#neonatal')).toBe(1);
    expect(await count(tenant, 'ALL', 'GROUP#lgbt')).toBe(0);
    expect(await count(tenant, 'ALL', 'ANSWERED')).toBe(1);

    // Changing an answer moves the counters, once.
    await m.as('/profile', { method: 'PUT', json: { ...dadProfile, parentRole: 'mum' } });
    await m.as('/profile', { method: 'PUT', json: { ...dadProfile, parentRole: 'mum' } });
    expect(await count(tenant, 'ALL', 'GROUP#dads-partners')).toBe(0);
    expect(await count(tenant, 'ALL', 'ANSWERED')).toBe(1);

    const own = await m.as('/profile');
    expect(own.body!.answers.parentRole).toBe('mum');

    expect((await m.as('/profile', { method: 'DELETE' })).status).toBe(204);
    expect((await m.as('/profile')).body).toEqual({});
    expect(await count(tenant, 'ALL', 'ANSWERED')).toBe(0);
    expect(await count(tenant, 'ALL', 'GROUP#ethnic-minority')).toBe(0);
    const ledger = (await m.as('/data')).body!.consents.filter((c: { purpose: string }) => c.purpose === 'equality-monitoring');
    expect(ledger.map((c: { action: string }) => c.action)).toEqual(['given', 'given', 'given', 'withdrawn']);
    expect(ledger[0].wordingVersion).toBe('equality-2026-11');
  });

  it('moves every counter by the member’s own record key, the same one through every change', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const m = await member(tenant, panel.id);
    const [key] = await recordKeys(tenant);
    expect(key).toEqual(expect.any(Number));
    expect(key).toBeGreaterThanOrEqual(0);
    expect(key).toBeLessThan(256);
    expect(await tally(tenant, 'ALL', 'MEMBERS')).toEqual({ n: 1, k: key });

    await m.as('/profile', { method: 'PUT', json: dadProfile });
    await m.as('/profile', { method: 'PUT', json: { ...dadProfile, parentRole: 'mum' } });
    expect(await tally(tenant, `PANEL#${panel.id}`, 'ANSWERED')).toEqual({ n: 1, k: key });
    expect(await tally(tenant, 'ALL', 'GROUP#ethnic-minority')).toEqual({ n: 1, k: key });
    expect(await tally(tenant, 'ALL', 'GROUP#dads-partners')).toEqual({ n: 0, k: 0 });
    await m.as('/profile', { method: 'DELETE' });
    expect(await tally(tenant, 'ALL', 'ANSWERED')).toEqual({ n: 0, k: 0 });
    expect(await recordKeys(tenant)).toEqual([key]);

    await m.as('/leave', { method: 'POST', json: {} });
    expect(await tally(tenant, 'ALL', 'MEMBERS')).toEqual({ n: 0, k: 0 });
    expect(await recordKeys(tenant)).toEqual([key]);
  });

  it('stores the answers apart from contact details, and never shows them to officers', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const m = await member(tenant, panel.id);
    await m.as('/profile', { method: 'PUT', json: dadProfile });
    const items = await tenantItems(tenant);
    const memberItem = items.find((i) => i.type === 'member')!;
    expect(JSON.stringify(memberItem)).not.toMatch(/black-caribbean|dads-partners|parentRole/);
    const profile = items.find((i) => i.type === 'profile')!;
    expect(String(profile.PK)).toMatch(/#PROFILE#/);
    expect(profile).not.toHaveProperty('name');
    expect(profile).not.toHaveProperty('email');

    const officer = await signedInUser(tenant, 'officer');
    const members = await api(`/tenants/${tenant}/panels/${panel.id}/members`, { token: officer.token });
    expect(members.status).toBe(200);
    expect(JSON.stringify(members.body)).not.toMatch(/black-caribbean|dad"|parentRole|answers/);
    const one = await api(`/tenants/${tenant}/panels/${panel.id}/members/${memberItem.id}`, { token: officer.token });
    expect(JSON.stringify(one.body)).not.toMatch(/black-caribbean|parentRole/);
  });
});

describe('who can see what', () => {
  it('lets a member see only their own membership, and only in their own partnership', async () => {
    const tenant = await freshTenant();
    const other = await freshTenant();
    const panel = await testPanel(tenant);
    const a = await member(tenant, panel.id, { name: 'Member A' });
    const b = await member(tenant, panel.id, { name: 'Member B' });
    expect((await a.as('')).body!.member.name).toBe('Member A');
    expect((await b.as('')).body!.member.name).toBe('Member B');
    // No session, a made-up session, or a session used on another partnership's address: nothing.
    expect((await api(`/tenants/${tenant}/me`)).status).toBe(401);
    expect((await api(`/tenants/${tenant}/me`, { headers: { 'x-member-session': 'x'.repeat(43) } })).status).toBe(401);
    expect((await api(`/tenants/${other}/me`, { headers: { 'x-member-session': a.session } })).status).toBe(401);
  });

  it('keeps officers to their own partnership and partners away from member data', async () => {
    const tenant = await freshTenant();
    const other = await freshTenant();
    const panel = await testPanel(tenant);
    await member(tenant, panel.id);
    const outsider = await signedInUser(other, 'officer');
    expect((await api(`/tenants/${tenant}/panels`, { token: outsider.token })).status).toBe(403);
    expect((await api(`/tenants/${tenant}/panels/${panel.id}/members`, { token: outsider.token })).status).toBe(403);
    // Same path shape, own tenant: the other tenant's panel simply isn't there.
    expect((await api(`/tenants/${other}/panels/${panel.id}/members`, { token: outsider.token })).status).toBe(404);

    const partner = await signedInUser(tenant, 'partner');
    expect((await api(`/tenants/${tenant}/panels/${panel.id}/members`, { token: partner.token })).status).toBe(403);
    expect((await api(`/tenants/${tenant}/panels`, { token: partner.token })).status).toBe(403);
    expect((await api(`/tenants/${tenant}/panels/${panel.id}/members-export`, { method: 'POST', json: {}, token: partner.token })).status).toBe(403);
    const views = await api(`/tenants/${tenant}/representation`, { token: partner.token });
    expect(views.status).toBe(200);
    // One member: changed by at most 2, still under 5, so not even the panel's size is shown, nor anything about it.
    for (const view of views.body as { members: object; answered: object; rows: { count?: number; suppressed: boolean }[] }[]) {
      expect(view.members).toEqual({ suppressed: true });
      expect(view.answered).toEqual({ suppressed: true });
      for (const row of view.rows) expect(row).toMatchObject({ suppressed: true });
    }
    expect(JSON.stringify(views.body)).not.toContain('Sam Taylor');
  });
});

describe('leaving and erasing', () => {
  it('leaving takes a member out of the counts and lets them join again later', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const m = await member(tenant, panel.id);
    await m.as('/profile', { method: 'PUT', json: dadProfile });
    expect((await m.as('/leave', { method: 'POST', json: {} })).status).toBe(204);
    for (const what of ['MEMBERS', 'ANSWERED', 'GROUP#dads-partners', 'GROUP#low-income-area']) expect(await count(tenant, 'ALL', what)).toBe(0);
    expect((await m.as('')).body!.member.status).toBe('left');
    // Their equality answers go with them; the ledger says so.
    expect((await m.as('/profile')).body).toEqual({});
    const ledger = (await m.as('/data')).body!.consents.map((c: { purpose: string; action: string }) => `${c.purpose}:${c.action}`);
    expect(ledger).toEqual(expect.arrayContaining(['panel-contact:withdrawn', 'equality-monitoring:withdrawn']));
    const again = await api(`/tenants/${tenant}/public/panels/${panel.id}/join`, { method: 'POST', json: m.details });
    expect(again.status).toBe(202);
    expect((await tenantItems(tenant)).filter((i) => i.type === 'member' && i.status === 'pending')).toHaveLength(1);
  });

  it('erasing removes their personal data from every item that held it, and the counts stay right', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const stays = await member(tenant, panel.id, { name: 'Stays Here' });
    await stays.as('/profile', { method: 'PUT', json: dadProfile });
    const m = await member(tenant, panel.id, { name: 'Erin Erasable', phone: '07700 900456', supportNeeds: 'Needs a ramp' });
    await m.as('/profile', { method: 'PUT', json: { ...dadProfile, ethnicity: 'asian-indian' } });
    expect(await count(tenant, 'ALL', 'MEMBERS')).toBe(2);
    expect(await count(tenant, 'ALL', 'GROUP#dads-partners')).toBe(2);

    expect((await m.as('/erase', { method: 'POST', json: {} })).status).toBe(204);

    const everything = JSON.stringify(await tenantItems(tenant));
    for (const personal of ['Erin Erasable', String(m.details.email), '07700900456', 'Needs a ramp', 'asian-indian']) {
      expect(everything).not.toContain(personal);
    }
    expect(everything).toContain('Stays Here');
    expect(await count(tenant, 'ALL', 'MEMBERS')).toBe(1);
    expect(await count(tenant, 'ALL', 'ANSWERED')).toBe(1);
    expect(await count(tenant, 'ALL', 'GROUP#dads-partners')).toBe(1);
    expect(await count(tenant, `PANEL#${panel.id}`, 'GROUP#ethnic-minority')).toBe(1);
    // Their record key went with their COUNTED item, and out of every key sum: what is left is the other member's.
    const [staysKey] = await recordKeys(tenant);
    expect(await recordKeys(tenant)).toHaveLength(1);
    expect(await tally(tenant, 'ALL', 'MEMBERS')).toEqual({ n: 1, k: staysKey });
    expect(await tally(tenant, 'ALL', 'GROUP#dads-partners')).toEqual({ n: 1, k: staysKey });
    // The session is gone with them.
    expect((await m.as('')).status).toBe(401);
  });

  it('an officer can add someone who joined by phone, with verbal consent recorded against the officer', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const added = await addAssistedMember(officerCaller(tenant), tenant, panel.id, {
      ...assistedInput({ email: '', phone: '07700900789', preferredChannel: 'phone' }),
      recruitedBy: 'phone',
    });
    expect(added.status).toBe('active');
    expect(added.assisted).toMatchObject({ recruitedBy: 'phone', by: officerCaller(tenant).email });
    const consent = (await tenantItems(tenant)).find((i) => i.type === 'consent');
    expect(consent).toMatchObject({ method: 'verbal', recordedBy: officerCaller(tenant).email, purpose: 'panel-contact' });
    expect(await count(tenant, 'ALL', 'MEMBERS')).toBe(1);
  });
});
