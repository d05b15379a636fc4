/**
 * The pure arithmetic behind the dashboard's `Table`: how wide each column is, which rows are in
 * the window, and how a cell is cut to fit. Rendering cost is per character on screen, so only
 * the rows that fit are ever laid out.
 */

/** What the layout needs to know of a column. */
export interface ColumnLayout {
  key: string;
  header: string;
  /** A fixed width; computed from the content when absent. */
  width?: number;
}

/** A computed column's width is never more than this (a long MESSAGE takes what is left). */
export const MAX_COLUMN_WIDTH = 40;

/** The space between two columns. */
export const COLUMN_GAP = 1;

/** The ellipsis a truncated cell ends with. */
export const ELLIPSIS = '…';

/**
 * `text` cut to `width` characters, its last one replaced by `…` when it was too long
 * (width 0 gives '').
 */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? ELLIPSIS : text.slice(0, width - 1) + ELLIPSIS;
}

/** `text` truncated to `width`, then padded with spaces on the right (left-aligned) or on the left. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  return align === 'right' ? cut.padStart(width) : cut.padEnd(width);
}

/**
 * The width of every column: a given width as is; otherwise the longest of the header and the
 * cells (capped at `MAX_COLUMN_WIDTH`). When the total exceeds `totalWidth`, the last columns
 * shrink (to nothing if need be); when there is room left, the last computed column may grow
 * into it up to its content, so a MESSAGE column shows as much as fits.
 */
export function columnWidths(columns: readonly ColumnLayout[], rows: readonly Record<string, string | number>[], totalWidth: number): number[] {
  const natural = columns.map((c) => Math.max(c.header.length, ...rows.map((r) => String(r[c.key] ?? '').length)));
  const widths = columns.map((c, i) => c.width ?? Math.min(natural[i]!, MAX_COLUMN_WIDTH));
  const gaps = Math.max(0, columns.length - 1) * COLUMN_GAP;
  let excess = widths.reduce((a, b) => a + b, 0) + gaps - totalWidth;
  for (let i = widths.length - 1; i >= 0 && excess > 0; i--) {
    const cut = Math.min(widths[i]!, excess);
    widths[i] = widths[i]! - cut;
    excess -= cut;
  }
  const grow = columns.findLastIndex((c) => c.width === undefined);
  if (excess < 0 && grow >= 0) widths[grow] = Math.min(natural[grow]!, widths[grow]! - excess);
  return widths;
}

/**
 * The first row of the window of `visible` rows out of `total`: `previous` (the last window's
 * start) when `selected` is still inside it, otherwise scrolled just enough to show `selected`;
 * never past the last full window.
 */
export function windowStart(selected: number | undefined, visible: number, total: number, previous = 0): number {
  if (visible <= 0 || total <= visible) return 0;
  const last = total - visible;
  let start = Math.min(Math.max(0, previous), last);
  if (selected === undefined) return start;
  const s = Math.min(Math.max(0, selected), total - 1);
  if (s < start) start = s;
  else if (s >= start + visible) start = s - visible + 1;
  return Math.min(start, last);
}
