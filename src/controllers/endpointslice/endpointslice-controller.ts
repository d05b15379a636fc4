/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector,
 * EndpointSlices `<service>-<5 chars>` (labelled with the Service's name and managed-by this
 * controller, owned by the Service) listing the selected pods as endpoints with ready, serving and
 * terminating conditions, at most 100 per slice. kube-proxy and CoreDNS read these.
 */
import type { KubeObject } from '../../api/types.js';
import { selectorFromSet } from '../../api/label-selector.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import { NAMESPACE_INDEX, metaNamespaceIndexFunc } from '../../client/index-funcs.js';
import type { Lister } from '../../client/lister.js';
import { splitMetaNamespaceKey } from '../../client/store.js';
import type { SyncResult } from '../../client/workqueue.js';
import type { ControllerContext, ControllerFactory } from '../common/controller.js';
import { informerWithIndexers } from '../common/informer-indexers.js';
import { QueueController } from '../common/queue-controller.js';
import { servicesSelecting, servicesToUpdateOnPodChange } from '../endpoint/pod-changes.js';
import { serviceSelector, type Service } from '../endpoint/service.js';
import { TriggerTimeTracker } from '../endpoint/trigger-time-tracker.js';
import { desiredEndpoints } from './desired-endpoints.js';
import { planSlices, type SlicePlan } from './reconciler.js';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MAX_ENDPOINTS_PER_SLICE, type EndpointSlice } from './types.js';

/** The EndpointSlice controller's event source. */
export const ENDPOINT_SLICE_COMPONENT = 'endpoint-slice-controller';

/** A write refused because the cache was behind (409): retried without an event, like isStaleInformerCacheErr. */
const STALE_CACHE = '\u0000stale';

/** Options of the controller (kube-controller-manager flags). */
export interface EndpointSliceOptions {
  /** --max-endpoints-per-slice. */
  maxEndpointsPerSlice?: number;
}

/** EndpointSliceController. */
export class EndpointSliceController extends QueueController {
  readonly name = 'endpointslice';
  private readonly services: Lister<Service>;
  private readonly pods: Lister<KubeObject>;
  private readonly nodes: Lister<KubeObject>;
  private readonly slices: Lister<EndpointSlice>;
  private readonly recorder: EventRecorder;
  private readonly triggerTimes = new TriggerTimeTracker();
  private readonly max: number;

  constructor(
    private readonly ctx: ControllerContext,
    options: EndpointSliceOptions = {},
  ) {
    super(ctx.clock, { name: 'endpoint_slice' });
    this.max = options.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
    this.recorder = ctx.recorder(ENDPOINT_SLICE_COMPONENT);
    const byNamespace = { [NAMESPACE_INDEX]: metaNamespaceIndexFunc };
    const serviceInformer = informerWithIndexers<Service>(ctx.informers, 'services', byNamespace);
    const podInformer = informerWithIndexers(ctx.informers, 'pods', byNamespace);
    const sliceInformer = informerWithIndexers<EndpointSlice>(ctx.informers, 'endpointslices', byNamespace);
    const nodeInformer = ctx.informers.informer('nodes');
    this.services = serviceInformer.lister;
    this.pods = podInformer.lister;
    this.slices = sliceInformer.lister;
    this.nodes = nodeInformer.lister;
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
    // A managed slice changed or deleted by someone else is put right.
    this.handlers.add(sliceInformer, {
      onUpdate: (_old, slice) => this.sliceChanged(slice),
      onDelete: (slice) => this.sliceChanged(slice),
    });
  }

  private addKeys(keys: readonly string[]): void {
    for (const key of keys) this.queue.add(key);
  }

  private sliceChanged(slice: Readonly<EndpointSlice>): void {
    const labels = slice.metadata.labels ?? {};
    const service = labels[LABEL_SERVICE_NAME];
    if (labels[LABEL_MANAGED_BY] !== CONTROLLER_NAME || service === undefined) return;
    this.queue.add(`${slice.metadata.namespace ?? ''}/${service}`);
  }

  /** syncService. */
  sync(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const service = this.services.get(namespace, name);
    if (service === undefined) {
      // The garbage collector deletes the slices the Service owned.
      this.triggerTimes.deleteService(key);
      return 'done';
    }
    // Services of type ExternalName and services without a selector receive no endpoints from this controller.
    if (service.spec?.type === 'ExternalName') return 'done';
    const selector = serviceSelector(service);
    if (selector === undefined) return 'done';
    const pods = this.pods.listNamespace(namespace, selector);
    const existing = this.slices.listNamespace(namespace, selectorFromSet({ [LABEL_SERVICE_NAME]: name, [LABEL_MANAGED_BY]: CONTROLLER_NAME }));
    const { groups, skipped } = desiredEndpoints(service, pods, (node) => this.nodes.get('', node));
    const triggerTime = this.triggerTimes.compute(key, service, pods);
    const plan = planSlices(service, existing, groups, triggerTime, this.max);
    const failure = this.execute(namespace, plan);
    if (failure === STALE_CACHE) return 'requeue';
    if (failure !== undefined) {
      this.recorder.event(service, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${name}: ${failure}`);
      return 'requeue';
    }
    return skipped.length > 0 ? 'requeue' : 'done';
  }

  /** finalize: creates, then updates, then deletes; the first failure's message, if any. */
  private execute(namespace: string, plan: SlicePlan): string | undefined {
    const api = this.ctx.api;
    for (const slice of plan.create) {
      const created = api.create('endpointslices', namespace, slice);
      if (!created.ok) {
        // A namespace being deleted refuses new objects: nothing to retry.
        if (created.status.code === 403 && (created.status.message ?? '').includes('because it is being terminated')) return undefined;
        return `failed to create EndpointSlice for Service ${namespace}/${slice.metadata.generateName?.replace(/-$/, '') ?? ''}: ${created.status.message ?? ''}`;
      }
    }
    for (const slice of plan.update) {
      const updated = api.update('endpointslices', namespace, slice);
      if (!updated.ok && updated.status.code === 409) return STALE_CACHE;
      if (!updated.ok) return `failed to update ${slice.metadata.name ?? ''} EndpointSlice for Service ${namespace}: ${updated.status.message ?? ''}`;
    }
    for (const slice of plan.delete) {
      const deleted = api.delete('endpointslices', namespace, slice.metadata.name ?? '');
      if (!deleted.ok && deleted.status.code !== 404) return `failed to delete ${slice.metadata.name ?? ''} EndpointSlice for Service ${namespace}: ${deleted.status.message ?? ''}`;
    }
    return undefined;
  }
}

/** Builds the EndpointSlice controller (registered as `endpointslice`). */
export const endpointSliceControllerFactory: ControllerFactory = (ctx) => new EndpointSliceController(ctx);
