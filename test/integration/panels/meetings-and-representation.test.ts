import { describe, expect, it } from 'vitest';
import { addAssistedMember, listPanels } from '../../../functions/src/panels/panels.service.ts';
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
    // Recording again with one fewer moves the counts, not adds to them.
    await api(`/tenants/${tenant}/panels/${panel.id}/meetings/${meetingId}/attendance`, {
      method: 'PUT',
      token: officer.token,
      json: { version: meeting.meeting.version, attendees: [{ memberId: phoneOnly!.id, attended: false, supportTaken: [] }] },
    });
    const participation = await api(`/tenants/${tenant}/panels/${panel.id}/participation`, { token: officer.token });
    const thisMonth = participation.body!.months.at(-1);
    expect(thisMonth).toEqual({ month: today().slice(0, 7), meetings: 1, attended: 1 });
    expect(participation.body!.activeMembers).toBe(3);
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
  it('shows each group’s share against its baseline, hides counts under 5, and flags the gaps', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const second = await testPanel(tenant, 'ashfield');
    // 12 members at Mansfield town and 3 at Sutton in Ashfield: both in the most deprived deciles (low-income area).
    await assisted(tenant, panel.id, 12, { hubId: 'mansfield-town' });
    await assisted(tenant, second.id, 3, { hubId: 'sutton-in-ashfield-design-site' });
    const officer = await signedInUser(tenant, 'officer');
    const views = (await api(`/tenants/${tenant}/representation`, { token: officer.token })).body as any[];
    const all = views.find((v) => v.scope.kind === 'tenant');
    expect(all.members).toEqual({ count: 15, suppressed: false, sharePercent: 100 });
    const lowIncome = all.rows.find((r: { groupId: string }) => r.groupId === 'low-income-area');
    expect(lowIncome).toMatchObject({ count: 15, sharePercent: 100, baselinePercent: 20, gapPoints: 80, underRepresented: false });
    const dads = all.rows.find((r: { groupId: string }) => r.groupId === 'dads-partners');
    // Nobody said they are a dad: hidden as "fewer than 5", but far below the 45% expected, so flagged.
    expect(dads).toMatchObject({ suppressed: true, reason: 'small', underRepresented: true });
    expect(dads).not.toHaveProperty('count');

    const mansfield = views.find((v) => v.scope.kind === 'panel' && v.scope.panelId === panel.id);
    const ashfield = views.find((v) => v.scope.kind === 'panel' && v.scope.panelId === second.id);
    // Panel sizes are not about anyone: shown as they are.
    expect(mansfield.members.count).toBe(12);
    expect(ashfield.members.count).toBe(3);
    // Ashfield's 3 in the low-income group are hidden as small; since 15 − 12 would give them away,
    // Mansfield's 12 is hidden too, marked as hidden to protect another.
    const low = (v: any) => v.rows.find((r: { groupId: string }) => r.groupId === 'low-income-area');
    expect(low(ashfield)).toMatchObject({ suppressed: true, reason: 'small' });
    expect(low(mansfield)).toMatchObject({ suppressed: true, reason: 'secondary' });
    expect(low(mansfield)).not.toHaveProperty('count');
    // Rural: nobody on either panel (both networks are towns). Zeros hidden, nothing else needed.
    const rural = (v: any) => v.rows.find((r: { groupId: string }) => r.groupId === 'rural');
    expect(rural(all)).toMatchObject({ suppressed: true, reason: 'small' });
    const groupCounts = views.flatMap((v) => v.rows.map((r: { count?: number }) => r.count)).filter((c) => c !== undefined);
    expect(groupCounts.every((c: number) => c >= 5)).toBe(true);
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
