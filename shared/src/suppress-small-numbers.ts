/**
 * Small-number suppression for any view a partner or the public can see. Primary: a count under the
 * threshold (0 included, so "suppressed" never tells you "at least one") is hidden. Secondary: when
 * cells add up to a total that is shown, hiding a single cell is not enough (total minus the others
 * gives it away), so the smallest other cells are hidden too until at least two are hidden and they
 * do not add up to zero.
 */

export function isSmall(count: number, threshold: number): boolean {
  return count < threshold;
}

/**
 * Which cells of a row to hide, given the row's total is shown. Returns a boolean per cell.
 * Cells are non-negative counts that add up to the shown total.
 */
export function suppressRow(cells: number[], threshold: number): boolean[] {
  const hidden = cells.map((c) => isSmall(c, threshold));
  const hiddenCount = () => hidden.filter(Boolean).length;
  const hiddenSum = () => cells.reduce((sum, c, i) => sum + (hidden[i] ? c : 0), 0);
  while (hiddenCount() > 0 && (hiddenCount() < 2 || hiddenSum() === 0) && hiddenCount() < cells.length) {
    // Hide the smallest cell still shown.
    let pick = -1;
    cells.forEach((c, i) => {
      if (!hidden[i] && (pick === -1 || c < cells[pick]!)) pick = i;
    });
    hidden[pick] = true;
  }
  return hidden;
}
