import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TenantConfig } from '@pv/shared/config.schema';
import * as panelsRepo from '../panels/panels.repository.ts';
import { db, tableName } from '../platform/dynamodb.ts';
import { getCounted, getProfile } from '../profiles/profiles.repository.ts';
import { profileKeys } from '../profiles/profiles.keys.ts';
import { representationKeys as keys } from './representation.keys.ts';
import { notCounted, type CountState } from './representation.repository.ts';
import { groupsFor, hubFacts } from './representation.service.ts';

/**
 * Rebuilds every member's COUNTED item and every representation counter from the source items
 * (members, their hubs, their consented answers and the tenant's current group rules). Run after an
 * admin changes who is in a group, or to check the live counters: a test proves that on untouched
 * data the rebuild writes exactly what the live counters already hold. Reads every member, so it is
 * a job, never part of a page; run it when the panel is quiet (a change racing it can be counted
 * under the old rules until that member next changes).
 */
export async function rebuildRepresentation(config: TenantConfig): Promise<{ members: number; counters: Map<string, number> }> {
  const tenantId = config.tenant.id;
  const counters = new Map<string, number>();
  const add = (key: string) => counters.set(key, (counters.get(key) ?? 0) + 1);
  const counted: { memberId: string; panelId: string; state: CountState; version: number }[] = [];
  let members = 0;
  for (const panel of await panelsRepo.listPanels(tenantId)) {
    for (const member of await panelsRepo.listMembers(tenantId, panel.id)) {
      members++;
      const [profile, previous] = await Promise.all([getProfile(tenantId, member.id), getCounted(tenantId, member.id)]);
      const state: CountState =
        member.status === 'active'
          ? { active: true, answered: profile !== undefined, groups: groupsFor(config, profile?.answers, hubFacts(config, panel.networkId, member.hubId)) }
          : notCounted;
      counted.push({ memberId: member.id, panelId: panel.id, state, version: (previous?.version ?? 0) + 1 });
      if (!state.active) continue;
      for (const scope of [keys.panelScope(panel.id), keys.allScope]) {
        add(`${scope}#MEMBERS`);
        if (state.answered) add(`${scope}#ANSWERED`);
        for (const g of state.groups) add(`${scope}#GROUP#${g}`);
      }
    }
  }
  // Every existing counter not rebuilt goes to zero (a group nobody is in any more).
  const existing = await db().send(
    new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.partition(tenantId) }, ProjectionExpression: 'SK' }),
  );
  const puts: Record<string, unknown>[] = [];
  for (const item of existing.Items ?? []) {
    const sk = String(item.SK);
    if (!sk.includes('#MONTH#') && !counters.has(sk)) puts.push({ PK: keys.partition(tenantId), SK: sk, type: 'counter', n: 0 });
  }
  for (const [sk, n] of counters) puts.push({ PK: keys.partition(tenantId), SK: sk, type: 'counter', n });
  for (const c of counted) {
    puts.push({ ...profileKeys.counted(tenantId, c.memberId), type: 'counted', tenantId, panelId: c.panelId, ...c.state, version: c.version });
  }
  for (let i = 0; i < puts.length; i += 25) {
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: puts.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  return { members, counters };
}
