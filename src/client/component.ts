/**
 * What every cluster component (kube-scheduler, kube-controller-manager, each kubelet, …) is given
 * and what it shows. A component talks to the cluster only through `api`; time and randomness come
 * only from `clock` and `random`.
 */
import type { Random } from '../api/random.js';
import type { ApiClient } from '../apiserver/types.js';
import type { BackgroundClock } from '../clock/types.js';

/**
 * `real` (the default) keeps Kubernetes' own timings; `fast` shortens the long waits (back-offs,
 * grace periods, heartbeats) for quick demos.
 */
export type TimingProfileName = 'real' | 'fast';

/** The environment of a component. */
export interface ComponentContext {
  /** kube-apiserver: the only way to read or change the cluster. */
  readonly api: ApiClient;
  /** The virtual clock. Periodic upkeep (heartbeats, resyncs) uses `setBackgroundTimeout` so an idle cluster settles. */
  readonly clock: BackgroundClock;
  /** This component's own seeded generator (fork it per child for stable sequences). */
  readonly random: Random;
  /** Which timing profile the component's named delays come from. */
  readonly profile: TimingProfileName;
}

/** A running component as the cluster and the dashboard see it. */
export interface ClusterComponent {
  /** `kube-scheduler`, `kube-controller-manager`, `kubelet/node-1`, … */
  readonly name: string;
  /** The state of its machine, as the dashboard shows it (`idle`, `scheduling`, `ready`, `stopped`, …). */
  readonly state: string;
  /** Starts (or restarts after `stop`): informers list and watch, queues run. */
  start(): void;
  /** Stops: watches end, timers are cancelled, nothing more is written. */
  stop(): void;
}
