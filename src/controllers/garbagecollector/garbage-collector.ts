/**
 * The garbage collector (pkg/controller/garbagecollector): cascading deletion through
 * ownerReferences. Monitors on every deletable resource feed the dependency graph; two queues act
 * on it: attemptToDelete (dependents whose owners are gone, owners deleting their dependents in the
 * foreground) and attemptToOrphan (owners deleted with propagationPolicy Orphan).
 */
import type { KubeObject } from '../../api/types.js';
import { apiVersionOf, RESOURCES, type ResourceInfo } from '../../apiserver/registry.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { ReferenceCache } from './absent-owner-cache.js';
import { attemptToDeleteItem, attemptToOrphan, type CollectorContext, type ItemAction } from './attempt-to-delete.js';
import { GraphBuilder } from './graph-builder.js';
import type { GraphNode } from './graph.js';

/** The garbage collector's event source. */
export const GARBAGE_COLLECTOR_COMPONENT = 'garbage-collector-controller';

/** Resources the collector never monitors (DefaultIgnoredResources): events are never owners worth a graph. */
export const GC_IGNORED_RESOURCES: ReadonlySet<string> = new Set(['events']);

/** The resources the collector monitors: every served resource but the ignored ones. */
export function monitoredResources(): ResourceInfo[] {
  return RESOURCES.filter((info) => !GC_IGNORED_RESOURCES.has(info.resource));
}

/** GarbageCollector. */
export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  private readonly attemptToDeleteQueue: RateLimitingQueue;
  private readonly attemptToOrphanQueue: RateLimitingQueue;
  /** The dependency graph; exposed for the dashboard and tests. */
  readonly graph: GraphBuilder;
  private readonly collector: CollectorContext;
  private readonly monitoredKinds = new Set<string>();

  constructor(ctx: ControllerContext) {
    this.attemptToDeleteQueue = new RateLimitingQueue(ctx.clock, { name: 'garbage_collector_attempt_to_delete' });
    this.attemptToOrphanQueue = new RateLimitingQueue(ctx.clock, { name: 'garbage_collector_attempt_to_orphan' });
    const absentOwnerCache = new ReferenceCache();
    this.graph = new GraphBuilder(ctx.clock, absentOwnerCache, ctx.recorder(GARBAGE_COLLECTOR_COMPONENT), {
      attemptToDelete: (node) => this.attemptToDeleteQueue.add(node.identity.uid),
      attemptToDeleteRateLimited: (node) => this.attemptToDeleteQueue.addRateLimited(node.identity.uid),
      attemptToOrphan: (node) => this.attemptToOrphanQueue.add(node.identity.uid),
    });
    this.collector = {
      api: ctx.api,
      graph: this.graph,
      absentOwnerCache,
      attemptToDelete: (node) => this.attemptToDeleteQueue.add(node.identity.uid),
    };
    for (const info of monitoredResources()) this.monitor(ctx, info);
  }

  run(): void {
    this.attemptToDeleteQueue.run((uid) => this.processAttemptToDelete(uid));
    this.attemptToOrphanQueue.run((uid) => this.processAttemptToOrphan(uid));
  }

  stop(): void {
    this.graph.stop();
    this.attemptToDeleteQueue.shutDown();
    this.attemptToOrphanQueue.shutDown();
  }

  queues(): WorkQueueMetrics[] {
    return [this.graph.metrics(), this.attemptToDeleteQueue.metrics(), this.attemptToOrphanQueue.metrics()];
  }

  /** controllerFor: one monitor, on the manager's shared informer of the resource. */
  private monitor(ctx: ControllerContext, info: ResourceInfo): void {
    const apiVersion = apiVersionOf(info);
    const kind = info.kind;
    this.monitoredKinds.add(`${apiVersion}/${kind}`);
    ctx.informers.informer<KubeObject>(info.resource).addEventHandler({
      onAdd: (obj) => this.graph.enqueue({ type: 'add', obj, apiVersion, kind }),
      onUpdate: (oldObj, obj) => this.graph.enqueueUpdate(oldObj, obj, apiVersion, kind),
      onDelete: (obj) => this.graph.enqueue({ type: 'delete', obj, apiVersion, kind }),
    });
  }

  /** attemptToDeleteWorker. */
  private processAttemptToDelete(uid: string): SyncResult {
    const node = this.graph.node(uid);
    if (node === undefined) return 'done';
    const action = attemptToDeleteItem(this.collector, node);
    if (action === 'requeue') return 'requeue';
    // A virtual node whose object exists waits to be observed (issue 56121), unless no monitor will ever see it.
    if (action === 'forget' && !node.observed && this.graph.node(uid) === node && this.monitored(node)) return 'requeue';
    return 'done';
  }

  /** attemptToOrphanWorker. */
  private processAttemptToOrphan(uid: string): SyncResult {
    const node = this.graph.node(uid);
    if (node === undefined) return 'done';
    return toSyncResult(attemptToOrphan(this.collector, node));
  }

  private monitored(node: GraphNode): boolean {
    return this.monitoredKinds.has(`${node.identity.apiVersion}/${node.identity.kind}`);
  }
}

function toSyncResult(action: ItemAction): SyncResult {
  return action === 'requeue' ? 'requeue' : 'done';
}

/** Registered as `garbage-collector`. */
export const garbageCollectorControllerFactory: ControllerFactory = (ctx) => new GarbageCollector(ctx);
