/**
 * The endpoints controller (pkg/controller/endpoint): for every Service with a selector, an
 * Endpoints object of the same name listing the selected pods' addresses — ready ones in
 * `addresses`, others in `notReadyAddresses` — with the ports each pod serves. Services without a
 * selector are left alone: their Endpoints are the user's (and `kubernetes` is the API server's).
 */
import type { KubeObject } from '../../api/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import { NAMESPACE_INDEX, metaNamespaceIndexFunc } from '../../client/index-funcs.js';
import type { Lister } from '../../client/lister.js';
import { splitMetaNamespaceKey } from '../../client/store.js';
import type { SyncResult } from '../../client/workqueue.js';
import type { ControllerContext, ControllerFactory } from '../common/controller.js';
import { informerWithIndexers } from '../common/informer-indexers.js';
import { QueueController } from '../common/queue-controller.js';
import { desiredEndpoints, type Endpoints } from './desired-endpoints.js';
import { servicesSelecting, servicesToUpdateOnPodChange } from './pod-changes.js';
import { serviceSelector, type Service } from './service.js';
import { desiredSubsets } from './subsets.js';
import { TriggerTimeTracker } from './trigger-time-tracker.js';

/** The endpoints controller's event source. */
export const ENDPOINT_COMPONENT = 'endpoint-controller';

/** EndpointController. */
export class EndpointController extends QueueController {
  readonly name = 'endpoint';
  private readonly services: Lister<Service>;
  private readonly pods: Lister<KubeObject>;
  private readonly endpoints: Lister<Endpoints>;
  private readonly recorder: EventRecorder;
  private readonly triggerTimes = new TriggerTimeTracker();

  constructor(private readonly ctx: ControllerContext) {
    super(ctx.clock, { name: 'endpoint' });
    this.recorder = ctx.recorder(ENDPOINT_COMPONENT);
    const byNamespace = { [NAMESPACE_INDEX]: metaNamespaceIndexFunc };
    const serviceInformer = informerWithIndexers<Service>(ctx.informers, 'services', byNamespace);
    const podInformer = informerWithIndexers(ctx.informers, 'pods', byNamespace);
    const endpointsInformer = ctx.informers.informer<Endpoints>('endpoints');
    this.services = serviceInformer.lister;
    this.pods = podInformer.lister;
    this.endpoints = endpointsInformer.lister;
    this.handlers.add(serviceInformer, {
      onAdd: (service) => this.enqueue(service),
      onUpdate: (_old, service) => this.enqueue(service),
      onDelete: (service) => this.enqueue(service),
    });
    this.handlers.add(podInformer, {
      onAdd: (pod) => this.addKeys(servicesSelecting(this.services, pod)),
      onUpdate: (old, pod) => this.addKeys(servicesToUpdateOnPodChange(this.services, old, pod)),
      onDelete: (pod) => this.addKeys(servicesSelecting(this.services, pod)),
    });
    // onEndpointsDelete: a deleted Endpoints of a live Service is put back.
    this.handlers.add(endpointsInformer, { onDelete: (endpoints) => this.enqueue(endpoints) });
  }

  private addKeys(keys: readonly string[]): void {
    for (const key of keys) this.queue.add(key);
  }

  /** syncService. */
  sync(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const service = this.services.get(namespace, name);
    if (service === undefined) {
      // The Service is gone: so is its Endpoints (a selector-less one's too, as upstream does).
      this.triggerTimes.deleteService(key);
      if (this.endpoints.get(namespace, name) === undefined) return 'done';
      const deleted = this.ctx.api.delete('endpoints', namespace, name);
      return deleted.ok || deleted.status.code === 404 ? 'done' : 'requeue';
    }
    // Services of type ExternalName and services without a selector receive no endpoints from this controller.
    if (service.spec?.type === 'ExternalName') return 'done';
    const selector = serviceSelector(service);
    if (selector === undefined) return 'done';
    const pods = this.pods.listNamespace(namespace, selector);
    const { subsets } = desiredSubsets(service, pods);
    const triggerTime = this.triggerTimes.compute(key, service, pods);
    const current = this.endpoints.get(namespace, name);
    const wanted = desiredEndpoints(service, current, subsets, triggerTime);
    if (wanted === undefined) return 'done';
    return current === undefined ? this.create(service, wanted) : this.update(service, wanted);
  }

  private create(service: Readonly<Service>, endpoints: Endpoints): SyncResult {
    const namespace = service.metadata.namespace ?? '';
    const created = this.ctx.api.create('endpoints', namespace, endpoints);
    if (created.ok) return 'done';
    // A namespace being deleted refuses new objects; the Service goes with it.
    if (created.status.code === 403 && (created.status.message ?? '').includes('because it is being terminated')) return 'done';
    if (created.status.code !== 409) {
      this.recorder.event(service, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${service.metadata.name ?? ''}: ${created.status.message ?? ''}`);
    }
    return 'requeue';
  }

  private update(service: Readonly<Service>, endpoints: Endpoints): SyncResult {
    const namespace = service.metadata.namespace ?? '';
    const updated = this.ctx.api.update('endpoints', namespace, endpoints);
    if (updated.ok) return 'done';
    if (updated.status.code !== 409) {
      this.recorder.event(service, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${service.metadata.name ?? ''}: ${updated.status.message ?? ''}`);
    }
    return 'requeue';
  }
}

/** Builds the endpoints controller (registered as `endpoint`). */
export const endpointControllerFactory: ControllerFactory = (ctx) => new EndpointController(ctx);
