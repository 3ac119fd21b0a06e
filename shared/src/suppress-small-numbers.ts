/**
 * Small-number suppression for any view a partner or the public can see. Primary: a count under the
 * threshold (0 included, so "hidden" never tells you "at least one") is hidden. Secondary: when
 * cells add up to a total that is shown, hiding a single non-zero cell is not enough (total minus the
 * others gives it away), so the next smallest cell is hidden too. Hidden cells that add up to zero
 * are all zero, and that may be worked out: a structural zero ("no rural families on a town's panel")
 * says nothing about any one person, and hiding a real figure to protect it would hide far more.
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
  while (hiddenSum() > 0 && hiddenCount() < 2 && hiddenCount() < cells.length) {
    // Hide the smallest cell still shown.
    let pick = -1;
    cells.forEach((c, i) => {
      if (!hidden[i] && (pick === -1 || c < cells[pick]!)) pick = i;
    });
    hidden[pick] = true;
  }
  return hidden;
}
