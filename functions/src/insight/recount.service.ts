import { shiftMonth } from '@pv/shared/insight.schema';
import * as actions from '../actions/actions.repository.ts';
import * as consultations from '../consultations/consultations.repository.ts';
import * as feedback from '../feedback/feedback.repository.ts';
import { everyComment, recountFeedback, recountThemes } from '../feedback/recount.service.ts';
import { nowIso } from '../platform/ids.ts';

/**
 * The monthly counts behind the partner views that are not feedback counters (those have their own
 * recount in feedback/recount.service.ts, theme counts included): actions published and done, and
 * consultations opened, worked out again from the actions and consultations themselves. The live
 * counts are kept at write time; this is the proof they agree (tests) and a repair check.
 */

type ByMonth = Map<string, Map<string, number>>;

function add(into: ByMonth, month: string, cell: string, n = 1): void {
  let m = into.get(month);
  if (!m) into.set(month, (m = new Map()));
  m.set(cell, (m.get(cell) ?? 0) + n);
}

function tidy(counts: ByMonth): ByMonth {
  const out: ByMonth = new Map();
  for (const [month, cells] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const kept = new Map([...cells].filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));
    if (kept.size) out.set(month, kept);
  }
  return out;
}

export async function recountActionMonths(tenantId: string): Promise<ByMonth> {
  const counts: ByMonth = new Map();
  let cursor: string | undefined;
  do {
    const page = await actions.listActions(tenantId, 100, cursor);
    for (const a of page.items) if (a.published) for (const [month, cell] of actions.monthCells(a.published, true)) add(counts, month, cell);
    cursor = page.next;
  } while (cursor);
  return tidy(counts);
}

export async function liveActionMonths(tenantId: string): Promise<ByMonth> {
  return tidy(await actions.readMonthCounts(tenantId, '0000-01', '9999-12'));
}

export async function recountConsultationMonths(tenantId: string): Promise<ByMonth> {
  const counts: ByMonth = new Map();
  for (const c of await consultations.listConsultations(tenantId)) {
    const opened = c.timeline.find((t) => t.stage === 'open');
    if (opened) add(counts, opened.on.slice(0, 7), 'opened');
  }
  return tidy(counts);
}

export async function liveConsultationMonths(tenantId: string): Promise<ByMonth> {
  return tidy(await consultations.readMonthCounts(tenantId, '0000-01', '9999-12'));
}

/**
 * The repair job: rewrites every counter behind the partner views (feedback counters for each month
 * and all time, each theme's counts, actions and consultations per month) from the source items,
 * after giving a record key to any comment made before comments had one.
 * Reads every comment, so it is an admin's job for a quiet moment, never part of a page: a change
 * racing it may be counted twice or not at all until the job is run again.
 */
export async function rebuildInsightCounters(tenantId: string): Promise<{ recordKeysGiven: number; periods: number; themes: number; actionMonths: number; consultationMonths: number }> {
  const recordKeysGiven = await feedback.giveRecordKeys(tenantId, await everyComment(tenantId));
  const counts = await recountFeedback(tenantId);
  // Months that have counters now but no comments any more must be emptied too: look back ten years.
  const thisMonth = nowIso().slice(0, 7);
  const recent = Array.from({ length: 121 }, (_, i) => shiftMonth(thisMonth, -i));
  const periods = [...new Set([...counts.keys(), 'ALL', ...(await feedback.countedPeriods(tenantId, recent))])];
  for (const period of periods) await feedback.replaceCounters(tenantId, period, counts.get(period) ?? new Map());
  const themeCounts = await recountThemes(tenantId);
  const themes = await feedback.listThemes(tenantId);
  for (const theme of themes) await feedback.replaceThemeCounts(tenantId, theme.id, themeCounts.get(theme.id) ?? new Map());
  const actionMonths = await recountActionMonths(tenantId);
  await actions.replaceMonthCounts(tenantId, actionMonths);
  const consultationMonths = await recountConsultationMonths(tenantId);
  await consultations.replaceMonthCounts(tenantId, consultationMonths);
  return { recordKeysGiven, periods: periods.length, themes: themes.length, actionMonths: actionMonths.size, consultationMonths: consultationMonths.size };
}
