/**
 * Small-number protection for a whole view at once: every count a view publishes, and every sum that
 * ties those counts together (a row adds up to its total, hubs add up to their network, networks to
 * the partnership, each group's table to the all-parents table…).
 *
 * Primary suppression: a count about people under the threshold is hidden (0 included, so "hidden"
 * never tells you "at least one").
 *
 * Secondary suppression: someone who sees the view knows every shown number and every sum, and can
 * solve them together as a system of equations: not just "total minus the shown cells", but chains
 * across rows and columns and levels of a hierarchy. We play that person. The unknowns are the hidden
 * cells plus the cells the view never shows (such as "comments with no network", the remainder of a
 * total its parts do not fill). We reduce the equations to reduced row echelon form with exact integer
 * arithmetic; an unknown is worked out ("determined") exactly when the reduction leaves an equation
 * with it alone in it (its unit vector lies in the span of the equations). If a determined unknown is
 * a small count with people in it (1 to threshold − 1) we hide one more of the shown cells that
 * working used, and try again: the lowest in the hierarchy (a part before its total: totals are the
 * numbers most worth showing, and the likeliest to be shown elsewhere too), preferring one whose hiding
 * really un-determines the leak (one the other shown numbers do not give away), then the smallest,
 * then by id. Each round hides one more cell, so it ends; the same input always gives the same answer.
 * The reduction is done once; hiding a cell then only touches the rows it is in, so a view of ~300
 * cells and ~170 sums takes a few milliseconds.
 *
 * Zeros: a hidden cell that is 0 may itself be worked out (a structural zero — "no dads at this hub"
 * — says nothing about any one person). But counts cannot be negative, so hidden cells that add up to
 * 0 can be worked out to be 0 each, even where the equations alone would not pin them down, and that
 * can unlock a neighbour ("these two add to 3; the other one is 0, so this one is 3"). Using "never
 * negative" on top of the sums tells someone exactly that: which cells must be 0, and then whatever
 * follows by the equations (a result of linear programming). So when we look for leaks we let the
 * attacker know every cell that is 0 — at least as much as they can work out, which is the safe side.
 * The price: a zero next to a small count is not taken as cover for it.
 *
 * What this does not cover: bounds ("between 2 and 4" is not hidden by this rule, only exact values);
 * sums whose parts overlap, which family() leaves out, so they are not equations in this model; and
 * the rare case where whole numbers alone pin a count down when fractions would not (impossible for
 * plain tables and hierarchies, conceivable where each group's table is tied to the all-parents one).
 * Only this view is considered: a number hidden here must not be shown by another view either.
 */

/** total = sum of parts, exactly (the view builder only passes exact relations; see family()). */
export interface Relation {
  total: string;
  parts: string[];
}

/** Every cell of a view with its true count, and the sums that tie the cells together. */
export interface Table {
  values: Map<string, number>;
  relations: Relation[];
}

/**
 * The relation "total = parts" as far as it is exact. When the parts fill less than the total (a
 * comment with no network, or in no group) the rest is added as a cell of its own, `${total}~rest`,
 * that is never published. When the parts add up to more than the total they overlap (a comment in
 * several groups), no exact sum follows, and there is no relation. A rest of 0 adds no cell: the
 * parts are taken to fill the total exactly, as an attacker who knew the rest was 0 would.
 */
export function family(total: string, parts: string[], values: Map<string, number>): Relation | undefined {
  const count = (id: string) => {
    const v = values.get(id);
    if (v === undefined) throw new RangeError(`disclosure: no value for cell "${id}"`);
    return v;
  };
  const rest = count(total) - parts.reduce((sum, p) => sum + count(p), 0);
  if (rest < 0) return undefined;
  if (rest === 0) return { total, parts: [...parts] };
  // The same total can be split more than one way (partnership by network, and by priority): each way
  // gets a rest of its own.
  let restId = `${total}~rest`;
  for (let n = 2; values.has(restId); n++) restId = `${total}~rest~${n}`;
  values.set(restId, rest);
  return { total, parts: [...parts, restId] };
}

/**
 * The attacker: which cells not in `known` can be worked out exactly from the known cells' values and
 * the relations (by linear algebra over the rationals, all combinations of the equations).
 */
export function determined(table: Table, known: Set<string>): Set<string> {
  const model = prepare(table);
  const isKnown = model.ids.map((id) => known.has(id));
  const cells = exactly(<T>(n: Arithmetic<T>) => [...new Echelon(model, isKnown, n).determined()]);
  return new Set(cells.map((i) => model.ids[i]!));
}

/**
 * Which cells to hide. `publishable` are the cells the view wants to show; every other cell is never
 * shown. Guarantees: every publishable cell under the threshold is hidden, and no cell that is not
 * shown and holds 1 to threshold − 1 people can be worked out from what is shown, even by someone who
 * also knows which cells are 0.
 */
export function protect(table: Table, publishable: Iterable<string>, threshold: number): Set<string> {
  const model = prepare(table);
  const { ids, values } = model;
  const wanted = [...publishable];
  const shown = new Array<boolean>(ids.length).fill(false);
  for (const id of wanted) {
    const i = model.index.get(id);
    if (i === undefined) throw new RangeError(`disclosure: publishable cell "${id}" has no value`);
    shown[i] = values[i]! >= threshold;
  }
  const hidden = new Set<string>();
  for (const id of wanted) if (!shown[model.index.get(id)!]) hidden.add(id);
  for (const i of exactly(<T>(n: Arithmetic<T>) => secondary(model, shown, threshold, n))) hidden.add(ids[i]!);
  return hidden;
}

// ——— Internals ———

interface Model {
  ids: string[];
  index: Map<string, number>;
  values: number[];
  /** Per relation: [cell, coefficient] with total +1 and parts −1 (a cell listed twice adds up). */
  equations: Array<Array<[number, number]>>;
  /** 0 for a cell that is no relation's total, else one more than its parts' highest level. */
  level: number[];
}

function prepare(table: Table): Model {
  const ids = [...table.values.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const values = ids.map((id) => {
    const v = table.values.get(id)!;
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`disclosure: cell "${id}" is ${v}, not a count`);
    return v;
  });
  const cell = (id: string) => {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`disclosure: relation uses cell "${id}", which has no value`);
    return i;
  };
  const equations = table.relations.map((r) => {
    const coefficients = new Map<number, number>();
    const add = (i: number, c: number) => coefficients.set(i, (coefficients.get(i) ?? 0) + c);
    add(cell(r.total), 1);
    for (const p of r.parts) add(cell(p), -1);
    const equation = [...coefficients].filter(([, c]) => c !== 0);
    if (equation.reduce((sum, [i, c]) => sum + c * values[i]!, 0) !== 0) {
      throw new RangeError(`disclosure: "${r.total}" is not the sum of its parts (use family() for a total with a remainder)`);
    }
    return equation;
  });
  // Levels of a hierarchy: hubs 0, networks 1, the partnership 2. A total that is (oddly) among its
  // own parts would climb for ever: stop after as many rounds as there are relations.
  const level = new Array<number>(ids.length).fill(0);
  for (let round = 0, changed = true; changed && round <= table.relations.length; round++) {
    changed = false;
    for (const r of table.relations) {
      const above = 1 + Math.max(0, ...r.parts.map((p) => level[cell(p)]!));
      if (above > level[cell(r.total)]!) {
        level[cell(r.total)] = above;
        changed = true;
      }
    }
  }
  return { ids, index, values, equations, level };
}

/**
 * Secondary suppression: the shown cells to hide as well, in the order chosen. `shown` is the state
 * after primary suppression (not changed).
 */
function secondary<T>(model: Model, shown: readonly boolean[], threshold: number, n: Arithmetic<T>): number[] {
  const { ids, values, level } = model;
  const small = (i: number) => values[i]! >= 1 && values[i]! < threshold;
  // The attacker knows every shown value and (to be safe, see the header) every zero.
  const echelon = new Echelon(model, ids.map((_, i) => shown[i]! || values[i] === 0), n);
  const picks: number[] = [];
  for (;;) {
    let leak = -1;
    for (const i of echelon.determined()) if (small(i) && (leak === -1 || i < leak)) leak = i;
    if (leak === -1) return picks;
    // The shown cells the leak is worked out from: hiding any one of them breaks that working, and
    // un-determines the leak unless the hidden cell can itself be worked out from other shown cells
    // ("pinned"). Prefer the lowest level (a part to a total, a hub to a network: totals are the
    // numbers most worth showing, and the likeliest to be shown elsewhere too), then one that is not
    // pinned, then the smallest, then by id.
    const from = echelon.uses(leak);
    if (from.length === 0) throw new Error('disclosure: a count was worked out from nothing shown');
    const key = (c: number) => [level[c]!, echelon.isPinned(c) ? 1 : 0, values[c]!] as const;
    let pick = from[0]!;
    for (const c of from.slice(1)) {
      const [a, b] = [key(c), key(pick)];
      const order = a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (ids[c]! < ids[pick]! ? -1 : 1);
      if (order < 0) pick = c;
    }
    echelon.hide(pick);
    picks.push(pick);
  }
}

/** Runs with exact numbers, and again with bigints if coefficients outgrow them. */
function exactly<R>(run: <T>(n: Arithmetic<T>) => R): R {
  try {
    return run(smallIntegers);
  } catch (e) {
    if (e !== overflow) throw e;
    return run(bigIntegers);
  }
}

/** Exact integer arithmetic: as numbers while they stay exact, else as bigints. */
interface Arithmetic<T> {
  zero: T;
  of(n: number): T;
  isZero(a: T): boolean;
  isUnit(a: T): boolean;
  /** a·x − b·y */
  combine(a: T, x: T, b: T, y: T): T;
  gcd(a: T, b: T): T;
  divide(a: T, b: T): T;
}

const overflow = new Error('disclosure: integer overflow');

const smallIntegers: Arithmetic<number> = {
  zero: 0,
  of: (n) => n,
  isZero: (a) => a === 0,
  isUnit: (a) => a === 1 || a === -1,
  combine(a, x, b, y) {
    const p = a * x;
    const q = b * y;
    const r = p - q;
    if (!Number.isSafeInteger(p) || !Number.isSafeInteger(q) || !Number.isSafeInteger(r)) throw overflow;
    return r;
  },
  gcd(a, b) {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b) [a, b] = [b, a % b];
    return a;
  },
  divide: (a, b) => a / b,
};

const bigIntegers: Arithmetic<bigint> = {
  zero: 0n,
  of: (n) => BigInt(n),
  isZero: (a) => a === 0n,
  isUnit: (a) => a === 1n || a === -1n,
  combine: (a, x, b, y) => a * x - b * y,
  gcd(a, b) {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b) [a, b] = [b, a % b];
    return a;
  },
  divide: (a, b) => a / b,
};

/**
 * An integer combination of relations: Σ coefficient × cell = 0. `unknown` holds its unknown cells,
 * `known` its known cells of non-zero value (carried along, never pivoted on: they say what a working
 * uses). Known zeros are left out, as they add nothing. No zero coefficients are stored.
 */
interface Row<T> {
  unknown: Map<number, T>;
  known: Map<number, T>;
}

/**
 * The relations in reduced row echelon form over the unknown cells, with exact integer rows.
 * Built one relation at a time: a new row is reduced by the pivots so far; if an unknown cell is left,
 * one becomes a new pivot and is cleared from every other row; if none is left, the row ties known
 * cells together and is kept aside. Each pivot cell appears in its own row only, so a row with a
 * single unknown cell says that cell can be worked out (from the known cells in that row).
 * Hiding a known cell later only needs the rows that hold it: see hide().
 */
class Echelon<T> {
  /** Pivot cell → its row. */
  private readonly pivots = new Map<number, Row<T>>();
  /** Rows with no unknown cell left. */
  private readonly ties = new Set<Row<T>>();
  /** Cell → rows that hold it, as an unknown and as a known cell. */
  private readonly holdUnknown = new Map<number, Set<Row<T>>>();
  private readonly holdKnown = new Map<number, Set<Row<T>>>();

  constructor(
    model: Model,
    isKnown: readonly boolean[],
    private readonly n: Arithmetic<T>,
  ) {
    for (const equation of model.equations) {
      const row: Row<T> = { unknown: new Map(), known: new Map() };
      for (const [c, k] of equation) {
        if (!isKnown[c]) row.unknown.set(c, n.of(k));
        else if (model.values[c] !== 0) row.known.set(c, n.of(k));
      }
      for (const c of row.unknown.keys()) holders(this.holdUnknown, c).add(row);
      for (const c of row.known.keys()) holders(this.holdKnown, c).add(row);
      this.insert(row);
    }
  }

  /** The unknown cells that can be worked out. */
  *determined(): Iterable<number> {
    for (const [cell, row] of this.pivots) if (row.unknown.size === 1) yield cell;
  }

  /** The known cells a determined cell is worked out from. */
  uses(cell: number): number[] {
    return [...this.pivots.get(cell)!.known.keys()];
  }

  /** Whether a known cell could be worked out from the other known cells. */
  isPinned(cell: number): boolean {
    for (const row of this.holdKnown.get(cell) ?? []) if (this.ties.has(row)) return true;
    return false;
  }

  /**
   * Make a known cell unknown. Where it appears it moves from the known to the unknown side. If a tie
   * holds it, that tie now works it out: it becomes the cell's pivot row and clears the cell from the
   * other rows. If not, the rows stay in reduced form as they are, the cell being one more non-pivot.
   */
  hide(cell: number): void {
    const rows = [...(this.holdKnown.get(cell) ?? [])];
    this.holdKnown.delete(cell);
    for (const row of rows) {
      row.unknown.set(cell, row.known.get(cell)!);
      row.known.delete(cell);
      holders(this.holdUnknown, cell).add(row);
    }
    const tie = rows.find((row) => this.ties.has(row));
    if (!tie) return;
    this.ties.delete(tie);
    this.pivots.set(cell, tie);
    for (const row of rows) {
      if (row === tie) continue;
      this.eliminate(row, tie, cell);
      if (this.ties.has(row) && row.known.size === 0) this.ties.delete(row);
    }
  }

  private insert(row: Row<T>): void {
    // Pivot rows hold no other pivot cell, so clearing one adds none: one pass is enough.
    for (const c of [...row.unknown.keys()]) {
      const pivot = this.pivots.get(c);
      if (pivot && row.unknown.has(c)) this.eliminate(row, pivot, c);
    }
    if (row.unknown.size === 0) {
      if (row.known.size > 0) this.ties.add(row);
      return;
    }
    // New pivot: the first cell with coefficient ±1 if there is one (keeps numbers small).
    let cell = row.unknown.keys().next().value!;
    for (const [c, v] of row.unknown) {
      if (this.n.isUnit(v)) {
        cell = c;
        break;
      }
    }
    for (const other of [...holders(this.holdUnknown, cell)]) if (other !== row) this.eliminate(other, row, cell);
    this.pivots.set(cell, row);
  }

  /** row := (a·row − b·pivot) / common factor, where a and b make `cell` cancel. */
  private eliminate(row: Row<T>, pivot: Row<T>, cell: number): void {
    const n = this.n;
    const p = pivot.unknown.get(cell)!;
    const r = row.unknown.get(cell)!;
    const g = n.gcd(p, r);
    const a = n.divide(p, g);
    const b = n.divide(r, g);
    const unknown = this.combine(a, row.unknown, b, pivot.unknown);
    const known = this.combine(a, row.known, b, pivot.known);
    let d = n.zero;
    for (const v of unknown.values()) d = n.gcd(d, v);
    for (const v of known.values()) d = n.gcd(d, v);
    if (!n.isZero(d) && !n.isUnit(d)) {
      for (const [c, v] of unknown) unknown.set(c, n.divide(v, d));
      for (const [c, v] of known) known.set(c, n.divide(v, d));
    }
    rehold(this.holdUnknown, row, row.unknown, unknown);
    rehold(this.holdKnown, row, row.known, known);
    row.unknown = unknown;
    row.known = known;
  }

  /** a·x − b·y, term by term. */
  private combine(a: T, x: Map<number, T>, b: T, y: Map<number, T>): Map<number, T> {
    const n = this.n;
    const out = new Map<number, T>();
    for (const [c, v] of x) {
      const w = n.combine(a, v, b, y.get(c) ?? n.zero);
      if (!n.isZero(w)) out.set(c, w);
    }
    for (const [c, v] of y) {
      if (x.has(c)) continue;
      const w = n.combine(a, n.zero, b, v);
      if (!n.isZero(w)) out.set(c, w);
    }
    return out;
  }
}

function holders<T>(index: Map<number, Set<Row<T>>>, cell: number): Set<Row<T>> {
  let set = index.get(cell);
  if (!set) index.set(cell, (set = new Set()));
  return set;
}

/** Keeps a cell → rows index right when a row's terms change from `before` to `after`. */
function rehold<T>(index: Map<number, Set<Row<T>>>, row: Row<T>, before: Map<number, T>, after: Map<number, T>): void {
  for (const c of before.keys()) if (!after.has(c)) index.get(c)?.delete(row);
  for (const c of after.keys()) if (!before.has(c)) holders(index, c).add(row);
}
