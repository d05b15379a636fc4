/**
 * kube-proxy on one node: its own informers on Services and EndpointSlices, and the node's
 * iptables rules they are turned into. Stopping it (its node died) ends the watches but leaves
 * the rules in place, stale, as a dead kube-proxy leaves the kernel's; starting it again lists
 * afresh and rewrites them.
 */
import { createActor, type Actor } from 'xstate';
import type { ClusterComponent, ComponentContext } from '../client/component.js';
import { SharedInformerFactory } from '../client/informer-factory.js';
import type { SharedInformer } from '../client/informer.js';
import { kubeProxyMachine, type KubeProxyDriver } from './kube-proxy-machine.js';
import { SERVICE_NAME_LABEL, type EndpointSlice, type Service } from './objects.js';
import { buildProxyRules } from './proxier.js';
import { walkRules, type Packet, type Verdict } from './rule-walk.js';
import { iptablesSave, type ProxyRule } from './rules.js';

/** `--iptables-min-sync-period`, kube-proxy's default. */
export const MIN_SYNC_PERIOD_MS = 1000;

/** The kube-proxy machine's states. */
export type KubeProxyState = 'syncing' | 'synced' | 'stopped';

/** A node's kube-proxy, as the cluster, curl and the dashboard see it. */
export interface KubeProxy extends ClusterComponent {
  readonly nodeName: string;
  /** The node's InternalIP (a local address for NodePort traffic). */
  readonly nodeIP: string;
  readonly state: KubeProxyState;
  readonly actor: Actor<typeof kubeProxyMachine>;
  /** The rules last written (kept while stopped). */
  rules(): readonly ProxyRule[];
  /** The rules as `iptables-save` prints them. */
  iptablesSave(): string;
  /** Where these rules send a new connection. */
  route(packet: Packet, random: () => number): Verdict;
  /** How many times the rules were rewritten. */
  readonly syncCount: number;
}

/** True when a component is a kube-proxy. */
export function isKubeProxy(component: ClusterComponent | undefined): component is KubeProxy {
  return component !== undefined && typeof (component as Partial<KubeProxy>).route === 'function';
}

/** Creates the kube-proxy of a node (stopped: call `start`). */
export function createKubeProxy(ctx: ComponentContext, nodeName: string, nodeIP: string): KubeProxy {
  return new KubeProxyImpl(ctx, nodeName, nodeIP);
}

class KubeProxyImpl implements KubeProxy, KubeProxyDriver {
  readonly name: string;
  readonly actor: Actor<typeof kubeProxyMachine>;
  readonly minSyncPeriodMs = MIN_SYNC_PERIOD_MS;
  syncCount = 0;
  private current: ProxyRule[] = [];
  private factory: SharedInformerFactory | undefined;
  private services: SharedInformer<Service> | undefined;
  private slices: SharedInformer<EndpointSlice> | undefined;

  constructor(
    private readonly ctx: ComponentContext,
    readonly nodeName: string,
    readonly nodeIP: string,
  ) {
    this.name = `kube-proxy/${nodeName}`;
    this.actor = createActor(kubeProxyMachine, { clock: ctx.clock, input: { driver: this } });
    this.actor.start();
  }

  get state(): KubeProxyState {
    return this.actor.getSnapshot().value as KubeProxyState;
  }

  start(): void {
    if (this.state !== 'stopped') return;
    const factory = new SharedInformerFactory(this.ctx.api, this.ctx.clock);
    this.factory = factory;
    this.services = factory.informer<Service>('services');
    this.slices = factory.informer<EndpointSlice>('endpointslices', {
      indexers: { service: (s) => [`${s.metadata.namespace ?? ''}/${s.metadata.labels?.[SERVICE_NAME_LABEL] ?? ''}`] },
    });
    const changed = { onAdd: () => this.changed(), onUpdate: () => this.changed(), onDelete: () => this.changed() };
    this.services.addEventHandler(changed);
    this.slices.addEventHandler(changed);
    factory.start();
    this.actor.send({ type: 'proxy.start' });
  }

  stop(): void {
    this.factory?.stop();
    this.factory = undefined;
    this.actor.send({ type: 'proxy.stop' });
  }

  syncProxyRules(): void {
    const services = this.services;
    const slices = this.slices;
    if (services === undefined || slices === undefined) return;
    this.current = buildProxyRules(services.lister.list(), (s) => slices.lister.byIndex('service', `${s.metadata.namespace ?? ''}/${s.metadata.name ?? ''}`));
    this.syncCount++;
  }

  rules(): readonly ProxyRule[] {
    return this.current;
  }

  iptablesSave(): string {
    return iptablesSave(this.current);
  }

  route(packet: Packet, random: () => number): Verdict {
    return walkRules(this.current, packet, random);
  }

  private changed(): void {
    if (this.factory !== undefined) this.actor.send({ type: 'proxy.changed' });
  }
}
