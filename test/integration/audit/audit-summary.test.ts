import { describe, expect, it } from 'vitest';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

describe('the audit log', () => {
  it('keeps the summary of a panel entry when it is read back', async () => {
    const tenantId = await freshTenant();
    const officer = await signedInUser(tenantId, 'officer');
    const admin = await signedInUser(tenantId, 'admin');
    const created = await api(`/tenants/${tenantId}/panels`, {
      method: 'POST',
      token: officer.token,
      headers: { 'idempotency-key': 'audit-summary-test-1' },
      json: { name: 'Worksop parents', networkId: 'bassetlaw', recruiting: true, targetSize: 20, status: 'active' },
    });
    expect(created.status).toBe(201);
    const log = await api(`/tenants/${tenantId}/audit`, { token: admin.token });
    expect(log.status).toBe(200);
    const entry = (log.body!.items as { kind: string; summary?: string }[]).find((e) => e.kind === 'panel');
    expect(entry?.summary).toBe('Added panel ‘Worksop parents’');
  });
});
