import { describe, expect, it } from 'vitest';
import { addTally, emptyTally, perturb, perturbOverMonths, type Tally } from '@pv/shared/cell-key';
import { monthsBetween } from '@pv/shared/insight.schema';

/*
 * Why a period's number is the sum of canonical blocks, not one perturbation of the period's total.
 * An attacker who wants one month's small count can subtract many pairs of periods that differ only by
 * that month ([s … m] − [s … m−1] for every start s, [m … e] − [m+1 … e] for every end e) and average
 * the differences. If every period were perturbed as a whole, each pair would carry fresh independent
 * changes and the average would close in on the truth. With canonical blocks the pairs share their
 * blocks, so they keep giving the same few answers, and averaging them teaches almost nothing.
 */

const MONTHS = monthsBetween('2024-04', '2027-03');
const TARGET = 18; // a month in the middle: 18 starts before it, 17 ends after it

function randomKey(rand: () => number) {
  return Math.floor(rand() * 256);
}

/** A small seeded generator, so the figures are the same on every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One cell's records per month: 10–30 a month, and 1–4 in the target month. */
function records(rand: () => number): { truth: number; tallies: Tally[] } {
  const tallies = MONTHS.map((_, i) => {
    const n = i === TARGET ? 1 + Math.floor(rand() * 4) : 10 + Math.floor(rand() * 21);
    let t = emptyTally;
    for (let r = 0; r < n; r++) t = addTally(t, { n: 1, k: randomKey(rand) });
    return t;
  });
  return { truth: tallies[TARGET]!.n, tallies };
}

type Publish = (from: number, to: number, tallies: Tally[]) => number;
const blocks: Publish = (from, to, tallies) => perturbOverMonths(MONTHS.slice(from, to + 1), (m) => tallies[MONTHS.indexOf(m)]!);
const wholePeriod: Publish = (from, to, tallies) => perturb(tallies.slice(from, to + 1).reduce(addTally, emptyTally));

/** The averaging attack's share of exact answers over many cells. */
function averagingAttack(publish: Publish, trials: number): number {
  const rand = seeded(13);
  let exact = 0;
  for (let t = 0; t < trials; t++) {
    const { truth, tallies } = records(rand);
    const estimates: number[] = [];
    for (let s = 0; s < TARGET; s++) estimates.push(publish(s, TARGET, tallies) - publish(s, TARGET - 1, tallies));
    for (let e = TARGET + 1; e < MONTHS.length; e++) estimates.push(publish(TARGET, e, tallies) - publish(TARGET + 1, e, tallies));
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    if (Math.round(mean) === truth) exact++;
  }
  return exact / trials;
}

describe('an attacker who averages every pair of periods around one month', () => {
  it('closes in on a small count when each period is perturbed as a whole, but not through canonical blocks', () => {
    const trials = 400;
    const whole = averagingAttack(wholePeriod, trials);
    const canonical = averagingAttack(blocks, trials);
    if (process.env.PV_DEBUG) console.log(`averaging 35 pairs: whole periods ${(whole * 100).toFixed(1)}% exact, canonical blocks ${(canonical * 100).toFixed(1)}% exact`);
    // Whole periods: 35 independent differences average out (the test can fail).
    expect(whole).toBeGreaterThan(0.8);
    // Canonical blocks: no better than one difference (about 22–30% exact).
    expect(canonical).toBeLessThan(0.4);
  });
});
