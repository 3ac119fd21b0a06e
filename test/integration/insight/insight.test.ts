import { describe, expect, it } from 'vitest';
import { consultationInput } from '@pv/shared/consultation.schema';
import { shiftMonth } from '@pv/shared/insight.schema';
import type { InsightCell, InsightHeatmap, InsightOverview, InsightThemeDetail, InsightThemes, InsightTrends, InsightVoice } from '@pv/shared/insight.schema';
import { changeStage, createConsultation } from '../../../functions/src/consultations/consultations.service.ts';
import { liveFeedbackCounters, liveThemeCounts, recountFeedback, recountThemes } from '../../../functions/src/feedback/recount.service.ts';
import { mergeTheme, splitTheme } from '../../../functions/src/feedback/themes.service.ts';
import { relinkThemes } from '../../../functions/src/actions/actions.service.ts';
import { liveActionMonths, liveConsultationMonths, recountActionMonths, recountConsultationMonths } from '../../../functions/src/insight/recount.service.ts';
import { actionFields, publishAction, republishAction, themeOf } from '../../support/actions.ts';
import { comment, seedComments } from '../../support/feedback.ts';
import { publishedFor } from '../../support/cell-key.ts';
import { allTriaged } from '../../../functions/src/feedback/feedback.repository.ts';
import type { Feedback } from '@pv/shared/feedback.schema';
import { officerCaller } from '../../support/panels.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { actionKeys } from '../../../functions/src/actions/actions.keys.ts';
import { feedbackKeys } from '../../../functions/src/feedback/feedback.keys.ts';
import { db, tableName } from '../../../functions/src/platform/dynamodb.ts';

const MH = 'parents-mental-health';
const EARLY = 'early-experiences-chat-play-read-and-learn';
const month = (back: number) => {
  const d = new Date();
  d.setUTCDate(10);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 10);
};

describe('partner insight', () => {
  it('shows feedback by priority, network and group from counters, each number changed by the cell key method, and agrees with a recount', async () => {
    const tenant = await freshTenant();
    const partner = await signedInUser(tenant, 'partner');
    const officer = await signedInUser(tenant, 'officer');

    // Mental health: Mansfield 12 (3 of them from dads, at Forest Town), five more networks 7 each,
    // Bassetlaw 3. Early experiences: Mansfield 6 (Warsop) and Ashfield 6. Half last month.
    const spec: [number, string, string[], string, string[]][] = [
      [9, 'mansfield', ['mansfield-town'], MH, []],
      [3, 'mansfield', ['forest-town'], MH, ['dads-partners']],
      [6, 'mansfield', ['warsop'], EARLY, []],
      ...['ashfield', 'broxtowe', 'gedling', 'newark-and-sherwood', 'rushcliffe'].map((n): [number, string, string[], string, string[]] => [7, n, [], MH, []]),
      [6, 'ashfield', [], EARLY, []],
      [3, 'bassetlaw', [], MH, ['rural']],
    ];
    const comments = spec.flatMap(([n, networkId, hubIds, priority, groups], s) =>
      Array.from({ length: n }, (_, i) => comment({ networkId, hubIds, priorityIds: [priority], groups, receivedOn: month(i % 2), channel: s % 2 ? 'phone' : 'stay-and-play', text: `Comment ${s}-${i}: we waited and nobody rang.` })),
    );
    await seedComments(tenant, comments);
    const mhIds = comments.filter((c) => c.priorityIds.includes(MH)).map((c) => c.id);
    const themeA = await themeOf(tenant, []);
    // Put the mental-health comments in a theme through the officers' bulk action (counts move at write time).
    const bulk = await api(`/tenants/${tenant}/feedback-bulk`, { method: 'POST', token: officer.token, json: { ids: mhIds.slice(0, 20), action: 'add-to-theme', themeId: themeA } });
    expect(bulk.status).toBe(200);
    const themeB = await themeOf(tenant, [{ networkId: 'gedling', hubIds: [], priorityIds: [EARLY], receivedOn: month(1) }]);
    const action = await publishAction(tenant, actionFields({ themeIds: [themeA], priorityIds: [MH], status: 'done', doneOn: month(0) }));
    const consultation = await createConsultation(
      officerCaller(tenant),
      tenant,
      consultationInput.parse({
        title: 'Waiting for support',
        summary: 'Tell us what waiting was like.',
        whyAsking: 'To change how we keep in touch.',
        canChange: 'How often we call.',
        priorityIds: [MH],
        opensOn: month(0),
        closesOn: '2099-01-01',
      }),
    );
    await changeStage(officerCaller(tenant), tenant, consultation.id, consultation.version, 'open');

    const get = async <T>(view: string, query = '') => {
      const res = await api(`/tenants/${tenant}/insight/${view}${query}`, { token: partner.token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as unknown as T;
    };

    // Every number is the cell key value of exactly the comments it counts (worked out here from the
    // comments and their record keys), within 2 of the truth per canonical block, and null under 5.
    const overview = await get<InsightOverview>('overview');
    const months = overview.period.months;
    // Every comment as stored (theme B's own one included), with the record key it was given.
    const keyed = await allTriaged(tenant);
    const counted = (pred: (c: Feedback) => boolean = () => true) => keyed.filter(pred);
    const expectCell = (cell: InsightCell, pred: (c: Feedback) => boolean, what: string) => {
      expect(cell.count, what).toBe(publishedFor(counted(pred), months, 5));
      const truth = counted(pred).length;
      if (cell.count !== null) expect(Math.abs(cell.count - truth), what).toBeLessThanOrEqual(2 * months.length);
    };
    expectCell(overview.feedback, () => true, 'all feedback');
    expect(overview.period.months).toHaveLength(12);
    expect(overview.actionsPublished).toBe(1);
    expect(overview.actionsDone).toBe(1);
    expect(overview.consultationsOpened).toBe(1);
    expect(overview.loop).toMatchObject({ themes: 2, answered: 1, ratePercent: 50 });
    expect(overview.loop.medianDays).toBeGreaterThanOrEqual(0);
    expect(overview.byChannel.map((c) => c.channel).sort()).toEqual(['phone', 'stay-and-play']);
    // No small/secondary labels any more: a number is there or it is "fewer than".
    expect(JSON.stringify(overview)).not.toMatch(/hidden|secondary|small/);

    const map = await get<InsightHeatmap>('heatmap');
    const col = (id: string) => map.columns.findIndex((c) => c.id === id);
    const mh = map.rows.find((r) => r.priorityId === MH)!;
    const isMh = (c: Feedback) => c.priorityIds.includes(MH);
    expectCell(mh.total, isMh, 'mental health');
    expectCell(mh.cells[col('mansfield')]!, (c) => isMh(c) && c.networkId === 'mansfield', 'mental health × Mansfield');
    // Bassetlaw's 3: changed by the p-table, and "fewer than 5" unless it became 5.
    expectCell(mh.cells[col('bassetlaw')]!, (c) => isMh(c) && c.networkId === 'bassetlaw', 'mental health × Bassetlaw');
    expectCell(map.columns[col('bassetlaw')]!.total, (c) => c.networkId === 'bassetlaw', 'Bassetlaw');
    expectCell(map.total, () => true, 'heatmap total');
    // The share is of the shown column total, the shade follows it.
    const mansfield = mh.cells[col('mansfield')]!;
    expect(mansfield.sharePercent).toBe(Math.round((mansfield.count! / map.columns[col('mansfield')]!.total.count!) * 1000) / 10);
    // The same comments give the same number in every view: the heatmap's total is the overview's.
    expect(map.total.count).toBe(overview.feedback.count);
    const everyCell = [map.total, ...map.columns.map((c) => c.total), ...map.rows.flatMap((r) => [r.total, ...r.cells])];
    expect(everyCell.every((c) => c.count === null || c.count >= 5)).toBe(true);

    // Drill into Mansfield: its hubs. Forest Town's 3 are changed and shown only if they became 5 or more.
    const hubs = await get<InsightHeatmap>('heatmap', '?network=mansfield');
    expect(hubs.scope).toEqual({ kind: 'hubs', networkId: 'mansfield', networkName: expect.stringContaining('Mansfield') });
    const mhHubs = hubs.rows.find((r) => r.priorityId === MH)!;
    expectCell(mhHubs.cells[hubs.columns.findIndex((c) => c.id === 'forest-town')]!, (c) => isMh(c) && c.hubIds.includes('forest-town'), 'Forest Town');
    expect(hubs.total.count).toBe(map.columns[col('mansfield')]!.total.count);

    // One group: dads gave 3.
    const dads = await get<InsightHeatmap>('heatmap', '?group=dads-partners');
    expectCell(dads.total, (c) => c.groups.includes('dads-partners'), 'dads');
    expect(dads.rows.flatMap((r) => r.cells).every((c) => c.count === null || c.count >= 5)).toBe(true);

    const voice = await get<InsightVoice>('voice');
    const dadsVoice = voice.groups.find((g) => g.groupId === 'dads-partners')!;
    expect(dadsVoice.feedback.count).toBe(dads.total.count);
    expect(dadsVoice.baselinePercent).toBeGreaterThan(0);
    if (dadsVoice.feedback.count === null) expect(voice.gaps.some((g) => g.groupId === 'dads-partners' && /fewer than 5 comments/.test(g.text))).toBe(true);
    expect(JSON.stringify(voice)).not.toMatch(/"count":[1-4][,}]/);

    const themes = await get<InsightThemes>('themes');
    const a = themes.themes.find((t) => t.id === themeA)!;
    const inA = (c: Feedback) => mhIds.slice(0, 20).includes(c.id);
    expectCell(a.size, inA, 'theme A');
    expect(a.actionStatus).toBe('done');
    expect(a.priorities.map((p) => p.id)).toEqual([MH]);
    // Filtered by a network, a theme is listed only when its count of that network's comments is
    // shown: theme B's one Gedling comment is not enough, so nothing tells a partner "someone from
    // Gedling said this".
    const filtered = await get<InsightThemes>('themes', `?priority=${EARLY}&network=gedling`);
    expect(filtered.network).toEqual({ id: 'gedling', name: expect.stringContaining('Gedling') });
    expect(filtered.themes).toEqual([]);
    // Theme A by Mansfield: counts of Mansfield's comments only, not the whole theme's.
    const byMansfield = await get<InsightThemes>('themes', '?network=mansfield');
    const aInMansfield = byMansfield.themes.find((t) => t.id === themeA);
    const mansfieldInA = counted((c) => inA(c) && c.networkId === 'mansfield');
    if (aInMansfield) expect(aInMansfield.size.count).toBe(publishedFor(mansfieldInA, months, 5));
    else expect(publishedFor(mansfieldInA, months, 5)).toBeNull();

    // A quote: refused with a name in it or words the parent didn't say, taken without.
    const quoted = comments.find((c) => mhIds.slice(0, 20).includes(c.id))!;
    const current = await api(`/tenants/${tenant}/feedback/${quoted.id}`, { token: officer.token });
    const v = current.body!.version as number;
    const madeUp = await api(`/tenants/${tenant}/feedback/${quoted.id}/quote`, { method: 'PUT', token: officer.token, json: { version: v, text: 'The service was excellent.' } });
    expect(madeUp.status).toBe(400);
    expect(madeUp.body!.errors.text).toMatch(/own words/);
    const withEmail = await api(`/tenants/${tenant}/feedback/${quoted.id}/quote`, { method: 'PUT', token: partner.token, json: { version: v, text: 'we waited' } });
    expect(withEmail.status).toBe(403);
    const ok = await api(`/tenants/${tenant}/feedback/${quoted.id}/quote`, { method: 'PUT', token: officer.token, json: { version: v, text: 'we waited … nobody rang.' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // Partners read nothing until a second officer approves it (issue 14 §6).
    expect((await get<InsightThemeDetail>(`themes/${themeA}`)).quotes).toEqual([]);
    const secondOfficer = await signedInUser(tenant, 'officer');
    const approved = await api(`/tenants/${tenant}/feedback/${quoted.id}/quote/approve`, { method: 'POST', token: secondOfficer.token, json: { version: ok.body!.version } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const detail = await get<InsightThemeDetail>(`themes/${themeA}`);
    expect(detail.quotes.map((q) => q.text)).toEqual(['we waited … nobody rang.']);
    expect(detail.actions.map((x) => x.id)).toEqual([action.id]);
    expect(detail.byMonth).toHaveLength(12);
    // Spread by network: all time (the theme keeps no months for it), one all-time block each.
    expect(detail.breakdowns).toBe('all-time');
    expect(detail.byNetwork.find((n) => n.id === 'bassetlaw')!.cell.count).toBe(publishedFor(counted((c) => inA(c) && c.networkId === 'bassetlaw'), undefined, 5));
    expect(JSON.stringify(detail)).not.toMatch(/memberId|panelId|@/);

    const trends = await get<InsightTrends>('trends');
    expect(trends.series[0]!.total.count).toBe(overview.feedback.count);
    expect(trends.series.map((s) => s.points.length)).toEqual(trends.series.map(() => 12));
    const thisMonth = trends.series[0]!.points.at(-1)!;
    expect(thisMonth.loop.themes).toBeGreaterThanOrEqual(1);

    // A split and a merge move months and pairs with the comments; a re-approval moves nothing twice.
    const split = await splitTheme(officerCaller(tenant), tenant, themeA, { name: 'Split out', description: '' }, mhIds.slice(0, 4));
    await mergeTheme(officerCaller(tenant), tenant, split.id, split.version, themeB, (from, into, ids) => relinkThemes(tenant, from, into, ids));
    await republishAction(tenant, action, actionFields({ themeIds: [themeA], priorityIds: [MH], status: 'in-progress' }));

    expect(await liveFeedbackCounters(tenant)).toEqual(await recountFeedback(tenant));
    expect(await liveThemeCounts(tenant)).toEqual(await recountThemes(tenant));
    expect(await liveActionMonths(tenant)).toEqual(await recountActionMonths(tenant));
    expect(await liveConsultationMonths(tenant)).toEqual(await recountConsultationMonths(tenant));
    const after = await get<InsightOverview>('overview');
    expect(after.actionsDone).toBe(0);
    expect(after.actionsPublished).toBe(1);
  });

  it('refuses a bad period with a clear message, and keeps partners to their own partnership and out of officer APIs', async () => {
    const tenant = await freshTenant();
    const other = await freshTenant();
    const partner = await signedInUser(tenant, 'partner');
    const bad = await api(`/tenants/${tenant}/insight/overview?period=custom&from=2026-05`, { token: partner.token });
    expect(bad.status).toBe(400);
    expect(bad.body!.errors.to).toBe('Enter the last month');
    const backwards = await api(`/tenants/${tenant}/insight/heatmap?period=custom&from=2026-05&to=2026-01`, { token: partner.token });
    expect(backwards.body!.errors.to).toMatch(/after the first month/);
    expect((await api(`/tenants/${tenant}/insight/heatmap?network=nowhere`, { token: partner.token })).status).toBe(404);

    for (const view of ['overview', 'heatmap', 'voice', 'themes', 'trends']) {
      expect((await api(`/tenants/${other}/insight/${view}`, { token: partner.token })).status, view).toBe(403);
      expect((await api(`/tenants/${tenant}/insight/${view}`)).status, view).toBe(401);
    }
    for (const path of ['feedback', 'themes', 'actions', 'consultations', 'panels']) {
      expect((await api(`/tenants/${tenant}/${path}`, { token: partner.token })).status, path).toBe(403);
    }
  });

  it('are rebuilt from the comments, themes, actions and consultations by an admin’s repair job', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const partner = await signedInUser(tenant, 'partner');
    const themeId = await themeOf(tenant, Array.from({ length: 6 }, (_, i) => ({ priorityIds: [MH], receivedOn: month(i % 2) })));
    await publishAction(tenant, actionFields({ themeIds: [themeId], priorityIds: [MH], status: 'done', doneOn: month(0) }));
    const before = (await api(`/tenants/${tenant}/insight/overview`, { token: partner.token })).body;
    // Counters knocked out of true (a lost write, a bug): the views are wrong, the recount is not.
    const period = month(0).slice(0, 7);
    await db().send(new UpdateCommand({ TableName: tableName(), Key: feedbackKeys.counter(tenant, period, 3, '*'), UpdateExpression: 'ADD #c :n', ExpressionAttributeNames: { '#c': '*|*|*' }, ExpressionAttributeValues: { ':n': 40 } }));
    await db().send(new UpdateCommand({ TableName: tableName(), Key: feedbackKeys.counter(tenant, shiftMonth(period, -60), 0, '*'), UpdateExpression: 'ADD #c :n', ExpressionAttributeNames: { '#c': '*|*|*' }, ExpressionAttributeValues: { ':n': 7 } }));
    await db().send(new UpdateCommand({ TableName: tableName(), Key: feedbackKeys.theme(tenant, themeId), UpdateExpression: 'ADD #c :n', ExpressionAttributeNames: { '#c': '#m:1999-01' }, ExpressionAttributeValues: { ':n': 9 } }));
    await db().send(new UpdateCommand({ TableName: tableName(), Key: actionKeys.monthCount(tenant, period), UpdateExpression: 'ADD #c :n', ExpressionAttributeNames: { '#c': 'done' }, ExpressionAttributeValues: { ':n': 2 } }));
    expect(await liveFeedbackCounters(tenant)).not.toEqual(await recountFeedback(tenant));
    expect((await api(`/tenants/${tenant}/insight/overview`, { token: partner.token })).body!.feedback.count).toBeGreaterThan(40);

    expect((await api(`/tenants/${tenant}/insight/rebuild`, { method: 'POST', token: partner.token })).status).toBe(403);
    const rebuilt = await api(`/tenants/${tenant}/insight/rebuild`, { method: 'POST', token: admin.token });
    expect(rebuilt.status).toBe(200);
    // Every comment already had its record key; the rebuild keeps them, so the numbers come back the same.
    expect(rebuilt.body).toMatchObject({ recordKeysGiven: 0, themes: 1, actionMonths: 1 });
    expect(await liveFeedbackCounters(tenant, [...new Set([period, month(1).slice(0, 7), shiftMonth(period, -60), 'ALL'])])).toEqual(await recountFeedback(tenant));
    expect(await liveThemeCounts(tenant)).toEqual(await recountThemes(tenant));
    expect(await liveActionMonths(tenant)).toEqual(await recountActionMonths(tenant));
    const after = (await api(`/tenants/${tenant}/insight/overview`, { token: partner.token })).body;
    expect({ ...after, readAt: 0 }).toEqual({ ...before, readAt: 0 });
  });
});

