import type { Caller } from '@pv/shared/auth.schema';
import type { TenantConfig } from '@pv/shared/config.schema';
import { DomainError, invalid, notFound } from '@pv/shared/errors';
import type { Feedback, FeedbackView, Theme, ThemeInput, ThemeSummary } from '@pv/shared/feedback.schema';
import { suppressRow } from '@pv/shared/suppress-small-numbers';
import { toSlug } from '@pv/shared/validation';
import { auditPut } from '../audit/audit.repository.ts';
import { transactWrite } from '../platform/dynamodb.ts';
import { newId, nowIso } from '../platform/ids.ts';
import { getConfig } from '../tenants/tenants.service.ts';
import * as repo from './feedback.repository.ts';
import { audit, bulk, view } from './triage.service.ts';

/**
 * Themes: comments grouped by what they are about ("told nothing while waiting for a referral").
 * A comment is in at most one theme. A theme's size and spread are counted as comments join and
 * leave it (on the theme item, in the same transaction), and shown with small numbers suppressed.
 */

const noTheme = () => notFound('There is no theme at this address. It may have been merged into another.');
const changedMeanwhile = (current?: Theme) => new DomainError('conflict', 'Someone else changed this theme. Check their version and try again.', current ? { current } : {});

export async function requireTheme(tenantId: string, id: string): Promise<Theme> {
  const t = await repo.getTheme(tenantId, id);
  if (!t) throw noTheme();
  return t;
}

/** Counts under the threshold become null; where the parts of a total are shown, one more is hidden so the total can't give it away. */
export function summarise(theme: Theme, config: TenantConfig): ThemeSummary {
  const threshold = config.tenant.suppressionThreshold;
  const shown = (n: number) => (n < threshold ? null : n);
  const size = theme.counts['*'] ?? 0;
  const list = <T extends { id: string; name: string }>(items: T[], prefix: string) =>
    items.map((i) => ({ id: i.id, name: i.name, n: theme.counts[`${prefix}:${i.id}`] ?? 0 })).filter((i) => i.n > 0);
  // A comment has at most one hub network: the networks (and "no network") add up to the size.
  const networks = list(config.hubNetwork, 'n');
  const elsewhere = size - networks.reduce((s, n) => s + n.n, 0);
  const hidden = suppressRow([...networks.map((n) => n.n), elsewhere], threshold);
  return {
    id: theme.id,
    name: theme.name,
    description: theme.description,
    size: shown(size),
    priorities: list(config.priority, 'p').map(({ n, ...i }) => ({ ...i, count: shown(n) })),
    networks: networks.map(({ n, ...i }, k) => ({ ...i, count: hidden[k] ? null : n })),
    hubs: list(config.hub, 'h').map(({ n, ...i }) => ({ ...i, count: shown(n) })),
    groups: list(config.group, 'g').map(({ n, ...i }) => ({ ...i, count: shown(n) })),
    actionIds: theme.actionIds,
    version: theme.version,
    threshold,
  };
}

export async function listThemes(tenantId: string): Promise<ThemeSummary[]> {
  const [config, themes] = await Promise.all([getConfig(tenantId), repo.listThemes(tenantId)]);
  return themes.map((t) => summarise(t, config)).sort((a, b) => (b.size ?? 0) - (a.size ?? 0) || a.name.localeCompare(b.name));
}

export async function themeWithComments(tenantId: string, id: string): Promise<{ theme: ThemeSummary; comments: FeedbackView[] }> {
  const [config, theme] = await Promise.all([getConfig(tenantId), requireTheme(tenantId, id)]);
  const ids = await repo.themeMemberIds(tenantId, id);
  const comments = (await repo.getManyFeedback(tenantId, ids)).filter((f) => f.themeId === id && f.status !== 'safeguarding');
  const priorities = config.priority.filter((p) => p.status === 'active');
  return { theme: summarise(theme, config), comments: comments.sort((a, b) => b.receivedOn.localeCompare(a.receivedOn)).map((f) => view(f, priorities)) };
}

function themeId(name: string): string {
  return `${toSlug(name).slice(0, 40).replace(/-+$/, '') || 'theme'}-${newId().slice(-6).toLowerCase()}`;
}

/** A new theme, with the chosen comments (if any) moved into it. */
export async function createTheme(caller: Caller, tenantId: string, input: ThemeInput, ids: string[] = []): Promise<Theme> {
  const now = nowIso();
  const theme: Theme = { ...input, id: themeId(input.name), counts: {}, actionIds: [], version: 1, createdAt: now, updatedAt: now, createdBy: caller.email };
  await transactWrite([repo.themePut(tenantId, theme), auditPut(tenantId, audit(caller, 'create', 'theme', theme.id, `Made the theme ‘${theme.name}’`))], () => new DomainError('conflict', 'Try again.'));
  if (ids.length) await bulk(caller, tenantId, { ids, action: 'add-to-theme', themeId: theme.id });
  return (await repo.getTheme(tenantId, theme.id)) ?? theme;
}

export async function updateTheme(caller: Caller, tenantId: string, id: string, version: number, input: ThemeInput): Promise<Theme> {
  const before = await requireTheme(tenantId, id);
  if (before.version !== version) throw changedMeanwhile(before);
  const after: Theme = { ...before, ...input, version: before.version + 1, updatedAt: nowIso() };
  await transactWrite([repo.themePut(tenantId, after, version), auditPut(tenantId, audit(caller, 'update', 'theme', id, `Renamed or described the theme ‘${after.name}’`))], () => changedMeanwhile(before));
  return after;
}

/** Moves chosen comments of a theme into a new theme. */
export async function splitTheme(caller: Caller, tenantId: string, id: string, input: ThemeInput, ids: string[]): Promise<Theme> {
  await requireTheme(tenantId, id);
  const members = new Set(await repo.themeMemberIds(tenantId, id));
  const outside = ids.filter((f) => !members.has(f));
  if (outside.length) throw invalid({ ids: 'Choose comments from this theme' });
  const theme = await createTheme(caller, tenantId, input, ids);
  await transactWrite([auditPut(tenantId, audit(caller, 'split', 'theme', id, `Moved ${ids.length} ${ids.length === 1 ? 'comment' : 'comments'} to the new theme ‘${theme.name}’`))], () => new DomainError('conflict', 'Try again.'));
  return theme;
}

/**
 * Merges a theme into another: its comments move (a batch per transaction, counts moving with
 * them), its actions are linked to the other theme, then it is deleted. If it is cut short, running
 * it again finishes the job.
 */
export async function mergeTheme(caller: Caller, tenantId: string, id: string, version: number, intoId: string, relinkActions: (from: string, into: string, actionIds: string[]) => Promise<void>): Promise<Theme> {
  if (id === intoId) throw invalid({ intoThemeId: 'Choose a different theme to merge into' });
  const [from, into] = await Promise.all([requireTheme(tenantId, id), repo.getTheme(tenantId, intoId)]);
  if (!into) throw invalid({ intoThemeId: 'Choose a theme from the list' });
  if (from.version !== version) throw changedMeanwhile(from);
  const ids = await repo.themeMemberIds(tenantId, id);
  if (ids.length) await bulk(caller, tenantId, { ids, action: 'add-to-theme', themeId: intoId });
  if (from.actionIds.length) await relinkActions(id, intoId, from.actionIds);
  const latest = await requireTheme(tenantId, id);
  const left = (await repo.getManyFeedback(tenantId, await repo.themeMemberIds(tenantId, id))).filter((f: Feedback) => f.themeId === id);
  if (left.length) throw new DomainError('conflict', 'Someone added comments to this theme while it was being merged. Merge it again.');
  await transactWrite(
    [repo.themeDelete(tenantId, id, latest.version), auditPut(tenantId, audit(caller, 'merge', 'theme', intoId, `Merged the theme ‘${from.name}’ (${ids.length} ${ids.length === 1 ? 'comment' : 'comments'}) into ‘${into.name}’`))],
    () => new DomainError('conflict', 'Someone changed this theme while it was being merged. Merge it again.'),
  );
  return requireTheme(tenantId, intoId);
}
