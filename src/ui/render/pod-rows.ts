/** The Pods pane's rows: kubectl's NAME READY STATUS RESTARTS AGE NODE, STATUS as kubectl prints it. */
import type { KubeObject } from '../../api/types.js';
import { formatAge, podSummary } from '../../printers/index.js';

/** One pod as the pane shows it. */
export interface PodRow extends Record<string, string | number> {
  namespace: string;
  name: string;
  ready: string;
  status: string;
  restarts: string;
  age: string;
  node: string;
}

/** The rows of the Pods pane, in the order given. */
export function podRows(pods: readonly KubeObject[], now: number): PodRow[] {
  return pods.map((pod) => podRow(pod, now));
}

/** One pod's row. */
export function podRow(pod: KubeObject, now: number): PodRow {
  const summary = podSummary(pod, now);
  return {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    ready: summary.ready,
    status: summary.status,
    restarts: summary.restarts,
    age: formatAge(pod.metadata.creationTimestamp, now),
    node: (pod['spec'] as { nodeName?: string } | undefined)?.nodeName || '<none>',
  };
}

const healthy = new Set(['Running', 'Completed', 'Succeeded']);
const waiting = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'Terminating', 'SchedulingGated']);

/** The colour of kubectl's STATUS: running green, on its way yellow, anything else (errors, back-offs) red. */
export function podStatusColor(status: string): string | undefined {
  if (healthy.has(status)) return 'green';
  if (waiting.has(status) || status.startsWith('Init:')) return 'yellow';
  return 'red';
}
