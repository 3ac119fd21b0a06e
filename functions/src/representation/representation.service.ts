import type { Group, Hub, HubNetwork, TenantConfig } from '@pv/shared/config.schema';
import { matchesRule, type GroupFacts } from '@pv/shared/group-rule';
import type { Panel, ProfileAnswers, RepresentationCell, RepresentationRow, RepresentationView } from '@pv/shared/panel.schema';
import { isSmall, suppressRow } from '@pv/shared/suppress-small-numbers';
import type { TransactItem } from '../platform/dynamodb.ts';
import { countedPut, getCounted } from '../profiles/profiles.repository.ts';
import { countDelta, counterUpdates, notCounted, readCounters, type CountState } from './representation.repository.ts';

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
 * (guarded by its version) plus ADDs for the difference. They go into the same transaction as the
 * change itself, so counters and members can never disagree.
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
  const delta = countDelta(previous ?? notCounted, after);
  if (!previous && delta.size === 0) return [];
  return [countedPut(tenantId, subject.id, after, subject.panelId, previous), ...counterUpdates(tenantId, subject.panelId, delta)];
}

type Suppression = 'small' | 'secondary' | undefined;

function cell(count: number, of: number, hidden: Suppression): RepresentationCell {
  if (hidden) return { suppressed: true, reason: hidden };
  return { count, suppressed: false, sharePercent: of > 0 ? Math.round((count / of) * 1000) / 10 : 0 };
}

/**
 * Representation for the tenant and each panel, from counters only. Numbers under the tenant's
 * threshold never leave this function; when a group's panel cells add up to the tenant's shown
 * figure, secondary suppression hides enough of them that none can be worked out.
 */
export async function representation(config: TenantConfig, panels: Panel[]): Promise<{ views: RepresentationView[]; itemsRead: number }> {
  const tenantId = config.tenant.id;
  const threshold = config.tenant.suppressionThreshold;
  const { counts, itemsRead } = await readCounters(tenantId);
  const groups = config.group.filter((g) => g.status === 'active');
  const get = (scope: string, what: string) => counts.get(scope)?.get(what) ?? 0;
  const scopes = ['ALL', ...panels.map((p) => `PANEL#${p.id}`)];

  // How many people are on a panel, and how many answered, says nothing about anyone: shown as
  // they are. Group counts are special-category aggregates: for each group, decide which panel cells
  // to hide (the "ALL" cell is their total, so hiding one small cell alone would give it away).
  const hidden = new Map<string, Suppression>();
  for (const g of groups) {
    const what = `GROUP#${g.id}`;
    const total = get('ALL', what);
    hidden.set(`ALL#${what}`, isSmall(total, threshold) ? 'small' : undefined);
    const panelCells = panels.map((p) => get(`PANEL#${p.id}`, what));
    const rowHidden = isSmall(total, threshold) ? panelCells.map((c) => isSmall(c, threshold)) : suppressRow(panelCells, threshold);
    panels.forEach((p, i) => hidden.set(`PANEL#${p.id}#${what}`, rowHidden[i] ? (isSmall(panelCells[i]!, threshold) ? 'small' : 'secondary') : undefined));
  }

  const districtOf = (panel: Panel | undefined) => (panel ? config.hubNetwork.find((n) => n.id === panel.networkId)?.district : undefined);

  const views = scopes.map((scope): RepresentationView => {
    const panel = panels.find((p) => `PANEL#${p.id}` === scope);
    const members = get(scope, 'MEMBERS');
    const rows = groups.map((g): RepresentationRow => {
      const count = get(scope, `GROUP#${g.id}`);
      const c = cell(count, members, hidden.get(`${scope}#GROUP#${g.id}`));
      const district = districtOf(panel);
      const baseline =
        config.baseline.find((b) => b.status === 'active' && b.groupId === g.id && district !== undefined && b.area === district) ??
        config.baseline.find((b) => b.status === 'active' && b.groupId === g.id && b.area === 'all');
      const gapPoints = c.sharePercent !== undefined && baseline ? Math.round((c.sharePercent - baseline.sharePercent) * 10) / 10 : undefined;
      // A hidden count still flags a gap when the baseline says at least `threshold` members would be
      // expected: the count is known to be under it (which "fewer than 5" already says), so nothing new leaks.
      const expected = baseline ? (members * baseline.sharePercent) / 100 : 0;
      const underRepresented = baseline
        ? c.sharePercent !== undefined
          ? c.sharePercent < baseline.sharePercent / 2
          : c.reason === 'small' && expected >= threshold
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
      members: cell(members, members, undefined),
      answered: cell(get(scope, 'ANSWERED'), members, undefined),
      rows,
    };
  });
  return { views, itemsRead };
}
