/**
 * The simulated metrics-server add-on: it watches pods, nodes and Services, and serves
 * metrics.k8s.io (PodMetrics, NodeMetrics) computed from the usage model at the last scrape.
 * It registers itself with the aggregation layer while it runs. Load is sent to a Service
 * (`setLoad`) and spread evenly over the Ready pods it selects.
 */
import type { KubeObject } from '../api/types.js';
import { selectorFromSet } from '../api/label-selector.js';
import type { ClusterComponent, ComponentContext } from '../client/component.js';
import { POD_NODE_NAME_INDEX, podNodeNameIndexFunc } from '../client/index-funcs.js';
import { SharedInformerFactory } from '../client/informer-factory.js';
import type { Lister } from '../client/lister.js';
import { registerMetricsApi, unregisterMetricsApi } from './aggregator.js';
import { CPU_MILLI_PER_REQUEST, METRIC_RESOLUTION_MS, NODE_SYSTEM_CPU_MILLI, NODE_SYSTEM_MEMORY_BYTES } from './timings.js';
import type { MetricsClient, NodeMetrics, PodMetrics } from './types.js';
import { podUsage } from './usage.js';

/** The metrics-server's component name. */
export const METRICS_SERVER = 'metrics-server';

function isReady(pod: KubeObject): boolean {
  const conditions = (pod['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** metrics-server: a cluster add-on serving the resource metrics API. */
export class MetricsServer implements ClusterComponent, MetricsClient {
  readonly name = METRICS_SERVER;
  private informers: SharedInformerFactory | undefined;
  private pods: Lister<KubeObject> | undefined;
  private nodes: Lister<KubeObject> | undefined;
  private services: Lister<KubeObject> | undefined;
  /** Requests per second sent to each Service, by `namespace/name`. */
  private readonly load = new Map<string, number>();

  constructor(private readonly ctx: ComponentContext) {}

  get state(): string {
    return this.informers === undefined ? 'stopped' : 'running';
  }

  start(): void {
    if (this.informers !== undefined) return;
    const informers = new SharedInformerFactory(this.ctx.api, this.ctx.clock);
    this.pods = informers.informer('pods', { indexers: { [POD_NODE_NAME_INDEX]: podNodeNameIndexFunc } }).lister;
    this.nodes = informers.informer('nodes').lister;
    this.services = informers.informer('services').lister;
    informers.start();
    this.informers = informers;
    registerMetricsApi(this.ctx.api, this);
  }

  stop(): void {
    unregisterMetricsApi(this.ctx.api, this);
    this.informers?.stop();
    this.informers = undefined;
  }

  /** Sends `rps` requests per second to the Service `namespace/name` (0 stops the load). */
  setLoad(namespace: string, service: string, rps: number): void {
    if (rps > 0) this.load.set(`${namespace}/${service}`, rps);
    else this.load.delete(`${namespace}/${service}`);
  }

  /** The time of the last scrape. */
  private scrapedAt(): number {
    const now = this.ctx.clock.now();
    return now - (now % METRIC_RESOLUTION_MS);
  }

  /** Each loaded pod's CPU share of the Service load, by `namespace/name`. */
  private loadShares(): Map<string, number> {
    const shares = new Map<string, number>();
    for (const [key, rps] of this.load) {
      const [namespace = '', name = ''] = key.split('/');
      const service = this.services?.get(namespace, name);
      const selector = (service?.['spec'] as { selector?: Record<string, string> } | undefined)?.selector;
      if (selector === undefined || Object.keys(selector).length === 0) continue;
      const ready = (this.pods?.listNamespace(namespace, selectorFromSet(selector)) ?? []).filter(isReady);
      for (const pod of ready) {
        const podKey = `${namespace}/${pod.metadata.name}`;
        shares.set(podKey, (shares.get(podKey) ?? 0) + (rps * CPU_MILLI_PER_REQUEST) / ready.length);
      }
    }
    return shares;
  }

  private metricsOf(pods: readonly KubeObject[], timestamp: number): PodMetrics[] {
    const shares = this.loadShares();
    const out: PodMetrics[] = [];
    for (const pod of pods) {
      const namespace = pod.metadata.namespace ?? '';
      const containers = podUsage(pod, timestamp, shares.get(`${namespace}/${pod.metadata.name}`) ?? 0);
      if (containers.length > 0) out.push({ namespace, name: pod.metadata.name ?? '', timestamp, windowMs: METRIC_RESOLUTION_MS, containers });
    }
    return out;
  }

  podMetrics(namespace: string, selector?: (labels: Readonly<Record<string, string>> | undefined) => boolean): PodMetrics[] {
    const pods = namespace === '' ? (this.pods?.list(selector) ?? []) : (this.pods?.listNamespace(namespace, selector) ?? []);
    return this.metricsOf(pods, this.scrapedAt());
  }

  nodeMetrics(): NodeMetrics[] {
    const timestamp = this.scrapedAt();
    const out: NodeMetrics[] = [];
    for (const node of this.nodes?.list() ?? []) {
      const ready = ((node['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
      if (!ready) continue;
      let cpuMilli = NODE_SYSTEM_CPU_MILLI;
      let memoryBytes = NODE_SYSTEM_MEMORY_BYTES;
      for (const pod of this.metricsOf(this.pods?.byIndex(POD_NODE_NAME_INDEX, node.metadata.name ?? '') ?? [], timestamp)) {
        for (const c of pod.containers) {
          cpuMilli += c.cpuMilli;
          memoryBytes += c.memoryBytes;
        }
      }
      out.push({ name: node.metadata.name ?? '', timestamp, windowMs: METRIC_RESOLUTION_MS, cpuMilli, memoryBytes });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
