/**
 * The ServiceAccounts controller (pkg/controller/serviceaccount/serviceaccounts_controller.go):
 * every active namespace has the ServiceAccount `default`. A namespace that appears or changes,
 * or a ServiceAccount deleted, brings its namespace to the queue.
 */
import type { KubeObject } from '../../api/types.js';
import type { Lister } from '../../client/lister.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';

/** The ServiceAccounts every namespace gets (DefaultServiceAccountsControllerOptions). */
export const SERVICE_ACCOUNTS_TO_ENSURE: readonly string[] = ['default'];

/** ServiceAccountsController. */
export class ServiceAccountsController implements Controller {
  readonly name = 'serviceaccount';
  private readonly queue: RateLimitingQueue;
  private readonly nsLister: Lister<KubeObject>;
  private readonly saLister: Lister<KubeObject>;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new RateLimitingQueue(ctx.clock, { name: 'serviceaccount' });
    const saInformer = ctx.informers.informer('serviceaccounts');
    const nsInformer = ctx.informers.informer('namespaces');
    this.saLister = saInformer.lister;
    this.nsLister = nsInformer.lister;
    saInformer.addEventHandler({ onDelete: (sa) => this.queue.add(sa.metadata.namespace ?? '') });
    nsInformer.addEventHandler({
      onAdd: (ns) => this.queue.add(ns.metadata.name ?? ''),
      onUpdate: (_old, ns) => this.queue.add(ns.metadata.name ?? ''),
    });
  }

  run(): void {
    this.queue.run((key) => this.syncNamespace(key));
  }

  stop(): void {
    this.queue.shutDown();
  }

  queues(): WorkQueueMetrics[] {
    return [this.queue.metrics()];
  }

  /** syncNamespace: create what is missing in an Active namespace. */
  syncNamespace(name: string): SyncResult {
    const ns = this.nsLister.get('', name);
    if (ns === undefined) return 'done';
    if ((ns['status'] as { phase?: string } | undefined)?.phase !== 'Active') return 'done';
    let failed = false;
    for (const saName of SERVICE_ACCOUNTS_TO_ENSURE) {
      if (this.saLister.get(name, saName) !== undefined) continue;
      const created = this.ctx.api.create('serviceaccounts', name, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: saName, namespace: name } });
      // AlreadyExists is fine, and so is a namespace that started terminating meanwhile.
      if (!created.ok && created.status.code !== 409 && created.status.code !== 403) failed = true;
    }
    return failed ? 'requeue' : 'done';
  }
}

/** Registered as `serviceaccount`. */
export const serviceAccountsControllerFactory: ControllerFactory = (ctx) => new ServiceAccountsController(ctx);
