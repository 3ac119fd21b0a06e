import { describe, expect, it } from 'vitest';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

describe('tenant configuration through the API', () => {
  it('lets an admin add a priority, and records who did it in the audit log', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const created = await api(`/tenants/${tenant}/config/priorities`, {
      method: 'POST',
      token: admin.token,
      json: { name: 'Safe sleep and accident prevention', summary: 'Keeping babies safe at home.' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'safe-sleep-and-accident-prevention', order: 6, version: 1, status: 'active' });

    const audit = await api(`/tenants/${tenant}/audit`, { token: admin.token });
    expect(audit.status).toBe(200);
    expect(audit.body!.items[0]).toMatchObject({
      action: 'create',
      kind: 'priority',
      itemId: 'safe-sleep-and-accident-prevention',
      actor: { email: admin.caller.email },
    });
  });

  it('rejects a blank name with a field message and writes nothing', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const before = await api(`/tenants/${tenant}/config`, { token: admin.token });
    const res = await api(`/tenants/${tenant}/config/priorities`, { method: 'POST', token: admin.token, json: { name: '   ' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body!.errors).toEqual({ name: 'Enter a name' });
    const after = await api(`/tenants/${tenant}/config`, { token: admin.token });
    expect(after.body).toEqual(before.body);
    const audit = await api(`/tenants/${tenant}/audit`, { token: admin.token });
    expect(audit.body!.items).toHaveLength(0);
  });

  it("stops a Nottinghamshire admin reading or changing another partnership's configuration", async () => {
    const notts = await freshTenant('notts');
    const leics = await freshTenant('leics');
    const nottsAdmin = await signedInUser(notts, 'admin');
    const read = await api(`/tenants/${leics}/config`, { token: nottsAdmin.token });
    expect(read.status).toBe(403);
    const write = await api(`/tenants/${leics}/config/priorities`, { method: 'POST', token: nottsAdmin.token, json: { name: 'Taken over' } });
    expect(write.status).toBe(403);
    const leicsAdmin = await signedInUser(leics, 'admin');
    const config = await api(`/tenants/${leics}/config`, { token: leicsAdmin.token });
    expect(config.body!.priority.map((p: { name: string }) => p.name)).not.toContain('Taken over');
  });

  it('refuses requests without a valid token', async () => {
    const tenant = await freshTenant();
    expect((await api(`/tenants/${tenant}/config`)).status).toBe(401);
    expect((await api(`/tenants/${tenant}/config`, { token: 'not-a-token' })).status).toBe(401);
  });
});
