import type { ConfigItem, Tenant } from '@pv/shared/config.schema';
import { toSlug } from '@pv/shared/validation';
import { nowIso } from '../../platform/ids.ts';
import { getTenant, putConfigItems, putTenantIfAbsent } from '../../tenants/tenants.repository.ts';
import { seedDemoPanels } from './demo-panels.ts';
import { seedDemoFeedback } from './demo-feedback.ts';
import { seedDemoSurvey } from './demo-surveys.ts';
import { baselineSource, demoTenants, type DemoTenant } from './demo-tenants.ts';

/** Builds every configuration item of a demo tenant, with reference counts already right. */
export function demoConfigItems(demo: DemoTenant): ConfigItem[] {
  const now = nowIso();
  const base = (order: number) => ({ order, status: 'active' as const, version: 1, refCount: 0, createdAt: now, updatedAt: now });
  const items: ConfigItem[] = [];
  demo.priorities.forEach((p, i) => items.push({ keywords: '', ...p, ...base(i + 1), kind: 'priority', id: toSlug(p.name) }));
  demo.crossCuttingThemes.forEach((t, i) => items.push({ ...t, ...base(i + 1), kind: 'crossCuttingTheme', id: toSlug(t.name) }));
  demo.hubNetworks.forEach((n, i) => {
    const networkId = toSlug(n.district);
    items.push({ name: n.name, district: n.district, rural: n.rural, postcodeDistricts: n.postcodeDistricts, ...base(i + 1), refCount: n.hubs.length, kind: 'hubNetwork', id: networkId });
    n.hubs.forEach((h, j) =>
      items.push({ name: h.name, networkId, rural: n.rural, deprivationDecile: h.deprivationDecile, ...base(j + 1), kind: 'hub', id: toSlug(h.name) }),
    );
  });
  demo.groups.forEach((g, i) => {
    const { id, ...rest } = g;
    items.push({ ...rest, ...base(i + 1), refCount: id in demo.baselines ? 1 : 0, kind: 'group', id });
  });
  Object.entries(demo.baselines).forEach(([groupId, share], i) =>
    items.push({
      groupId,
      area: 'all',
      sharePercent: share,
      ...baselineSource,
      illustrative: true,
      ...base(i + 1),
      kind: 'baseline',
      id: `${groupId}--all`,
    }),
  );
  return items;
}

/** Seeds a tenant unless it exists. Config first, tenant record last: a seed cut short is finished next time. */
export async function seedTenant(demo: DemoTenant, idOverride?: string): Promise<boolean> {
  const id = idOverride ?? demo.id;
  if (await getTenant(id)) return false;
  await putConfigItems(id, demoConfigItems(demo));
  const now = nowIso();
  const tenant: Tenant = {
    id,
    name: demo.name,
    strategy: demo.strategy,
    about: demo.about,
    suppressionThreshold: 5,
    safeguardingContact: demo.safeguardingContact ?? '',
    staffIdleMinutes: 30,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return putTenantIfAbsent(tenant);
}

export async function seedDemo(): Promise<string[]> {
  const created: string[] = [];
  for (const demo of demoTenants) {
    if (!(await seedTenant(demo))) continue;
    created.push(demo.id);
    if (demo.id === 'notts') {
      await seedDemoPanels(demo.id);
      await seedDemoSurvey(demo.id);
      await seedDemoFeedback(demo.id);
    }
  }
  return created;
}
