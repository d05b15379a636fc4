/**
 * What kubectl does with a server-side Table: decorate it (the NAMESPACE column of `-A`), pick the
 * columns to show (priority 0, or all with `-o wide`), upper-case the headers and lay the cells out
 * with its tabwriter. Mirrors cli-runtime pkg/printers/tableprinter.go (decorateTable, printTable).
 */
import { column, type Cell, type ColumnDefinition, type PrintedTable } from './columns.js';
import { layoutColumns } from './tabwriter.js';

/** kubectl's printing options for a table (`-o wide`, `-A` / `--all-namespaces`, `--no-headers`). */
export interface FormatOptions {
  wide?: boolean;
  withNamespace?: boolean;
  noHeaders?: boolean;
}

/** The column kubectl prepends for `-A`; it has no format or description, unlike server columns. */
export const namespaceColumn: ColumnDefinition = column('Namespace', 'string', '');

function hasNamespaceColumn(table: PrintedTable): boolean {
  const first = table.columns[0];
  return first !== undefined && first.name === 'Namespace' && first.format === '' && first.description === '';
}

/**
 * decorateTable with WithNamespace: a new table with a first `Namespace` column holding each row's
 * `metadata.namespace` ('' for cluster-scoped objects). A table that already has it is returned as is.
 */
export function withNamespaceColumn(table: PrintedTable): PrintedTable {
  if (hasNamespaceColumn(table)) return table;
  return {
    columns: [namespaceColumn, ...table.columns],
    rows: table.rows.map((row) => ({
      cells: [row.object.metadata.namespace ?? '', ...row.cells],
      object: row.object,
    })),
  };
}

/** Characters after which kubectl cuts a cell and writes `...` (formfeed is a newline to tabwriter). */
const cellBreak = /[\f\n\r]/;

/** A cell as kubectl writes it: cut at the first line break (then `...`), ESC escaped as `^[`. */
export function cellText(cell: Cell | null | undefined): string {
  if (cell === null || cell === undefined) return '';
  const text = String(cell);
  const cut = text.search(cellBreak);
  const shown = cut < 0 ? text : text.slice(0, cut);
  const escaped = shown.replaceAll('\x1b', '^[');
  return cut < 0 ? escaped : `${escaped}...`;
}

/**
 * The text `kubectl get` prints for a table: upper-case headers, then one line per row, columns
 * padded by kubectl's tabwriter (3 spaces after the widest cell, at least 6 wide, the last column not
 * padded), every line ending in a newline. An empty table prints nothing (kubectl then says
 * `No resources found` on stderr).
 */
export function formatTable(table: PrintedTable, options: FormatOptions = {}): string {
  const decorated = options.withNamespace === true ? withNamespaceColumn(table) : table;
  if (decorated.rows.length === 0) return '';
  const visible: number[] = [];
  decorated.columns.forEach((definition, index) => {
    if (options.wide === true || definition.priority === 0) visible.push(index);
  });
  const lines: string[][] = [];
  if (options.noHeaders !== true) {
    lines.push(visible.map((index) => (decorated.columns[index]?.name ?? '').toUpperCase()));
  }
  for (const row of decorated.rows) {
    lines.push(visible.filter((index) => index < row.cells.length).map((index) => cellText(row.cells[index])));
  }
  return layoutColumns(lines);
}
