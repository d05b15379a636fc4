/**
 * PodGC (pkg/controller/podgc): every gcCheckPeriod it force-deletes terminated pods beyond the
 * threshold, terminating pods on out-of-service nodes, pods bound to nodes that no longer exist
 * (after a quarantine, confirmed by a live GET), and terminating pods that were never scheduled.
 * A pod that has not finished is first marked Failed (with a DisruptionTarget condition when its
 * node is gone), then deleted with grace period 0.
 */
import type { KubeObject } from '../../api/types.js';
import type { TimerId } from '../../clock/types.js';
import type { Lister } from '../../client/lister.js';
import { POD_NODE_NAME_INDEX, podNodeNameIndexFunc } from '../../client/index-funcs.js';
import type { WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { informerWithIndexers } from '../common/informer-indexers.js';
import {
  failedStatus,
  isPodTerminated,
  nodeNameOf,
  NODE_GONE_CONDITION,
  terminatedPodsToDelete,
  terminatingPodsOnOutOfServiceNodes,
  unscheduledTerminatingPods,
  type PodCondition,
} from './plan.js';
import { podGCTimings, TERMINATED_POD_GC_THRESHOLD, type PodGCTimings } from './timings.js';

/** Options of PodGC (kube-controller-manager flags). */
export interface PodGCOptions {
  /** --terminated-pod-gc-threshold; 0 disables the terminated-pod check. */
  terminatedPodThreshold?: number;
}

/** PodGCController. */
export class PodGCController implements Controller {
  readonly name = 'pod-garbage-collector';
  private readonly podLister: Lister<KubeObject>;
  private readonly nodeLister: Lister<KubeObject>;
  private readonly timings: PodGCTimings;
  private readonly threshold: number;
  /** The `orphaned_pods_nodes` delaying queue: missing node name → when its quarantine ends. */
  private readonly nodeQueue = new Map<string, number>();
  private timer: TimerId | undefined;
  /** When the next check runs, and whether its timer is a background one. */
  private nextCheckAt = 0;
  private nextCheckInBackground = false;
  private stopped = false;
  private checks = 0;

  constructor(
    private readonly ctx: ControllerContext,
    options: PodGCOptions = {},
  ) {
    this.timings = podGCTimings(ctx.profile);
    this.threshold = options.terminatedPodThreshold ?? TERMINATED_POD_GC_THRESHOLD;
    const podInformer = informerWithIndexers(ctx.informers, 'pods', { [POD_NODE_NAME_INDEX]: podNodeNameIndexFunc });
    const nodeInformer = ctx.informers.informer('nodes');
    this.podLister = podInformer.lister;
    this.nodeLister = nodeInformer.lister;
    // PodGC only polls; these handlers only make the next check count as pending work when a pod needs it.
    podInformer.addEventHandler({
      onAdd: (pod) => this.noticePod(pod),
      onUpdate: (_old, pod) => this.noticePod(pod),
    });
    nodeInformer.addEventHandler({
      onDelete: (node) => {
        if (this.podLister.byIndex(POD_NODE_NAME_INDEX, node.metadata.name ?? '').length > 0) this.promoteNextCheck();
      },
    });
  }

  run(): void {
    this.gc();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.ctx.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  queues(): WorkQueueMetrics[] {
    const waiting = this.nodeQueue.size;
    return [{ name: 'orphaned_pods_nodes', depth: 0, processing: 0, waiting, addsTotal: this.checks, retriesTotal: 0 }];
  }

  /** One check (gc), then the next one: a background timer unless a quarantine is running, which is pending work. */
  gc(): void {
    this.timer = undefined;
    if (this.stopped) return;
    this.checks++;
    const pods = this.podLister.list();
    const nodes = this.nodeLister.list();
    for (const pod of terminatedPodsToDelete(pods, this.threshold)) this.markFailedAndDeletePod(pod);
    for (const pod of terminatingPodsOnOutOfServiceNodes(pods, (name) => this.nodeLister.get('', name))) this.markFailedAndDeletePod(pod);
    this.gcOrphaned(pods, nodes);
    for (const pod of unscheduledTerminatingPods(pods)) this.markFailedAndDeletePod(pod);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const clock = this.ctx.clock;
    const period = this.timings.gcCheckPeriodMs;
    this.nextCheckAt = clock.now() + period;
    this.nextCheckInBackground = this.nodeQueue.size === 0;
    this.timer = this.nextCheckInBackground ? clock.setBackgroundTimeout(() => this.gc(), period) : clock.setTimeout(() => this.gc(), period);
  }

  /** A pod bound to a node the cache lacks, or terminating without a node, makes the next check pending work. */
  private noticePod(pod: Readonly<KubeObject>): void {
    if (!this.nextCheckInBackground) return;
    // A finished pod is left to the periodic check alone: PodGC's own Failed write lands here too.
    if (isPodTerminated(pod)) return;
    const nodeName = nodeNameOf(pod);
    const orphaned = nodeName !== '' && this.nodeLister.get('', nodeName) === undefined;
    const unscheduledTerminating = nodeName === '' && pod.metadata.deletionTimestamp != null;
    if (orphaned || unscheduledTerminating) this.promoteNextCheck();
  }

  /** Turns the next check's background timer into an ordinary one, due at the same time. */
  private promoteNextCheck(): void {
    if (this.stopped || this.timer === undefined || !this.nextCheckInBackground) return;
    const clock = this.ctx.clock;
    clock.clearTimeout(this.timer);
    this.nextCheckInBackground = false;
    this.timer = clock.setTimeout(() => this.gc(), Math.max(0, this.nextCheckAt - clock.now()));
  }

  /** gcOrphaned: quarantine the nodes pods name that the cache does not have; delete the pods of those still missing after it. */
  private gcOrphaned(pods: readonly KubeObject[], nodes: readonly KubeObject[]): void {
    const now = this.ctx.clock.now();
    const existing = new Set(nodes.map((n) => n.metadata.name ?? ''));
    for (const pod of pods) {
      const nodeName = nodeNameOf(pod);
      if (nodeName !== '' && !existing.has(nodeName) && !this.nodeQueue.has(nodeName)) this.nodeQueue.set(nodeName, now + this.timings.quarantineTimeMs);
    }
    const deleted = this.discoverDeletedNodes(existing, now);
    if (deleted.size === 0) return;
    for (const pod of pods) {
      if (deleted.has(nodeNameOf(pod))) this.markFailedAndDeletePod(pod, NODE_GONE_CONDITION);
    }
  }

  /** discoverDeletedNodes: the quarantined nodes whose time is up and that a live GET does not find either. */
  private discoverDeletedNodes(existing: ReadonlySet<string>, now: number): Set<string> {
    const deleted = new Set<string>();
    for (const [nodeName, readyAt] of this.nodeQueue) {
      if (readyAt > now) continue;
      this.nodeQueue.delete(nodeName);
      if (existing.has(nodeName)) continue;
      const got = this.ctx.api.get('nodes', '', nodeName);
      // On another error the node is quarantined again by a later check, if still needed.
      if (!got.ok && got.status.code === 404) deleted.add(nodeName);
    }
    return deleted;
  }

  /** markFailedAndDeletePodWithCondition. Failures are left to the next check, as upstream only logs them. */
  private markFailedAndDeletePod(pod: Readonly<KubeObject>, condition?: Readonly<PodCondition>): void {
    const namespace = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    const status = failedStatus(pod, condition, this.ctx.clock.now());
    if (status !== undefined) {
      const updated = this.ctx.api.update('pods', namespace, { ...pod, status }, { subresource: 'status' });
      if (!updated.ok) return;
    }
    this.ctx.api.delete('pods', namespace, name, { gracePeriodSeconds: 0 });
  }
}

/** Builds PodGC with kube-controller-manager's defaults, or the given options. */
export function podGCControllerFactoryWith(options: PodGCOptions): ControllerFactory {
  return (ctx) => new PodGCController(ctx, options);
}

/** Registered as `pod-garbage-collector`. */
export const podGCControllerFactory: ControllerFactory = podGCControllerFactoryWith({});
