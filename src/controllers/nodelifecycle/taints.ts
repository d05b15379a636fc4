/**
 * The taints the node lifecycle controller owns (pkg/controller/nodelifecycle and
 * k8s.io/api/core/v1 well-known taints), and pure functions over taint lists.
 */
import type { KubeObject } from '../../api/types.js';

/** A node taint (v1.Taint). */
export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

/** v1.TaintNodeNotReady. */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
/** v1.TaintNodeUnreachable. */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** v1.TaintNodeUnschedulable. */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** UnreachableTaintTemplate: the NoExecute taint of a node whose Ready condition is Unknown. */
export const UNREACHABLE_TAINT_TEMPLATE: Readonly<Taint> = Object.freeze({ key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' });
/** NotReadyTaintTemplate: the NoExecute taint of a node whose Ready condition is False. */
export const NOT_READY_TAINT_TEMPLATE: Readonly<Taint> = Object.freeze({ key: TAINT_NODE_NOT_READY, effect: 'NoExecute' });

/** nodeConditionToTaintKeyStatusMap: condition type → status → the NoSchedule taint key it implies. */
const CONDITION_TO_TAINT_KEY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};

/** taintKeyToNodeConditionMap's keys plus the unschedulable taint: the NoSchedule taints the controller manages. */
const MANAGED_NO_SCHEDULE_KEYS: ReadonlySet<string> = new Set([
  ...Object.values(CONDITION_TO_TAINT_KEY).flatMap((m) => Object.values(m)),
  TAINT_NODE_UNSCHEDULABLE,
]);

/** A node condition, as far as the controller reads it. */
export interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

/** The node's conditions. */
export function nodeConditions(node: Readonly<KubeObject>): readonly NodeCondition[] {
  return ((node['status'] as { conditions?: NodeCondition[] } | undefined)?.conditions) ?? [];
}

/** The node's condition of `type`, if any. */
export function nodeCondition(node: Readonly<KubeObject>, type: string): NodeCondition | undefined {
  return nodeConditions(node).find((c) => c.type === type);
}

/** The node's taints. */
export function nodeTaints(node: Readonly<KubeObject>): readonly Taint[] {
  return ((node['spec'] as { taints?: Taint[] } | undefined)?.taints) ?? [];
}

/** Taint.MatchTaint: same key and effect (the value and timeAdded do not matter). */
export function matchTaint(a: Readonly<Taint>, b: Readonly<Taint>): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** taintutils.TaintExists. */
export function taintExists(taints: readonly Taint[], taint: Readonly<Taint>): boolean {
  return taints.some((t) => matchTaint(t, taint));
}

/** The NoExecute taints of a list (getNoExecuteTaints). */
export function noExecuteTaints(taints: readonly Taint[]): Taint[] {
  return taints.filter((t) => t.effect === 'NoExecute');
}

/**
 * doNoScheduleTaintingPass: the node's taints with the managed NoSchedule taints replaced by those
 * its conditions and spec.unschedulable imply; undefined when nothing changes.
 */
export function noScheduleTaintsFor(node: Readonly<KubeObject>): Taint[] | undefined {
  const wanted: Taint[] = [];
  for (const condition of nodeConditions(node)) {
    const key = CONDITION_TO_TAINT_KEY[condition.type]?.[condition.status];
    if (key !== undefined) wanted.push({ key, effect: 'NoSchedule' });
  }
  if ((node['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true) wanted.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
  const current = nodeTaints(node);
  const managed = current.filter((t) => t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE_KEYS.has(t.key));
  const toAdd = wanted.filter((w) => !taintExists(managed, w));
  const toRemove = managed.filter((m) => !taintExists(wanted, m));
  if (toAdd.length === 0 && toRemove.length === 0) return undefined;
  return [...current.filter((t) => !toRemove.includes(t)), ...toAdd];
}

/**
 * SwapNodeControllerTaint: the node's taints with `add` (stamped `timeAdded`) in and `remove` out;
 * undefined when nothing changes.
 */
export function swapTaints(current: readonly Taint[], add: readonly Taint[], remove: readonly Taint[], timeAdded: string): Taint[] | undefined {
  const toAdd = add.filter((a) => !taintExists(current, a));
  const kept = current.filter((t) => !remove.some((r) => matchTaint(t, r)));
  if (toAdd.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...toAdd.map((t) => ({ ...t, timeAdded }))];
}
