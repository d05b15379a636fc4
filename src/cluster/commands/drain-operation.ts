/**
 * The eviction half of `kubectl drain` (k8s.io/kubectl/pkg/drain evictPods and waitForDelete,
 * v1.32), run on the cluster clock: every pod is evicted at once; a 429 (a disruption budget says
 * not now) is printed and retried after 5 s until it succeeds; an evicted pod is polled every 1 s
 * until it is gone (`pod/x evicted`); when every pod is gone the node is `drained`.
 */
import type { KubeObject } from '../../api/types.js';
import type { Status } from '../../api/status.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { Clock, TimerId } from '../../clock/types.js';
import type { RunningOperation } from './node-fleet.js';
import { aggregate } from './drain-filters.js';

/** EvictErrorRetryDelay: how long kubectl waits after a 429 before it tries again. */
export const EVICT_ERROR_RETRY_DELAY_MS = 5_000;

/** The interval waitForDelete polls at. */
export const WAIT_FOR_DELETE_INTERVAL_MS = 1_000;

/** One line of kubectl's output: stdout or stderr. */
export interface PrintedLine {
  stream: 'out' | 'err';
  text: string;
}

type PodState = { step: 'evicting' | 'waiting'; timer?: TimerId } | { step: 'done' };

/** A drain's evictions, going on by themselves until the node is drained (or one fails, or it is cancelled). */
export class DrainOperation implements RunningOperation {
  /** `evicting` until every pod is gone: then `drained`; `failed` after an error other than 429. */
  state: 'evicting' | 'drained' | 'failed' | 'cancelled' = 'evicting';
  private readonly pods = new Map<KubeObject, PodState>();
  private readonly errors: string[] = [];

  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
    readonly nodeName: string,
    pods: readonly KubeObject[],
    private readonly deleteOptions: { gracePeriodSeconds?: number },
    private readonly print: (line: PrintedLine) => void,
  ) {
    for (const pod of pods) this.pods.set(pod, { step: 'evicting' });
  }

  /** True once drained, failed or cancelled. */
  get finished(): boolean {
    return this.state !== 'evicting';
  }

  /** Makes the first eviction of every pod (their lines are printed now). */
  start(): void {
    for (const pod of this.pods.keys()) this.evict(pod);
    this.checkDone();
  }

  /** Stops retrying and polling (the pods already evicted go on terminating). */
  cancel(): void {
    if (this.finished) return;
    this.state = 'cancelled';
    for (const state of this.pods.values()) if (state.step !== 'done' && state.timer !== undefined) this.clock.clearTimeout(state.timer);
  }

  private evict(pod: KubeObject): void {
    if (this.finished) return;
    const { name = '', namespace = '' } = pod.metadata;
    this.print({ stream: 'out', text: `evicting pod ${namespace}/${name}` });
    const eviction: KubeObject = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace } };
    if (this.deleteOptions.gracePeriodSeconds !== undefined) eviction['deleteOptions'] = { gracePeriodSeconds: this.deleteOptions.gracePeriodSeconds };
    const result = this.api.create('pods/eviction', namespace, eviction);
    if (result.ok) return this.waitForDelete(pod);
    const status: Status = result.status;
    if (status.code === 404) return this.finish(pod);
    if (status.code === 429) {
      const retryS = EVICT_ERROR_RETRY_DELAY_MS / 1000;
      this.print({ stream: 'err', text: `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)} (will retry after ${retryS}s): ${status.message ?? ''}` });
      this.pods.set(pod, { step: 'evicting', timer: this.clock.setTimeout(() => this.evict(pod), EVICT_ERROR_RETRY_DELAY_MS) });
      return;
    }
    this.errors.push(`error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)}: ${status.message ?? ''}`);
    this.pods.set(pod, { step: 'done' });
    this.checkDone();
  }

  /** waitForDelete: gone (NotFound, or a new pod with the same name) means evicted. */
  private waitForDelete(pod: KubeObject): void {
    if (this.finished) return;
    const got = this.api.get('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '');
    if (!got.ok || got.value.metadata.uid !== pod.metadata.uid) {
      this.print({ stream: 'out', text: `pod/${pod.metadata.name ?? ''} evicted` });
      return this.finish(pod);
    }
    this.pods.set(pod, { step: 'waiting', timer: this.clock.setTimeout(() => this.waitForDelete(pod), WAIT_FOR_DELETE_INTERVAL_MS) });
  }

  private finish(pod: KubeObject): void {
    this.pods.set(pod, { step: 'done' });
    this.checkDone();
  }

  private checkDone(): void {
    if (this.finished || [...this.pods.values()].some((s) => s.step !== 'done')) return;
    if (this.errors.length === 0) {
      this.state = 'drained';
      this.print({ stream: 'out', text: `node/${this.nodeName} drained` });
      return;
    }
    this.state = 'failed';
    const message = aggregate(this.errors);
    this.print({ stream: 'err', text: `error: unable to drain node ${JSON.stringify(this.nodeName)} due to error: ${message}, continuing command...` });
    this.print({ stream: 'err', text: 'There are pending nodes to be drained:' });
    this.print({ stream: 'err', text: ` ${this.nodeName}` });
    this.print({ stream: 'err', text: `error: ${message}` });
  }
}
