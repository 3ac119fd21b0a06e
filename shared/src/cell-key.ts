/**
 * The cell key method: how every count about people is protected before anyone but the person sees
 * it (the method ONS used for every Census 2021 table, and ABS uses in TableBuilder).
 *
 * 1. Every record that is counted (a comment, a member's counted profile, an attendance…) is given a
 *    random **record key**, a whole number from 0 to 255, when it is created. It never changes and
 *    never leaves the server.
 * 2. Every counter keeps, beside its count, the **sum of its records' keys**, moved in the same
 *    transaction as the count. Both are additive, so shards, months and recounts add up as before.
 * 3. At read time a cell's **cell key** is its key sum mod 256. Because record keys are uniformly
 *    random, so is a non-empty cell's key, and it is the same whenever the cell holds the same records.
 * 4. The **p-table** turns (count, cell key) into a small change, −2 to +2 (never below zero; an empty
 *    cell stays 0). The same records always get the same change, in every view, period and page, so
 *    asking again, or asking for the same people another way, teaches nothing new; and subtracting two
 *    overlapping numbers leaves the difference plus two independent changes, which the reader cannot
 *    take out.
 * 5. Then the partnership's threshold applies to the changed number: under it, the page says "fewer
 *    than 5". Tables need not add up: a total is a cell in its own right, with its own change.
 *
 * Periods. A count over a run of months is not perturbed once as a whole: it is the sum of the
 * perturbed counts of the **canonical blocks** that cover it — whole financial years (April to March),
 * whole financial quarters, and single months, aligned to the calendar. Each block is a fixed set of
 * records with one fixed change, so however many periods a reader asks for, and however they subtract
 * them, they are only ever adding and subtracting the same few perturbed blocks: they can learn a
 * block's perturbed value, never its true one. (Perturbing each period as one cell would give a fresh,
 * independent change for every start month, and averaging the differences of many pairs of periods
 * would wash the changes out.) Only the months the cell has records in count: the cover is of the span
 * from its first to its last month with records in the period, so the same records always give the
 * same blocks, and the same value, whatever period they are read through.
 *
 * "All time" is one more block, for figures that have no months behind them (the public log's "things
 * you told us", a theme's spread by priority, hub or group): one perturbation of the all-time tally.
 * A cell's whole history can so be read two ways, all time and a period covering it, which lets a
 * reader average two changes for it: no more.
 *
 * The p-table (out of 256 cell keys; design after Marley & Leaver's and ONS's tables: unbiased, a fixed
 * spread, no negative counts):
 *
 * | true count | −2 | −1 |  0  | +1 | +2 |
 * |---|---|---|---|---|---|
 * | 0          |    |     | 256 |    |    |
 * | 1          |    | 104 |  78 | 44 | 30 |
 * | 2 and more | 38 |  51 |  78 | 51 | 38 |
 *
 * Every row has mean change 0 (variance 1.6 from 2 up). The chance a count is shown unchanged is
 * 78/256 ≈ 30%; the chance that the difference of two independently perturbed counts is the true
 * difference is ≈ 22%. Larger counts
 * are not perturbed less often here, unlike ONS's table: ONS also swapped records and published only
 * fixed tables, while a partner here can subtract any two large counts, and those differences are what
 * the change has to blur. A change of ±2 on a count of 200 is 1%; on 8 it says "about 8".
 */

/** How many record keys there are: keys are 0 … 255. */
export const RECORD_KEYS = 256;

/** A new record's key, uniformly random (crypto, not Math.random: keys are the secret the method rests on). */
export function newRecordKey(): number {
  const bytes = new Uint8Array(1);
  globalThis.crypto.getRandomValues(bytes);
  return bytes[0]!;
}

/** A record's key, for records made before keys existed (0: they move no key sum until a rebuild gives them one). */
export const keyOf = (record: { recordKey?: number | undefined }): number => record.recordKey ?? 0;

/** What a counter holds for one cell: how many records, and the sum of their keys. */
export interface Tally {
  n: number;
  k: number;
}

export const emptyTally: Tally = { n: 0, k: 0 };

export function addTally(a: Tally, b: Tally): Tally {
  return { n: a.n + b.n, k: a.k + b.k };
}

/** Counters store a cell's key sum beside its count, under the cell's name with this suffix. */
export const KEY_SUFFIX = '~k';
export const keyName = (cell: string): string => `${cell}${KEY_SUFFIX}`;
export const isKeyName = (name: string): boolean => name.endsWith(KEY_SUFFIX);

/** A cell's tally from counter attributes (counts and key sums side by side), as a map or a plain record. */
export function tallyIn(cells: ReadonlyMap<string, number> | Readonly<Record<string, number>> | undefined, cell: string): Tally {
  if (cells instanceof Map) return { n: cells.get(cell) ?? 0, k: cells.get(keyName(cell)) ?? 0 };
  const record = cells as Readonly<Record<string, number>> | undefined;
  return { n: record?.[cell] ?? 0, k: record?.[keyName(cell)] ?? 0 };
}

/** Adds `sign` × one record (count 1, its key) to each cell, into a map of deltas. */
export function addRecord(into: Map<string, number>, cells: Iterable<string>, key: number, sign: 1 | -1): void {
  for (const c of cells) {
    into.set(c, (into.get(c) ?? 0) + sign);
    if (key) into.set(keyName(c), (into.get(keyName(c)) ?? 0) + sign * key);
  }
}

/** The p-table: per row, [change, how many of the 256 cell keys give it]. */
export const P_TABLE: ReadonlyArray<{ from: number; changes: ReadonlyArray<readonly [number, number]> }> = [
  { from: 0, changes: [[0, 256]] },
  { from: 1, changes: [[-1, 104], [0, 78], [1, 44], [2, 30]] },
  { from: 2, changes: [[-2, 38], [-1, 51], [0, 78], [1, 51], [2, 38]] },
];

/** The largest change the p-table makes to one cell. */
export const MAX_CHANGE = 2;

function row(count: number) {
  let chosen = P_TABLE[0]!;
  for (const r of P_TABLE) if (count >= r.from) chosen = r;
  return chosen;
}

/** The cell key of a key sum: 0 … 255. */
export const cellKey = (keySum: number): number => ((Math.round(keySum) % RECORD_KEYS) + RECORD_KEYS) % RECORD_KEYS;

/** The change the p-table makes to a count with this cell key. */
export function change(count: number, key: number): number {
  let left = cellKey(key);
  for (const [c, weight] of row(count).changes) {
    if (left < weight) return c;
    left -= weight;
  }
  throw new Error('cell key: a p-table row does not add up to 256');
}

/** One cell's published count: the true count changed by the p-table, never below 0. */
export function perturb(t: Tally): number {
  if (t.n <= 0) return 0;
  return Math.max(0, t.n + change(t.n, cellKey(t.k)));
}

// ——— Periods: canonical blocks ———

const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
/** April is month index 3 of a year: financial blocks start where (index − 3) divides evenly. */
const alignedTo = (i: number, size: number) => (((i - 3) % size) + size) % size === 0;

/**
 * The canonical blocks covering a run of consecutive months (`yyyy-mm`, in order): whole financial
 * years, then whole financial quarters, then single months, greedily from the first month. Every
 * block is aligned, so the same run always gets the same blocks.
 */
export function blocksOf(months: readonly string[]): string[][] {
  const out: string[][] = [];
  let i = 0;
  while (i < months.length) {
    const at = monthIndex(months[i]!);
    const size = alignedTo(at, 12) && i + 12 <= months.length ? 12 : alignedTo(at, 3) && i + 3 <= months.length ? 3 : 1;
    out.push(months.slice(i, i + size));
    i += size;
  }
  return out;
}

/**
 * A cell's published count over a period: the months it has records in, from the first to the last,
 * covered by canonical blocks, each block's tally perturbed, and the results added up. A function of
 * the records alone (their months and keys): the same records give the same number through any period.
 */
export function perturbOverMonths(months: readonly string[], tallyOf: (month: string) => Tally): number {
  const tallies = months.map(tallyOf);
  const first = tallies.findIndex((t) => t.n !== 0);
  if (first === -1) return 0;
  let last = tallies.length - 1;
  while (tallies[last]!.n === 0) last--;
  let total = 0;
  let i = first;
  for (const block of blocksOf(months.slice(first, last + 1))) {
    let sum = emptyTally;
    for (let j = 0; j < block.length; j++) sum = addTally(sum, tallies[i + j]!);
    total += perturb(sum);
    i += block.length;
  }
  return total;
}

/** What a reader sees of a published count: the number, or null for "fewer than `threshold`". */
export function shown(published: number, threshold: number): number | null {
  return published < threshold ? null : published;
}
