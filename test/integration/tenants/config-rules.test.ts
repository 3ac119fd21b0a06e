import { describe, expect, it } from 'vitest';
import { DomainError } from '@pv/shared/errors';
import { listAudit } from '../../../functions/src/audit/audit.repository.ts';
import * as service from '../../../functions/src/tenants/tenants.service.ts';
import { freshTenant, signedInUser } from '../../support/tenants.ts';

async function setup() {
  const tenant = await freshTenant();
  const { caller } = await signedInUser(tenant, 'admin');
  return { tenant, caller };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('reordering configuration', () => {
  it('moves a priority up by swapping it with the one above', async () => {
    const { tenant, caller } = await setup();
    const before = (await service.getConfig(tenant)).priority;
    const second = before[1]!;
    await service.moveConfigItem(caller, tenant, 'priority', second.id, 'up', second.version);
    const after = (await service.getConfig(tenant)).priority;
    expect(after.map((p) => p.id)).toEqual([before[1]!.id, before[0]!.id, ...before.slice(2).map((p) => p.id)]);
  });

  it('refuses to move the first item further up, and changes nothing', async () => {
    const { tenant, caller } = await setup();
    const before = (await service.getConfig(tenant)).priority;
    const error = await failure(service.moveConfigItem(caller, tenant, 'priority', before[0]!.id, 'up', before[0]!.version));
    expect(error.kind).toBe('invalid');
    expect((await service.getConfig(tenant)).priority).toEqual(before);
  });

  it('orders hubs within their own network only', async () => {
    const { tenant, caller } = await setup();
    const hubs = (await service.getConfig(tenant)).hub.filter((h) => h.networkId === 'bassetlaw');
    const before = (await service.getConfig(tenant)).hub;
    const error = await failure(service.moveConfigItem(caller, tenant, 'hub', hubs[0]!.id, 'up', hubs[0]!.version));
    expect(error.message).toMatch(/already first/);
    expect((await service.getConfig(tenant)).hub).toEqual(before);
  });
});

describe('retiring and deleting', () => {
  it('will not delete a group that a baseline uses, but will retire it', async () => {
    const { tenant, caller } = await setup();
    const group = (await service.getConfig(tenant)).group.find((g) => g.id === 'dads-partners')!;
    expect(group.refCount).toBe(1);
    const error = await failure(service.deleteConfigItem(caller, tenant, 'group', group.id, group.version));
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/Retire it instead/);
    const retired = await service.setConfigStatus(caller, tenant, 'group', group.id, 'retired', group.version);
    expect(retired.status).toBe('retired');
  });

  it('deletes an unreferenced item and records it in the audit log', async () => {
    const { tenant, caller } = await setup();
    const theme = (await service.getConfig(tenant)).crossCuttingTheme[0]!;
    await service.deleteConfigItem(caller, tenant, 'crossCuttingTheme', theme.id, theme.version);
    expect((await service.getConfig(tenant)).crossCuttingTheme.map((t) => t.id)).not.toContain(theme.id);
    const audit = await listAudit(tenant, 10);
    expect(audit.items[0]).toMatchObject({ action: 'delete', kind: 'crossCuttingTheme', itemId: theme.id });
  });

  it('keeps reference counts right when a hub moves to another network', async () => {
    const { tenant, caller } = await setup();
    const config = await service.getConfig(tenant);
    const hub = config.hub.find((h) => h.networkId === 'ashfield')!;
    const { kind: _k, id: _i, order: _o, status: _s, version, refCount: _r, createdAt: _c, updatedAt: _u, ...input } = hub;
    await service.updateConfigItem(caller, tenant, 'hub', hub.id, version, { ...input, networkId: 'mansfield' });
    const after = await service.getConfig(tenant);
    expect(after.hubNetwork.find((n) => n.id === 'ashfield')!.refCount).toBe(2);
    expect(after.hubNetwork.find((n) => n.id === 'mansfield')!.refCount).toBe(4);
  });

  it('will not retire a hub network that still has hubs in use', async () => {
    const { tenant, caller } = await setup();
    const before = await service.getConfig(tenant);
    const network = before.hubNetwork[0]!;
    const error = await failure(service.setConfigStatus(caller, tenant, 'hubNetwork', network.id, 'retired', network.version));
    expect(error.kind).toBe('conflict');
    const after = await service.getConfig(tenant);
    expect(after.hubNetwork).toEqual(before.hubNetwork);
    expect(after.hub).toEqual(before.hub);
  });

  it('will not add a hub to a retired network, and writes nothing', async () => {
    const { tenant, caller } = await setup();
    const network = await service.createConfigItem(caller, tenant, 'hubNetwork', { name: 'Test network', district: 'Testshire', rural: false, postcodeDistricts: '' });
    await service.setConfigStatus(caller, tenant, 'hubNetwork', network.id, 'retired', network.version);
    const error = await failure(
      service.createConfigItem(caller, tenant, 'hub', { name: 'New hub', networkId: network.id, rural: false, deprivationDecile: 3 }),
    );
    expect(error.extra.errors).toEqual({ networkId: 'Choose a hub network that is in use' });
    expect((await service.getConfig(tenant)).hub.map((h) => h.id)).not.toContain('new-hub');
  });

  it('hides retired items from the public page of the partnership', async () => {
    const { tenant, caller } = await setup();
    const priority = (await service.getConfig(tenant)).priority[4]!;
    await service.setConfigStatus(caller, tenant, 'priority', priority.id, 'retired', priority.version);
    const publicView = await service.getPublicTenant(tenant);
    expect(publicView.priorities).toHaveLength(4);
    expect(publicView.priorities.map((p) => p.id)).not.toContain(priority.id);
  });

  it('names the groups in use and the smallest number shown on the public page, never the rules behind the groups', async () => {
    const { tenant, caller } = await setup();
    const [retired, ...rest] = (await service.getConfig(tenant)).group;
    await service.setConfigStatus(caller, tenant, 'group', retired!.id, 'retired', retired!.version);
    const publicView = await service.getPublicTenant(tenant);
    expect(publicView.groups).toEqual(rest.map((g) => ({ id: g.id, name: g.name })));
    expect(publicView.groups.length).toBeGreaterThan(0);
    expect(publicView.suppressionThreshold).toBe((await service.getConfig(tenant)).tenant.suppressionThreshold);
  });
});

describe('editing at the same time', () => {
  it("gives the second of two editors a conflict with the first one's version, and keeps the first change", async () => {
    const { tenant, caller } = await setup();
    const priority = (await service.getConfig(tenant)).priority[0]!;
    await service.updateConfigItem(caller, tenant, 'priority', priority.id, priority.version, { name: 'First editor', summary: '', keywords: '' });
    const error = await failure(
      service.updateConfigItem(caller, tenant, 'priority', priority.id, priority.version, { name: 'Second editor', summary: '', keywords: '' }),
    );
    expect(error.kind).toBe('conflict');
    expect(error.extra.current).toMatchObject({ name: 'First editor', version: 2 });
    expect((await service.getConfig(tenant)).priority[0]!.name).toBe('First editor');
  });

  it('lets exactly one of many simultaneous edits of the same version through', async () => {
    const { tenant, caller } = await setup();
    const priority = (await service.getConfig(tenant)).priority[0]!;
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        service.updateConfigItem(caller, tenant, 'priority', priority.id, priority.version, { name: `Editor ${i}`, summary: '', keywords: '' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const audit = await listAudit(tenant, 20);
    expect(audit.items.filter((a) => a.action === 'update')).toHaveLength(1);
  });
});

describe('baselines', () => {
  it('refuses a baseline for a district the partnership does not have', async () => {
    const { tenant, caller } = await setup();
    const error = await failure(
      service.createConfigItem(caller, tenant, 'baseline', {
        groupId: 'lgbt',
        area: 'Leicester',
        sharePercent: 3,
        source: 'Census 2021',
        sourceDate: '2021-03-21',
        illustrative: false,
      }),
    );
    expect(error.extra.errors?.area).toMatch(/Choose the whole partnership or one of its districts/);
  });

  it('adds a district baseline and counts the reference on its group', async () => {
    const { tenant, caller } = await setup();
    const baseline = await service.createConfigItem(caller, tenant, 'baseline', {
      groupId: 'lgbt',
      area: 'Mansfield',
      sharePercent: 2.45,
      source: 'Census 2021, table TS079',
      sourceDate: '2021-03-21',
      illustrative: false,
    });
    expect(baseline).toMatchObject({ id: 'lgbt--mansfield', sharePercent: 2.5 });
    expect((await service.getConfig(tenant)).group.find((g) => g.id === 'lgbt')!.refCount).toBe(2);
  });
});
