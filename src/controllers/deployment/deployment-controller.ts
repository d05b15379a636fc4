/**
 * The Deployment controller (pkg/controller/deployment): handlers that find the Deployment a
 * ReplicaSet or pod event concerns, and `syncDeployment`, which claims the Deployment's
 * ReplicaSets and dispatches to what the Deployment needs now: status only (being deleted),
 * `sync` (paused, or a scaling event), `rollback`, or a rollout step of its strategy
 * (`rolling`, `recreate`).
 */
import { internalError } from '../../api/status.js';
import { isEmptySelector, matches, type Selector } from '../../api/label-selector.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { SharedInformer } from '../../client/informer.js';
import type { Lister } from '../../client/lister.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import { CONTROLLER_UID_INDEX, POD_CONTROLLER_UID_INDEX, controllerUidIndexFunc, getControllerOf, podControllerUidIndexFunc } from '../../client/index-funcs.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import type { Clock } from '../../clock/types.js';
import type { ApiClient } from '../../apiserver/types.js';
import { jsonEqual } from '../../api/equal.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { cachedLabelSelector } from '../common/cached-parsing.js';
import { claimObjects } from '../common/claim-pods.js';
import { resolveControllerRef } from '../common/owner-references.js';
import { HandlerRegistrations } from '../common/handler-registrations.js';
import { informerWithIndexers } from '../common/informer-indexers.js';
import { hasNamespaceTerminatingCause } from '../common/pod-control.js';
import type { Pod, ReplicaSet } from '../replicaset/types.js';
import { MAX_RETRIES } from './constants.js';
import { rolloutRecreate, type PodMap } from './recreate.js';
import { getRollbackTo, rollback } from './rollback.js';
import { rolloutRolling } from './rolling.js';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync.js';
import { updateDeploymentStatus, type DeploymentSyncContext, type SyncError } from './sync-context.js';
import { RECREATE, ROLLING_UPDATE, type Deployment } from './types.js';

/** The Deployment controller. */
export class DeploymentController implements Controller, DeploymentSyncContext {
  /** Its name in kube-controller-manager. */
  readonly name = 'deployment';
  readonly api: ApiClient;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly rsLister: Lister<ReplicaSet>;
  private readonly queue: RateLimitingQueue;
  private readonly dInformer: SharedInformer<Deployment>;
  private readonly rsInformer: SharedInformer<ReplicaSet>;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly handlers = new HandlerRegistrations();

  constructor(ctx: ControllerContext) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.recorder = ctx.recorder('deployment-controller');
    this.queue = new RateLimitingQueue(ctx.clock, { name: 'deployment' });
    this.dInformer = ctx.informers.informer<Deployment>('deployments');
    this.rsInformer = informerWithIndexers<ReplicaSet>(ctx.informers, 'replicasets', { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc });
    this.podInformer = informerWithIndexers<Pod>(ctx.informers, 'pods', { [POD_CONTROLLER_UID_INDEX]: podControllerUidIndexFunc });
    this.rsLister = this.rsInformer.lister;
    const enqueue = (d: Deployment) => this.queue.add(metaNamespaceKeyFunc(d));
    this.handlers.add(this.dInformer, { onAdd: enqueue, onUpdate: (_, cur) => enqueue(cur), onDelete: enqueue });
    this.handlers.add(this.rsInformer, {
      onAdd: (rs) => this.addReplicaSet(rs),
      onUpdate: (oldRs, curRs) => this.updateReplicaSet(oldRs, curRs),
      onDelete: (rs) => this.deleteReplicaSet(rs),
    });
    this.handlers.add(this.podInformer, { onDelete: (pod) => this.deletePod(pod) });
  }

  /** Starts processing the queue. */
  run(): void {
    this.queue.run((key) => this.sync(key));
  }

  /** Shuts the queue down and unregisters the handlers. */
  stop(): void {
    this.queue.shutDown();
    this.handlers.removeAll();
  }

  /** The queue's metrics. */
  queues(): WorkQueueMetrics[] {
    return [this.queue.metrics()];
  }

  /**
   * enqueueAfter, which the controller uses only for the progress check when a rollout's deadline
   * would pass. The wait is a background one: a rollout that may time out in ten minutes is not
   * work the cluster has pending (`--until-settled` does not wait for it).
   */
  enqueueAfter(d: Readonly<Deployment>, ms: number): void {
    this.queue.addAfter(metaNamespaceKeyFunc(d), ms, { background: true });
  }

  /** enqueueRateLimited. */
  enqueueRateLimited(d: Readonly<Deployment>): void {
    this.queue.addRateLimited(metaNamespaceKeyFunc(d));
  }

  /** syncDeployment with handleErr: a failed sync is retried with back-off up to maxRetries times. */
  sync(key: string): SyncResult {
    const error = this.syncDeployment(key);
    if (error === undefined || hasNamespaceTerminatingCause(error)) return 'done';
    return this.queue.numRequeues(key) < MAX_RETRIES ? 'requeue' : 'done';
  }

  private syncDeployment(key: string): SyncError | undefined {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.dInformer.lister.get(namespace, name);
    if (cached === undefined) return undefined;
    const d = workingCopy(cached);

    if (selectsEverything(d)) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation ?? 0 };
        updateDeploymentStatus(this, d);
      }
      return undefined;
    }
    const selector = cachedLabelSelector(d.spec?.selector);
    if (!selector.ok) return internalError(`deployment ${namespace}/${name} has invalid label selector: ${selector.message}`);
    const rsList = this.getReplicaSetsForDeployment(d, selector.value);

    if (d.metadata.deletionTimestamp != null) return syncStatusOnly(this, d, rsList);
    const pausedError = checkPausedConditions(this, d);
    if (pausedError !== undefined) return pausedError;
    if (d.spec?.paused === true) return sync(this, d, rsList);
    if (getRollbackTo(d) !== undefined) return rollback(this, d, rsList);
    const scalingEvent = isScalingEvent(this, d, rsList);
    if (!scalingEvent.ok) return scalingEvent.status;
    if (scalingEvent.value) return sync(this, d, rsList);
    switch (d.spec?.strategy?.type) {
      case RECREATE:
        return rolloutRecreate(this, d, rsList, this.getPodMapForDeployment(selector.value, rsList));
      case ROLLING_UPDATE:
        return rolloutRolling(this, d, rsList);
      default:
        return internalError(`unexpected deployment strategy type: ${d.spec?.strategy?.type ?? ''}`);
    }
  }

  /** getReplicaSetsForDeployment: the namespace's ReplicaSets, with matching orphans adopted and non-matching owned ones released. */
  private getReplicaSetsForDeployment(d: Deployment, selector: Selector): ReplicaSet[] {
    const candidates = this.rsLister.listNamespace(d.metadata.namespace ?? '');
    return claimObjects(this.api, 'replicasets', d, selector, candidates, () => this.canAdopt(d)) as ReplicaSet[];
  }

  /** RecheckDeletionTimestamp: adopt only if a fresh read shows the same Deployment, not being deleted. */
  private canAdopt(d: Deployment): boolean {
    const fresh = this.api.get('deployments', d.metadata.namespace ?? '', d.metadata.name ?? '');
    return fresh.ok && fresh.value.metadata.uid === d.metadata.uid && fresh.value.metadata.deletionTimestamp == null;
  }

  /**
   * getPodMapForDeployment: the pods matching the Deployment's selector, by the ReplicaSet that
   * controls them (inactive ones too: Recreate waits for every old pod to finish). Read through the
   * controller index rather than by listing the namespace.
   */
  private getPodMapForDeployment(selector: Selector, rsList: readonly ReplicaSet[]): PodMap {
    const podMap = new Map<string, Pod[]>();
    for (const rs of rsList) {
      const uid = rs.metadata.uid ?? '';
      podMap.set(uid, this.podInformer.lister.byIndex(POD_CONTROLLER_UID_INDEX, uid).filter((p) => matches(selector, p.metadata.labels)));
    }
    return podMap;
  }

  private addReplicaSet(rs: ReplicaSet): void {
    if (rs.metadata.deletionTimestamp != null) {
      this.deleteReplicaSet(rs);
      return;
    }
    if (getControllerOf(rs) !== undefined) {
      const d = this.deploymentOf(rs);
      if (d !== undefined) this.queue.add(metaNamespaceKeyFunc(d));
      return;
    }
    // An orphan: every matching Deployment may want to adopt it.
    for (const d of this.getDeploymentsForReplicaSet(rs)) this.queue.add(metaNamespaceKeyFunc(d));
  }

  private updateReplicaSet(oldRs: ReplicaSet, curRs: ReplicaSet): void {
    if (curRs.metadata.resourceVersion === oldRs.metadata.resourceVersion) return;
    const curRef = getControllerOf(curRs);
    const oldRef = getControllerOf(oldRs);
    const refChanged = !jsonEqual(curRef, oldRef);
    if (refChanged && oldRef !== undefined) {
      const d = this.deploymentOf(oldRs);
      if (d !== undefined) this.queue.add(metaNamespaceKeyFunc(d));
    }
    if (curRef !== undefined) {
      const d = this.deploymentOf(curRs);
      if (d !== undefined) this.queue.add(metaNamespaceKeyFunc(d));
      return;
    }
    const labelChanged = !jsonEqual(curRs.metadata.labels ?? {}, oldRs.metadata.labels ?? {});
    if (labelChanged || refChanged) for (const d of this.getDeploymentsForReplicaSet(curRs)) this.queue.add(metaNamespaceKeyFunc(d));
  }

  private deleteReplicaSet(rs: ReplicaSet): void {
    const d = this.deploymentOf(rs);
    if (d !== undefined) this.queue.add(metaNamespaceKeyFunc(d));
  }

  /** deletePod: a Recreate Deployment waiting for its old pods to go is synced once none is left. */
  private deletePod(pod: Pod): void {
    const d = this.getDeploymentForPod(pod);
    if (d === undefined || d.spec?.strategy?.type !== RECREATE) return;
    const selector = cachedLabelSelector(d.spec.selector);
    if (!selector.ok) return;
    for (const rs of this.rsLister.byIndex(CONTROLLER_UID_INDEX, d.metadata.uid ?? '')) {
      const pods = this.podInformer.lister.byIndex(POD_CONTROLLER_UID_INDEX, rs.metadata.uid ?? '');
      if (pods.some((p) => matches(selector.value, p.metadata.labels))) return;
    }
    this.queue.add(metaNamespaceKeyFunc(d));
  }

  /** getDeploymentForPod: the Deployment controlling the ReplicaSet controlling the pod. */
  private getDeploymentForPod(pod: Pod): Deployment | undefined {
    const rs = resolveControllerRef(pod, 'ReplicaSet', (namespace, name) => this.rsLister.get(namespace, name));
    return rs === undefined ? undefined : this.deploymentOf(rs);
  }

  /** resolveControllerRef: the cached Deployment the ReplicaSet's controller reference names, if the uid matches. */
  private deploymentOf(rs: ReplicaSet): Deployment | undefined {
    return resolveControllerRef(rs, 'Deployment', (namespace, name) => this.dInformer.lister.get(namespace, name));
  }

  /** GetDeploymentsForReplicaSet: the Deployments whose non-empty selector matches the ReplicaSet's labels. */
  private getDeploymentsForReplicaSet(rs: ReplicaSet): Deployment[] {
    const labels = rs.metadata.labels;
    if (labels === undefined || Object.keys(labels).length === 0) return [];
    return this.dInformer.lister.listNamespace(rs.metadata.namespace ?? '').filter((d) => {
      const selector = cachedLabelSelector(d.spec?.selector);
      return selector.ok && !isEmptySelector(selector.value) && matches(selector.value, labels);
    });
  }
}

/**
 * The copy of a cached Deployment a sync works on (`deployment.DeepCopy()` upstream). The sync
 * changes only annotations, status fields and (rolling back) the whole spec, so those are copied
 * and the frozen rest is shared: a Deployment is synced on every change of its ReplicaSets.
 */
function workingCopy(cached: Deployment): Deployment {
  const metadata = { ...cached.metadata };
  if (metadata.annotations !== undefined) metadata.annotations = { ...metadata.annotations };
  const d: Deployment = { ...cached, metadata };
  if (cached.status !== undefined) d.status = { ...cached.status };
  return d;
}

/** The selector is `{}`: it would select every pod of the namespace, which a Deployment must not. */
function selectsEverything(d: Deployment): boolean {
  const selector = d.spec?.selector;
  return selector !== undefined && selector.matchLabels === undefined && selector.matchExpressions === undefined;
}

/** The Deployment controller; register it as `deployment` (events from `deployment-controller`). */
export const deploymentControllerFactory: ControllerFactory = (ctx) => new DeploymentController(ctx);
