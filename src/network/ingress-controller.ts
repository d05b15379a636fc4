/**
 * The ingress-nginx controller add-on: it serves the Ingresses of its IngressClass (`nginx`, or
 * none when `nginx` is the default class), publishes its address in their
 * status.loadBalancer.ingress, and proxies requests by host and path straight to the backend
 * Service's ready endpoints, round robin (ingress-nginx's default balancer; it does not go through
 * the ClusterIP).
 */
import type { ClusterComponent, ComponentContext } from '../client/component.js';
import { SharedInformerFactory } from '../client/informer-factory.js';
import type { SharedInformer } from '../client/informer.js';
import type { KubeObject } from '../api/types.js';
import { INGRESS_CLASS, INGRESS_CONTROLLER } from './addons.js';
import { matchIngress, servesHost, type Ingress, type IngressMatch } from './ingress-rules.js';
import { endpointsForPort, SERVICE_NAME_LABEL, usableEndpoints, type EndpointAddress, type EndpointSlice, type Service } from './objects.js';

/** The component name of the ingress controller in the cluster registry. */
export const INGRESS_CONTROLLER_COMPONENT = 'ingress-nginx-controller';

/** Where a request to the ingress controller ends up. */
export type IngressRoute =
  | { kind: 'endpoint'; match: IngressMatch; endpoint: EndpointAddress }
  /** A matching rule whose Service has no ready endpoints: nginx answers 503. */
  | { kind: 'unavailable'; match: IngressMatch }
  /** No rule: the default backend answers 404. */
  | { kind: 'not-found' };

/** The ingress controller, as curl and the dashboard see it. */
export interface IngressController extends ClusterComponent {
  readonly state: 'running' | 'stopped';
  /** The address it publishes and listens on. */
  readonly address: string;
  /** Whether a host is named by one of its Ingresses' rules. */
  servesHost(host: string): boolean;
  /** Routes a request; the next endpoint of the backend, round robin. */
  route(host: string, path: string): IngressRoute;
}

/** True when a component is the ingress controller. */
export function isIngressController(component: ClusterComponent | undefined): component is IngressController {
  return component !== undefined && component.name === INGRESS_CONTROLLER_COMPONENT && typeof (component as Partial<IngressController>).route === 'function';
}

/** Creates the ingress controller listening on `address` (stopped: call `start`). */
export function createIngressController(ctx: ComponentContext, address: string): IngressController {
  return new IngressControllerImpl(ctx, address);
}

class IngressControllerImpl implements IngressController {
  readonly name = INGRESS_CONTROLLER_COMPONENT;
  private factory: SharedInformerFactory | undefined;
  private ingresses: SharedInformer<Ingress> | undefined;
  private classes: SharedInformer<KubeObject> | undefined;
  private services: SharedInformer<Service> | undefined;
  private slices: SharedInformer<EndpointSlice> | undefined;
  private readonly next = new Map<string, number>();

  constructor(
    private readonly ctx: ComponentContext,
    readonly address: string,
  ) {}

  get state(): 'running' | 'stopped' {
    return this.factory === undefined ? 'stopped' : 'running';
  }

  start(): void {
    if (this.factory !== undefined) return;
    const factory = new SharedInformerFactory(this.ctx.api, this.ctx.clock);
    this.factory = factory;
    this.classes = factory.informer('ingressclasses');
    this.ingresses = factory.informer<Ingress>('ingresses');
    this.services = factory.informer<Service>('services');
    this.slices = factory.informer<EndpointSlice>('endpointslices', {
      indexers: { service: (s) => [`${s.metadata.namespace ?? ''}/${s.metadata.labels?.[SERVICE_NAME_LABEL] ?? ''}`] },
    });
    this.ingresses.addEventHandler({ onAdd: (i) => this.publishStatus(i), onUpdate: (_, i) => this.publishStatus(i) });
    factory.start();
  }

  stop(): void {
    this.factory?.stop();
    this.factory = undefined;
  }

  servesHost(host: string): boolean {
    return servesHost(this.served(), host);
  }

  route(host: string, path: string): IngressRoute {
    const match = matchIngress(this.served(), host, path);
    if (match === undefined) return { kind: 'not-found' };
    const service = this.services?.lister.get(match.namespace, match.serviceName);
    const port = service?.spec?.ports?.find((p) => (match.port.name !== undefined ? p.name === match.port.name : p.port === match.port.number));
    if (service === undefined || port === undefined) return { kind: 'unavailable', match };
    const slices = this.slices?.lister.byIndex('service', `${match.namespace}/${match.serviceName}`) ?? [];
    const endpoints = usableEndpoints(endpointsForPort(slices, port.name));
    if (endpoints.length === 0) return { kind: 'unavailable', match };
    const upstream = `${match.namespace}-${match.serviceName}-${port.port}`;
    const index = (this.next.get(upstream) ?? 0) % endpoints.length;
    this.next.set(upstream, index + 1);
    return { kind: 'endpoint', match, endpoint: endpoints[index]! };
  }

  /** The Ingresses of this controller's class. */
  private served(): Ingress[] {
    return (this.ingresses?.lister.list() ?? []).filter((i) => this.isServed(i));
  }

  private isServed(ingress: Ingress): boolean {
    const className = ingress.spec?.ingressClassName ?? ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
    const ours = this.classes?.lister.get('', INGRESS_CLASS);
    if ((ours?.['spec'] as { controller?: string } | undefined)?.controller !== INGRESS_CONTROLLER) return false;
    if (className !== undefined) return className === INGRESS_CLASS;
    return ours?.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true';
  }

  /** status.loadBalancer.ingress = [{ip: address}], written only when it differs. */
  private publishStatus(ingress: Ingress): void {
    if (!this.isServed(ingress)) return;
    const current = ingress.status?.loadBalancer?.ingress ?? [];
    if (current.length === 1 && current[0]?.ip === this.address && current[0].hostname === undefined) return;
    this.ctx.api.patch('ingresses', ingress.metadata.namespace ?? 'default', ingress.metadata.name ?? '', 'merge', { status: { loadBalancer: { ingress: [{ ip: this.address }] } } }, { subresource: 'status' });
  }
}
