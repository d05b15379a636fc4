/**
 * Server-side printing over HTTP: when the Accept header asks for `as=Table;g=meta.k8s.io`, GET,
 * LIST and watch answer a `meta.k8s.io/v1` Table whose rows carry PartialObjectMetadata (or the
 * whole object with `includeObject=Object`), as kube-apiserver's TableConvertor does.
 */
import type { KubeObject } from '../api/types.js';
import { printTable } from '../printers/index.js';

/** What `includeObject` asks each row to carry. */
export type IncludeObject = 'Metadata' | 'Object' | 'None';

/** Whether an Accept header asks for a `meta.k8s.io` Table (v1 or v1beta1). */
export function acceptsTable(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return accept.split(',').some((clause) => {
    const params = clause.split(';').map((p) => p.trim().replace(/\s+/g, ''));
    return params.includes('as=Table') && params.includes('g=meta.k8s.io') && (params.includes('v=v1') || params.includes('v=v1beta1'));
  });
}

/** `includeObject` from the query; Metadata unless Object or None is asked. */
export function includeObjectOf(value: string | null): IncludeObject {
  return value === 'Object' || value === 'None' ? value : 'Metadata';
}

function rowObject(object: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

/** Options of {@link toTable}. */
export interface TableOptions {
  now: number;
  resourceVersion: string;
  include: IncludeObject;
  /** false in watch events after the first: `columnDefinitions: null`, as upstream's NoHeaders. */
  withColumns?: boolean;
}

/** A Table of `objects`, all of kind `kind`, in the given order. */
export function toTable(kind: string, objects: readonly KubeObject[], options: TableOptions): object {
  const printed = printTable(kind, objects, { now: options.now });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: options.resourceVersion },
    columnDefinitions: options.withColumns === false ? null : printed.columns,
    rows: printed.rows.map((row) => {
      const object = rowObject(row.object, options.include);
      return object === undefined ? { cells: row.cells } : { cells: row.cells, object };
    }),
  };
}
