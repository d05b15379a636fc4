/**
 * The DaemonSet controller (pkg/controller/daemon): one pod on every node a DaemonSet selects. The
 * handlers only work out which DaemonSets a DaemonSet, pod, node or ControllerRevision event
 * concerns; `sync` reads the caches, keeps the revision history, runs manage and the rolling
 * update, and writes the status when it changed.
 */
import type { KubeObject } from '../../api/types.js';
import { labelSelectorAsSelector, isEmptySelector, matches, type Selector } from '../../api/label-selector.js';
import type { Lister } from '../../client/lister.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc, getControllerOf, POD_CONTROLLER_UID_INDEX, podControllerUidIndexFunc } from '../../client/index-funcs.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import type { SyncResult } from '../../client/workqueue.js';
import type { ControllerContext, ControllerFactory } from '../common/controller.js';
import { QueueController } from '../common/queue-controller.js';
import { CONTROLLER_REVISION_HASH_LABEL, type ControllerRevision } from '../common/controller-history.js';
import { ControllerExpectations } from '../common/expectations.js';
import { informerWithIndexers } from '../common/informer-indexers.js';
import { resolveControllerRef } from '../common/owner-references.js';
import { claimObjects } from '../common/claim-pods.js';
import { claimPodsForOwner } from '../common/pods-for-owner.js';
import { PodControl } from '../common/pod-control.js';
import { isPodTerminal } from '../common/pod-conditions.js';
import { targetNodeName, templateGeneration } from './daemon-pods.js';
import { FailedPodsBackoff } from './failed-pods-backoff.js';
import { cleanupHistory, constructHistory } from './history.js';
import { planManage } from './manage.js';
import { shouldIgnoreNodeUpdate } from './node-events.js';
import { daemonPlacement, nodeShouldRunDaemonPod } from './node-should-run.js';
import { allowsSurge, planRollingUpdate } from './rolling-update.js';
import { computeDaemonSetCounts, daemonSetStatus, daemonSetStatusUpToDate } from './status.js';
import { syncNodes } from './sync-nodes.js';
import { FAILED_POD_BACKOFF_INITIAL_MS, FAILED_POD_BACKOFF_MAX_MS } from './timings.js';
import type { DaemonPod, DaemonSet } from './types.js';

/** The event source of the DaemonSet controller. */
export const DAEMONSET_CONTROLLER_COMPONENT = 'daemonset-controller';
/** SelectingAllReason. */
export const SELECTING_ALL_REASON = 'SelectingAll';

/** DaemonSetsController. */
export class DaemonSetsController extends QueueController {
  readonly name = 'daemonset';
  private readonly dsLister: Lister<DaemonSet>;
  private readonly podLister: Lister<DaemonPod>;
  private readonly nodeLister: Lister<KubeObject>;
  private readonly historyLister: Lister<ControllerRevision>;
  private readonly recorder: EventRecorder;
  private readonly podControl: PodControl;
  private readonly expectations: ControllerExpectations;
  private readonly backoff: FailedPodsBackoff;

  constructor(private readonly ctx: ControllerContext) {
    super(ctx.clock, { name: 'daemonset' });
    this.recorder = ctx.recorder(DAEMONSET_CONTROLLER_COMPONENT);
    this.podControl = new PodControl(ctx.api, this.recorder);
    this.expectations = new ControllerExpectations(ctx.clock);
    this.backoff = new FailedPodsBackoff(ctx.clock, FAILED_POD_BACKOFF_INITIAL_MS, FAILED_POD_BACKOFF_MAX_MS);
    const dsInformer = ctx.informers.informer<DaemonSet>('daemonsets');
    const podInformer = informerWithIndexers<DaemonPod>(ctx.informers, 'pods', { [POD_CONTROLLER_UID_INDEX]: podControllerUidIndexFunc });
    const nodeInformer = ctx.informers.informer('nodes');
    const historyInformer = informerWithIndexers<ControllerRevision>(ctx.informers, 'controllerrevisions', { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc });
    this.dsLister = dsInformer.lister;
    this.podLister = podInformer.lister;
    this.nodeLister = nodeInformer.lister;
    this.historyLister = historyInformer.lister;
    this.handlers.add(dsInformer, {
      onAdd: (ds) => this.enqueue(ds),
      onUpdate: (_old, cur) => this.enqueue(cur),
      onDelete: (ds) => this.enqueue(ds),
    });
    this.handlers.add(historyInformer, {
      onAdd: (h) => this.enqueueOwnersOf(h),
      onUpdate: (_old, cur) => this.enqueueOwnersOf(cur),
      onDelete: (h) => this.enqueueOwnersOf(h),
    });
    this.handlers.add(podInformer, {
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, cur) => this.updatePod(old, cur),
      onDelete: (pod) => this.deletePod(pod),
    });
    this.handlers.add(nodeInformer, {
      onAdd: (node) => this.enqueueWhere((ds) => nodeShouldRunDaemonPod(node, daemonPlacement(ds)).shouldRun),
      onUpdate: (old, cur) => this.updateNode(old, cur),
      // Pods on a removed node are left to the pod GC; a pending pod pinned to it is ours to delete.
      onDelete: () => this.enqueueWhere(() => true),
    });
  }

  private enqueueWhere(predicate: (ds: DaemonSet) => boolean): void {
    for (const ds of this.dsLister.list()) if (predicate(ds)) this.enqueue(ds);
  }

  private resolve(obj: Readonly<KubeObject>): DaemonSet | undefined {
    return resolveControllerRef(obj, 'DaemonSet', (ns, name) => this.dsLister.get(ns, name));
  }

  /** getDaemonSetsForPod / getDaemonSetsForHistory: the DaemonSets whose selector matches an orphan. */
  private enqueueSelecting(obj: Readonly<KubeObject>): void {
    for (const ds of this.dsLister.listNamespace(obj.metadata.namespace ?? '')) {
      const selector = labelSelectorAsSelector(ds.spec?.selector);
      if (selector.ok && !isEmptySelector(selector.value) && matches(selector.value, obj.metadata.labels)) this.enqueue(ds);
    }
  }

  private enqueueOwnersOf(obj: Readonly<KubeObject>): void {
    if (getControllerOf(obj) === undefined) return this.enqueueSelecting(obj);
    const ds = this.resolve(obj);
    if (ds !== undefined) this.enqueue(ds);
  }

  private addPod(pod: DaemonPod): void {
    if (pod.metadata.deletionTimestamp != null) return this.deletePod(pod);
    if (getControllerOf(pod) === undefined) return this.enqueueSelecting(pod);
    const ds = this.resolve(pod);
    if (ds === undefined) return;
    this.expectations.creationObserved(metaNamespaceKeyFunc(ds));
    this.enqueue(ds);
  }

  private updatePod(old: DaemonPod, cur: DaemonPod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    if (cur.metadata.deletionTimestamp != null && old.metadata.deletionTimestamp == null) return this.deletePod(cur);
    const oldRef = getControllerOf(old);
    const curRef = getControllerOf(cur);
    if (oldRef !== undefined && oldRef.uid !== curRef?.uid) {
      const oldDs = this.resolve(old);
      if (oldDs !== undefined) this.enqueue(oldDs);
    }
    if (curRef === undefined) return this.enqueueSelecting(cur);
    const ds = this.resolve(cur);
    if (ds !== undefined) this.enqueue(ds);
  }

  private deletePod(pod: DaemonPod): void {
    const ds = this.resolve(pod);
    if (ds === undefined) return;
    this.expectations.deletionObserved(metaNamespaceKeyFunc(ds));
    this.enqueue(ds);
  }

  private updateNode(old: KubeObject, cur: KubeObject): void {
    if (shouldIgnoreNodeUpdate(old, cur)) return;
    this.enqueueWhere((ds) => {
      const placement = daemonPlacement(ds);
      const before = nodeShouldRunDaemonPod(old, placement);
      const after = nodeShouldRunDaemonPod(cur, placement);
      return before.shouldRun !== after.shouldRun || before.shouldContinueRunning !== after.shouldContinueRunning;
    });
  }

  /** getNodesToDaemonPods: the DaemonSet's claimed pods grouped by the node they are (or will be) on. */
  private nodesToDaemonPods(ds: DaemonSet, pods: readonly DaemonPod[], includeDeletedTerminal: boolean): Map<string, DaemonPod[]> {
    const byNode = new Map<string, DaemonPod[]>();
    for (const pod of pods) {
      if (!includeDeletedTerminal && isPodTerminal(pod) && pod.metadata.deletionTimestamp != null) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      const list = byNode.get(node);
      if (list === undefined) byNode.set(node, [pod]);
      else list.push(pod);
    }
    return byNode;
  }

  /** syncDaemonSet. */
  sync(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const ds = this.dsLister.get(namespace, name);
    if (ds === undefined) {
      this.expectations.forget(key);
      return 'done';
    }
    const nodes = this.nodeLister.list();
    const selector = labelSelectorAsSelector(ds.spec?.selector);
    if (selector.ok && isEmptySelector(selector.value)) {
      this.recorder.event(ds, 'Warning', SELECTING_ALL_REASON, 'This daemon set is selecting all pods. A non-empty selector is required.');
      return 'done';
    }
    if (!selector.ok || ds.metadata.deletionTimestamp != null) return 'done';

    const pods = claimPodsForOwner(this.ctx.api, this.podLister, ds, selector.value);
    const histories = this.controlledHistories(ds, selector.value);
    const history = constructHistory(this.ctx.api, ds, histories, pods);
    if (!history.ok) return 'requeue';
    const hash = history.value.cur.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
    const placement = daemonPlacement(ds);
    const generation = templateGeneration(ds);
    const now = this.ctx.clock.now();
    const nodeToDaemonPods = this.nodesToDaemonPods(ds, pods, false);

    if (!this.expectations.satisfied(key)) return this.updateStatus(ds, nodes, nodeToDaemonPods, placement, hash, false, undefined, true);

    const managed = planManage({ ds, nodes, nodeToDaemonPods, hash, placement, allowsSurge: allowsSurge(ds), now, backoff: this.backoff });
    for (const e of managed.events) this.recorder.event(ds, e.type, e.reason, e.message);
    const deps = { podControl: this.podControl, expectations: this.expectations };
    let succeeded = syncNodes(deps, ds, key, managed.podsToDelete, managed.nodesNeedingDaemonPods, hash);
    if (this.expectations.satisfied(key) && ds.spec?.updateStrategy?.type === 'RollingUpdate') {
      const rolling = planRollingUpdate({ ds, nodes, nodeToDaemonPods, hash, generation, placement, now });
      succeeded = syncNodes(deps, ds, key, rolling.podsToDelete, rolling.nodesToCreate, hash) && succeeded;
    }
    const cleaned = cleanupHistory(this.ctx.api, ds, history.value.old, [...this.nodesToDaemonPods(ds, pods, true).values()].flat());
    succeeded = cleaned.ok && succeeded;
    return this.updateStatus(ds, nodes, nodeToDaemonPods, placement, hash, true, managed.requeueAfterMs, succeeded);
  }

  /** controlledHistories: the DaemonSet's revisions, adopting orphans that match its selector. */
  private controlledHistories(ds: DaemonSet, selector: Selector): ControllerRevision[] {
    const owned = this.historyLister.byIndex(CONTROLLER_UID_INDEX, ds.metadata.uid ?? '');
    const orphans = this.historyLister.listNamespace(ds.metadata.namespace ?? '').filter((h) => getControllerOf(h) === undefined);
    return claimObjects(this.ctx.api, 'controllerrevisions', ds, selector, [...owned, ...orphans]) as ControllerRevision[];
  }

  private updateStatus(
    ds: DaemonSet,
    nodes: readonly KubeObject[],
    nodeToDaemonPods: ReadonlyMap<string, readonly DaemonPod[]>,
    placement: ReturnType<typeof daemonPlacement>,
    hash: string,
    observeGeneration: boolean,
    requeueAfterMs: number | undefined,
    succeeded: boolean,
  ): SyncResult {
    const now = this.ctx.clock.now();
    const counts = computeDaemonSetCounts(ds, nodes, nodeToDaemonPods, placement, hash, templateGeneration(ds), now);
    if (!daemonSetStatusUpToDate(ds, counts)) {
      const updated = this.ctx.api.update('daemonsets', ds.metadata.namespace ?? '', { ...ds, status: daemonSetStatus(ds, counts, observeGeneration) }, { subresource: 'status' });
      if (!updated.ok) return 'requeue';
    }
    if (!succeeded) return 'requeue';
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && counts.numberReady !== counts.numberAvailable) {
      requeueAfterMs = Math.min(requeueAfterMs ?? Infinity, minReady * 1000);
    }
    return requeueAfterMs === undefined ? 'done' : { requeueAfterMs };
  }
}

/** The DaemonSet controller, registered as `daemonset`. */
export const daemonSetControllerFactory: ControllerFactory = (ctx) => new DaemonSetsController(ctx);
