import { describe, expect, it } from 'vitest';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

describe("changing the partnership's own settings", () => {
  it('lets an admin raise the small-number threshold to 10, audited', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const current = await api(`/tenants/${tenant}/config`, { token: admin.token });
    const t = current.body!.tenant;
    const res = await api(`/tenants/${tenant}`, {
      method: 'PUT',
      token: admin.token,
      json: { name: t.name, strategy: t.strategy, about: t.about, suppressionThreshold: 10, version: t.version },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ suppressionThreshold: 10, version: 2 });
    const audit = await api(`/tenants/${tenant}/audit`, { token: admin.token });
    expect(audit.body!.items[0]).toMatchObject({ kind: 'tenant', action: 'update', changes: { suppressionThreshold: [5, 10] } });
  });

  it('refuses a threshold below 5 and keeps the old one', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const t = (await api(`/tenants/${tenant}/config`, { token: admin.token })).body!.tenant;
    const res = await api(`/tenants/${tenant}`, {
      method: 'PUT',
      token: admin.token,
      json: { name: t.name, strategy: t.strategy, about: t.about, suppressionThreshold: 2, version: t.version },
    });
    expect(res.status).toBe(400);
    expect(res.body!.errors.suppressionThreshold).toBe('The smallest number to show must be 5 or more, to protect privacy');
    expect((await api(`/tenants/${tenant}/config`, { token: admin.token })).body!.tenant.suppressionThreshold).toBe(5);
  });

  it('saves retention periods, audited, and keeps a period the form did not send', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const t = (await api(`/tenants/${tenant}/config`, { token: admin.token })).body!.tenant;
    const base = { name: t.name, strategy: t.strategy, about: t.about, suppressionThreshold: 5 };
    const res = await api(`/tenants/${tenant}`, { method: 'PUT', token: admin.token, json: { ...base, keepResponsesMonths: 12, keepAuditYears: 7, version: t.version } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ keepResponsesMonths: 12, keepAuditYears: 7 });
    const audit = await api(`/tenants/${tenant}/audit`, { token: admin.token });
    expect(audit.body!.items[0]).toMatchObject({ kind: 'tenant', action: 'update', changes: { keepResponsesMonths: [null, 12], keepAuditYears: [null, 7] } });
    // What parents read is made from the settings.
    expect((await api(`/tenants/${tenant}`)).body!.retention).toEqual({ keepResponsesMonths: 12, keepUnconfirmedDays: 30, keepLeftMembersMonths: 12, keepSentMessagesDays: 90, keepAuditYears: 7 });
    const again = await api(`/tenants/${tenant}`, { method: 'PUT', token: admin.token, json: { ...base, name: 'Renamed', version: t.version + 1 } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ keepResponsesMonths: 12, keepAuditYears: 7 });
  });

  it.each([
    ['keepResponsesMonths', 0, 'Keep survey answers for at least 1 month'],
    ['keepResponsesMonths', 121, 'Keep survey answers for at most 120 months'],
    ['keepUnconfirmedDays', 6, 'Keep unconfirmed joins for at least 7 days'],
    ['keepUnconfirmedDays', 366, 'Keep unconfirmed joins for at most 365 days'],
    ['keepLeftMembersMonths', 73, 'Keep contact details of members who left for at most 72 months'],
    ['keepSentMessagesDays', 731, 'Keep copies of sent messages for at most 730 days'],
    ['keepAuditYears', 0, 'Keep audit entries for at least 1 year'],
    ['keepAuditYears', 2.5, 'Enter a whole number of years for audit entries, from 1 to 12'],
    ['keepAuditYears', 'six', 'Enter how many years we keep audit entries, from 1 to 12'],
  ] as const)('refuses %s = %s as problem+json and changes nothing', async (field, value, message) => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const before = (await api(`/tenants/${tenant}/config`, { token: admin.token })).body!.tenant;
    const res = await api(`/tenants/${tenant}`, {
      method: 'PUT',
      token: admin.token,
      json: { name: 'Should not be saved', strategy: before.strategy, about: before.about, suppressionThreshold: 5, [field]: value, version: before.version },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body!.errors[field]).toBe(message);
    expect((await api(`/tenants/${tenant}/config`, { token: admin.token })).body!.tenant).toEqual(before);
  });

  it('gives a stale edit a conflict', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const t = (await api(`/tenants/${tenant}/config`, { token: admin.token })).body!.tenant;
    const body = { name: 'Renamed once', strategy: t.strategy, about: t.about, suppressionThreshold: 5, version: t.version };
    expect((await api(`/tenants/${tenant}`, { method: 'PUT', token: admin.token, json: body })).status).toBe(200);
    const stale = await api(`/tenants/${tenant}`, { method: 'PUT', token: admin.token, json: { ...body, name: 'Renamed twice' } });
    expect(stale.status).toBe(409);
    expect(stale.body!.current).toMatchObject({ name: 'Renamed once' });
  });

  it("does not let one partnership's admin rename another", async () => {
    const notts = await freshTenant('notts');
    const leics = await freshTenant('leics');
    const admin = await signedInUser(notts, 'admin');
    const res = await api(`/tenants/${leics}`, {
      method: 'PUT',
      token: admin.token,
      json: { name: 'Taken over', strategy: '', about: '', suppressionThreshold: 5, version: 1 },
    });
    expect(res.status).toBe(403);
    expect((await api(`/tenants/${leics}`)).body!.name).toBe('Leicestershire Best Start Partnership');
  });
});
