/**
 * The taint eviction controller (pkg/controller/tainteviction, the former NoExecuteTaintManager):
 * a pod on a node with NoExecute taints it does not tolerate is deleted at once; one that tolerates
 * them for tolerationSeconds is deleted when the shortest of them has passed since the controller
 * saw the taint. Before deleting it records `TaintManagerEviction` and sets the pod's
 * DisruptionTarget condition; if the taints go away first, the deletion is cancelled with an event.
 */
import type { KubeObject } from '../../api/types.js';
import { jsonEqual } from '../../api/equal.js';
import { rfc3339 } from '../../api/time.js';
import type { TimerId } from '../../clock/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import { POD_NODE_NAME_INDEX, podNodeNameIndexFunc } from '../../client/index-funcs.js';
import type { Lister } from '../../client/lister.js';
import { splitMetaNamespaceKey } from '../../client/store.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { HandlerRegistrations } from '../common/handler-registrations.js';
import { informerWithIndexers } from '../common/informer-indexers.js';
import { noExecuteTaints, nodeTaints, type Taint } from './taints.js';
import { matchingTolerations, minTolerationTimeMs, type Toleration } from './tolerations.js';

/** The event source of the taint eviction controller. */
export const TAINT_EVICTION_COMPONENT = 'taint-eviction-controller';

/** The condition set on a pod before the controller deletes it. */
export const DELETION_BY_TAINT_MANAGER = Object.freeze({
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'DeletionByTaintManager',
  message: 'Taint manager: deleting due to NoExecute taint',
});

/** A scheduled deletion (TimedWorker); `timer` is undefined once it has fired. */
interface TimedWorker {
  createdAt: number;
  fireAt: number;
  timer: TimerId | undefined;
}

function tolerationsOf(pod: Readonly<KubeObject> | undefined): readonly Toleration[] {
  return ((pod?.['spec'] as { tolerations?: Toleration[] } | undefined)?.tolerations) ?? [];
}

function nodeNameOf(pod: Readonly<KubeObject> | undefined): string {
  return ((pod?.['spec'] as { nodeName?: string } | undefined)?.nodeName) ?? '';
}

/** Controller (taint_eviction.go). */
export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction';
  private readonly nodeLister: Lister<KubeObject>;
  private readonly podLister: Lister<KubeObject>;
  private readonly recorder: EventRecorder;
  private readonly handlers = new HandlerRegistrations();
  /** nodeUpdateQueue and podUpdateQueue in one: keys `node/<name>` and `pod/<namespace>/<name>`. */
  private readonly queue: RateLimitingQueue;
  /** taintedNodes: node name → its NoExecute taints. */
  private readonly taintedNodes = new Map<string, Taint[]>();
  /** taintEvictionQueue: pod key → its scheduled deletion. */
  private readonly evictions = new Map<string, TimedWorker>();

  constructor(private readonly ctx: ControllerContext) {
    this.recorder = ctx.recorder(TAINT_EVICTION_COMPONENT);
    this.queue = new RateLimitingQueue(ctx.clock, { name: 'taint_eviction_controller' });
    const nodeInformer = ctx.informers.informer('nodes');
    const podInformer = informerWithIndexers(ctx.informers, 'pods', { [POD_NODE_NAME_INDEX]: podNodeNameIndexFunc });
    this.nodeLister = nodeInformer.lister;
    this.podLister = podInformer.lister;
    this.handlers.add(nodeInformer, {
      onAdd: (node) => this.nodeUpdated(undefined, node),
      onUpdate: (old, node) => this.nodeUpdated(old, node),
      onDelete: (node) => this.nodeUpdated(node, undefined),
    });
    this.handlers.add(podInformer, {
      onAdd: (pod) => this.podUpdated(undefined, pod),
      onUpdate: (old, pod) => this.podUpdated(old, pod),
      onDelete: (pod) => this.podUpdated(pod, undefined),
    });
  }

  run(): void {
    this.queue.run((key) => this.sync(key));
  }

  stop(): void {
    this.handlers.removeAll();
    this.queue.shutDown();
    for (const worker of this.evictions.values()) if (worker.timer !== undefined) this.ctx.clock.clearTimeout(worker.timer);
    this.evictions.clear();
  }

  queues(): WorkQueueMetrics[] {
    return [this.queue.metrics()];
  }

  /** NodeUpdated: only a change of the NoExecute taints matters. */
  private nodeUpdated(old: Readonly<KubeObject> | undefined, node: Readonly<KubeObject> | undefined): void {
    const before = old === undefined ? [] : noExecuteTaints(nodeTaints(old));
    const after = node === undefined ? [] : noExecuteTaints(nodeTaints(node));
    if (old !== undefined && node !== undefined && jsonEqual(before, after)) return;
    this.queue.add(`node/${(node ?? old)?.metadata.name ?? ''}`);
  }

  /** PodUpdated: only a change of tolerations or node matters. */
  private podUpdated(old: Readonly<KubeObject> | undefined, pod: Readonly<KubeObject> | undefined): void {
    if (old !== undefined && pod !== undefined && nodeNameOf(old) === nodeNameOf(pod) && jsonEqual(tolerationsOf(old), tolerationsOf(pod))) return;
    const obj = pod ?? old;
    if (obj === undefined) return;
    this.queue.add(`pod/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`);
  }

  /** Handles one node (handleNodeUpdate) or pod (handlePodUpdate) key. */
  sync(key: string): SyncResult {
    if (key.startsWith('node/')) this.handleNodeUpdate(key.slice('node/'.length));
    else this.handlePodUpdate(key.slice('pod/'.length));
    return 'done';
  }

  private handleNodeUpdate(nodeName: string): void {
    const node = this.nodeLister.get('', nodeName);
    const taints = node === undefined ? [] : noExecuteTaints(nodeTaints(node));
    if (taints.length === 0) this.taintedNodes.delete(nodeName);
    else this.taintedNodes.set(nodeName, taints);
    const pods = this.podLister.byIndex(POD_NODE_NAME_INDEX, nodeName);
    if (taints.length === 0) {
      for (const pod of pods) this.cancelWorkWithEvent(podKey(pod));
      return;
    }
    const now = this.ctx.clock.now();
    for (const pod of pods) this.processPodOnNode(podKey(pod), tolerationsOf(pod), taints, now);
  }

  private handlePodUpdate(key: string): void {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const pod = this.podLister.get(namespace, name);
    if (pod === undefined) {
      this.cancelWorkWithEvent(key);
      return;
    }
    const taints = this.taintedNodes.get(nodeNameOf(pod));
    if (taints === undefined) return;
    this.processPodOnNode(key, tolerationsOf(pod), taints, this.ctx.clock.now());
  }

  /** processPodOnNode: schedules, keeps, or cancels the pod's deletion. */
  private processPodOnNode(key: string, tolerations: readonly Toleration[], taints: readonly Taint[], now: number): void {
    const { allTolerated, used } = matchingTolerations(taints, tolerations);
    if (!allTolerated) {
      this.cancelWorkWithEvent(key);
      this.addWork(key, now, now);
      return;
    }
    const minTolerationMs = minTolerationTimeMs(used);
    if (minTolerationMs < 0) {
      this.cancelWorkWithEvent(key); // the tolerations are infinite
      return;
    }
    let startTime = now;
    const scheduled = this.evictions.get(key);
    if (scheduled !== undefined && scheduled.timer !== undefined) {
      startTime = scheduled.createdAt;
      if (startTime + minTolerationMs <= now + minTolerationMs) return;
      this.cancelWorkWithEvent(key);
    }
    this.addWork(key, startTime, startTime + minTolerationMs);
  }

  /** TimedWorkerQueue.AddWork: a key already there (waiting or done) is left alone. */
  private addWork(key: string, createdAt: number, fireAt: number): void {
    if (this.evictions.has(key)) return;
    const worker: TimedWorker = { createdAt, fireAt, timer: undefined };
    this.evictions.set(key, worker);
    const delay = fireAt - this.ctx.clock.now();
    if (delay <= 0) this.deletePod(key);
    else worker.timer = this.ctx.clock.setTimeout(() => this.fire(key, worker), delay);
  }

  private fire(key: string, worker: TimedWorker): void {
    worker.timer = undefined;
    this.deletePod(key);
  }

  /** cancelWorkWithEvent: a deletion still waiting is cancelled with `Cancelling deletion of Pod …`. */
  private cancelWorkWithEvent(key: string): void {
    const worker = this.evictions.get(key);
    if (worker === undefined) return;
    this.evictions.delete(key);
    if (worker.timer === undefined) return;
    this.ctx.clock.clearTimeout(worker.timer);
    this.recorder.event(podEventReference(key), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** deletePodHandler: the event, then addConditionAndDeletePod. A failure other than not-found is retried shortly. */
  private deletePod(key: string): void {
    this.recorder.event(podEventReference(key), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const { namespace, name } = splitMetaNamespaceKey(key);
    const got = this.ctx.api.get('pods', namespace, name);
    if (!got.ok) return;
    const pod = got.value;
    const status = disruptionTargetStatus(pod, this.ctx.clock.now());
    if (status !== undefined) this.ctx.api.update('pods', namespace, { ...pod, status } as KubeObject, { subresource: 'status' });
    this.ctx.api.delete('pods', namespace, name, {});
  }
}

function podKey(pod: Readonly<KubeObject>): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** The reference of the controller's pod events: kind, namespace and name only, as upstream builds it. */
function podEventReference(key: string): { kind: string; namespace: string; name: string; apiVersion: string } {
  const { namespace, name } = splitMetaNamespaceKey(key);
  return { apiVersion: 'v1', kind: 'Pod', namespace, name };
}

/** The pod's status with the DisruptionTarget condition (apipod.UpdatePodCondition); undefined when it already has it. */
export function disruptionTargetStatus(pod: Readonly<KubeObject>, now: number): Record<string, unknown> | undefined {
  const status = (pod['status'] as { conditions?: Record<string, unknown>[] } | undefined) ?? {};
  const conditions = status.conditions ?? [];
  const index = conditions.findIndex((c) => c['type'] === DELETION_BY_TAINT_MANAGER.type);
  const existing = conditions[index];
  if (existing !== undefined && existing['status'] === 'True' && existing['reason'] === DELETION_BY_TAINT_MANAGER.reason && existing['message'] === DELETION_BY_TAINT_MANAGER.message) return undefined;
  const lastTransitionTime = existing !== undefined && existing['status'] === 'True' ? existing['lastTransitionTime'] : rfc3339(now);
  const condition = { ...DELETION_BY_TAINT_MANAGER, lastProbeTime: null, lastTransitionTime };
  const next = index < 0 ? [...conditions, condition] : conditions.map((c, i) => (i === index ? condition : c));
  return { ...status, conditions: next };
}

/** Registered as `taint-eviction`. */
export const taintEvictionControllerFactory: ControllerFactory = (ctx) => new TaintEvictionController(ctx);
