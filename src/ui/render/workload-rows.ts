/**
 * The Workloads pane's rows: Deployments, ReplicaSets, DaemonSets, StatefulSets and Jobs in one
 * table. Each kind's cells come from its kubectl printer; READY and STATUS gather the columns the
 * kinds do not share (a Deployment's UP-TO-DATE and AVAILABLE, a Job's STATUS and COMPLETIONS).
 */
import type { KubeObject } from '../../api/types.js';
import { printTable } from '../../printers/index.js';

/** The workload kinds, in the order the pane lists them, with their API resource. */
export const WORKLOAD_KINDS = [
  { kind: 'Deployment', resource: 'deployments' },
  { kind: 'ReplicaSet', resource: 'replicasets' },
  { kind: 'DaemonSet', resource: 'daemonsets' },
  { kind: 'StatefulSet', resource: 'statefulsets' },
  { kind: 'Job', resource: 'jobs' },
] as const;

/** One workload as the pane shows it; `kind` is the Kubernetes kind. */
export interface WorkloadRow extends Record<string, string | number> {
  kind: string;
  namespace: string;
  name: string;
  ready: string;
  status: string;
  age: string;
}

function cellsByColumn(kind: string, objects: readonly KubeObject[], now: number): Map<string, string>[] {
  const table = printTable(kind, objects, { now, wide: false });
  return table.rows.map((row) => new Map(table.columns.map((c, i) => [c.name, String(row.cells[i] ?? '')])));
}

function readyAndStatus(kind: string, cells: Map<string, string>): { ready: string; status: string } {
  const get = (name: string): string => cells.get(name) ?? '';
  switch (kind) {
    case 'Deployment':
      return { ready: get('Ready'), status: `${get('Up-to-date')} up-to-date, ${get('Available')} available` };
    case 'ReplicaSet':
      return { ready: `${get('Ready')}/${get('Desired')}`, status: `${get('Current')} current` };
    case 'DaemonSet':
      return { ready: `${get('Ready')}/${get('Desired')}`, status: `${get('Up-to-date')} up-to-date, ${get('Available')} available` };
    case 'Job':
      return { ready: get('Completions'), status: get('Status') };
    default:
      return { ready: get('Ready'), status: '' };
  }
}

/** The rows of the Workloads pane: each kind's objects, kinds in {@link WORKLOAD_KINDS} order. */
export function workloadRows(byKind: ReadonlyMap<string, readonly KubeObject[]>, now: number): WorkloadRow[] {
  const rows: WorkloadRow[] = [];
  for (const { kind } of WORKLOAD_KINDS) {
    const objects = byKind.get(kind) ?? [];
    cellsByColumn(kind, objects, now).forEach((cells, i) => {
      const object = objects[i];
      rows.push({
        kind,
        namespace: object?.metadata.namespace ?? '',
        name: cells.get('Name') ?? '',
        ...readyAndStatus(kind, cells),
        age: cells.get('Age') ?? '',
      });
    });
  }
  return rows;
}

/** Green when READY is complete (`3/3`), yellow otherwise. */
export function readyColor(ready: string): string | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(ready);
  if (match === null) return undefined;
  return match[1] === match[2] ? 'green' : 'yellow';
}
