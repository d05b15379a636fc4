/**
 * Cluster events and queueing hints (pkg/scheduler/framework/events.go, types.go): which changes
 * may make an unschedulable pod schedulable. Each plugin registers the events it cares about,
 * with a hint function that looks at the changed object and says Queue or QueueSkip; an
 * unschedulable pod is only retried on events registered by the plugins that rejected it.
 */
import type { KubeObject } from '../../api/types.js';
import type { Pod } from '../types.js';

/** framework.ActionType, as bit flags. */
export const ActionType = {
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodTolerations: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  /** Any other update. */
  UpdateOther: 1 << 11,
} as const;

/** Every action. */
export const ALL = (1 << 12) - 1;

/**
 * framework.EventResource. `Pod` (as registered by plugins) matches both `AssignedPod` and
 * `UnscheduledPod` events; `*` (WildCard) matches everything.
 */
export type EventResource = 'Pod' | 'AssignedPod' | 'UnscheduledPod' | 'Node' | 'PersistentVolume' | 'PersistentVolumeClaim' | 'StorageClass' | 'Namespace' | '*';

/** framework.ClusterEvent. */
export interface ClusterEvent {
  readonly resource: EventResource;
  readonly actionType: number;
  /** How logs and the dashboard name it: `NodeAdd`, `AssignedPodDelete`, `UnschedulableTimeout`, … */
  readonly label: string;
}

/** framework.QueueingHint. */
export type QueueingHint = 'Queue' | 'QueueSkip';

/** framework.QueueingHintFn: whether this change may make `pod` schedulable. */
export type QueueingHintFn = (pod: Pod, oldObj: KubeObject | undefined, newObj: KubeObject | undefined) => QueueingHint;

/** framework.ClusterEventWithHint: a registration; without a hint the event always queues. */
export interface ClusterEventWithHint {
  readonly event: { resource: EventResource; actionType: number };
  readonly hint?: QueueingHintFn;
}

/** ClusterEvent.Match: whether a registered event covers an event that happened. */
export function eventMatches(registered: ClusterEventWithHint['event'], event: ClusterEvent): boolean {
  if (registered.resource === '*') return true;
  if (event.resource === '*') return true;
  const resourceMatches =
    registered.resource === event.resource || (registered.resource === 'Pod' && (event.resource === 'AssignedPod' || event.resource === 'UnscheduledPod'));
  return resourceMatches && (registered.actionType & event.actionType) !== 0;
}

/** framework.EventUnschedulableTimeout: the periodic flush of pods unschedulable for too long. */
export const EVENT_UNSCHEDULABLE_TIMEOUT: ClusterEvent = { resource: '*', actionType: ALL, label: 'UnschedulableTimeout' };
/** framework.EventAssignedPodAdd. */
export const EVENT_ASSIGNED_POD_ADD: ClusterEvent = { resource: 'AssignedPod', actionType: ActionType.Add, label: 'AssignedPodAdd' };
/** framework.EventAssignedPodDelete. */
export const EVENT_ASSIGNED_POD_DELETE: ClusterEvent = { resource: 'AssignedPod', actionType: ActionType.Delete, label: 'AssignedPodDelete' };
/** framework.EventNodeAdd. */
export const EVENT_NODE_ADD: ClusterEvent = { resource: 'Node', actionType: ActionType.Add, label: 'NodeAdd' };

/** A named event for `resource` and `actionType` (`PersistentVolumeClaimAdd`, `NodeUpdateNodeLabel`, …). */
export function clusterEvent(resource: EventResource, actionType: number, label: string): ClusterEvent {
  return { resource, actionType, label };
}
