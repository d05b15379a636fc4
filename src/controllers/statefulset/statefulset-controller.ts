/**
 * The StatefulSet controller (pkg/controller/statefulset): pods with stable names, hostnames and
 * claims, created and removed in ordinal order. Handlers only work out which set a set or pod event
 * concerns; `sync` claims the set's pods and revisions, works out the revisions, plans and carries
 * out the writes, and records the status when it changed.
 */
import type { KubeObject } from '../../api/types.js';
import { isEmptySelector, labelSelectorAsSelector, matches, type Selector } from '../../api/label-selector.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc, getControllerOf, POD_CONTROLLER_UID_INDEX, podControllerUidIndexFunc } from '../../client/index-funcs.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import type { SyncResult } from '../../client/workqueue.js';
import { claimObjects } from '../common/claim-pods.js';
import type { ControllerContext, ControllerFactory } from '../common/controller.js';
import { QueueController } from '../common/queue-controller.js';
import { sortControllerRevisions, type ControllerRevision } from '../common/controller-history.js';
import { informerWithIndexers } from '../common/informer-indexers.js';
import { resolveControllerRef } from '../common/owner-references.js';
import { isPodReady } from '../common/pod-conditions.js';
import { claimPodsForOwner } from '../common/pods-for-owner.js';
import { applyRevision, statefulSetRevisions, truncateHistory } from './revisions.js';
import { StatefulPodControl } from './stateful-pod-control.js';
import { isMemberOf } from './stateful-set-utils.js';
import { completeRollingUpdate, inconsistentStatus, statusObject } from './status.js';
import type { StatefulPod, StatefulSet } from './types.js';
import { planStatefulSetUpdate } from './update-plan.js';

/** The event source of the StatefulSet controller. */
export const STATEFULSET_CONTROLLER_COMPONENT = 'statefulset-controller';

/** StatefulSetController. */
export class StatefulSetController extends QueueController {
  readonly name = 'statefulset';
  private readonly setLister: Lister<StatefulSet>;
  private readonly podLister: Lister<StatefulPod>;
  private readonly claimLister: Lister<KubeObject>;
  private readonly revisionLister: Lister<ControllerRevision>;
  private readonly recorder: EventRecorder;
  private readonly podControl: StatefulPodControl;

  constructor(private readonly ctx: ControllerContext) {
    super(ctx.clock, { name: 'statefulset' });
    this.recorder = ctx.recorder(STATEFULSET_CONTROLLER_COMPONENT);
    this.podControl = new StatefulPodControl(ctx.api, this.recorder);
    const setInformer = ctx.informers.informer<StatefulSet>('statefulsets');
    const podInformer = informerWithIndexers<StatefulPod>(ctx.informers, 'pods', { [POD_CONTROLLER_UID_INDEX]: podControllerUidIndexFunc });
    const revisionInformer = informerWithIndexers<ControllerRevision>(ctx.informers, 'controllerrevisions', { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc });
    this.setLister = setInformer.lister;
    this.podLister = podInformer.lister;
    this.claimLister = ctx.informers.informer('persistentvolumeclaims').lister;
    this.revisionLister = revisionInformer.lister;
    this.handlers.add(setInformer, {
      onAdd: (set) => this.enqueue(set),
      onUpdate: (_old, cur) => this.enqueue(cur),
      onDelete: (set) => this.enqueue(set),
    });
    this.handlers.add(podInformer, {
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, cur) => this.updatePod(old, cur),
      onDelete: (pod) => this.enqueueOwner(pod),
    });
  }

  private resolve(pod: Readonly<KubeObject>): StatefulSet | undefined {
    return resolveControllerRef(pod, 'StatefulSet', (ns, name) => this.setLister.get(ns, name));
  }

  private enqueueOwner(pod: Readonly<KubeObject>): void {
    const set = this.resolve(pod);
    if (set !== undefined) this.enqueue(set);
  }

  /** getStatefulSetsForPod: sets whose selector matches an orphan. */
  private enqueueSelecting(pod: Readonly<KubeObject>): void {
    for (const set of this.setLister.listNamespace(pod.metadata.namespace ?? '')) {
      const selector = labelSelectorAsSelector(set.spec?.selector);
      if (selector.ok && !isEmptySelector(selector.value) && matches(selector.value, pod.metadata.labels)) this.enqueue(set);
    }
  }

  private addPod(pod: StatefulPod): void {
    if (pod.metadata.deletionTimestamp != null) return this.enqueueOwner(pod);
    if (getControllerOf(pod) === undefined) return this.enqueueSelecting(pod);
    this.enqueueOwner(pod);
  }

  private updatePod(old: StatefulPod, cur: StatefulPod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const oldRef = getControllerOf(old);
    const curRef = getControllerOf(cur);
    if (oldRef !== undefined && oldRef.uid !== curRef?.uid) this.enqueueOwner(old);
    if (curRef === undefined) return this.enqueueSelecting(cur);
    const set = this.resolve(cur);
    if (set === undefined) return;
    this.enqueue(set);
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && !isPodReady(old) && isPodReady(cur)) this.queue.addAfter(metaNamespaceKeyFunc(set), minReady * 1000 + 1000);
  }

  /** The set's revisions (adopting matching orphans), sorted. */
  private revisionsFor(set: StatefulSet, selector: Selector): ControllerRevision[] {
    const owned = this.revisionLister.byIndex(CONTROLLER_UID_INDEX, set.metadata.uid ?? '');
    const orphans = this.revisionLister.listNamespace(set.metadata.namespace ?? '').filter((r) => getControllerOf(r) === undefined);
    return sortControllerRevisions(claimObjects(this.ctx.api, 'controllerrevisions', set, selector, [...owned, ...orphans]) as ControllerRevision[]);
  }

  /** sync + syncStatefulSet + UpdateStatefulSet. */
  sync(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const set = this.setLister.get(namespace, name);
    if (set === undefined) return 'done';
    const selector = labelSelectorAsSelector(set.spec?.selector);
    if (!selector.ok) return 'done';
    const revisions = this.revisionsFor(set, selector.value);
    const pods = claimPodsForOwner(this.ctx.api, this.podLister, set, selector.value, (pod) => isMemberOf(set, pod));

    const revs = statefulSetRevisions(this.ctx.api, set, revisions);
    if (!revs.ok) {
      truncateHistory(this.ctx.api, set, pods, revisions, undefined, undefined);
      return 'requeue';
    }
    const { current, update, collisionCount } = revs.value;
    const plan = planStatefulSetUpdate({
      set,
      currentSet: applyRevision(set, current),
      updateSet: applyRevision(set, update),
      currentRevision: current,
      updateRevision: update,
      collisionCount,
      pods,
      claim: (claimName) => this.claimLister.get(namespace, claimName),
      now: this.ctx.clock.now(),
    });
    let succeeded = this.podControl.execute(set, plan.actions);
    const status = plan.status;
    completeRollingUpdate(set, status);
    if (inconsistentStatus(set, status)) {
      const updated = this.ctx.api.update('statefulsets', namespace, { ...set, status: statusObject(status) }, { subresource: 'status' });
      succeeded = updated.ok && succeeded;
    }
    succeeded = truncateHistory(this.ctx.api, set, pods, revisions, current, update).ok && succeeded;
    if (!succeeded) return 'requeue';
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && status.readyReplicas !== status.availableReplicas) return { requeueAfterMs: minReady * 1000 };
    return 'done';
  }
}

/** The StatefulSet controller, registered as `statefulset`. */
export const statefulSetControllerFactory: ControllerFactory = (ctx) => new StatefulSetController(ctx);
