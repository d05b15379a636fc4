/**
 * The Nodes pane's rows: kubectl's NAME STATUS ROLES AGE, plus what `kubectl describe node` calls
 * "Allocated resources" — CPU and memory requested by the node's non-terminated pods against its
 * allocatable — as small bars, and the pod count against the node's pod capacity.
 */
import type { KubeObject } from '../../api/types.js';
import { milliValue, quantityFromJson, quantityValue } from '../../api/quantity.js';
import { podRequests } from '../../apiserver/admission/resource-lists.js';
import { formatAge, formatNodeRoles, nodeStatus } from '../../printers/index.js';
import { humanDuration } from '../../printers/age.js';
import { usageBar } from './usage-bar.js';

/** One node as the pane shows it; `name` is also the selection. */
export interface NodeRow extends Record<string, string | number> {
  name: string;
  status: string;
  roles: string;
  cpu: string;
  memory: string;
  pods: string;
  age: string;
}

/** What the node's pods request, in millicores and bytes, and how many there are. */
interface Requested {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
}

/** Pods that hold resources on their node: bound and not yet Succeeded or Failed. */
function holdsResources(pod: KubeObject): boolean {
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

/** Sums the requests of the pods bound to each node. */
export function requestedByNode(pods: readonly KubeObject[]): Map<string, Requested> {
  const byNode = new Map<string, Requested>();
  for (const pod of pods) {
    const nodeName = (pod['spec'] as { nodeName?: string } | undefined)?.nodeName;
    if (nodeName === undefined || nodeName === '' || !holdsResources(pod)) continue;
    const total = byNode.get(nodeName) ?? { cpuMilli: 0, memoryBytes: 0, pods: 0 };
    const requests = podRequests(pod);
    const cpu = requests.get('cpu');
    const memory = requests.get('memory');
    total.cpuMilli += cpu === undefined ? 0 : milliValue(cpu);
    total.memoryBytes += memory === undefined ? 0 : quantityValue(memory);
    total.pods += 1;
    byNode.set(nodeName, total);
  }
  return byNode;
}

function allocatable(node: KubeObject, resource: string, milli: boolean): number | undefined {
  const value = (node['status'] as { allocatable?: Record<string, unknown> } | undefined)?.allocatable?.[resource];
  if (value === undefined) return undefined;
  const parsed = quantityFromJson(value);
  if (!parsed.ok) return undefined;
  return milli ? milliValue(parsed.value) : quantityValue(parsed.value);
}

/** The rows of the Nodes pane, in the order given. */
export function nodeRows(nodes: readonly KubeObject[], pods: readonly KubeObject[], now: number): NodeRow[] {
  const requested = requestedByNode(pods);
  return nodes.map((node) => {
    const name = node.metadata.name ?? '';
    const used = requested.get(name) ?? { cpuMilli: 0, memoryBytes: 0, pods: 0 };
    const podCapacity = allocatable(node, 'pods', false);
    return {
      name,
      status: withEvictionCountdown(nodeStatus(node), node, now),
      roles: formatNodeRoles(node),
      cpu: usageBar(used.cpuMilli, allocatable(node, 'cpu', true)),
      memory: usageBar(used.memoryBytes, allocatable(node, 'memory', false)),
      pods: podCapacity === undefined ? String(used.pods) : `${used.pods}/${podCapacity}`,
      age: formatAge(node.metadata.creationTimestamp, now),
    };
  });
}

/** The NoExecute taints the node lifecycle controller puts on a node it no longer hears from. */
const EVICTING_TAINTS = new Set(['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready']);

/** Seconds pods tolerate those taints unless they say otherwise (DefaultTolerationSeconds admission). */
const DEFAULT_TOLERATION_SECONDS = 300;

/**
 * STATUS with the countdown to taint-based eviction once the node is tainted NoExecute
 * (`NotReady · evicts in 4m12s`): when the pods that took the default toleration will be deleted.
 */
export function withEvictionCountdown(status: string, node: KubeObject, now: number): string {
  const taints = (node['spec'] as { taints?: { key?: string; effect?: string; timeAdded?: string }[] } | undefined)?.taints ?? [];
  const taint = taints.find((t) => t.effect === 'NoExecute' && EVICTING_TAINTS.has(t.key ?? ''));
  const added = taint?.timeAdded === undefined ? undefined : Date.parse(taint.timeAdded);
  if (added === undefined || Number.isNaN(added)) return status;
  const remaining = added + DEFAULT_TOLERATION_SECONDS * 1000 - now;
  return remaining > 0 ? `${status} · evicts in ${humanDuration(remaining)}` : `${status} · evicting`;
}

/** The colour of a node's STATUS: Ready green, NotReady/Unknown red, cordoned yellow. */
export function nodeStatusColor(status: string): string | undefined {
  if (status.startsWith('NotReady') || status.startsWith('Unknown')) return 'red';
  if (status.includes('SchedulingDisabled')) return 'yellow';
  if (status.startsWith('Ready')) return 'green';
  return undefined;
}
