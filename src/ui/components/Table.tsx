/**
 * The dashboard's table (ink-table cannot be loaded with ink ≥ 4, see STACK.md): a bold header row
 * and only the rows that fit in `height`, the window scrolled to keep `selected` visible, the
 * selected row in inverse video, cells cut with `…` to fit `width`, and a colour per cell.
 */
import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import { COLUMN_GAP, columnWidths, fit, windowStart } from '../render/table-layout.js';

/** A table row: cell values by column key. */
export type TableRow = Record<string, string | number>;

/** One column of a `Table`. */
export interface TableColumn {
  key: string;
  header: string;
  /** A fixed width; computed from the content (capped) when absent. */
  width?: number;
  align?: 'left' | 'right';
  /** The colour of this column's cell in a row (an ink colour name), or undefined for the default. */
  color?: (row: TableRow) => string | undefined;
}

/** Props of `Table`. */
/**
 * The rows of a table: an array, or anything that can say how many rows there are and build a
 * slice of them on demand (so a pane over 10,000 pods builds only the rows on screen).
 */
export interface TableRows {
  readonly length: number;
  slice(start: number, end: number): TableRow[];
}

/** Rows built lazily from `items`, one `toRow` call per row shown. */
export function lazyRows<T>(items: readonly T[], toRow: (item: T) => TableRow): TableRows {
  return { length: items.length, slice: (start, end) => items.slice(start, end).map(toRow) };
}

export interface TableProps {
  columns: TableColumn[];
  rows: TableRows;
  /** Index into `rows` of the highlighted row. */
  selected?: number;
  /** Lines available, the header included. */
  height: number;
  /** Columns available. */
  width: number;
}

/** A windowed table: header + the rows that fit. */
export function Table({ columns, rows, selected, height, width }: TableProps): React.JSX.Element {
  const previous = useRef(0);
  const visible = Math.max(0, height - 1);
  const start = windowStart(selected, visible, rows.length, previous.current);
  previous.current = start;
  const shown = rows.slice(start, start + visible);
  const widths = columnWidths(columns, shown.length > 0 ? shown : rows.slice(0, 1), width);
  const gap = ' '.repeat(COLUMN_GAP);
  return (
    <Box flexDirection="column" width={width} height={Math.max(1, Math.min(height, rows.length + 1))}>
      <Text bold wrap="truncate">
        {columns.map((c, i) => (i === 0 ? '' : gap) + fit(c.header, widths[i]!, c.align)).join('')}
      </Text>
      {shown.map((row, r) => (
        <Text key={start + r} inverse={start + r === selected} wrap="truncate">
          {columns.map((c, i) => {
            const cell = (i === 0 ? '' : gap) + fit(String(row[c.key] ?? ''), widths[i]!, c.align);
            const color = c.color?.(row);
            return color === undefined ? cell : <Text key={c.key} color={color}>{cell}</Text>;
          })}
        </Text>
      ))}
    </Box>
  );
}
