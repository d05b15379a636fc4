/**
 * The shapes of a server-side Table (`meta.k8s.io/v1` `Table`) as the playground builds it, and the
 * column definitions most kinds share. Mirrors k8s.io/kubernetes pkg/printers/internalversion.
 */
import type { KubeObject } from '../api/types.js';

/** metav1.TableColumnDefinition: `priority` 0 always prints, 1 prints only with `-o wide`. */
export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/**
 * One cell: a string printed as given, or a number printed in decimal (Go's int64 cells). Go's
 * bool cells (StorageClass ALLOWVOLUMEEXPANSION, PriorityClass GLOBAL-DEFAULT) are carried as
 * {@link boolCell} strings, which kubectl prints the same way.
 */
export type Cell = string | number;

/** A Go bool cell as kubectl prints it (`fmt.Sprintf("%v", b)`): `true` or `false`. */
export function boolCell(value: boolean | null | undefined): string {
  return value === true ? 'true' : 'false';
}

/** metav1.TableRow, with the whole object (the HTTP front reduces it to PartialObjectMetadata). */
export interface PrintedRow {
  cells: Cell[];
  object: KubeObject;
}

/** metav1.Table without the list metadata: column definitions and one row per object. */
export interface PrintedTable {
  columns: ColumnDefinition[];
  rows: PrintedRow[];
}

/** What a printer may read besides the object: the virtual clock and `GenerateOptions.Wide`. */
export interface PrintContext {
  now: number;
  wide: boolean;
}

/**
 * A kind's printer, as upstream's `TableHandler(columnDefinitions, printFunc)`: `cells` returns
 * every cell, wide ones included, in column order (the table drops priority-1 cells when not wide).
 */
export interface KindPrinter {
  columns: readonly ColumnDefinition[];
  cells(object: KubeObject, context: PrintContext): Cell[];
}

/** A column definition; `priority` 1 marks a wide-only column. */
export function column(
  name: string,
  type: string,
  description: string,
  priority = 0,
  format = '',
): ColumnDefinition {
  return { name, type, format, description, priority };
}

/** metav1.ObjectMeta{}.SwaggerDoc()["name"], the description of every Name column. */
const nameDoc =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"], the description of every Age column. */
export const creationTimestampDoc =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** The `Name` column (format `name`, which kubectl uses to prefix `kind/` in `get all`). */
export const nameColumn: ColumnDefinition = column('Name', 'string', nameDoc, 0, 'name');
/** The `Age` column, from `metadata.creationTimestamp`. */
export const ageColumn: ColumnDefinition = column('Age', 'string', creationTimestampDoc);
/** The wide `Containers` column of workload kinds. */
export const containersColumn: ColumnDefinition = column(
  'Containers',
  'string',
  'Names of each container in the template.',
  1,
);
/** The wide `Images` column of workload kinds. */
export const imagesColumn: ColumnDefinition = column(
  'Images',
  'string',
  'Images referenced by each container in the template.',
  1,
);
/** The wide `Selector` column of workload kinds. */
export const selectorColumn: ColumnDefinition = column(
  'Selector',
  'string',
  'A label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this controller, if empty defaulted to labels on Pod template.',
  1,
);

/** The containers of a pod template, as far as the printers read them. */
export interface TemplateContainer {
  name?: string;
  image?: string;
}

/** Upstream layoutContainerCells: container names and images, each comma-joined. */
export function layoutContainerCells(containers: readonly TemplateContainer[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}
