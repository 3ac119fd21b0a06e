import { describe, expect, it } from 'vitest';
import { createMeeting, inviteMembers, recordAttendance } from '../../../functions/src/meetings/meetings.service.ts';
import { addAssistedMember } from '../../../functions/src/panels/panels.service.ts';
import { eraseMe, leavePanel, saveMyProfile } from '../../../functions/src/panels/membership.service.ts';
import { rebuildRepresentation } from '../../../functions/src/representation/recount.service.ts';
import { readCounters } from '../../../functions/src/representation/representation.repository.ts';
import { getConfig, updateConfigItem } from '../../../functions/src/tenants/tenants.service.ts';
import { assistedInput, officerCaller, testPanel } from '../../support/panels.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

/** Every non-empty counter of a tenant: counts with their key sums, and attendance by month. */
const snapshot = async (tenant: string) => {
  const { counts, months } = await readCounters(tenant);
  const flat: Record<string, { n: number; k: number } | { attended: { n: number; k: number }; meetings: number }> = {};
  for (const [scope, m] of counts) for (const [what, t] of m) if (t.n !== 0 || t.k !== 0) flat[`${scope}#${what}`] = t;
  for (const [panel, m] of months) for (const [month, c] of m) if (c.attended.n !== 0 || c.attended.k !== 0 || c.meetings !== 0) flat[`${panel}#${month}`] = c;
  return flat;
};
const today = () => new Date().toISOString().slice(0, 10);

describe('recounting representation from the source items', () => {
  it('rebuilds exactly the counts and key sums that joining, answering, attending, leaving and erasing kept live', async () => {
    const tenant = await freshTenant();
    const caller = officerCaller(tenant);
    const a = await testPanel(tenant);
    const b = await testPanel(tenant, 'bassetlaw');
    const roles = ['dad', 'mum', 'mum', 'kinship-carer', 'prefer-not-to-say', 'dad', 'mum'];
    const members = [];
    for (const [i, role] of roles.entries()) {
      const panel = i % 2 ? b : a;
      const m = await addAssistedMember(caller, tenant, panel.id, assistedInput({ hubId: i % 2 ? 'worksop' : 'warsop' }), { welcomeEmail: false });
      const me = { tenantId: tenant, panelId: panel.id, memberId: m.id, sessionToken: '' };
      if (i !== 4) await saveMyProfile(me, { consent: true, parentRole: role, ethnicity: i === 3 ? 'black-african' : 'white-british', mainLanguage: i === 5 ? 'polish' : 'english' });
      members.push(me);
    }
    // A meeting: four of the seven came, then one of them is taken off the list again.
    const meeting = await createMeeting(caller, tenant, a.id, { title: 'Spring panel', date: today(), time: '10:00', hubId: 'warsop', format: 'in-person', place: '', supportOffered: [] });
    await inviteMembers(caller, tenant, a.id, meeting.id);
    const invited = members.filter((m) => m.panelId === a.id);
    const recorded = await recordAttendance(caller, tenant, a.id, meeting.id, {
      version: meeting.version,
      attendees: invited.map((m) => ({ memberId: m.memberId, attended: true, supportTaken: [] })),
    });
    await recordAttendance(caller, tenant, a.id, meeting.id, { version: recorded.version, attendees: [{ memberId: invited[0]!.memberId, attended: false, supportTaken: [] }] });
    await leavePanel(members[1]!);
    await eraseMe(members[2]!);
    const live = await snapshot(tenant);
    expect(live['ALL#MEMBERS']).toMatchObject({ n: 5 });
    expect(live[`${a.id}#${today().slice(0, 7)}`]).toMatchObject({ attended: { n: invited.length - 1 }, meetings: 1 });
    // Key sums are kept: with seven random keys, all of them 0 is a 1 in 256^7 chance.
    expect(Object.values(live).some((c) => ('k' in c ? c.k : c.attended.k) !== 0)).toBe(true);

    await rebuildRepresentation(await getConfig(tenant));
    expect(await snapshot(tenant)).toEqual(live);
  });

  it('puts members into a group after an admin changes the group’s rule', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const caller = officerCaller(tenant);
    for (let i = 0; i < 6; i++) {
      const m = await addAssistedMember(caller, tenant, panel.id, assistedInput(), { welcomeEmail: false });
      await saveMyProfile({ tenantId: tenant, panelId: panel.id, memberId: m.id, sessionToken: '' }, { consent: true, ageBand: '25-34', mainLanguage: '' });
    }
    expect((await snapshot(tenant))['ALL#GROUP#young-parents']).toBeUndefined();
    const config = await getConfig(tenant);
    const young = config.group.find((g) => g.id === 'young-parents')!;
    await updateConfigItem({ ...caller, roles: ['admin'] }, tenant, 'group', young.id, young.version, {
      name: young.name,
      description: young.description,
      rule: { conditions: [{ field: 'profile.ageBand', operator: 'in', values: ['under-20', '20-24', '25-34'] }] },
    });
    const admin = await signedInUser(tenant, 'admin');
    const res = await api(`/tenants/${tenant}/representation/recount`, { method: 'POST', json: {}, token: admin.token });
    expect(res.body).toEqual({ members: 6 });
    const rebuilt = await snapshot(tenant);
    expect(rebuilt['ALL#GROUP#young-parents']).toMatchObject({ n: 6 });
    // The same six people, with the keys they were given when they joined: the group's key sum is the members'.
    expect(rebuilt['ALL#GROUP#young-parents']).toEqual(rebuilt['ALL#MEMBERS']);
    const officer = await signedInUser(tenant, 'officer');
    expect((await api(`/tenants/${tenant}/representation/recount`, { method: 'POST', json: {}, token: officer.token })).status).toBe(403);
  });
});
