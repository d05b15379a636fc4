/**
 * The ResourceQuota printer (upstream printResourceQuota): what a quota has used of each hard
 * limit, requests and limits in two columns.
 */
import type { KubeObject } from '../api/types.js';
import { formatAge } from './age.js';
import { ageColumn, column, nameColumn, type Cell, type KindPrinter, type PrintContext } from './columns.js';
import { quantityString } from './quantity.js';

/** The parts of a ResourceQuota the printer reads. */
interface ResourceQuotaView extends KubeObject {
  status?: { hard?: Record<string, unknown>; used?: Record<string, unknown> };
}

/** SortableResourceNames: Go string order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The REQUEST and LIMIT cells: `<resource>: <used>/<hard>` for every resource of `status.hard`,
 * sorted by name and joined with `, `; a `limits.`-prefixed resource goes to LIMIT, any other
 * (`pods`, `cpu`, `requests.memory`) to REQUEST.
 */
export function resourceQuotaUsage(object: KubeObject): { request: string; limit: string } {
  const status = (object as ResourceQuotaView).status;
  const hard = status?.hard ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const resource of Object.keys(hard).sort(byteOrder)) {
    const pieces = resource.split('.');
    const column = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    column.push(`${resource}: ${quantityString(status?.used?.[resource])}/${quantityString(hard[resource])}`);
  }
  return { request: request.join(', '), limit: limit.join(', ') };
}

/** ResourceQuotas: NAME AGE REQUEST LIMIT (v1.32's order; v1.33 moved AGE last). */
export const resourceQuotaPrinter: KindPrinter = {
  columns: [
    nameColumn,
    ageColumn,
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const { request, limit } = resourceQuotaUsage(object);
    return [object.metadata.name ?? '', formatAge(object.metadata.creationTimestamp, now), request, limit];
  },
};
