import { api } from './api';

/** Partnership names for the header of staff pages; names change rarely, so keep them a minute. */
const cache = new Map<string, { name: string; until: number }>();

export async function partnershipName(tenantId: string): Promise<string> {
  const hit = cache.get(tenantId);
  if (hit && hit.until > Date.now()) return hit.name;
  const { name } = await api(null).publicTenant(tenantId);
  cache.set(tenantId, { name, until: Date.now() + 60_000 });
  return name;
}
