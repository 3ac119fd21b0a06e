import type { Group, Hub, HubNetwork, TenantConfig } from '@pv/shared/config.schema';
import { matchesRule, type GroupFacts } from '@pv/shared/group-rule';
import { emptyTally, keyOf, newRecordKey, perturb, shown, type Tally } from '@pv/shared/cell-key';
import type { Panel, ProfileAnswers, RepresentationCell, RepresentationRow, RepresentationView } from '@pv/shared/panel.schema';
import type { TransactItem } from '../platform/dynamodb.ts';
import { countedPut, getCounted } from '../profiles/profiles.repository.ts';
import { countDelta, counterUpdates, notCounted, readCounters, type CounterSet, type CountState } from './representation.repository.ts';

/** Where a member belongs, for hub-based groups (rural, deprivation): their hub, else their network. */
export function hubFacts(config: TenantConfig, networkId: string, hubId: string | undefined): GroupFacts['hub'] {
  const hub: Hub | undefined = hubId ? config.hub.find((h) => h.id === hubId) : undefined;
  if (hub) return { rural: hub.rural, deprivationDecile: hub.deprivationDecile };
  const network: HubNetwork | undefined = config.hubNetwork.find((n) => n.id === networkId);
  return network ? { rural: network.rural } : undefined;
}

/**
 * The tenant's active groups a person is in, from their consented answers (if any), their hub and,
 * for a survey response, how it was given (paper, phone…).
 */
export function groupsFor(config: TenantConfig, profile: ProfileAnswers | undefined, hub: GroupFacts['hub'], response?: GroupFacts['response']): string[] {
  const facts: GroupFacts = { profile: profile as Partial<Record<string, string>> | undefined, hub, ...(response ? { response } : {}) };
  return config.group.filter((g: Group) => g.status === 'active' && matchesRule(g.rule, facts)).map((g) => g.id);
}

export interface CountSubject {
  id: string;
  panelId: string;
  networkId: string;
  hubId?: string;
  active: boolean;
}

/**
 * The writes that make the counters agree with a member's new state: "what is counted for them"
 * (guarded by its version, and carrying their record key) plus ADDs of counts and key sums for the
 * difference. They go into the same transaction as the change itself, so counters and members can
 * never disagree. A member's record key is drawn the first time they are counted and kept for ever
 * after: the same person always moves the same key sums.
 */
export async function recountItems(
  tenantId: string,
  config: TenantConfig,
  subject: CountSubject,
  profile: ProfileAnswers | undefined,
): Promise<TransactItem[]> {
  const previous = await getCounted(tenantId, subject.id);
  const after: CountState = subject.active
    ? { active: true, answered: profile !== undefined, groups: groupsFor(config, profile, hubFacts(config, subject.networkId, subject.hubId)) }
    : notCounted;
  const recordKey = previous?.recordKey ?? newRecordKey();
  const delta = countDelta(previous ?? notCounted, after, { before: keyOf(previous ?? {}), after: recordKey });
  if (!previous && delta.size === 0) return [];
  return [countedPut(tenantId, subject.id, after, subject.panelId, recordKey, previous), ...counterUpdates(tenantId, subject.panelId, delta)];
}

/** Both figures are changed independently, so a group can come out above its panel: that reads as 100%. */
const percentOf = (count: number, of: number) => (of > 0 ? Math.min(100, Math.round((count / of) * 1000) / 10) : 0);

/**
 * One published cell: the count changed by the cell key method, then held back as "fewer than
 * `threshold`" if the changed count is under it. `of` is the published count it is a share of
 * (undefined when that is itself held back: then there is no share).
 */
function cell(t: Tally, threshold: number, of: number | undefined): RepresentationCell {
  const count = shown(perturb(t), threshold);
  if (count === null) return { suppressed: true };
  return { count, suppressed: false, ...(of === undefined ? {} : { sharePercent: percentOf(count, of) }) };
}

/**
 * Representation for the tenant and each panel, from counters only. Every count here is about people
 * (panel sizes and how many answered included), so every one is published through the cell key
 * method (`shared/src/cell-key.ts`): the same members always give the same published figure, in this
 * view and any other, and a reader who compares two looks (before and after someone joins) gets the
 * difference plus two independent changes. Shares are worked out from the published figures, never
 * the true ones. The figures need not add up: each is a cell in its own right.
 */
export async function representation(config: TenantConfig, panels: Panel[]): Promise<{ views: RepresentationView[]; itemsRead: number }> {
  const { counts, itemsRead } = await readCounters(config.tenant.id);
  return { views: representationViews(config, panels, counts), itemsRead };
}

/** The published views from the counters' tallies (scope → what → count and key sum). */
export function representationViews(config: TenantConfig, panels: Panel[], counts: CounterSet['counts']): RepresentationView[] {
  const threshold = config.tenant.suppressionThreshold;
  const groups = config.group.filter((g) => g.status === 'active');
  const get = (scope: string, what: string): Tally => counts.get(scope)?.get(what) ?? emptyTally;
  const scopes = ['ALL', ...panels.map((p) => `PANEL#${p.id}`)];
  const districtOf = (panel: Panel | undefined) => (panel ? config.hubNetwork.find((n) => n.id === panel.networkId)?.district : undefined);

  return scopes.map((scope): RepresentationView => {
    const panel = panels.find((p) => `PANEL#${p.id}` === scope);
    const members = cell(get(scope, 'MEMBERS'), threshold, undefined);
    const of = members.count;
    const rows = groups.map((g): RepresentationRow => {
      // Under `threshold` members (as published) nothing more about the panel is shown: the page says why.
      const c: RepresentationCell = of === undefined ? { suppressed: true } : cell(get(scope, `GROUP#${g.id}`), threshold, of);
      const district = districtOf(panel);
      const baseline =
        config.baseline.find((b) => b.status === 'active' && b.groupId === g.id && district !== undefined && b.area === district) ??
        config.baseline.find((b) => b.status === 'active' && b.groupId === g.id && b.area === 'all');
      const gapPoints = c.sharePercent !== undefined && baseline ? Math.round((c.sharePercent - baseline.sharePercent) * 10) / 10 : undefined;
      // A count shown as "fewer than N" still flags a gap when the baseline says at least N members
      // would be expected (from the published panel size): it is known to be under that, which
      // "fewer than N" already says, so nothing new is given away.
      const expected = baseline && of !== undefined ? (of * baseline.sharePercent) / 100 : 0;
      const underRepresented = baseline
        ? c.sharePercent !== undefined
          ? c.sharePercent < baseline.sharePercent / 2
          : of !== undefined && expected >= threshold
        : false;
      return {
        ...c,
        groupId: g.id,
        groupName: g.name,
        baselinePercent: baseline?.sharePercent,
        baselineSource: baseline?.source,
        illustrative: baseline?.illustrative,
        gapPoints,
        underRepresented,
      };
    });
    return {
      scope: panel ? { kind: 'panel', panelId: panel.id, panelName: panel.name } : { kind: 'tenant' },
      threshold,
      members: of === undefined ? members : { ...members, sharePercent: 100 },
      answered: of === undefined ? { suppressed: true } : cell(get(scope, 'ANSWERED'), threshold, of),
      rows,
    };
  });
}
