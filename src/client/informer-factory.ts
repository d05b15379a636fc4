/**
 * client-go's SharedInformerFactory: one informer per resource (and selectors) per process, so
 * every controller of a component reads the same cache and the API server serves one watch per
 * resource instead of one per controller.
 */
import type { KubeObject } from '../api/types.js';
import type { ApiClient } from '../apiserver/types.js';
import type { Clock } from '../clock/types.js';
import { SharedInformer, type SharedInformerOptions } from './informer.js';

/** The informers of one component (kube-controller-manager, kube-scheduler, one kubelet, …). */
export class SharedInformerFactory {
  private readonly informers = new Map<string, SharedInformer<KubeObject>>();
  private started = false;

  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
    /** Options every informer gets unless the caller overrides them (resync period, jitter source). */
    private readonly defaults: Pick<SharedInformerOptions<KubeObject>, 'resyncPeriodMs' | 'rng'> = {},
  ) {}

  /**
   * The shared informer of `resource` (with these selectors), created on first use. Indexers passed
   * by a later caller are added to the existing informer. Informers asked for after `start` start at once.
   */
  informer<T extends KubeObject = KubeObject>(resource: string, options: SharedInformerOptions<T> = {}): SharedInformer<T> {
    const key = [resource, options.namespace ?? '', options.labelSelector ?? '', options.fieldSelector ?? ''].join('\u0000');
    let informer = this.informers.get(key) as SharedInformer<T> | undefined;
    if (informer === undefined) {
      informer = new SharedInformer<T>(this.api, this.clock, resource, { ...this.defaults, ...options } as SharedInformerOptions<T>);
      this.informers.set(key, informer as unknown as SharedInformer<KubeObject>);
      if (this.started) informer.start();
    } else if (options.indexers !== undefined) {
      informer.addIndexers(options.indexers);
    }
    return informer;
  }

  /** Starts every informer made so far (each LISTs synchronously) and any made later. */
  start(): void {
    this.started = true;
    for (const informer of this.informers.values()) informer.start();
  }

  /** Stops every informer. A stopped factory is not restarted: a restarted component makes a new one. */
  stop(): void {
    this.started = false;
    for (const informer of this.informers.values()) informer.stop();
  }

  /** True once every informer has applied its first LIST. */
  hasSynced(): boolean {
    for (const informer of this.informers.values()) if (!informer.hasSynced()) return false;
    return true;
  }

  /** Every informer, for the dashboard. */
  list(): SharedInformer<KubeObject>[] {
    return [...this.informers.values()];
  }
}
