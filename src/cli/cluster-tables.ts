/**
 * What `--until-settled` and `--for` print: one `kubectl get -A` style table per kind that has
 * objects, names written `kind/name` as `kubectl get all` writes them.
 */
import type { KubeObject } from '../api/types.js';
import type { ApiClient } from '../apiserver/types.js';
import { RESOURCES } from '../apiserver/registry.js';
import type { ResourceInfo } from '../apiserver/registry.js';
import { formatTable, printTable } from '../printers/index.js';

/** Kinds left out of the tables: events are printed as lines, leases and endpoints are plumbing. */
const NOT_TABULATED = new Set(['Event']);

/** Every stored object of one resource, or an empty list when the API refuses. */
export function listAll(api: ApiClient, info: ResourceInfo): KubeObject[] {
  const listed = api.list(info.resource, '');
  return listed.ok ? listed.value.items : [];
}

/** The tables of everything stored, separated by blank lines. */
export function clusterTables(api: ApiClient, now: number): string {
  const blocks: string[] = [];
  for (const info of RESOURCES) {
    if (NOT_TABULATED.has(info.kind)) continue;
    const objects = listAll(api, info);
    if (objects.length === 0) continue;
    const table = printTable(info.kind, objects, { now, wide: false });
    const prefix = `${info.singular}${info.group === '' ? '' : `.${info.group}`}/`;
    const nameIndex = table.columns.findIndex((c) => c.format === 'name');
    for (const row of table.rows) {
      if (nameIndex >= 0) row.cells[nameIndex] = prefix + String(row.cells[nameIndex]);
    }
    blocks.push(formatTable(table, { withNamespace: info.namespaced }));
  }
  return blocks.join('\n');
}

/** Every stored object as one Kubernetes `List`, as `kubectl get -o json` would write it. */
export function dumpList(api: ApiClient): KubeObject {
  const items: KubeObject[] = [];
  for (const info of RESOURCES) items.push(...listAll(api, info));
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}
