import { describe, expect, it } from 'vitest';
import { readCounters } from '../../../functions/src/representation/representation.repository.ts';
import { joiner, linkToken, mailTo, tenantItems, testPanel } from '../../support/panels.ts';
import { api, freshTenant } from '../../support/tenants.ts';

const joinPath = (t: string, p: string) => `/tenants/${t}/public/panels/${p}/join`;

describe('joining a panel', () => {
  it('makes a pending member, emails a confirmation link, and the link makes them a member once', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const details = joiner({ hubId: 'mansfield-town' });
    const joined = await api(joinPath(tenant, panel.id), { method: 'POST', json: details });
    expect(joined.status).toBe(202);
    expect(joined.body).toEqual({ outcome: 'check-email' });

    const [mail] = await mailTo(String(details.email));
    expect(mail!.subject).toBe(`Confirm you want to join ${panel.name}`);
    const token = linkToken(mail!);

    const confirmed = await api(`/tenants/${tenant}/membership/confirm`, { method: 'POST', json: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body!.next).toBe('welcome');
    const me = await api(`/tenants/${tenant}/me`, { headers: { 'x-member-session': confirmed.body!.session } });
    expect(me.body!.member.status).toBe('active');
    expect(me.body!.member.name).toBe('Sam Taylor');

    // Single use: the same link again is refused and changes nothing.
    const again = await api(`/tenants/${tenant}/membership/confirm`, { method: 'POST', json: { token } });
    expect(again.status).toBe(404);
    const counters = await readCounters(tenant);
    expect(counters.counts.get(`PANEL#${panel.id}`)?.get('MEMBERS')?.n).toBe(1);
    expect(counters.counts.get('ALL')?.get('MEMBERS')?.n).toBe(1);
    // Mansfield town is in the most deprived decile: counted in "low-income area" without any personal answers.
    expect(counters.counts.get(`PANEL#${panel.id}`)?.get('GROUP#low-income-area')?.n).toBe(1);
    // Counted once, with one record key: the same in every cell they are in.
    expect(counters.counts.get(`PANEL#${panel.id}`)?.get('GROUP#low-income-area')).toEqual(counters.counts.get('ALL')?.get('MEMBERS'));
  });

  it('never creates two members for the same email, however the form is sent again', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const details = joiner();
    const results = await Promise.all(Array.from({ length: 5 }, () => api(joinPath(tenant, panel.id), { method: 'POST', json: details })));
    expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    const members = (await tenantItems(tenant)).filter((i) => i.type === 'member');
    expect(members).toHaveLength(1);
  });

  it('answers a second join exactly like the first, and emails the member a link instead', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const details = joiner();
    await api(joinPath(tenant, panel.id), { method: 'POST', json: details });
    const [first] = await mailTo(String(details.email));
    await api(`/tenants/${tenant}/membership/confirm`, { method: 'POST', json: { token: linkToken(first!) } });

    const second = await api(joinPath(tenant, panel.id), { method: 'POST', json: { ...details, name: 'Someone else' } });
    expect(second.status).toBe(202);
    expect(second.body).toEqual({ outcome: 'check-email' });
    const mails = await mailTo(String(details.email), 2);
    expect(mails[1]!.subject).toBe(`You're already a member of ${panel.name}`);
    const session = await api(`/tenants/${tenant}/membership/use-link`, { method: 'POST', json: { token: linkToken(mails[1]!) } });
    expect(session.status).toBe(200);
    const me = await api(`/tenants/${tenant}/me`, { headers: { 'x-member-session': session.body!.session } });
    expect(me.body!.member.name).toBe('Sam Taylor');
    expect((await tenantItems(tenant)).filter((i) => i.type === 'member')).toHaveLength(1);
  });

  it('refuses bad input with a message per field and writes nothing', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const before = await tenantItems(tenant);
    const bad = await api(joinPath(tenant, panel.id), {
      method: 'POST',
      json: { name: '   ', email: 'not-an-email', phone: '12', preferredChannel: 'pigeon', childAgeBands: ['teen'], topics: ['no-such-priority'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(Object.keys(bad.body!.errors)).toEqual(expect.arrayContaining(['name', 'email', 'phone', 'preferredChannel', 'childAgeBands.0', 'agreeToContact']));
    const unknownTopic = await api(joinPath(tenant, panel.id), { method: 'POST', json: joiner({ topics: ['no-such-priority'] }) });
    expect(unknownTopic.status).toBe(400);
    expect(unknownTopic.body!.errors.topics).toBe('Choose topics from the list');
    const wrongHub = await api(joinPath(tenant, panel.id), { method: 'POST', json: joiner({ hubId: 'west-bridgford' }) });
    expect(wrongHub.body!.errors.hubId).toBe('Choose a Family Hub from the list');
    const tooLong = await api(joinPath(tenant, panel.id), { method: 'POST', json: joiner({ name: 'x'.repeat(101) }) });
    expect(tooLong.body!.errors.name).toBe('Name must be 100 characters or fewer');
    expect((await tenantItems(tenant)).length).toBe(before.length);
  });

  it('stores emoji, right-to-left and script-like text exactly as typed', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    for (const name of ['مريم الحسن 🌷', '<script>alert("x")</script>', 'Zoë 👶🏽 O’Neill']) {
      const details = joiner({ name, supportNeeds: `${name} needs a crèche` });
      expect((await api(joinPath(tenant, panel.id), { method: 'POST', json: details })).status).toBe(202);
      const member = (await tenantItems(tenant)).find((i) => i.type === 'member' && i.email === details.email);
      expect(member!.name).toBe(name);
      expect(member!.supportNeeds).toBe(`${name} needs a crèche`);
    }
  });

  it('refuses to join a panel that is not recruiting', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant, 'mansfield', false);
    const res = await api(joinPath(tenant, panel.id), { method: 'POST', json: joiner() });
    expect(res.status).toBe(422);
    expect((await tenantItems(tenant)).filter((i) => i.type === 'member')).toHaveLength(0);
  });

  it('takes a phone-only joiner as pending, for an officer to confirm by phone', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const res = await api(joinPath(tenant, panel.id), { method: 'POST', json: joiner({ email: '', phone: '07700 900123', preferredChannel: 'phone' }) });
    expect(res.body).toEqual({ outcome: 'we-will-call' });
    const member = (await tenantItems(tenant)).find((i) => i.type === 'member');
    expect(member).toMatchObject({ status: 'pending', phone: '07700900123' });
  });

  it('stops sending emails to one address after five in an hour', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const details = joiner();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await api(joinPath(tenant, panel.id), { method: 'POST', json: details })).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('finds panels by postcode district, and explains a postcode it cannot read', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const found = await api(`/tenants/${tenant}/public/panels?postcode=ng18%202ab`);
    expect(found.body!.district).toBe('NG18');
    expect(found.body!.panels.map((p: { id: string }) => p.id)).toEqual([panel.id]);
    const none = await api(`/tenants/${tenant}/public/panels?postcode=LE11`);
    expect(none.body!.matched).toBe(false);
    const bad = await api(`/tenants/${tenant}/public/panels?postcode=hello`);
    expect(bad.status).toBe(400);
    expect(bad.body!.errors.postcode).toMatch(/Enter a postcode/);
  });
});
