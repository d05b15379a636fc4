/**
 * The service controller of cloud-controller-manager (k8s.io/cloud-provider controllers/service),
 * with a simulated cloud behind it: a Service of type LoadBalancer gets a finalizer, then an
 * address from the pool in `status.loadBalancer.ingress`; the address is released when the
 * Service is deleted or stops being a LoadBalancer. A Service with a `loadBalancerClass` belongs
 * to another implementation and is left alone.
 */
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import type { SyncResult } from '../../client/workqueue.js';
import { jsonEqual } from '../../api/equal.js';
import type { ControllerContext, ControllerFactory } from '../common/controller.js';
import { QueueController } from '../common/queue-controller.js';
import type { Service } from '../endpoint/service.js';
import { LoadBalancerIPPool } from './ip-pool.js';
import {
  hasLBFinalizer,
  LOAD_BALANCER_CLEANUP_FINALIZER,
  loadBalancerStatusOf,
  needsCleanup,
  needsUpdate,
  wantsLoadBalancer,
  type LoadBalancerStatus,
} from './load-balancer.js';

/** The service controller's event source. */
export const SERVICE_CONTROLLER_COMPONENT = 'service-controller';
/** How long a Service waits for a pool address to free up before trying again (maxRetryDelay). */
export const EXHAUSTED_POOL_RETRY_MS = 300_000;

/** ServiceLoadBalancerController. */
export class ServiceLoadBalancerController extends QueueController {
  readonly name = 'service-lb-controller';
  private readonly services: Lister<Service>;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly pool: LoadBalancerIPPool = new LoadBalancerIPPool(),
  ) {
    super(ctx.clock, { name: 'service' });
    this.recorder = ctx.recorder(SERVICE_CONTROLLER_COMPONENT);
    const informer = ctx.informers.informer<Service>('services');
    this.services = informer.lister;
    this.handlers.add(informer, {
      onAdd: (service) => {
        if (wantsLoadBalancer(service) || needsCleanup(service)) this.enqueue(service);
      },
      onUpdate: (old, service) => {
        if (needsUpdate(old, service) || needsCleanup(service)) this.enqueue(service);
      },
      onDelete: (service) => this.enqueue(service),
    });
  }

  /** Re-learns the addresses Services already hold, then starts the queue. */
  override run(): void {
    for (const service of this.services.list()) {
      if (!wantsLoadBalancer(service)) continue;
      for (const ingress of loadBalancerStatusOf(service).ingress ?? []) this.pool.claim(metaNamespaceKeyFunc(service), ingress.ip);
    }
    super.run();
  }

  /** syncService: ensure or delete the load balancer, then patch the status if it changed. */
  sync(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const service = this.services.get(namespace, name);
    if (service === undefined) {
      // processServiceDeletion: a Service deleted without our finalizer still frees its address.
      if (this.pool.release(key)) this.retryWaiting();
      return 'done';
    }
    if (!wantsLoadBalancer(service) || needsCleanup(service)) return this.deleteLoadBalancer(key, service);
    return this.ensureLoadBalancer(key, service);
  }

  private deleteLoadBalancer(key: string, service: Readonly<Service>): SyncResult {
    if (this.pool.heldBy(key) !== undefined) {
      this.recorder.event(service, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
      this.pool.release(key);
      this.recorder.event(service, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
      this.retryWaiting();
    }
    if (hasLBFinalizer(service)) {
      const finalizers = (service.metadata.finalizers ?? []).filter((f) => f !== LOAD_BALANCER_CLEANUP_FINALIZER);
      const patched = this.ctx.api.patch('services', service.metadata.namespace ?? '', service.metadata.name ?? '', 'merge', {
        metadata: { finalizers: finalizers.length > 0 ? finalizers : null, resourceVersion: service.metadata.resourceVersion },
      });
      if (!patched.ok) return patched.status.code === 404 ? 'done' : 'requeue';
      // A Service being deleted is gone now; its status needs no patch.
      if (service.metadata.deletionTimestamp != null) return 'done';
      return this.patchStatus(patched.value as Service, {});
    }
    return this.patchStatus(service, {});
  }

  private ensureLoadBalancer(key: string, service: Readonly<Service>): SyncResult {
    this.recorder.event(service, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    let current: Readonly<Service> = service;
    if (!hasLBFinalizer(service)) {
      const patched = this.ctx.api.patch('services', service.metadata.namespace ?? '', service.metadata.name ?? '', 'merge', {
        metadata: { finalizers: [...(service.metadata.finalizers ?? []), LOAD_BALANCER_CLEANUP_FINALIZER], resourceVersion: service.metadata.resourceVersion },
      });
      if (!patched.ok) return patched.status.code === 404 ? 'done' : 'requeue';
      current = patched.value as Service;
    }
    const wanted = service.spec?.loadBalancerIP || undefined;
    for (const ingress of loadBalancerStatusOf(service).ingress ?? []) if (wanted === undefined) this.pool.claim(key, ingress.ip);
    const ip = this.pool.allocate(key, wanted);
    if (ip === undefined) {
      const reason = wanted !== undefined ? `requested IP ${wanted} is not available in the pool ${this.pool.describe()}` : `no available IPs in the pool ${this.pool.describe()}`;
      this.recorder.event(service, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: ${reason}`);
      return { requeueAfterMs: EXHAUSTED_POOL_RETRY_MS, background: true };
    }
    this.recorder.event(service, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    return this.patchStatus(current, { ingress: [{ ip, ipMode: 'VIP' }] });
  }

  /** patchStatus: writes status.loadBalancer only when it changed. */
  private patchStatus(service: Readonly<Service>, status: LoadBalancerStatus): SyncResult {
    if (jsonEqual(loadBalancerStatusOf(service), status)) return 'done';
    const updated = this.ctx.api.update('services', service.metadata.namespace ?? '', { ...service, status: { ...(service.status ?? {}), loadBalancer: status } }, { subresource: 'status' });
    if (updated.ok || updated.status.code === 404) return 'done';
    return 'requeue';
  }

  /** Services still waiting for an address try again once one is freed. */
  private retryWaiting(): void {
    for (const service of this.services.list()) {
      if (wantsLoadBalancer(service) && (loadBalancerStatusOf(service).ingress ?? []).length === 0) this.enqueue(service);
    }
  }
}

/** Builds the cloud service controller (registered as `service-lb-controller`). */
export const serviceLoadBalancerControllerFactory: ControllerFactory = (ctx) => new ServiceLoadBalancerController(ctx);
