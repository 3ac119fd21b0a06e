import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { determined, family, protect, type Relation, type Table } from '@pv/shared/disclosure';
import { suppressRow } from '@pv/shared/suppress-small-numbers';

/*
 * The attackers here are written from scratch, on purpose unlike the module's: the module reduces
 * sparse integer rows one relation at a time; `solveAll` below is a dense textbook Gauss–Jordan over
 * bigints, column by column, that also works out each value and checks it against the truth; `completions`
 * tries every non-negative whole-number filling of the hidden cells.
 */

// ——— Attacker 1: exact Gauss–Jordan elimination (dense, bigint, fraction-free) ———

const abs = (a: bigint) => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Every cell outside `known` that the relations and the known values pin down, with its value. */
function solveAll(values: Map<string, number>, relations: Relation[], known: Set<string>): Map<string, bigint> {
  const unknowns = [...new Set(relations.flatMap((r) => [r.total, ...r.parts]))].filter((id) => !known.has(id)).sort();
  const col = new Map(unknowns.map((id, i) => [id, i]));
  const width = unknowns.length; // the last column (index width) is the right-hand side
  const m: bigint[][] = relations.map((r) => {
    const row = new Array<bigint>(width + 1).fill(0n);
    const put = (id: string, k: bigint) => {
      const c = col.get(id);
      if (c === undefined) row[width] = row[width]! - k * BigInt(values.get(id)!);
      else row[c] = row[c]! + k;
    };
    put(r.total, 1n);
    for (const p of r.parts) put(p, -1n);
    return row;
  });
  const pivotOf: number[] = []; // row index → pivot column
  let top = 0;
  for (let c = 0; c < width && top < m.length; c++) {
    const at = m.findIndex((row, i) => i >= top && row[c] !== 0n);
    if (at === -1) continue;
    [m[top], m[at]] = [m[at]!, m[top]!];
    const p = m[top]!;
    const nonzero = p.flatMap((v, j) => (v !== 0n ? [j] : []));
    for (let i = 0; i < m.length; i++) {
      const row = m[i]!;
      if (i === top || row[c] === 0n) continue;
      const a = p[c]!;
      const b = row[c]!;
      for (let j = 0; j <= width; j++) row[j] = a * row[j]!;
      for (const j of nonzero) row[j] = row[j]! - b * p[j]!;
      let g = 0n;
      for (const v of row) if (v !== 0n) g = gcd(g, v);
      if (g > 1n) for (let j = 0; j <= width; j++) row[j] = row[j]! / g;
    }
    pivotOf[top] = c;
    top++;
  }
  const out = new Map<string, bigint>();
  for (let i = 0; i < top; i++) {
    const row = m[i]!;
    const c = pivotOf[i]!;
    if (row.some((v, j) => j < width && j !== c && v !== 0n)) continue;
    expect(row[width]! % row[c]!).toBe(0n);
    out.set(unknowns[c]!, row[width]! / row[c]!);
  }
  return out;
}

/**
 * Hidden or never-shown cells holding 1 to threshold − 1 that an attacker works out, given what is
 * shown (and, for the strong attacker, every cell that is 0 — more than non-negativity can ever tell
 * anyone, so it stands in for "counts are never negative"). Also checks every worked-out value is true.
 */
function exposures(table: Table, shown: Set<string>, threshold: number, knowsZeros: boolean): string[] {
  const known = new Set(shown);
  if (knowsZeros) for (const [id, v] of table.values) if (v === 0) known.add(id);
  const found = solveAll(table.values, table.relations, known);
  for (const [id, v] of found) expect(v).toBe(BigInt(table.values.get(id)!));
  return [...found.keys()].filter((id) => {
    const v = table.values.get(id)!;
    return v >= 1 && v < threshold;
  });
}

// ——— Attacker 2: every non-negative whole-number filling (tiny tables only) ———

/** For each unknown cell, the set of values it takes over all non-negative integer solutions ≤ bound. */
function completions(table: Table, known: Set<string>, bound: number): Map<string, Set<number>> {
  const cells = [...new Set(table.relations.flatMap((r) => [r.total, ...r.parts]))].filter((id) => !known.has(id)).sort();
  const seen = new Map(cells.map((id) => [id, new Set<number>()]));
  const x = new Map<string, number>();
  const value = (id: string) => (known.has(id) ? table.values.get(id)! : x.get(id));
  const terms = table.relations.map((r) => [[r.total, 1] as const, ...r.parts.map((p) => [p, -1] as const)]);
  const go = (): void => {
    // A relation with one cell left decides it; a full relation must balance.
    for (const t of terms) {
      const open = t.filter(([id]) => value(id) === undefined);
      const sum = t.reduce((s, [id, k]) => s + k * (value(id) ?? 0), 0);
      if (open.length === 0 && sum !== 0) return;
      // Only parts left open, and the parts so far already exceed the total: no filling can balance.
      if (sum < 0 && open.every(([, k]) => k < 0)) return;
      if (open.length === 1) {
        const [id, k] = open[0]!;
        const v = -sum / k;
        if (v < 0 || v > bound) return;
        x.set(id, v);
        go();
        x.delete(id);
        return;
      }
    }
    const next = cells.find((id) => !x.has(id));
    if (next === undefined) {
      for (const id of cells) seen.get(id)!.add(x.get(id)!);
      return;
    }
    for (let v = 0; v <= bound; v++) {
      x.set(next, v);
      go();
    }
    x.delete(next);
  };
  go();
  return seen;
}

// ——— Views built from comments ———

interface Comment {
  priorities: number[];
  network: number | null;
  groups: number[];
  hubs: number[];
}
interface Scenario {
  priorities: number;
  networks: number;
  hubsPerNetwork: number[];
  comments: Comment[];
}

const comment = (priorities: number, hubsPerNetwork: number[]): fc.Arbitrary<Comment> =>
  fc
    .record({
      priorities: fc.subarray([...Array(priorities).keys()], { maxLength: 2 }),
      network: fc.option(fc.nat(hubsPerNetwork.length - 1), { freq: 6 }),
      groups: fc.subarray([0, 1, 2], { maxLength: 2 }),
      hubPicks: fc.array(fc.nat(2), { maxLength: 3 }),
    })
    .map(({ hubPicks, ...c }) => ({
      ...c,
      hubs: c.network === null ? [] : [...new Set(hubPicks.map((h) => h % hubsPerNetwork[c.network!]!))],
    }));

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    priorities: fc.integer({ min: 3, max: 5 }),
    networks: fc.integer({ min: 2, max: 4 }),
    size: fc.integer({ min: 0, max: 120 }),
  })
  .chain(({ priorities, networks, size }) =>
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: networks, maxLength: networks }).chain((hubsPerNetwork) =>
      fc
        .array(comment(priorities, hubsPerNetwork), { minLength: size, maxLength: size })
        .map((comments) => ({ priorities, networks, hubsPerNetwork, comments })),
    ),
  );

/**
 * What a heatmap would publish: per layer (all parents, and each group) priority × network counts,
 * priority totals, network totals, the layer's total and each hub's count; tied together by family():
 * rows, columns, both ways to the layer total, hubs within their network, and each group's cell
 * against the all-parents cell (groups overlap, so often no exact relation there).
 */
function heatmap(s: Scenario): { table: Table; publishable: string[] } {
  const values = new Map<string, number>();
  const layers = ['all', 'g0', 'g1', 'g2'];
  const P = [...Array(s.priorities).keys()];
  const N = [...Array(s.networks).keys()];
  const cellKeys: string[] = [];
  for (const p of P) for (const n of N) cellKeys.push(`p${p}|n${n}`);
  for (const p of P) cellKeys.push(`p${p}|*`);
  for (const n of N) cellKeys.push(`*|n${n}`);
  cellKeys.push('*|*');
  for (const n of N) for (let h = 0; h < s.hubsPerNetwork[n]!; h++) cellKeys.push(`h${n}.${h}`);
  for (const layer of layers) for (const key of cellKeys) values.set(`${layer}|${key}`, 0);
  const bump = (id: string) => values.set(id, values.get(id)! + 1);
  for (const c of s.comments) {
    for (const layer of layers) {
      if (layer !== 'all' && !c.groups.includes(Number(layer.slice(1)))) continue;
      bump(`${layer}|*|*`);
      for (const p of c.priorities) bump(`${layer}|p${p}|*`);
      if (c.network === null) continue;
      bump(`${layer}|*|n${c.network}`);
      for (const p of c.priorities) bump(`${layer}|p${p}|n${c.network}`);
      for (const h of c.hubs) bump(`${layer}|h${c.network}.${h}`);
    }
  }
  const publishable = [...values.keys()];
  const relations: Relation[] = [];
  const add = (r: Relation | undefined) => r && relations.push(r);
  for (const l of layers) {
    for (const p of P) add(family(`${l}|p${p}|*`, N.map((n) => `${l}|p${p}|n${n}`), values));
    for (const n of N) add(family(`${l}|*|n${n}`, P.map((p) => `${l}|p${p}|n${n}`), values));
    add(family(`${l}|*|*`, P.map((p) => `${l}|p${p}|*`), values));
    add(family(`${l}|*|*`, N.map((n) => `${l}|*|n${n}`), values));
    for (const n of N) add(family(`${l}|*|n${n}`, [...Array(s.hubsPerNetwork[n]!).keys()].map((h) => `${l}|h${n}.${h}`), values));
  }
  for (const key of cellKeys) add(family(`all|${key}`, ['g0', 'g1', 'g2'].map((g) => `${g}|${key}`), values));
  return { table: { values, relations }, publishable };
}

const shownAfter = (publishable: string[], hidden: Set<string>) => new Set(publishable.filter((id) => !hidden.has(id)));

/** A protector that does primary suppression only: the mutant the property must catch. */
const primaryOnly = (table: Table, publishable: string[], threshold: number) =>
  new Set(publishable.filter((id) => table.values.get(id)! < threshold));

/** The existing row rule applied to every relation on its own (parts and rest as a row). */
function rowByRow(table: Table, publishable: string[], threshold: number): Set<string> {
  const hidden = primaryOnly(table, publishable, threshold);
  for (const r of table.relations) {
    const row = suppressRow(r.parts.map((p) => table.values.get(p)!), threshold);
    r.parts.forEach((p, i) => row[i] && publishable.includes(p) && hidden.add(p));
  }
  return hidden;
}

// ——— Examples ———

describe('protecting a view from small numbers being worked out', () => {
  it('a single row: hides the small cell and the next smallest, and nothing can be worked out', () => {
    const values = new Map([['t', 20], ['a', 3], ['b', 8], ['c', 9]]);
    const table: Table = { values, relations: [{ total: 't', parts: ['a', 'b', 'c'] }] };
    const hidden = protect(table, values.keys(), 5);
    expect([...hidden].sort()).toEqual(['a', 'b']);
    expect(solveAll(values, table.relations, shownAfter([...values.keys()], hidden)).size).toBe(0);
    expect(determined(table, new Set(['t', 'c']))).toEqual(new Set());
    expect(determined(table, new Set(['t', 'b', 'c']))).toEqual(new Set(['a']));
  });

  /** Rows r0…r2 × columns c0…c2 with row totals, column totals and a grand total. */
  function grid(cells: number[][]): { table: Table; publishable: string[] } {
    const values = new Map<string, number>();
    const relations: Relation[] = [];
    cells.forEach((row, i) => row.forEach((v, j) => values.set(`r${i}c${j}`, v)));
    cells.forEach((row, i) => values.set(`r${i}`, row.reduce((s, v) => s + v, 0)));
    cells[0]!.forEach((_, j) => values.set(`c${j}`, cells.reduce((s, row) => s + row[j]!, 0)));
    values.set('all', cells.flat().reduce((s, v) => s + v, 0));
    cells.forEach((row, i) => relations.push({ total: `r${i}`, parts: row.map((_, j) => `r${i}c${j}`) }));
    cells[0]!.forEach((_, j) => relations.push({ total: `c${j}`, parts: cells.map((_, i) => `r${i}c${j}`) }));
    relations.push({ total: 'all', parts: cells.map((_, i) => `r${i}`) });
    relations.push({ total: 'all', parts: cells[0]!.map((_, j) => `c${j}`) });
    return { table: { values, relations }, publishable: [...values.keys()] };
  }

  it('a table with row and column totals: the row-only rule leaks through a column, this does not', () => {
    const { table, publishable } = grid([
      [3, 10, 12],
      [8, 20, 15],
      [9, 11, 14],
    ]);
    // The row rule per row hides 3 and 10 in the first row and nothing else: column c0 (20) − 8 − 9 = 3.
    const naive = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const row = [0, 1, 2].map((j) => `r${i}c${j}`);
      suppressRow(row.map((id) => table.values.get(id)!), 5).forEach((h, j) => h && naive.add(row[j]!));
    }
    expect([...naive].sort()).toEqual(['r0c0', 'r0c1']);
    expect(exposures(table, shownAfter(publishable, naive), 5, false)).toEqual(['r0c0']);

    const hidden = protect(table, publishable, 5);
    expect(hidden.has('r0c0')).toBe(true);
    expect(exposures(table, shownAfter(publishable, hidden), 5, true)).toEqual([]);
    // The usual rectangle: two in the small cell's row, two in its column, none of the totals.
    expect([...hidden].sort()).toEqual(['r0c0', 'r0c1', 'r1c0', 'r1c1']);
  });

  it('a hierarchy of hubs within networks within the partnership: a small network takes a hub of another with it', () => {
    // Network B has 4 comments (all at hub b1); network A has 25 across three hubs.
    const values = new Map([
      ['all', 29],
      ['A', 25], ['a1', 6], ['a2', 12], ['a3', 7],
      ['B', 4], ['b1', 4], ['b2', 0],
    ]);
    const relations = [family('all', ['A', 'B'], values), family('A', ['a1', 'a2', 'a3'], values), family('B', ['b1', 'b2'], values)];
    const table: Table = { values, relations: relations.filter((r): r is Relation => r !== undefined) };
    const publishable = [...values.keys()];
    expect(primaryOnly(table, publishable, 5)).toEqual(new Set(['B', 'b1', 'b2']));
    // With only those hidden, all − A gives B away; hiding A as well is not enough either, as its hubs add up to it.
    expect(exposures(table, shownAfter(publishable, new Set(['B', 'b1', 'b2'])), 5, false)).toEqual(['B']);
    expect(exposures(table, shownAfter(publishable, new Set(['A', 'B', 'b1', 'b2'])), 5, false)).toEqual(['B']);

    const hidden = protect(table, publishable, 5);
    expect([...hidden].sort()).toEqual(['A', 'B', 'a1', 'b1', 'b2']);
    expect(exposures(table, shownAfter(publishable, hidden), 5, true)).toEqual([]);
    // The total is still shown, and so are the other two of A's hubs.
    expect(hidden.has('all')).toBe(false);
  });

  it('a remainder that is never shown is a count of people too, and is protected like one', () => {
    // 9 comments in a network, 6 of them at its one hub: the other 3 are "no hub", never shown.
    const values = new Map([['net', 9], ['hub', 6]]);
    const relation = family('net', ['hub'], values)!;
    expect(relation).toEqual({ total: 'net', parts: ['hub', 'net~rest'] });
    expect(values.get('net~rest')).toBe(3);
    const table: Table = { values, relations: [relation] };
    expect(determined(table, new Set(['net', 'hub']))).toEqual(new Set(['net~rest']));
    const hidden = protect(table, ['net', 'hub'], 5);
    expect(hidden).toEqual(new Set(['hub']));
  });

  it('family: overlapping parts give no relation, parts that fill the total exactly give one with no rest', () => {
    const values = new Map([['t', 10], ['x', 6], ['y', 7], ['z', 4]]);
    expect(family('t', ['x', 'y'], values)).toBeUndefined();
    expect(family('t', ['x', 'z'], values)).toEqual({ total: 't', parts: ['x', 'z'] });
    // Two ways of splitting one total, each with a remainder of its own.
    expect(family('t', ['x'], values)).toEqual({ total: 't', parts: ['x', 't~rest'] });
    expect(family('t', ['z'], values)).toEqual({ total: 't', parts: ['z', 't~rest~2'] });
    expect([values.get('t~rest'), values.get('t~rest~2')]).toEqual([4, 6]);
  });

  it('works out cells whose coefficients outgrow exact floating-point integers (falls back to bigints)', () => {
    // x0 = 2·x1, x1 = 2·x2, …: reducing gives x0 = 2^60 · x60, past Number.MAX_SAFE_INTEGER.
    const values = new Map([...Array(61).keys()].map((i) => [`x${i}`, 0] as const));
    const relations = [...Array(60).keys()].map((i) => ({ total: `x${i}`, parts: [`x${i + 1}`, `x${i + 1}`] }));
    expect(determined({ values, relations }, new Set())).toEqual(new Set());
    expect(determined({ values, relations }, new Set(['x60'])).size).toBe(60);
  });

  it('refuses a relation whose numbers do not add up (so a view cannot pass an inexact one by mistake)', () => {
    const table: Table = { values: new Map([['t', 10], ['x', 6]]), relations: [{ total: 't', parts: ['x'] }] };
    expect(() => protect(table, ['t', 'x'], 5)).toThrow(/not the sum/);
  });

  it('zeros are not cover: hidden cells that add up to 0 are each 0, which can give a neighbour away', () => {
    // Row A: z1 + z2 + 20 = 20, so z1 + z2 = 0. Column C1: z1 + q + 9 = 12. Row B: q + s + 10 = 17.
    // Column C2: z2 + s + 8 = 12. Equations alone leave one unknown free; counts cannot be negative, so
    // z1 = z2 = 0, q = 3 and s = 4.
    const values = new Map([
      ['A', 20], ['z1', 0], ['z2', 0], ['a', 20],
      ['C1', 12], ['q', 3], ['r', 9],
      ['B', 17], ['s', 4], ['t', 10],
      ['C2', 12], ['u', 8],
    ]);
    const table: Table = {
      values,
      relations: [
        { total: 'A', parts: ['z1', 'z2', 'a'] },
        { total: 'C1', parts: ['z1', 'q', 'r'] },
        { total: 'B', parts: ['q', 's', 't'] },
        { total: 'C2', parts: ['z2', 's', 'u'] },
      ],
    };
    const publishable = [...values.keys()];
    const primary = primaryOnly(table, publishable, 5);
    // Linear algebra alone finds nothing…
    expect(exposures(table, shownAfter(publishable, primary), 5, false)).toEqual([]);
    // …but trying every non-negative whole-number filling does.
    const filled = completions(table, shownAfter(publishable, primary), 20);
    expect([...filled.get('q')!]).toEqual([3]);
    expect([...filled.get('s')!]).toEqual([4]);

    const hidden = protect(table, publishable, 5);
    expect(hidden.size).toBeGreaterThan(primary.size);
    const after = completions(table, shownAfter(publishable, hidden), 20);
    for (const id of ['q', 's']) expect(after.get(id)!.size).toBeGreaterThan(1);
  });
});

// ——— Properties ———

describe('no small count can be worked out from a protected heatmap (property)', () => {
  const thresholds = [5, 10];
  const runs = 200; // per threshold

  for (const threshold of thresholds) {
    it(`threshold ${threshold}: every small cell hidden, and an independent attacker works out none of them`, () => {
      let hiddenCells = 0;
      let primaryCells = 0;
      let cells = 0;
      let slowest = 0;
      fc.assert(
        fc.property(scenario, (s) => {
          const { table, publishable } = heatmap(s);
          const start = performance.now();
          const hidden = protect(table, publishable, threshold);
          slowest = Math.max(slowest, performance.now() - start);
          for (const id of hidden) expect(publishable).toContain(id);
          for (const id of publishable) if (table.values.get(id)! < threshold) expect(hidden.has(id)).toBe(true);
          expect(exposures(table, shownAfter(publishable, hidden), threshold, true)).toEqual([]);
          cells += publishable.length;
          hiddenCells += hidden.size;
          primaryCells += primaryOnly(table, publishable, threshold).size;
        }),
        { numRuns: runs },
      );
      console.log(
        `threshold ${threshold}: ${runs} views, ${cells} publishable cells, ${primaryCells} hidden as small, ` +
          `${hiddenCells - primaryCells} more to protect them; slowest protect ${slowest.toFixed(1)} ms`,
      );
    });
  }

  it('the same property catches a protector that only hides small cells (the attacker really finds leaks)', () => {
    for (const threshold of thresholds) {
      const result = fc.check(
        fc.property(scenario, (s) => {
          const { table, publishable } = heatmap(s);
          const hidden = primaryOnly(table, publishable, threshold);
          return exposures(table, shownAfter(publishable, hidden), threshold, false).length === 0;
        }),
        { numRuns: runs, seed: 42 },
      );
      expect(result.failed).toBe(true);
    }
  });

  it('…and one that applies the row rule to each sum separately', () => {
    const result = fc.check(
      fc.property(scenario, (s) => {
        const { table, publishable } = heatmap(s);
        const hidden = rowByRow(table, publishable, 5);
        return exposures(table, shownAfter(publishable, hidden), 5, false).length === 0;
      }),
      { numRuns: runs, seed: 42 },
    );
    expect(result.failed).toBe(true);
  });

  it('the module\'s own attacker, determined(), agrees with the independent one', () => {
    fc.assert(
      fc.property(scenario, fc.infiniteStream(fc.boolean()), (s, coin) => {
        const { table } = heatmap(s);
        const known = new Set([...table.values.keys()].filter(() => coin.next().value));
        const theirs = [...solveAll(table.values, table.relations, known).keys()].sort();
        expect([...determined(table, known)].sort()).toEqual(theirs);
      }),
      { numRuns: 100 },
    );
  });

  it('tiny tables: no small count is the only value any non-negative whole-number filling allows', () => {
    // 2 × 3 tables with row, column and grand totals; the attacker tries every filling up to the
    // grand total (every cell is at most that, so when it is shown this is exactly what can be known).
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(12), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 2 }), fc.constantFrom(5, 10), (cells, threshold) => {
        const values = new Map<string, number>();
        cells.forEach((row, i) => row.forEach((v, j) => values.set(`r${i}c${j}`, v)));
        cells.forEach((row, i) => values.set(`r${i}`, row.reduce((s, v) => s + v, 0)));
        [0, 1, 2].forEach((j) => values.set(`c${j}`, cells[0]![j]! + cells[1]![j]!));
        const grand = cells.flat().reduce((s, v) => s + v, 0);
        values.set('all', grand);
        const relations: Relation[] = [
          ...[0, 1].map((i) => ({ total: `r${i}`, parts: [0, 1, 2].map((j) => `r${i}c${j}`) })),
          ...[0, 1, 2].map((j) => ({ total: `c${j}`, parts: [0, 1].map((i) => `r${i}c${j}`) })),
          { total: 'all', parts: ['r0', 'r1'] },
          { total: 'all', parts: ['c0', 'c1', 'c2'] },
        ];
        const table: Table = { values, relations };
        const publishable = [...values.keys()];
        const hidden = protect(table, publishable, threshold);
        if (hidden.has('all')) return;
        const filled = completions(table, shownAfter(publishable, hidden), grand);
        for (const [id, seen] of filled) {
          const v = values.get(id)!;
          if (v >= 1 && v < threshold) expect(seen.size, `${id} = ${v} is the only possible value`).toBeGreaterThan(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ——— Determinism and speed ———

describe('protect is deterministic and fast enough to run on every request', () => {
  it('gives the same hidden set for the same input', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(5, 10), (s, threshold) => {
        const a = heatmap(s);
        const b = heatmap(s);
        expect([...protect(b.table, b.publishable, threshold)]).toEqual([...protect(a.table, a.publishable, threshold)]);
      }),
      { numRuns: 50 },
    );
  });

  it('a 5 priority × 10 network heatmap with three groups (~300 cells)', () => {
    const s: Scenario = fc.sample(
      fc
        .array(comment(5, Array(10).fill(1) as number[]), { minLength: 400, maxLength: 400 })
        .map((comments) => ({ priorities: 5, networks: 10, hubsPerNetwork: Array(10).fill(1) as number[], comments })),
      { numRuns: 1, seed: 7 },
    )[0]!;
    for (const threshold of [5, 10]) {
      const { table, publishable } = heatmap(s);
      protect(table, publishable, threshold); // warm up
      const start = performance.now();
      const hidden = protect(table, publishable, threshold);
      const ms = performance.now() - start;
      const primary = primaryOnly(table, publishable, threshold).size;
      console.log(
        `5 × 10 heatmap, threshold ${threshold}: ${table.values.size} cells (${publishable.length} publishable), ${table.relations.length} relations; ` +
          `${primary} hidden as small + ${hidden.size - primary} to protect them, in ${ms.toFixed(1)} ms`,
      );
      expect(exposures(table, shownAfter(publishable, hidden), threshold, true)).toEqual([]);
    }
  });
});
