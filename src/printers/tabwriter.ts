/**
 * The text layout of kubectl's human-readable output: Go's text/tabwriter (liggitt/tabwriter) as
 * cli-runtime configures it, `tabwriter.NewWriter(out, 6, 4, 3, ' ', tabwriter.RememberWidths)`.
 */

/** minwidth: the smallest column width, padding included. */
export const tabwriterMinWidth = 6;
/** padding: spaces added to the widest cell of a column. */
export const tabwriterPadding = 3;

/** tabwriter measures cells in runes (utf8.RuneCount), not bytes or UTF-16 units. */
function runeCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Lays out lines of cells as one tabwriter flush does: every cell but the last of a line is
 * tab-terminated and belongs to a column, padded with spaces to max(minwidth, widest + padding);
 * the last cell of each line is written as is, without padding. A column's width is computed over
 * the run of consecutive lines that have a cell in it (a "column block"), as in Go.
 */
export function layoutColumns(lines: readonly (readonly string[])[]): string {
  const out: string[] = lines.map(() => '');
  layoutBlock(lines, out, 0, 0, lines.length);
  return out.map((line) => `${line}\n`).join('');
}

/** Go's Writer.format: finds the column blocks of `column` in lines [from, to) and pads them. */
function layoutBlock(
  lines: readonly (readonly string[])[],
  out: string[],
  column: number,
  from: number,
  to: number,
): void {
  let line = from;
  while (line < to) {
    if (column >= (lines[line]?.length ?? 0) - 1) {
      out[line] += lines[line]?.[column] ?? '';
      line++;
      continue;
    }
    const start = line;
    let width = tabwriterMinWidth;
    while (line < to && column < (lines[line]?.length ?? 0) - 1) {
      width = Math.max(width, runeCount(lines[line]?.[column] ?? '') + tabwriterPadding);
      line++;
    }
    for (let i = start; i < line; i++) {
      const text = lines[i]?.[column] ?? '';
      out[i] += text + ' '.repeat(width - runeCount(text));
    }
    layoutBlock(lines, out, column + 1, start, line);
  }
}
