/**
 * The resource quota controller (pkg/controller/resourcequota): keeps every ResourceQuota's
 * `status.hard` equal to its `spec.hard` and `status.used` equal to what its namespace holds.
 * Admission charges creations as they happen; this controller recomputes a quota when its spec
 * changes, when an object it counts is deleted or stops counting (replenishment: a pod that
 * finished, a service that changed type), and for every quota every 5 minutes.
 */
import type { KubeObject } from '../../api/types.js';
import { parseTime } from '../../api/time.js';
import { jsonEqual } from '../../api/equal.js';
import { RESOURCES, type ResourceInfo } from '../../apiserver/registry.js';
import { evaluatorFor } from '../../apiserver/admission/quota-evaluators.js';
import { parseResourceList } from '../../apiserver/admission/resource-lists.js';
import type { TimerId } from '../../clock/types.js';
import type { Lister } from '../../client/lister.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { desiredQuotaStatus, resourceListsEqual } from './quota-usage.js';
import { RESOURCE_QUOTA_SYNC_PERIOD_MS } from './timings.js';

/** The resources quota can count: the namespaced ones with an evaluator. */
export function quotaResources(): ResourceInfo[] {
  return RESOURCES.filter((info) => info.namespaced && evaluatorFor(info) !== undefined);
}

/** QuotaV1Pod: a pod still counts towards compute resources. */
function podCounts(pod: Readonly<KubeObject>, now: number): boolean {
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const deletion = parseTime(pod.metadata.deletionTimestamp);
  const grace = pod.metadata.deletionGracePeriodSeconds;
  return !(deletion !== undefined && grace !== undefined && now > deletion + grace * 1000);
}

/** GetQuotaServiceType: NodePort, LoadBalancer, or '' for the kinds quota does not tell apart. */
function quotaServiceType(service: Readonly<KubeObject>): string {
  const type = (service['spec'] as { type?: string } | undefined)?.type;
  return type === 'NodePort' || type === 'LoadBalancer' ? type : '';
}

/** ResourceQuotaController. */
export class ResourceQuotaController implements Controller {
  readonly name = 'resourcequota';
  private readonly queue: RateLimitingQueue;
  private readonly quotas: Lister<KubeObject>;
  private readonly resources: ResourceInfo[];
  private readonly listers = new Map<string, Lister<KubeObject>>();
  private resyncTimer: TimerId | undefined;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new RateLimitingQueue(ctx.clock, { name: 'resource_quota_controller_resource_changes' });
    const quotaInformer = ctx.informers.informer('resourcequotas');
    this.quotas = quotaInformer.lister;
    quotaInformer.addEventHandler({
      onAdd: (q) => this.enqueue(q),
      // Only spec.hard changes matter: status changes are this controller's own writes.
      onUpdate: (old, cur) => {
        const a = parseResourceList((old['spec'] as { hard?: unknown } | undefined)?.hard);
        const b = parseResourceList((cur['spec'] as { hard?: unknown } | undefined)?.hard);
        if (!resourceListsEqual(a, b)) this.enqueue(cur);
      },
      onDelete: (q) => this.enqueue(q),
    });
    this.resources = quotaResources();
    for (const info of this.resources) this.monitor(info);
  }

  run(): void {
    this.queue.run((key) => this.syncResourceQuotaFromKey(key));
    this.scheduleResync();
  }

  stop(): void {
    this.queue.shutDown();
    if (this.resyncTimer !== undefined) this.ctx.clock.clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
  }

  queues(): WorkQueueMetrics[] {
    return [this.queue.metrics()];
  }

  private enqueue(quota: Readonly<KubeObject>): void {
    this.queue.add(metaNamespaceKeyFunc(quota));
  }

  /** The QuotaMonitor of one resource: deletions, and the updates that free quota, replenish. */
  private monitor(info: ResourceInfo): void {
    const informer = this.ctx.informers.informer(info.resource);
    this.listers.set(info.resource, informer.lister);
    const isPods = info.group === '' && info.resource === 'pods';
    const isServices = info.group === '' && info.resource === 'services';
    informer.addEventHandler({
      onUpdate: (old, cur) => {
        const now = this.ctx.clock.now();
        const notify = isPods ? podCounts(old, now) && !podCounts(cur, now) : isServices ? quotaServiceType(old) !== quotaServiceType(cur) : false;
        if (notify) this.replenishQuota(info, cur.metadata.namespace ?? '');
      },
      onDelete: (obj) => this.replenishQuota(info, obj.metadata.namespace ?? ''),
    });
  }

  /** replenishQuota: the namespace's quotas that track this resource are recomputed. */
  private replenishQuota(info: ResourceInfo, namespace: string): void {
    const evaluator = evaluatorFor(info);
    if (evaluator === undefined) return;
    for (const quota of this.quotas.listNamespace(namespace)) {
      const hard = Object.keys(((quota['status'] as { hard?: Record<string, unknown> } | undefined)?.hard) ?? {});
      if (evaluator.matchingResources(hard).length > 0) this.enqueue(quota);
    }
  }

  /** The full resync: every quota, routinely, so on a background timer. */
  private scheduleResync(): void {
    this.resyncTimer = this.ctx.clock.setBackgroundTimeout(() => {
      for (const quota of this.quotas.list()) this.enqueue(quota);
      this.scheduleResync();
    }, RESOURCE_QUOTA_SYNC_PERIOD_MS);
  }

  /** syncResourceQuotaFromKey. */
  syncResourceQuotaFromKey(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const quota = this.quotas.get(namespace, name);
    if (quota === undefined) return 'done';
    const list = (info: ResourceInfo): readonly KubeObject[] => this.listers.get(info.resource)?.listNamespace(namespace) ?? [];
    const status = desiredQuotaStatus(quota, this.resources, list, this.ctx.clock.now());
    if (status === undefined || jsonEqual(status, quota['status'])) return 'done';
    const updated = this.ctx.api.update('resourcequotas', namespace, { ...quota, status }, { subresource: 'status' });
    if (updated.ok || updated.status.code === 404) return 'done';
    return 'requeue';
  }
}

/** Registered as `resourcequota`. */
export const resourceQuotaControllerFactory: ControllerFactory = (ctx) => new ResourceQuotaController(ctx);
