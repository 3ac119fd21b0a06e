import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@pv/shared/errors';
import { getManyFeedback, listThemes } from '../../../functions/src/feedback/feedback.repository.ts';
import { liveFeedbackCounters, liveThemeCounts, recountFeedback, recountThemes } from '../../../functions/src/feedback/recount.service.ts';
import { createTheme, mergeTheme, splitTheme } from '../../../functions/src/feedback/themes.service.ts';
import { bulk, eraseFeedback, flagSafeguarding, setStatus, setTags } from '../../../functions/src/feedback/triage.service.ts';
import { getConfig, updateTenantSettings } from '../../../functions/src/tenants/tenants.service.ts';
import { comment, seedComments } from '../../support/feedback.ts';
import { officerCaller } from '../../support/panels.ts';
import { freshTenant } from '../../support/tenants.ts';

/**
 * Random sequences of what officers do to comments — tag, untag, bulk changes, status, themes made,
 * split and merged, comments flagged and removed — must leave every counter equal to a recount from
 * the comments themselves.
 */

const priorities = ['parents-mental-health', 'building-strong-relationships', 'early-experiences-chat-play-read-and-learn'];
const pick = fc.nat({ max: 7 });
const some = fc.uniqueArray(pick, { minLength: 1, maxLength: 4 });
const op = fc.oneof(
  fc.record({ kind: fc.constant('tag' as const), i: pick, ps: fc.subarray(priorities) }),
  fc.record({ kind: fc.constant('bulk-add' as const), is: some, p: fc.constantFrom(...priorities) }),
  fc.record({ kind: fc.constant('bulk-remove' as const), is: some, p: fc.constantFrom(...priorities) }),
  fc.record({ kind: fc.constant('status' as const), i: pick, status: fc.constantFrom('new' as const, 'reviewed' as const, 'not-relevant' as const) }),
  fc.record({ kind: fc.constant('theme' as const), is: some }),
  fc.record({ kind: fc.constant('untheme' as const), is: some }),
  fc.record({ kind: fc.constant('split' as const), t: fc.nat({ max: 3 }), take: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('merge' as const), a: fc.nat({ max: 3 }), b: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('erase' as const), i: pick }),
  fc.record({ kind: fc.constant('flag' as const), i: pick }),
);

describe('feedback counters', () => {
  it('equal a recount after any sequence of tag, untag, theme, split, merge, flag and erase', async () => {
    const caller = officerCaller('x');
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 12 }), async (ops) => {
        const tenant = await freshTenant();
        const me = { ...caller, tenantId: tenant };
        await updateTenantSettings(me, tenant, 1, { ...(await getConfig(tenant)).tenant, safeguardingContact: 'lead@test.example' });
        const comments = await seedComments(tenant, [
          comment({ groups: ['dads-partners'], receivedOn: '2026-10-03' }),
          comment({ groups: ['dads-partners', 'rural'], hubIds: ['worksop'], networkId: 'bassetlaw' }),
          comment({ priorityIds: ['parents-mental-health'], channel: 'phone' }),
          comment({ groups: ['young-parents'], receivedOn: '2026-09-20' }),
          comment({ crossCuttingIds: ['think-dad'] }),
          comment({ hubIds: [] , networkId: undefined }),
          comment({ groups: ['low-income-area'], receivedOn: '2026-10-30' }),
          comment(),
        ]);
        const ids = comments.map((c) => c.id);
        const current = async (i: number) => (await getManyFeedback(tenant, [ids[i]!]))[0];
        const themes = async () => (await listThemes(tenant)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
        for (const o of ops) {
          try {
            switch (o.kind) {
              case 'tag': {
                const f = await current(o.i);
                if (f) await setTags(tenant, f.id, { version: f.version, priorityIds: o.ps, crossCuttingIds: f.crossCuttingIds, dismissed: [] });
                break;
              }
              case 'bulk-add':
              case 'bulk-remove':
                await bulk(me, tenant, { ids: o.is.map((i) => ids[i]!), action: o.kind === 'bulk-add' ? 'add-priority' : 'remove-priority', priorityId: o.p });
                break;
              case 'status': {
                const f = await current(o.i);
                if (f) await setStatus(me, tenant, f.id, f.version, o.status);
                break;
              }
              case 'theme':
                await createTheme(me, tenant, { name: 'A theme', description: '' }, o.is.map((i) => ids[i]!));
                break;
              case 'untheme':
                await bulk(me, tenant, { ids: o.is.map((i) => ids[i]!), action: 'remove-from-theme' });
                break;
              case 'split': {
                const t = (await themes())[o.t];
                if (!t) break;
                const members = (await getManyFeedback(tenant, ids)).filter((f) => f.themeId === t.id);
                if (members.length) await splitTheme(me, tenant, t.id, { name: 'Split off', description: '' }, members.slice(0, o.take + 1).map((f) => f.id));
                break;
              }
              case 'merge': {
                const all = await themes();
                const [a, b] = [all[o.a], all[o.b]];
                if (a && b && a.id !== b.id) await mergeTheme(me, tenant, a.id, a.version, b.id, async () => {});
                break;
              }
              case 'erase': {
                const f = await current(o.i);
                if (f && f.status !== 'safeguarding') await eraseFeedback(me, tenant, f.id, f.version, 'The parent asked');
                break;
              }
              case 'flag': {
                const f = await current(o.i);
                if (f && f.status !== 'safeguarding') await flagSafeguarding(me, tenant, f.id, f.version, 'A concern');
                break;
              }
            }
          } catch (error) {
            // Refusals are fine (a removed comment, an invalid choice); anything else is a failure.
            if (!(error instanceof DomainError)) throw error;
          }
        }
        expect(await liveFeedbackCounters(tenant)).toEqual(await recountFeedback(tenant));
        expect(await liveThemeCounts(tenant)).toEqual(await recountThemes(tenant));
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
