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
