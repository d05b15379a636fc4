/**
 * CoreDNS as the cluster component that answers queries: the `kubernetes` plugin's own informers
 * on Services and EndpointSlices, and the resolver over them. (The `coredns` pods in kube-system
 * are what kube-proxy sends port 53 traffic to; this is the program they would run.)
 */
import type { ClusterComponent, ComponentContext } from '../client/component.js';
import { SharedInformerFactory } from '../client/informer-factory.js';
import type { SharedInformer } from '../client/informer.js';
import { lookup, resolveName, type DnsAnswer, type DnsRecords } from './dns.js';
import { SERVICE_NAME_LABEL, type EndpointSlice, type Service } from './objects.js';

/** The component name of CoreDNS in the cluster registry. */
export const COREDNS_COMPONENT = 'coredns';

/** CoreDNS, as curl and the dashboard see it. */
export interface CoreDns extends ClusterComponent {
  readonly state: 'running' | 'stopped';
  /** Resolves a name with the search path of a pod in `namespace`. */
  resolve(name: string, namespace: string): DnsAnswer;
  /** Answers one fully qualified name. */
  lookup(fqdn: string): DnsAnswer;
}

/** True when a component is CoreDNS. */
export function isCoreDns(component: ClusterComponent | undefined): component is CoreDns {
  return component !== undefined && typeof (component as Partial<CoreDns>).resolve === 'function' && component.name === COREDNS_COMPONENT;
}

/** Creates CoreDNS (stopped: call `start`). */
export function createCoreDns(ctx: ComponentContext): CoreDns {
  return new CoreDnsImpl(ctx);
}

class CoreDnsImpl implements CoreDns, DnsRecords {
  readonly name = COREDNS_COMPONENT;
  private factory: SharedInformerFactory | undefined;
  private services: SharedInformer<Service> | undefined;
  private endpointSlices: SharedInformer<EndpointSlice> | undefined;

  constructor(private readonly ctx: ComponentContext) {}

  get state(): 'running' | 'stopped' {
    return this.factory === undefined ? 'stopped' : 'running';
  }

  start(): void {
    if (this.factory !== undefined) return;
    const factory = new SharedInformerFactory(this.ctx.api, this.ctx.clock);
    this.services = factory.informer<Service>('services');
    this.endpointSlices = factory.informer<EndpointSlice>('endpointslices', {
      indexers: { service: (s) => [`${s.metadata.namespace ?? ''}/${s.metadata.labels?.[SERVICE_NAME_LABEL] ?? ''}`] },
    });
    factory.start();
    this.factory = factory;
  }

  stop(): void {
    this.factory?.stop();
    this.factory = undefined;
  }

  service(namespace: string, name: string): Service | undefined {
    return this.services?.lister.get(namespace, name);
  }

  slices(namespace: string, service: string): readonly EndpointSlice[] {
    return this.endpointSlices?.lister.byIndex('service', `${namespace}/${service}`) ?? [];
  }

  resolve(name: string, namespace: string): DnsAnswer {
    return resolveName(this, name, namespace);
  }

  lookup(fqdn: string): DnsAnswer {
    return lookup(this, fqdn);
  }
}
