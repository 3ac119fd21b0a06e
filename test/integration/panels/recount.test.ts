import { describe, expect, it } from 'vitest';
import { addAssistedMember } from '../../../functions/src/panels/panels.service.ts';
import { eraseMe, leavePanel, saveMyProfile } from '../../../functions/src/panels/membership.service.ts';
import { rebuildRepresentation } from '../../../functions/src/representation/recount.service.ts';
import { readCounters } from '../../../functions/src/representation/representation.repository.ts';
import { getConfig, updateConfigItem } from '../../../functions/src/tenants/tenants.service.ts';
import { assistedInput, officerCaller, testPanel } from '../../support/panels.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

const snapshot = async (tenant: string) => {
  const { counts } = await readCounters(tenant);
  const flat: Record<string, number> = {};
  for (const [scope, m] of counts) for (const [what, n] of m) if (n !== 0) flat[`${scope}#${what}`] = n;
  return flat;
};

describe('recounting representation from the source items', () => {
  it('rebuilds exactly the counters that joining, answering, leaving and erasing kept live', async () => {
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
    await leavePanel(members[1]!);
    await eraseMe(members[2]!);
    const live = await snapshot(tenant);
    expect(live['ALL#MEMBERS']).toBe(5);

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
    expect((await snapshot(tenant))['ALL#GROUP#young-parents']).toBe(6);
    const officer = await signedInUser(tenant, 'officer');
    expect((await api(`/tenants/${tenant}/representation/recount`, { method: 'POST', json: {}, token: officer.token })).status).toBe(403);
  });
});
