/**
 * The node lifecycle controller (pkg/controller/nodelifecycle): every nodeMonitorPeriod it checks
 * each node's Lease and status; a node silent for node-monitor-grace-period gets its conditions set
 * to Unknown (`Kubelet stopped posting node status.`), a `NodeNotReady` event, its pods marked not
 * Ready, and the NoExecute taint `unreachable` (or `not-ready` when the kubelet says Ready=False),
 * removed again once it is Ready. On every node change it keeps the NoSchedule taints in step with
 * the node's conditions (TaintNodesByCondition). Zone disruption states and eviction rate limits
 * are not modelled: the NoExecute taint is applied in the monitor pass that sees the change.
 */
import type { KubeObject } from '../../api/types.js';
import { rfc3339 } from '../../api/time.js';
import type { TimerId } from '../../clock/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import { POD_NODE_NAME_INDEX, podNodeNameIndexFunc } from '../../client/index-funcs.js';
import type { Lister } from '../../client/lister.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { HandlerRegistrations } from '../common/handler-registrations.js';
import { informerWithIndexers } from '../common/informer-indexers.js';
import { podsToMarkNotReady } from './mark-pods-not-ready.js';
import { tryUpdateNodeHealth, type NodeHealth } from './node-health.js';
import { noScheduleTaintsFor, nodeTaints, NOT_READY_TAINT_TEMPLATE, swapTaints, UNREACHABLE_TAINT_TEMPLATE, type NodeCondition, type Taint } from './taints.js';
import { nodeLifecycleTimings, type NodeLifecycleTimings } from './timings.js';

/** The namespace of node Leases (v1.NamespaceNodeLease). */
export const NAMESPACE_NODE_LEASE = 'kube-node-lease';

/** The event source of the node lifecycle controller. */
export const NODE_CONTROLLER_COMPONENT = 'node-controller';

/** Controller (node_lifecycle_controller.go). */
export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle';
  private readonly nodeLister: Lister<KubeObject>;
  private readonly leaseLister: Lister<KubeObject>;
  private readonly podLister: Lister<KubeObject>;
  private readonly recorder: EventRecorder;
  private readonly timings: NodeLifecycleTimings;
  private readonly handlers = new HandlerRegistrations();
  /** nodeUpdateQueue: node names whose NoSchedule taints need a look. */
  private readonly nodeUpdateQueue: RateLimitingQueue;
  /** nodeHealthMap. */
  private readonly health = new Map<string, NodeHealth>();
  /** knownNodeSet. */
  private readonly known = new Set<string>();
  private timer: TimerId | undefined;
  private nextMonitorAt = 0;
  private nextMonitorInBackground = false;
  private stopped = false;

  constructor(private readonly ctx: ControllerContext) {
    this.timings = nodeLifecycleTimings(ctx.profile);
    this.recorder = ctx.recorder(NODE_CONTROLLER_COMPONENT);
    this.nodeUpdateQueue = new RateLimitingQueue(ctx.clock, { name: 'node_lifecycle_controller' });
    const nodeInformer = ctx.informers.informer('nodes');
    this.nodeLister = nodeInformer.lister;
    this.leaseLister = ctx.informers.informer('leases').lister;
    this.podLister = informerWithIndexers(ctx.informers, 'pods', { [POD_NODE_NAME_INDEX]: podNodeNameIndexFunc }).lister;
    this.handlers.add(nodeInformer, {
      onAdd: (node) => {
        this.nodeUpdateQueue.add(node.metadata.name ?? '');
        this.promoteNextMonitor(); // a new node is registered promptly
      },
      onUpdate: (_old, node) => this.nodeUpdateQueue.add(node.metadata.name ?? ''),
    });
  }

  run(): void {
    this.nodeUpdateQueue.run((name) => this.doNoScheduleTaintingPass(name));
    this.monitor();
  }

  stop(): void {
    this.stopped = true;
    this.handlers.removeAll();
    this.nodeUpdateQueue.shutDown();
    if (this.timer !== undefined) this.ctx.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  queues(): WorkQueueMetrics[] {
    return [this.nodeUpdateQueue.metrics()];
  }

  /** doNoScheduleTaintingPass: the node's NoSchedule taints follow its conditions and spec.unschedulable. */
  doNoScheduleTaintingPass(name: string): SyncResult {
    const node = this.nodeLister.get('', name);
    if (node === undefined) return 'done';
    const taints = noScheduleTaintsFor(node);
    if (taints === undefined) return 'done';
    return this.patchTaints(node, taints) ? 'done' : 'requeue';
  }

  /** One monitorNodeHealth pass, then the next one. */
  monitor(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const now = this.ctx.clock.now();
    const nodes = this.nodeLister.list();
    this.registerNodes(nodes);
    let overdue = false;
    for (const node of nodes) {
      if (this.monitorNode(node, now)) overdue = true;
    }
    this.schedule(overdue);
  }

  /** New nodes get a `RegisteredNode` event, deleted ones a `RemovingNode` event and are forgotten. */
  private registerNodes(nodes: readonly KubeObject[]): void {
    const seen = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      seen.add(name);
      if (this.known.has(name)) continue;
      this.known.add(name);
      this.recorder.event(nodeReference(node), 'Normal', 'RegisteredNode', `Registered Node ${name} in Controller`);
    }
    for (const name of this.known) {
      if (seen.has(name)) continue;
      this.known.delete(name);
      this.health.delete(name);
      this.recorder.event({ kind: 'Node', name, apiVersion: 'v1' }, 'Normal', 'RemovingNode', `Removing Node ${name} from Controller`);
    }
  }

  /** The health check of one node and what follows from it. True while the node's silence is growing towards its grace period. */
  private monitorNode(node: KubeObject, now: number): boolean {
    const name = node.metadata.name ?? '';
    const lease = this.leaseLister.get(NAMESPACE_NODE_LEASE, name);
    const result = tryUpdateNodeHealth(node, this.health.get(name), lease, now, {
      monitorMs: this.timings.nodeMonitorGracePeriodMs,
      startupMs: this.timings.nodeStartupGracePeriodMs,
    });
    this.health.set(name, result.health);
    let current = node;
    if (result.newConditions !== undefined) {
      const updated = this.ctx.api.update('nodes', '', { ...node, status: { ...(node['status'] as object), conditions: result.newConditions } } as KubeObject, { subresource: 'status' });
      if (!updated.ok) return true; // retried in the next pass
      current = updated.value;
    }
    const ready = result.currentReady;
    if (ready !== undefined) {
      this.processTaintBaseEviction(current, result.observedReady, now);
      if (ready.status !== 'True' && result.observedReady.status === 'True') {
        this.recorder.event(nodeReference(node), 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        this.markPodsNotReady(name, now);
      }
    }
    const silentFor = now - result.health.probeTimestamp;
    const stillCounting = (ready === undefined || ready.status !== 'Unknown') && silentFor > this.timings.nodeMonitorGracePeriodMs / 4;
    return stillCounting || (ready !== undefined && ready.status !== result.observedReady.status);
  }

  /** processTaintBaseEviction: the NoExecute taint follows the Ready condition the node had. */
  private processTaintBaseEviction(node: KubeObject, observedReady: NodeCondition, now: number): void {
    const taints = nodeTaints(node);
    let next: Taint[] | undefined;
    if (observedReady.status === 'False') next = swapTaints(taints, [NOT_READY_TAINT_TEMPLATE], [UNREACHABLE_TAINT_TEMPLATE], rfc3339(now));
    else if (observedReady.status === 'Unknown') next = swapTaints(taints, [UNREACHABLE_TAINT_TEMPLATE], [NOT_READY_TAINT_TEMPLATE], rfc3339(now));
    else next = swapTaints(taints, [], [UNREACHABLE_TAINT_TEMPLATE, NOT_READY_TAINT_TEMPLATE], rfc3339(now)); // markNodeAsReachable
    if (next !== undefined) this.patchTaints(node, next);
  }

  /** MarkPodsNotReady: Ready=False on each pod of the node, then a `NodeNotReady` warning on it. */
  private markPodsNotReady(nodeName: string, now: number): void {
    for (const { pod, status } of podsToMarkNotReady(this.podLister.byIndex(POD_NODE_NAME_INDEX, nodeName), nodeName, now)) {
      const updated = this.ctx.api.update('pods', pod.metadata.namespace ?? '', { ...pod, status } as KubeObject, { subresource: 'status' });
      if (updated.ok) this.recorder.event(updated.value, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }

  /** PatchNodeTaints: replaces the node's taint list, guarded by its resourceVersion. */
  private patchTaints(node: KubeObject, taints: Taint[]): boolean {
    const spec = { ...(node['spec'] as object) } as Record<string, unknown>;
    if (taints.length === 0) delete spec['taints'];
    else spec['taints'] = taints;
    return this.ctx.api.update('nodes', '', { ...node, spec } as KubeObject).ok;
  }

  /** The next pass: a background timer while every node is heard from, an ordinary one while a node's grace period runs out. */
  private schedule(overdue: boolean): void {
    if (this.stopped) return;
    const clock = this.ctx.clock;
    const period = this.timings.nodeMonitorPeriodMs;
    this.nextMonitorAt = clock.now() + period;
    this.nextMonitorInBackground = !overdue;
    this.timer = overdue ? clock.setTimeout(() => this.monitor(), period) : clock.setBackgroundTimeout(() => this.monitor(), period);
  }

  /** Turns the next pass's background timer into an ordinary one, due at the same time. */
  private promoteNextMonitor(): void {
    if (this.stopped || this.timer === undefined || !this.nextMonitorInBackground) return;
    const clock = this.ctx.clock;
    clock.clearTimeout(this.timer);
    this.nextMonitorInBackground = false;
    this.timer = clock.setTimeout(() => this.monitor(), Math.max(0, this.nextMonitorAt - clock.now()));
  }
}

/** The reference the controller's node events carry (nodeutil.RecordNodeStatusChange). */
function nodeReference(node: Readonly<KubeObject>): { kind: string; name: string; uid?: string; apiVersion: string } {
  const ref: { kind: string; name: string; uid?: string; apiVersion: string } = { kind: 'Node', name: node.metadata.name ?? '', apiVersion: 'v1' };
  if (node.metadata.uid !== undefined) ref.uid = node.metadata.uid;
  return ref;
}

/** Registered as `node-lifecycle`. */
export const nodeLifecycleControllerFactory: ControllerFactory = (ctx) => new NodeLifecycleController(ctx);
