import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suppressRow } from '@pv/shared/suppress-small-numbers';

/**
 * What someone could work out from a row whose total is shown: the hidden cells add up to
 * total − (shown cells). With one hidden cell that is its exact value; with two or more hidden
 * cells adding up to more than zero, each could be more than one value.
 */
function recoverable(cells: number[], hidden: boolean[]): number[] {
  const hiddenIdx = hidden.flatMap((h, i) => (h ? [i] : []));
  const sum = hiddenIdx.reduce((s, i) => s + cells[i]!, 0);
  if (hiddenIdx.length === 1) return hiddenIdx;
  if (hiddenIdx.length > 1 && sum === 0) return hiddenIdx;
  return [];
}

describe('suppressing small numbers in a row with a shown total', () => {
  it('hides every cell under the threshold', () => {
    expect(suppressRow([12, 3, 4, 40], 5)).toEqual([false, true, true, false]);
  });

  it('hides the next smallest cell too when only one would be hidden (40 − 12 would give the 3 away)', () => {
    expect(suppressRow([12, 3, 40], 5)).toEqual([true, true, false]);
  });

  it('hides nothing more when the only hidden cells are zeros (a structural zero gives nobody away)', () => {
    expect(suppressRow([0, 0, 9, 7], 5)).toEqual([true, true, false, false]);
    expect(suppressRow([0, 12], 5)).toEqual([true, false]);
  });

  it('still protects a small cell hidden alongside zeros', () => {
    expect(suppressRow([0, 3, 9, 7], 5)).toEqual([true, true, false, false]);
    expect(suppressRow([3, 9, 7], 5)).toEqual([true, false, true]);
  });

  it('leaves a row with nothing small alone', () => {
    expect(suppressRow([5, 6, 70], 5)).toEqual([false, false, false]);
  });

  it('never leaves a non-zero small cell that can be worked out from the total (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 5, max: 10 }), (cells, threshold) => {
        const hidden = suppressRow(cells, threshold);
        // Every small cell is hidden…
        cells.forEach((c, i) => {
          if (c < threshold) expect(hidden[i]).toBe(true);
        });
        // …and no hidden small cell with people in it can be recovered, unless every cell is hidden
        // (then the caller hides the total too).
        if (hidden.every(Boolean)) return;
        const exposed = recoverable(cells, hidden).filter((i) => cells[i]! > 0 && cells[i]! < threshold);
        expect(exposed).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
