import { describe, expect, it } from 'vitest';
import { MAX_CHANGE, perturb, shown } from '@pv/shared/cell-key';
import type { RepresentationView } from '@pv/shared/panel.schema';
import { addAssistedMember, listPanels } from '../../../functions/src/panels/panels.service.ts';
import { readCounters } from '../../../functions/src/representation/representation.repository.ts';
import { representation } from '../../../functions/src/representation/representation.service.ts';
import { getConfig } from '../../../functions/src/tenants/tenants.service.ts';
import { assistedInput, linkToken, mailTo, officerCaller, tenantItems, testPanel } from '../../support/panels.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

const today = () => new Date().toISOString().slice(0, 10);

async function assisted(tenant: string, panelId: string, n: number, overrides = {}) {
  const members = [];
  for (let i = 0; i < n; i++) {
    members.push(
      await addAssistedMember(officerCaller(tenant), tenant, panelId, assistedInput(overrides)),
    );
  }
  return members;
}

describe('panel meetings', () => {
  it('invites members by email with a reply link, takes replies, records attendance and participation', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const officer = await signedInUser(tenant, 'officer');
    const [alex, , phoneOnly] = [
      ...(await assisted(tenant, panel.id, 2)),
      ...(await assisted(tenant, panel.id, 1, { email: '', phone: '07700 900111', preferredChannel: 'phone' })),
    ];
    const created = await api(`/tenants/${tenant}/panels/${panel.id}/meetings`, {
      method: 'POST',
      token: officer.token,
      json: { title: 'Autumn panel', date: today(), time: '10:00', hubId: 'mansfield-town', format: 'in-person', place: 'Main hall', supportOffered: ['creche', 'travel'] },
    });
    expect(created.status).toBe(201);
    const meetingId = created.body!.id;

    const invited = await api(`/tenants/${tenant}/panels/${panel.id}/meetings/${meetingId}/invitations`, { method: 'POST', json: {}, token: officer.token });
    expect(invited.body).toEqual({ invited: 3, emailed: 2, toPhone: 1 });
    // Inviting again invites nobody twice.
    const again = await api(`/tenants/${tenant}/panels/${panel.id}/meetings/${meetingId}/invitations`, { method: 'POST', json: {}, token: officer.token });
    expect(again.body).toEqual({ invited: 0, emailed: 0, toPhone: 0 });

    const mails = await mailTo(alex!.email, 2);
    const invitation = mails.find((m) => m.subject === "You're invited: Autumn panel")!;
    expect(invitation.text).toContain('Crèche'.toLowerCase());
    const session = await api(`/tenants/${tenant}/membership/use-link`, { method: 'POST', json: { token: linkToken(invitation) } });
    expect(session.body!.next).toBe(`meetings/${meetingId}`);
    const headers = { 'x-member-session': session.body!.session };
    const badReply = await api(`/tenants/${tenant}/me/meetings/${meetingId}/reply`, { method: 'PUT', headers, json: { reply: 'need-support' } });
    expect(badReply.status).toBe(400);
    expect(badReply.body!.errors.supportNeeded).toMatch(/Choose the support/);
    await api(`/tenants/${tenant}/me/meetings/${meetingId}/reply`, { method: 'PUT', headers, json: { reply: 'yes' } });
    await api(`/tenants/${tenant}/me/meetings/${meetingId}/reply`, { method: 'PUT', headers, json: { reply: 'need-support', supportNeeded: ['creche'] } });
    const mine = await api(`/tenants/${tenant}/me`, { headers });
    expect(mine.body!.invitations[0]).toMatchObject({ meetingId, reply: 'need-support', supportNeeded: ['creche'] });

    let meeting = (await api(`/tenants/${tenant}/panels/${panel.id}/meetings/${meetingId}`, { token: officer.token })).body!;
    expect(meeting.meeting.replies).toEqual({ yes: 0, no: 0, 'need-support': 1 });
    expect(meeting.invitations).toHaveLength(3);

    const recorded = await api(`/tenants/${tenant}/panels/${panel.id}/meetings/${meetingId}/attendance`, {
      method: 'PUT',
      token: officer.token,
      json: {
        version: meeting.meeting.version,
        attendees: [
          { memberId: alex!.id, attended: true, supportTaken: ['creche'] },
          { memberId: phoneOnly!.id, attended: true, supportTaken: [] },
        ],
      },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ attended: 2, supportTaken: { creche: 1 }, attendanceRecorded: true });
    // A stale version is caught.
    const stale = await api(`/tenants/${tenant}/panels/${panel.id}/meetings/${meetingId}/attendance`, {
      method: 'PUT',
      token: officer.token,
      json: { version: meeting.meeting.version, attendees: [] },
    });
    expect(stale.status).toBe(409);
    meeting = (await api(`/tenants/${tenant}/panels/${panel.id}/meetings/${meetingId}`, { token: officer.token })).body!;
    // Invitations carry record keys (an attendance is counted with one), which never leave the server.
    expect(meeting.invitations).toHaveLength(3);
    expect(JSON.stringify(meeting)).not.toContain('recordKey');
    expect(JSON.stringify((await api(`/tenants/${tenant}/me`, { headers })).body)).not.toContain('recordKey');
    // Recording again with one fewer moves the counts, not adds to them.
    await api(`/tenants/${tenant}/panels/${panel.id}/meetings/${meetingId}/attendance`, {
      method: 'PUT',
      token: officer.token,
      json: { version: meeting.meeting.version, attendees: [{ memberId: phoneOnly!.id, attended: false, supportTaken: [] }] },
    });
    const participation = await api(`/tenants/${tenant}/panels/${panel.id}/participation`, { token: officer.token });
    const thisMonth = participation.body!.months.at(-1);
    // One member came: changed by at most 2, that is under 5, so "fewer than 5". The meeting itself is not about anyone: exact.
    expect(thisMonth).toEqual({ month: today().slice(0, 7), meetings: 1, attended: null });
    expect(participation.body!.threshold).toBe(5);
    // A month with no meetings: nobody could come, a structural zero.
    expect(participation.body!.months[0]).toMatchObject({ meetings: 0, attended: 0 });
    const counted = (await readCounters(tenant)).months.get(panel.id)?.get(today().slice(0, 7));
    expect(counted?.attended.n).toBe(1);
    expect(participation.body!.notInvolvedFor6Months).toBe(0);
  });

  it('will not schedule a meeting at a hub outside the panel’s network, and writes nothing', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const officer = await signedInUser(tenant, 'officer');
    const res = await api(`/tenants/${tenant}/panels/${panel.id}/meetings`, {
      method: 'POST',
      token: officer.token,
      json: { title: 'Wrong hub', date: today(), time: '25:00', hubId: 'west-bridgford', format: 'in-person', supportOffered: ['limo'] },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body!.errors)).toEqual(expect.arrayContaining(['time', 'supportOffered.0']));
    const res2 = await api(`/tenants/${tenant}/panels/${panel.id}/meetings`, {
      method: 'POST',
      token: officer.token,
      json: { title: 'Wrong hub', date: today(), time: '10:00', hubId: 'west-bridgford', format: 'in-person', supportOffered: [] },
    });
    expect(res2.body!.errors.hubId).toMatch(/Choose a Family Hub/);
    expect((await api(`/tenants/${tenant}/panels/${panel.id}/meetings`, { token: officer.token })).body).toEqual([]);
  });
});

describe('representativeness', () => {
  it('publishes every count changed by the cell key method, holds back those under 5, and works shares out from what is published', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const second = await testPanel(tenant, 'ashfield');
    // 12 members at Mansfield town and 3 at Sutton in Ashfield: both in the most deprived deciles (low-income area).
    await assisted(tenant, panel.id, 12, { hubId: 'mansfield-town' });
    await assisted(tenant, second.id, 3, { hubId: 'sutton-in-ashfield-design-site' });
    const officer = await signedInUser(tenant, 'officer');
    const views = (await api(`/tenants/${tenant}/representation`, { token: officer.token })).body as RepresentationView[];
    const { counts } = await readCounters(tenant);
    const published = (scope: string, what: string) => shown(perturb(counts.get(scope)?.get(what) ?? { n: 0, k: 0 }), 5);
    const row = (v: RepresentationView, groupId: string) => v.rows.find((r) => r.groupId === groupId)!;

    const all = views.find((v) => v.scope.kind === 'tenant')!;
    // 15 members, changed by at most 2: always shown, and exactly what the p-table gives for these members' keys.
    expect(all.members.count).toBe(published('ALL', 'MEMBERS'));
    expect(Math.abs(all.members.count! - 15)).toBeLessThanOrEqual(MAX_CHANGE);
    expect(all.members).toMatchObject({ suppressed: false, sharePercent: 100 });
    const lowIncome = row(all, 'low-income-area');
    expect(lowIncome.count).toBe(published('ALL', 'GROUP#low-income-area'));
    expect(lowIncome.sharePercent).toBe(Math.min(100, Math.round((lowIncome.count! / all.members.count!) * 1000) / 10));
    expect(lowIncome).toMatchObject({ baselinePercent: 20, underRepresented: false });
    expect(lowIncome.gapPoints).toBe(Math.round((lowIncome.sharePercent! - 20) * 10) / 10);
    // Nobody said they are a dad: an empty cell stays 0, shown as "fewer than 5"; far below the 45% expected, so flagged.
    const dads = row(all, 'dads-partners');
    expect(dads).toMatchObject({ suppressed: true, underRepresented: true });
    expect(dads).not.toHaveProperty('count');

    const mansfield = views.find((v) => v.scope.kind === 'panel' && v.scope.panelId === panel.id)!;
    const ashfield = views.find((v) => v.scope.kind === 'panel' && v.scope.panelId === second.id)!;
    // Panel sizes are counts of people too.
    expect(mansfield.members.count).toBe(published(`PANEL#${panel.id}`, 'MEMBERS'));
    expect(Math.abs(mansfield.members.count! - 12)).toBeLessThanOrEqual(MAX_CHANGE);
    // Ashfield's 3 can come out as anything from 1 to 5: shown only when it comes out as 5, and then nothing under it is certain.
    expect(ashfield.members.count === undefined ? ashfield.members.suppressed : ashfield.members.count === 5).toBe(true);
    expect(row(mansfield, 'low-income-area').count).toBe(published(`PANEL#${panel.id}`, 'GROUP#low-income-area'));
    // Rural: nobody on either panel (both networks are towns). A true zero is never changed.
    for (const v of views) expect(row(v, 'rural')).toMatchObject({ suppressed: true });
    expect(perturb(counts.get('ALL')?.get('GROUP#rural') ?? { n: 0, k: 0 })).toBe(0);
    // One rule, one label: nothing says why a figure is held back.
    expect(JSON.stringify(views)).not.toMatch(/"reason"|secondary/);
    // Every figure shown is at least the threshold.
    const shownCounts = views.flatMap((v) => [v.members, v.answered, ...v.rows]).flatMap((c) => (c.count === undefined ? [] : [c.count]));
    expect(shownCounts.every((c) => c >= 5)).toBe(true);
    // Asking again gives the same figures: the same records, the same change.
    expect((await api(`/tenants/${tenant}/representation`, { token: officer.token })).body).toEqual(views);
  });

  it('holds back everything about a panel whose published size is under the threshold', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    await assisted(tenant, panel.id, 2, { hubId: 'mansfield-town' });
    const [, view] = (await representation(await getConfig(tenant), await listPanels(tenant))).views;
    expect(view!.members).toEqual({ suppressed: true });
    expect(view!.answered).toEqual({ suppressed: true });
    expect(view!.rows.every((r) => r.suppressed && !r.underRepresented && r.gapPoints === undefined)).toBe(true);
  });

  it('reads the same small number of items with 10 members or 60', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const config = await getConfig(tenant);
    await assisted(tenant, panel.id, 10, { hubId: 'mansfield-town' });
    const small = await representation(config, await listPanels(tenant));
    await assisted(tenant, panel.id, 50, { hubId: 'warsop' });
    const large = await representation(config, await listPanels(tenant));
    expect(large.itemsRead).toBe(small.itemsRead);
  });

  it('exports a contact list as CSV that spreadsheets open safely, and audits the export', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    await assisted(tenant, panel.id, 1, { name: '=HYPERLINK("http://evil.example","click")' });
    await assisted(tenant, panel.id, 1, { name: 'Zoë "Z" Smith' });
    const officer = await signedInUser(tenant, 'officer');
    const res = await api(`/tenants/${tenant}/panels/${panel.id}/members-export`, { method: 'POST', json: {}, token: officer.token });
    expect(res.body!.count).toBe(2);
    const csv: string = res.body!.csv;
    expect(csv.startsWith('\uFEFF"Name","Email"')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain('"Zoë ""Z"" Smith"');
    const audit = await api(`/tenants/${tenant}/audit`, { token: (await signedInUser(tenant, 'admin')).token });
    const entry = audit.body!.items.find((e: { action: string }) => e.action === 'export');
    expect(entry.summary).toBe(`Exported contact details of 2 members of ‘${panel.name}’`);
    expect(JSON.stringify(entry)).not.toContain('Smith');
  });
});

describe('logs', () => {
  it('keeps names and emails out of everything but member and outbox items', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const [m] = await assisted(tenant, panel.id, 1, { name: 'Priya Unique-Name' });
    // Every item of the tenant (a paged scan: the shared test table is read 1 MB at a time).
    const items = await tenantItems(tenant);
    expect(items.length).toBeGreaterThan(0);
    const holders = items.filter((i) => JSON.stringify(i).includes('Priya Unique-Name') || JSON.stringify(i).includes(m!.email)).map((i) => i.type);
    expect(new Set(holders)).toEqual(new Set(['member', 'outbox']));
  });
});
