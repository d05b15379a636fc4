/**
 * Which cluster events an update is (framework.PodSchedulingPropertiesChange and the event
 * handlers' nodeSchedulingPropertiesChange): an update becomes one event per kind of change that
 * matters to scheduling, so a kubelet's heartbeat moves no pods while a new label may.
 */
import { jsonEqual } from '../api/equal.js';
import { ActionType, clusterEvent, type ClusterEvent } from './framework/events.js';
import type { Node, Pod } from './types.js';

const NODE_EVENTS = {
  taint: clusterEvent('Node', ActionType.UpdateNodeTaint, 'NodeTaintChange'),
  unschedulable: clusterEvent('Node', ActionType.UpdateNodeTaint, 'NodeSpecUnschedulableChange'),
  allocatable: clusterEvent('Node', ActionType.UpdateNodeAllocatable, 'NodeAllocatableChange'),
  label: clusterEvent('Node', ActionType.UpdateNodeLabel, 'NodeLabelChange'),
  condition: clusterEvent('Node', ActionType.UpdateNodeCondition, 'NodeConditionChange'),
  annotation: clusterEvent('Node', ActionType.UpdateNodeAnnotation, 'NodeAnnotationChange'),
};

function conditionStatuses(node: Node): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of node.status?.conditions ?? []) out[c.type] = c.status;
  return out;
}

/** nodeSchedulingPropertiesChange: the events an update of a node amounts to. */
export function nodeChangeEvents(newNode: Node, oldNode: Node): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  if ((newNode.spec?.unschedulable ?? false) !== (oldNode.spec?.unschedulable ?? false)) events.push(NODE_EVENTS.unschedulable);
  if (!jsonEqual(newNode.status?.allocatable, oldNode.status?.allocatable)) events.push(NODE_EVENTS.allocatable);
  if (!jsonEqual(newNode.metadata.labels, oldNode.metadata.labels)) events.push(NODE_EVENTS.label);
  if (!jsonEqual(newNode.spec?.taints, oldNode.spec?.taints)) events.push(NODE_EVENTS.taint);
  if (!jsonEqual(conditionStatuses(newNode), conditionStatuses(oldNode))) events.push(NODE_EVENTS.condition);
  if (!jsonEqual(newNode.metadata.annotations, oldNode.metadata.annotations)) events.push(NODE_EVENTS.annotation);
  return events;
}

/** PodSchedulingPropertiesChange: the events an update of a pod amounts to (at least the generic one). */
export function podChangeEvents(newPod: Pod, oldPod: Pod): ClusterEvent[] {
  const resource = (newPod.spec.nodeName ?? '') === '' ? 'UnscheduledPod' : 'AssignedPod';
  const events: ClusterEvent[] = [];
  if (!jsonEqual(newPod.metadata.labels, oldPod.metadata.labels)) events.push(clusterEvent(resource, ActionType.UpdatePodLabel, `${resource}UpdatePodLabel`));
  if ((oldPod.spec.schedulingGates ?? []).length > 0 && (newPod.spec.schedulingGates ?? []).length === 0) {
    events.push(clusterEvent(resource, ActionType.UpdatePodSchedulingGatesEliminated, `${resource}UpdatePodSchedulingGatesEliminated`));
  }
  if (!jsonEqual(newPod.spec.tolerations, oldPod.spec.tolerations)) events.push(clusterEvent(resource, ActionType.UpdatePodTolerations, `${resource}UpdatePodTolerations`));
  if (events.length === 0) events.push(clusterEvent(resource, ActionType.UpdateOther, `${resource}Update`));
  return events;
}
