import { describe, expect, it } from 'vitest';
import { addAssistedMember } from '../../../functions/src/panels/panels.service.ts';
import { assistedInput, officerCaller, tenantItems, testPanel } from '../../support/panels.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

const inFuture = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

function consultation(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Waiting for a referral',
    summary: 'How it feels to wait for speech and language or mental health support, and what would help while you wait.',
    whyAsking: 'Parents told us they hear nothing while they wait.',
    canChange: 'How we keep in touch while you wait, and what support is offered in the meantime.',
    cannotChange: 'How long NHS waiting lists are.',
    priorityIds: ['parents-mental-health'],
    networkIds: ['mansfield', 'bassetlaw'],
    opensOn: inFuture(0),
    closesOn: inFuture(30),
    ...overrides,
  };
}

describe('consultations', () => {
  it('moves through its stages one at a time, dated on a public timeline, and drafts stay private', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const bad = await api(`/tenants/${tenant}/consultations`, { method: 'POST', token: officer.token, json: consultation({ closesOn: inFuture(-1), priorityIds: ['nope'] }) });
    expect(bad.status).toBe(400);
    expect(bad.body!.errors.closesOn).toMatch(/on or after the opening date/);
    const created = await api(`/tenants/${tenant}/consultations`, { method: 'POST', token: officer.token, json: consultation() });
    expect(created.status).toBe(201);
    const id = created.body!.id as string;
    expect((await api(`/tenants/${tenant}/public/consultations/${id}`)).status).toBe(404);
    expect((await api(`/tenants/${tenant}/public/consultations`)).body).toEqual([]);

    const skip = await api(`/tenants/${tenant}/consultations/${id}/stage`, { method: 'POST', token: officer.token, json: { stage: 'closed', version: 1 } });
    expect(skip.body!.errors.stage).toMatch(/can only move on to “open”/);
    const opened = await api(`/tenants/${tenant}/consultations/${id}/stage`, { method: 'POST', token: officer.token, json: { stage: 'open', version: 1 } });
    expect(opened.body!.timeline.map((t: { stage: string }) => t.stage)).toEqual(['draft', 'open']);
    const stale = await api(`/tenants/${tenant}/consultations/${id}/stage`, { method: 'POST', token: officer.token, json: { stage: 'closed', version: 1 } });
    expect(stale.status).toBe(409);
    const page = await api(`/tenants/${tenant}/public/consultations/${id}`);
    expect(page.body).toMatchObject({ title: 'Waiting for a referral', stage: 'open', cannotChange: 'How long NHS waiting lists are.' });
  });

  it('turns a logged conversation into Feedback tagged with the priorities, the hub and groups from the hub and the member', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const panel = await testPanel(tenant);
    const member = await addAssistedMember(officerCaller(tenant), tenant, panel.id, assistedInput({ email: `m-${Date.now()}@test.example`, name: 'Dee Parent' }));
    const created = await api(`/tenants/${tenant}/consultations`, { method: 'POST', token: officer.token, json: consultation() });
    const id = created.body!.id as string;
    const log = (json: Record<string, unknown>) => api(`/tenants/${tenant}/consultations/${id}/conversations`, { method: 'POST', token: officer.token, json });
    const said = {
      said: 'Nobody told us anything for four months while we waited for speech therapy.',
      where: 'Stay and play, Worksop Family Hub',
      hubId: 'worksop',
      channel: 'stay-and-play',
      heldOn: inFuture(0),
      people: 6,
    };
    expect((await log(said)).body!.title).toMatch(/Open the consultation/);
    await api(`/tenants/${tenant}/consultations/${id}/stage`, { method: 'POST', token: officer.token, json: { stage: 'open', version: 1 } });
    const badHub = await log({ ...said, hubId: 'atlantis' });
    expect(badHub.body!.errors.hubId).toMatch(/Choose a hub/);
    const logged = await log({ ...said, member: `${panel.id}:${member.id}` });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ networkId: 'bassetlaw', namedMember: true, people: 6 });
    expect(logged.body).not.toHaveProperty('member');

    const items = await tenantItems(tenant);
    const feedback = items.find((i) => i.type === 'feedback')!;
    expect(feedback).toMatchObject({
      text: said.said,
      priorityIds: ['parents-mental-health'],
      hubIds: ['worksop'],
      networkId: 'bassetlaw',
      channel: 'stay-and-play',
      memberId: member.id,
      source: { kind: 'conversation', consultationId: id, people: 6 },
    });
    // Worksop: rural network, deprivation decile 2 — groups from the hub, never typed in.
    expect(feedback.groups).toEqual(expect.arrayContaining(['rural', 'low-income-area']));
    const detail = await api(`/tenants/${tenant}/consultations/${id}`, { token: officer.token });
    expect(detail.body!.conversations).toHaveLength(1);
  });

  it('keeps partners and other partnerships out', async () => {
    const tenant = await freshTenant();
    const other = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const partner = await signedInUser(tenant, 'partner');
    const stranger = await signedInUser(other, 'officer');
    const created = await api(`/tenants/${tenant}/consultations`, { method: 'POST', token: officer.token, json: consultation() });
    expect((await api(`/tenants/${tenant}/consultations`, { token: partner.token })).status).toBe(403);
    expect((await api(`/tenants/${tenant}/consultations/${created.body!.id}`, { token: stranger.token })).status).toBe(403);
    expect((await api(`/tenants/${other}/consultations/${created.body!.id}`, { token: stranger.token })).status).toBe(404);
  });
});
