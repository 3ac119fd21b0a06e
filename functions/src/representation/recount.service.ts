import { addTally, emptyTally, newRecordKey, type Tally } from '@pv/shared/cell-key';
import type { TenantConfig } from '@pv/shared/config.schema';
import * as meetingsRepo from '../meetings/meetings.repository.ts';
import * as panelsRepo from '../panels/panels.repository.ts';
import { countedItem, getCounted, getProfile } from '../profiles/profiles.repository.ts';
import { representationKeys as keys } from './representation.keys.ts';
import { contributions, counterItem, listCounterSks, monthItem, notCounted, putRebuilt, type CountState } from './representation.repository.ts';
import { groupsFor, hubFacts } from './representation.service.ts';

/**
 * Rebuilds every member's COUNTED item and every representation counter — counts and key sums — from
 * the source items (members, their hubs, their consented answers and the tenant's current group
 * rules), and each panel's attendance per month from its meetings and invitations. Run after an admin
 * changes who is in a group, or to check the live counters: a test proves that on untouched data the
 * rebuild writes exactly what the live counters already hold. Members and invitations made before
 * record keys existed are given one here. Reads every member and invitation, so it is a job, never
 * part of a page; run it when the panel is quiet (a change racing it can be counted under the old
 * rules until that member next changes).
 */
export async function rebuildRepresentation(config: TenantConfig): Promise<{ members: number; counters: Map<string, Tally> }> {
  const tenantId = config.tenant.id;
  const counters = new Map<string, Tally>();
  const add = (sk: string, recordKey: number) => counters.set(sk, addTally(counters.get(sk) ?? emptyTally, { n: 1, k: recordKey }));
  const counted: Record<string, unknown>[] = [];
  const months = new Map<string, { panelId: string; month: string; attended: Tally; meetings: number }>();
  let members = 0;
  for (const panel of await panelsRepo.listPanels(tenantId)) {
    for (const member of await panelsRepo.listMembers(tenantId, panel.id)) {
      members++;
      const [profile, previous] = await Promise.all([getProfile(tenantId, member.id), getCounted(tenantId, member.id)]);
      const state: CountState =
        member.status === 'active'
          ? { active: true, answered: profile !== undefined, groups: groupsFor(config, profile?.answers, hubFacts(config, panel.networkId, member.hubId)) }
          : notCounted;
      const recordKey = previous?.recordKey ?? newRecordKey();
      counted.push(countedItem(tenantId, member.id, { ...state, panelId: panel.id, recordKey, version: (previous?.version ?? 0) + 1 }));
      if (!state.active) continue;
      for (const scope of [keys.panelScope(panel.id), keys.allScope]) {
        for (const what of contributions(state)) add(keys.counterSk(scope, what), recordKey);
      }
    }
    for (const meeting of await meetingsRepo.listMeetings(tenantId, panel.id)) {
      const month = meeting.date.slice(0, 7);
      const at = months.get(`${panel.id}#${month}`) ?? { panelId: panel.id, month, attended: emptyTally, meetings: 0 };
      if (meeting.attendanceRecorded) at.meetings++;
      for (const invitation of await meetingsRepo.listStoredInvitations(tenantId, meeting.id)) {
        const recordKey = await meetingsRepo.ensureInvitationKey(tenantId, invitation);
        if (invitation.attended) at.attended = addTally(at.attended, { n: 1, k: recordKey });
      }
      months.set(`${panel.id}#${month}`, at);
    }
  }
  // Every existing counter not rebuilt goes to zero (a group nobody is in any more, a month with no meetings left).
  const puts: Record<string, unknown>[] = [];
  const rebuiltMonths = new Set([...months.values()].map((m) => keys.monthSk(m.panelId, m.month)));
  for (const sk of await listCounterSks(tenantId)) {
    const month = keys.monthOfSk(sk);
    if (month) {
      if (!rebuiltMonths.has(sk)) puts.push(monthItem(tenantId, month.panelId, month.month, emptyTally, 0));
    } else if (!counters.has(sk)) puts.push(counterItem(tenantId, sk, emptyTally));
  }
  for (const [sk, t] of counters) puts.push(counterItem(tenantId, sk, t));
  for (const m of months.values()) puts.push(monthItem(tenantId, m.panelId, m.month, m.attended, m.meetings));
  puts.push(...counted);
  await putRebuilt(puts);
  return { members, counters };
}
