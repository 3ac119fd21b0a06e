import { addCells, periodOf, tenantCells, themeCells } from './feedback-counters.ts';
import * as repo from './feedback.repository.ts';

/**
 * What the feedback counters and theme counts should be, worked out from the comments themselves.
 * The live counters are kept at write time; this is the proof that they agree (tests, and a repair
 * check for a deployed partnership), never what a page reads.
 */

type Counts = Map<string, Map<string, number>>;

function withoutZeros(counts: Counts): Counts {
  const out: Counts = new Map();
  for (const [k, cells] of counts) {
    const kept = new Map([...cells].filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));
    if (kept.size) out.set(k, kept);
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

export async function everyComment(tenantId: string) {
  return [...(await repo.allTriaged(tenantId)), ...(await repo.listSafeguarding(tenantId))];
}

/** Per period (`yyyy-mm` and `ALL`): cell → count. */
export async function recountFeedback(tenantId: string): Promise<Counts> {
  const counts: Counts = new Map();
  for (const f of await everyComment(tenantId)) {
    for (const period of [periodOf(f.receivedOn), 'ALL']) {
      let cells = counts.get(period);
      if (!cells) counts.set(period, (cells = new Map()));
      addCells(cells, tenantCells(f), 1, f);
    }
  }
  return withoutZeros(counts);
}

/** The live counters for every period the comments fall in (and `ALL`), zeros left out. */
export async function liveFeedbackCounters(tenantId: string, periods?: string[]): Promise<Counts> {
  const wanted = periods ?? [...new Set([...(await everyComment(tenantId)).map((f) => periodOf(f.receivedOn)), 'ALL'])];
  const counts: Counts = new Map();
  for (const period of wanted) counts.set(period, await repo.readCounters(tenantId, period));
  return withoutZeros(counts);
}

/** Per theme: cell → count, from the comments in it. */
export async function recountThemes(tenantId: string): Promise<Counts> {
  const counts: Counts = new Map();
  for (const theme of await repo.listThemes(tenantId)) counts.set(theme.id, new Map());
  for (const f of await everyComment(tenantId)) {
    if (!f.themeId) continue;
    let cells = counts.get(f.themeId);
    if (!cells) counts.set(f.themeId, (cells = new Map()));
    addCells(cells, themeCells(f), 1, f);
  }
  return withoutZeros(counts);
}

export async function liveThemeCounts(tenantId: string): Promise<Counts> {
  return withoutZeros(new Map((await repo.listThemes(tenantId)).map((t) => [t.id, new Map(Object.entries(t.counts))])));
}
