/**
 * tryUpdateNodeHealth (node_lifecycle_controller.go) as a pure function: what the controller last
 * saw of a node (its Ready condition, its Lease's renewTime, and when either last moved), and, once
 * the grace period has passed without news, the node's conditions turned Unknown.
 */
import type { KubeObject } from '../../api/types.js';
import { jsonEqual } from '../../api/equal.js';
import { parseTime, rfc3339 } from '../../api/time.js';
import { nodeCondition, nodeConditions, type NodeCondition } from './taints.js';

/** nodeHealthData: what the controller remembers of one node. */
export interface NodeHealth {
  /** The Ready condition it last saw the kubelet post (undefined: none). */
  readonly readyCondition: NodeCondition | undefined;
  /** The Lease's renewTime it last saw. */
  readonly leaseRenewTime: string | undefined;
  /** When the controller last heard from the node (virtual ms). */
  readonly probeTimestamp: number;
  /** When the Ready condition last changed, as the controller saw it. */
  readonly readyTransitionTimestamp: number;
}

/** The conditions set to Unknown when the kubelet goes silent. */
const UNKNOWN_CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

/** What one health check found. */
export interface NodeHealthResult {
  readonly health: NodeHealth;
  /** The grace period that applies (startup grace for a node that never posted Ready). */
  readonly gracePeriodMs: number;
  /** The Ready condition as the node had it before this check (Unknown when it never posted one). */
  readonly observedReady: NodeCondition;
  /** The Ready condition after this check; undefined when the node has none. */
  readonly currentReady: NodeCondition | undefined;
  /** The conditions to write to the node's status, when they changed. */
  readonly newConditions: NodeCondition[] | undefined;
}

/** The grace periods, in ms. */
export interface GracePeriods {
  readonly monitorMs: number;
  readonly startupMs: number;
}

/** One node's health check at `now`, given what was saved and the node's Lease (if any). */
export function tryUpdateNodeHealth(
  node: Readonly<KubeObject>,
  saved: NodeHealth | undefined,
  lease: Readonly<KubeObject> | undefined,
  now: number,
  grace: GracePeriods,
): NodeHealthResult {
  const current = nodeCondition(node, 'Ready');
  const created = parseTime(node.metadata.creationTimestamp) ?? now;
  let health: NodeHealth;
  let observedReady: NodeCondition;
  let gracePeriodMs: number;
  if (current === undefined) {
    observedReady = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp ?? '', lastTransitionTime: node.metadata.creationTimestamp ?? '' };
    gracePeriodMs = grace.startupMs;
    health = saved === undefined ? { readyCondition: undefined, leaseRenewTime: undefined, probeTimestamp: created, readyTransitionTimestamp: created } : { ...saved, readyCondition: undefined };
  } else {
    observedReady = current;
    gracePeriodMs = grace.monitorMs;
    const savedReady = saved?.readyCondition;
    if (saved === undefined || savedReady === undefined) {
      health = { readyCondition: current, leaseRenewTime: saved?.leaseRenewTime, probeTimestamp: now, readyTransitionTimestamp: now };
    } else if (savedReady.lastHeartbeatTime !== current.lastHeartbeatTime) {
      const transition = savedReady.lastTransitionTime !== current.lastTransitionTime ? now : saved.readyTransitionTimestamp;
      health = { ...saved, readyCondition: current, probeTimestamp: now, readyTransitionTimestamp: transition };
    } else {
      health = { ...saved, readyCondition: current };
    }
  }
  // Always update the probe time if the node lease is renewed.
  const renewTime = (lease?.['spec'] as { renewTime?: string } | undefined)?.renewTime;
  if (renewTime !== undefined && (health.leaseRenewTime === undefined || (parseTime(health.leaseRenewTime) ?? 0) < (parseTime(renewTime) ?? 0))) {
    health = { ...health, leaseRenewTime: renewTime, probeTimestamp: now };
  }
  if (!(now > health.probeTimestamp + gracePeriodMs)) return { health, gracePeriodMs, observedReady, currentReady: current, newConditions: undefined };
  const conditions = unknownConditions(node, now);
  const currentReady = conditions.find((c) => c.type === 'Ready');
  if (jsonEqual(currentReady, observedReady)) return { health, gracePeriodMs, observedReady, currentReady, newConditions: undefined };
  return { health: { ...health, readyCondition: currentReady, readyTransitionTimestamp: now }, gracePeriodMs, observedReady, currentReady, newConditions: conditions };
}

/** The node's conditions with Ready and the pressure conditions turned Unknown, as the controller posts them for a silent kubelet. */
export function unknownConditions(node: Readonly<KubeObject>, now: number): NodeCondition[] {
  const stamp = rfc3339(now);
  const conditions = nodeConditions(node).map((c) => ({ ...c }));
  for (const type of UNKNOWN_CONDITION_TYPES) {
    const existing = conditions.find((c) => c.type === type);
    if (existing === undefined) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata.creationTimestamp ?? '',
        lastTransitionTime: stamp,
      });
    } else if (existing.status !== 'Unknown') {
      existing.status = 'Unknown';
      existing.reason = 'NodeStatusUnknown';
      existing.message = 'Kubelet stopped posting node status.';
      existing.lastTransitionTime = stamp;
    }
  }
  return conditions;
}
