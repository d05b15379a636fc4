/** A small text bar for "requested of allocatable": `███░░  62%`. */

/** Cells of the bar. */
export const BAR_WIDTH = 5;

/**
 * `used` of `total` as a bar of {@link BAR_WIDTH} cells and a percentage (can exceed 100% when
 * requests overcommit); `-` when the total is unknown or zero.
 */
export function usageBar(used: number, total: number | undefined): string {
  if (total === undefined || total <= 0) return '-';
  const fraction = used / total;
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(fraction * BAR_WIDTH)));
  const percent = `${Math.round(fraction * 100)}%`.padStart(4);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${percent}`;
}
