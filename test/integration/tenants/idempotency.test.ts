import { describe, expect, it } from 'vitest';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

describe('creating with an Idempotency-Key', () => {
  it('creates one item when the same request is sent twice, and returns the first result both times', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const send = () =>
      api(`/tenants/${tenant}/config/cross-cutting-themes`, {
        method: 'POST',
        token: admin.token,
        headers: { 'idempotency-key': 'retry-key-0001' },
        json: { name: 'Fathers in the antenatal period', description: '' },
      });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const config = await api(`/tenants/${tenant}/config`, { token: admin.token });
    expect(config.body!.crossCuttingTheme.filter((t: { id: string }) => t.id === 'fathers-in-the-antenatal-period')).toHaveLength(1);
    const audit = await api(`/tenants/${tenant}/audit`, { token: admin.token });
    expect(audit.body!.items.filter((a: { action: string }) => a.action === 'create')).toHaveLength(1);
  });

  it('creates one item when a double click sends two requests at once', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const send = () =>
      api(`/tenants/${tenant}/config/priorities`, {
        method: 'POST',
        token: admin.token,
        headers: { 'idempotency-key': 'double-click-01' },
        json: { name: 'Healthy teeth', summary: '' },
      });
    const results = await Promise.all([send(), send()]);
    expect(results.map((r) => r.status)).toContain(201);
    // The other one either replays the first answer or is told the first is still running.
    for (const r of results.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body!.code).toBe('in-progress');
    }
    const config = await api(`/tenants/${tenant}/config`, { token: admin.token });
    expect(config.body!.priority.filter((p: { id: string }) => p.id === 'healthy-teeth')).toHaveLength(1);
  });

  it('refuses to reuse a key for a different request', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const headers = { 'idempotency-key': 'reused-key-001' };
    await api(`/tenants/${tenant}/config/priorities`, { method: 'POST', token: admin.token, headers, json: { name: 'One thing' } });
    const other = await api(`/tenants/${tenant}/config/priorities`, { method: 'POST', token: admin.token, headers, json: { name: 'Another thing' } });
    expect(other.status).toBe(422);
    expect(other.body!.code).toBe('idempotency-key-reused');
    const config = await api(`/tenants/${tenant}/config`, { token: admin.token });
    expect(config.body!.priority.map((p: { id: string }) => p.id)).not.toContain('another-thing');
  });

  it('frees the key when the first attempt was invalid, so a corrected retry works', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const headers = { 'idempotency-key': 'corrected-01' };
    const bad = await api(`/tenants/${tenant}/config/priorities`, { method: 'POST', token: admin.token, headers, json: { name: 'x' } });
    expect(bad.status).toBe(400);
    const good = await api(`/tenants/${tenant}/config/priorities`, { method: 'POST', token: admin.token, headers, json: { name: 'Corrected name' } });
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ id: 'corrected-name' });
  });
});
