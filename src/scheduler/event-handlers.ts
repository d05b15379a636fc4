/**
 * addAllEventHandlers (pkg/scheduler/eventhandlers.go): informer events feed the cache (nodes,
 * and pods assigned to nodes) and the queue (unassigned pods this scheduler is responsible for),
 * and every change that may make pending pods schedulable is offered to the queue as a cluster
 * event.
 */
import type { KubeObject } from '../api/types.js';
import type { ResourceEventHandler } from '../client/event-handlers.js';
import type { SharedInformer } from '../client/informer.js';
import type { SchedulerCache } from './cache.js';
import type { DiagnosisStore } from './diagnosis.js';
import { nodeChangeEvents, podChangeEvents } from './event-changes.js';
import { ActionType, clusterEvent, EVENT_ASSIGNED_POD_ADD, EVENT_ASSIGNED_POD_DELETE, EVENT_NODE_ADD, type EventResource } from './framework/events.js';
import type { SchedulingQueue } from './scheduling-queue.js';
import { DEFAULT_SCHEDULER_NAME, isAssignedPod, podKey, type Node, type Pod } from './types.js';

/** The informers whose events matter. */
export interface SchedulerInformers {
  readonly pods: SharedInformer<KubeObject>;
  readonly nodes: SharedInformer<KubeObject>;
  readonly persistentVolumeClaims: SharedInformer<KubeObject>;
  readonly persistentVolumes: SharedInformer<KubeObject>;
  readonly storageClasses: SharedInformer<KubeObject>;
}

/** cache.FilteringResourceEventHandler: an update that enters or leaves the filter becomes an add or a delete. */
function filtering<T extends KubeObject>(filter: (obj: T) => boolean, handler: Required<ResourceEventHandler<T>>): ResourceEventHandler<T> {
  return {
    onAdd: (obj, initial) => {
      if (filter(obj)) handler.onAdd(obj, initial);
    },
    onUpdate: (oldObj, newObj) => {
      const was = filter(oldObj);
      const is = filter(newObj);
      if (was && is) handler.onUpdate(oldObj, newObj);
      else if (is) handler.onAdd(newObj, false);
      else if (was) handler.onDelete(oldObj, false);
    },
    onDelete: (obj, unknown) => {
      if (filter(obj)) handler.onDelete(obj, unknown);
    },
  };
}

/** responsibleForPod: the pod names this scheduler (the default profile). */
function responsibleForPod(pod: Pod): boolean {
  return (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === DEFAULT_SCHEDULER_NAME;
}

/** Registers the scheduler's handlers on its informers. */
export function addAllEventHandlers(informers: SchedulerInformers, cache: SchedulerCache, queue: SchedulingQueue, diagnoses: DiagnosisStore): void {
  const moveOnChange = (oldPod: Pod, newPod: Pod): void => {
    if (!queue.hasUnschedulablePods) return;
    for (const event of podChangeEvents(newPod, oldPod)) queue.moveAllToActiveOrBackoffQueue(event, oldPod, newPod);
  };
  informers.pods.addEventHandler(
    filtering<Pod>((pod) => isAssignedPod(pod), {
      onAdd: (pod) => {
        cache.addPod(pod);
        queue.moveAllToActiveOrBackoffQueue(EVENT_ASSIGNED_POD_ADD, undefined, pod);
      },
      onUpdate: (oldPod, newPod) => {
        cache.updatePod(newPod);
        moveOnChange(oldPod, newPod);
      },
      onDelete: (pod) => {
        cache.removePod(pod);
        queue.moveAllToActiveOrBackoffQueue(EVENT_ASSIGNED_POD_DELETE, pod, undefined);
      },
    }) as ResourceEventHandler<KubeObject>,
  );
  informers.pods.addEventHandler(
    filtering<Pod>((pod) => !isAssignedPod(pod) && responsibleForPod(pod), {
      onAdd: (pod) => queue.add(pod),
      onUpdate: (oldPod, newPod) => {
        if (oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) return;
        if (cache.isAssumedPod(newPod.metadata.uid ?? '')) return;
        queue.update(oldPod, newPod, podChangeEvents(newPod, oldPod));
      },
      onDelete: (pod) => queue.delete(pod),
    }) as ResourceEventHandler<KubeObject>,
  );
  informers.pods.addEventHandler({ onDelete: (pod) => diagnoses.forget(podKey(pod)) });
  informers.nodes.addEventHandler({
    onAdd: (obj) => {
      cache.setNode(obj as Node);
      queue.moveAllToActiveOrBackoffQueue(EVENT_NODE_ADD, undefined, obj);
    },
    onUpdate: (oldObj, newObj) => {
      cache.setNode(newObj as Node);
      if (!queue.hasUnschedulablePods) return;
      for (const event of nodeChangeEvents(newObj as Node, oldObj as Node)) queue.moveAllToActiveOrBackoffQueue(event, oldObj, newObj);
    },
    onDelete: (obj) => {
      cache.removeNode(obj.metadata.name ?? '');
      queue.moveAllToActiveOrBackoffQueue(clusterEvent('Node', ActionType.Delete, 'NodeDelete'), obj, undefined);
    },
  });
  const storage: [SharedInformer<KubeObject>, EventResource][] = [
    [informers.persistentVolumeClaims, 'PersistentVolumeClaim'],
    [informers.persistentVolumes, 'PersistentVolume'],
    [informers.storageClasses, 'StorageClass'],
  ];
  for (const [informer, resource] of storage) {
    informer.addEventHandler({
      onAdd: (obj) => queue.moveAllToActiveOrBackoffQueue(clusterEvent(resource, ActionType.Add, `${resource}Add`), undefined, obj),
      onUpdate: (oldObj, newObj) => queue.moveAllToActiveOrBackoffQueue(clusterEvent(resource, ActionType.UpdateOther, `${resource}Update`), oldObj, newObj),
    });
  }
}
