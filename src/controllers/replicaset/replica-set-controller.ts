/**
 * The ReplicaSet controller (pkg/controller/replicaset), which also runs ReplicationControllers
 * (the replication manager): keeps `spec.replicas` active pods matching the selector by adopting
 * orphans, releasing pods that stopped matching, creating pods from the template and deleting the
 * surplus, and reports what it sees in the status.
 */
import type { KubeObject } from '../../api/types.js';
import type { Result } from '../../api/result.js';
import { ok } from '../../api/result.js';
import { jsonEqual } from '../../api/equal.js';
import { matches, isEmptySelector } from '../../api/label-selector.js';
import type { SharedInformer } from '../../client/informer.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import {
  CONTROLLER_UID_INDEX,
  POD_CONTROLLER_UID_INDEX,
  controllerUidIndexFunc,
  getControllerOf,
  podControllerUidIndexFunc,
} from '../../client/index-funcs.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import type { Controller, ControllerContext } from '../common/controller.js';
import { isPodReady } from '../common/pod-conditions.js';
import { newControllerRef, resolveControllerRef } from '../common/owner-references.js';
import { hasNamespaceTerminatingCause, PodControl, podFromTemplate } from '../common/pod-control.js';
import { UIDTrackingControllerExpectations } from '../common/uid-tracking-expectations.js';
import { HandlerRegistrations } from '../common/handler-registrations.js';
import { informerWithIndexers } from '../common/informer-indexers.js';
import { slowStartBatch } from '../common/slow-start-batch.js';
import { claimReplicaSetPods } from './claim-replica-set-pods.js';
import { BURST_REPLICAS, replicasAction, STATUS_UPDATE_RETRIES } from './manage-replicas.js';
import { OwnedPodsCache, type OwnedPods } from './owned-pods.js';
import { podFacts } from './pod-facts.js';
import { getPodsToDelete } from './pods-to-delete.js';
import { nextAvailabilityCheck } from './availability.js';
import { calculateStatus, statusToWrite, statusUpToDate, type ManageReplicasError } from './replica-set-status.js';
import type { ReplicatedKind } from './replicated-kind.js';
import { minReadySeconds, specReplicas, type Pod, type ReplicaSet, type ReplicaSetStatus } from './types.js';

/** The ReplicaSet controller for one kind (ReplicaSet or ReplicationController). */
export class ReplicaSetController implements Controller {
  /** Its name in kube-controller-manager. */
  readonly name: string;
  private readonly queue: RateLimitingQueue;
  private readonly expectations: UIDTrackingControllerExpectations;
  private readonly rsInformer: SharedInformer<ReplicaSet>;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly podControl: PodControl;
  private readonly handlers = new HandlerRegistrations();
  private readonly owned = new OwnedPodsCache();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly kind: ReplicatedKind,
    /** burstReplicas: the most pods created or deleted per sync. */
    private readonly burstReplicas: number = BURST_REPLICAS,
  ) {
    this.name = kind.controllerName;
    this.queue = new RateLimitingQueue(ctx.clock, { name: kind.queueName });
    this.expectations = new UIDTrackingControllerExpectations(ctx.clock);
    this.podControl = new PodControl(ctx.api, ctx.recorder(kind.component));
    this.rsInformer = informerWithIndexers<ReplicaSet>(ctx.informers, kind.resource, { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc });
    this.podInformer = informerWithIndexers<Pod>(ctx.informers, 'pods', { [POD_CONTROLLER_UID_INDEX]: podControllerUidIndexFunc });
    this.handlers.add(this.rsInformer, {
      onAdd: (rs) => this.queue.add(metaNamespaceKeyFunc(rs)),
      onUpdate: (oldRs, curRs) => this.updateRS(oldRs, curRs),
      onDelete: (rs) => this.deleteRS(rs),
    });
    this.handlers.add(this.podInformer, {
      onAdd: (pod) => {
        this.owned.podChanged(pod, podFacts(pod).controllerUid);
        this.addPod(pod);
      },
      onUpdate: (oldPod, curPod) => {
        this.owned.podChanged(curPod, podFacts(curPod).controllerUid, podFacts(oldPod).controllerUid);
        this.updatePod(oldPod, curPod);
      },
      onDelete: (pod) => {
        this.owned.podChanged(pod, podFacts(pod).controllerUid);
        this.deletePod(pod);
      },
    });
  }

  /** Starts processing the queue. */
  run(): void {
    this.queue.run((key) => this.sync(key));
  }

  /** Shuts the queue down and unregisters the handlers. */
  stop(): void {
    this.queue.shutDown();
    this.handlers.removeAll();
    this.owned.clear();
  }

  /** The queue's metrics. */
  queues(): WorkQueueMetrics[] {
    return [this.queue.metrics()];
  }

  /**
   * syncReplicaSet: claims the active pods, creates or deletes pods unless earlier creates or
   * deletes are still unobserved, and writes the status when it changed.
   */
  sync(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const rs = this.rsInformer.lister.get(namespace, name);
    if (rs === undefined) {
      this.expectations.forget(key);
      return 'done';
    }
    const needsSync = this.expectations.satisfied(key);
    const selector = this.kind.selector(rs);
    if (!selector.ok) return 'done';
    const now = this.ctx.clock.now();
    const minReady = minReadySeconds(rs);
    const owned = claimReplicaSetPods(this.ctx.api, this.kind.resource, this.podInformer.lister, this.owned, rs, selector.value, now);

    let manageError: ManageReplicasError;
    if (needsSync && rs.metadata.deletionTimestamp == null) manageError = this.manageReplicas(owned, rs, key);
    const newStatus = calculateStatus(rs, owned.counts, manageError, now);
    const updated = this.updateStatus(rs, newStatus);
    if (!updated.ok) return 'requeue';
    if (manageError !== undefined) return 'requeue';
    const status = updated.value.status ?? {};
    if (minReady > 0 && (status.readyReplicas ?? 0) !== (status.availableReplicas ?? 0)) {
      return { requeueAfterMs: nextAvailabilityCheck(owned.pods(), minReady, now) ?? minReady * 1000 };
    }
    return 'done';
  }

  /** manageReplicas: one batch of creations or deletions; the message of the first error, if any. */
  private manageReplicas(owned: OwnedPods, rs: ReplicaSet, key: string): ManageReplicasError {
    const action = replicasAction(owned.counts.replicas, specReplicas(rs), this.burstReplicas);
    if (action.kind === 'create') return this.createPods(rs, key, action.count);
    if (action.kind === 'delete') {
      const victims = getPodsToDelete(owned.pods(), this.indirectlyRelatedPods(rs), action.count, this.ctx.clock.now());
      return this.deletePods(rs, key, victims);
    }
    return undefined;
  }

  private createPods(rs: ReplicaSet, key: string, count: number): ManageReplicasError {
    this.expectations.expectCreations(key, count);
    const namespace = rs.metadata.namespace ?? '';
    const controllerRef = newControllerRef(rs);
    const template = rs.spec?.template ?? {};
    let error: ManageReplicasError;
    const { successes } = slowStartBatch(count, () => {
      const pod = podFromTemplate(template, namespace, controllerRef, { generateNamePrefix: rs.metadata.name ?? '', shareSpec: true });
      if (Object.keys(pod.metadata.labels ?? {}).length === 0) {
        error ??= 'unable to create pods, no labels';
        return false;
      }
      const created = this.podControl.createPod(rs, pod);
      if (created.ok || hasNamespaceTerminatingCause(created.status)) return true;
      error ??= created.status.message ?? '';
      return false;
    });
    // Creations never attempted (or refused) will never be observed.
    for (let skipped = count - successes; skipped > 0; skipped--) this.expectations.creationObserved(key);
    return error;
  }

  private deletePods(rs: ReplicaSet, key: string, victims: readonly Pod[]): ManageReplicasError {
    const namespace = rs.metadata.namespace ?? '';
    this.expectations.expectDeletions(key, victims.map(podKey));
    let firstError: ManageReplicasError;
    for (const pod of victims) {
      const deleted = this.podControl.deletePod(rs, namespace, pod.metadata.name ?? '');
      if (deleted.ok) continue;
      this.expectations.deletionObserved(key, podKey(pod));
      if (deleted.status.code !== 404) firstError ??= deleted.status.message ?? '';
    }
    return firstError;
  }

  /** updateReplicaSetStatus: writes the status unless it is the steady state; re-reads and retries once on failure. */
  private updateStatus(rs: ReplicaSet, newStatus: ReplicaSetStatus): Result<ReplicaSet> {
    if (statusUpToDate(rs, newStatus)) return ok(rs);
    const status = statusToWrite(rs, newStatus);
    const namespace = rs.metadata.namespace ?? '';
    let current: KubeObject = rs;
    for (let attempt = 0; ; attempt++) {
      const written = this.ctx.api.update(this.kind.resource, namespace, { ...current, status }, { subresource: 'status' });
      if (written.ok || attempt >= STATUS_UPDATE_RETRIES) return written as Result<ReplicaSet>;
      const fresh = this.ctx.api.get(this.kind.resource, namespace, rs.metadata.name ?? '');
      if (!fresh.ok) return fresh;
      current = fresh.value;
    }
  }

  /**
   * getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller (a Deployment's
   * old and new ReplicaSets), for ranking victims by colocation. Upstream lists each related
   * ReplicaSet's pods by its selector; here by its controller index, which for ReplicaSets that
   * carry a pod-template-hash is the same set, without scanning the namespace.
   */
  private indirectlyRelatedPods(rs: ReplicaSet): Pod[] {
    const ref = getControllerOf(rs);
    if (ref === undefined) return [];
    const related: Pod[] = [];
    for (const relatedRs of this.rsInformer.lister.byIndex(CONTROLLER_UID_INDEX, ref.uid)) {
      related.push(...this.podInformer.lister.byIndex(POD_CONTROLLER_UID_INDEX, relatedRs.metadata.uid ?? ''));
    }
    return related;
  }

  private updateRS(oldRs: ReplicaSet, curRs: ReplicaSet): void {
    if (curRs.metadata.uid !== oldRs.metadata.uid) this.deleteRS(oldRs);
    this.queue.add(metaNamespaceKeyFunc(curRs));
  }

  private deleteRS(rs: ReplicaSet): void {
    this.owned.forget(rs.metadata.uid ?? '');
    const key = metaNamespaceKeyFunc(rs);
    this.expectations.forget(key);
    this.queue.add(key);
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp != null) {
      // A pod already being deleted (seen after a restart) is not a creation to observe.
      this.deletePod(pod);
      return;
    }
    const ref = getControllerOf(pod);
    if (ref !== undefined) {
      const rs = this.ownerOf(pod);
      if (rs === undefined) return;
      const key = metaNamespaceKeyFunc(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    // An orphan: every matching owner may want to adopt it. No creation is observed.
    for (const rs of this.podReplicaSets(pod)) this.queue.add(metaNamespaceKeyFunc(rs));
  }

  private updatePod(oldPod: Pod, curPod: Pod): void {
    if (curPod.metadata.resourceVersion === oldPod.metadata.resourceVersion) return;
    const labelChanged = !jsonEqual(curPod.metadata.labels ?? {}, oldPod.metadata.labels ?? {});
    if (curPod.metadata.deletionTimestamp != null) {
      // A graceful deletion: replace the pod now rather than when the kubelet removes it.
      this.deletePod(curPod);
      if (labelChanged) this.deletePod(oldPod);
      return;
    }
    const curRef = getControllerOf(curPod);
    const oldRef = getControllerOf(oldPod);
    const refChanged = !jsonEqual(curRef, oldRef);
    if (refChanged && oldRef !== undefined) {
      const oldRs = this.ownerOf(oldPod);
      if (oldRs !== undefined) this.queue.add(metaNamespaceKeyFunc(oldRs));
    }
    if (curRef !== undefined) {
      const rs = this.ownerOf(curPod);
      if (rs === undefined) return;
      const key = metaNamespaceKeyFunc(rs);
      this.queue.add(key);
      const minReady = minReadySeconds(rs);
      // Recount availability once the pod has been ready for minReadySeconds (plus a second of skew).
      if (minReady > 0 && !isPodReady(oldPod) && isPodReady(curPod)) this.queue.addAfter(key, minReady * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.podReplicaSets(curPod)) this.queue.add(metaNamespaceKeyFunc(rs));
  }

  private deletePod(pod: Pod): void {
    const ref = getControllerOf(pod);
    if (ref === undefined) return;
    const rs = this.ownerOf(pod);
    if (rs === undefined) return;
    const key = metaNamespaceKeyFunc(rs);
    this.expectations.deletionObserved(key, podKey(pod));
    this.queue.add(key);
  }

  /** resolveControllerRef: the cached owner the pod's controller reference names, if it is of this kind and has the same uid. */
  private ownerOf(pod: Pod): ReplicaSet | undefined {
    return resolveControllerRef(pod, this.kind.kind, (namespace, name) => this.rsInformer.lister.get(namespace, name));
  }

  /** GetPodReplicaSets: the owners in the pod's namespace whose (non-empty) selector matches its labels. */
  private podReplicaSets(pod: Pod): ReplicaSet[] {
    const labels = pod.metadata.labels;
    if (labels === undefined || Object.keys(labels).length === 0) return [];
    return this.rsInformer.lister.listNamespace(pod.metadata.namespace ?? '').filter((rs) => {
      const selector = this.kind.selector(rs);
      return selector.ok && !isEmptySelector(selector.value) && matches(selector.value, labels);
    });
  }
}

/** controller.PodKey: `namespace/name`. */
function podKey(pod: Readonly<KubeObject>): string {
  return metaNamespaceKeyFunc(pod);
}
