import * as actions from '../actions/actions.repository.ts';
import * as consultations from '../consultations/consultations.repository.ts';

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
