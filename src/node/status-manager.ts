/**
 * The kubelet's status manager (pkg/kubelet/status): pod statuses reach the cluster only through
 * the API. Changes made within one clock tick are coalesced into one write per pod; a write is
 * skipped when nothing changed; the conditions other components own (DisruptionTarget, readiness
 * gates) are kept from the live object, as mergePodStatus does.
 */
import type { ApiClient } from '../apiserver/types.js';
import type { KubeObject } from '../api/types.js';
import type { BackgroundClock, TimerId } from '../clock/types.js';
import { jsonEqual } from '../api/equal.js';
import { KUBELET_POD_CONDITIONS } from './pod-phase.js';
import type { PodCondition, PodStatus } from './pod-types.js';

/** A pod whose status the manager writes. */
export interface StatusSource {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  /** The status as the kubelet sees it now. */
  apiStatus(): PodStatus;
  /** The status last written (or found equal on the server); undefined before the first write. */
  lastWritten: PodStatus | undefined;
  /** The source is gone: nothing more is written for it. */
  readonly disposed: boolean;
}

/** The result of one write attempt. */
export type StatusWriteResult = 'written' | 'unchanged' | 'gone' | 'failed';

/** Writes pod statuses for one kubelet. */
export class StatusManager {
  private dirty = new Set<StatusSource>();
  private flushTimer: TimerId | undefined;
  private retryTimer: TimerId | undefined;
  private stopped = false;
  /** Status writes made (for the dashboard and benchmarks). */
  writes = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly clock: BackgroundClock,
    private readonly retryMs: number,
  ) {}

  /** Marks a pod's status as possibly changed; it is written at the end of the current tick. */
  markDirty(source: StatusSource): void {
    if (this.stopped) return;
    this.dirty.add(source);
    if (this.flushTimer === undefined) this.flushTimer = this.clock.setTimeout(() => this.flush(), 0);
  }

  /**
   * The status manager's needsReconcile: when the server's status differs from what this kubelet
   * last wrote in a field the kubelet owns (the node lifecycle controller set Ready=False while the
   * kubelet was unreachable, say), the kubelet's view is written again.
   */
  reconcile(source: StatusSource, serverStatus: unknown): void {
    const last = source.lastWritten;
    if (last === undefined || source.disposed || this.stopped) return;
    if (jsonEqual(mergePodStatus(serverStatus as Partial<PodStatus> | undefined, last), serverStatus)) return;
    source.lastWritten = undefined;
    this.markDirty(source);
  }

  /** Writes one pod's status now (the final status of a terminated pod, before it is deleted). */
  writeNow(source: StatusSource): StatusWriteResult {
    this.dirty.delete(source);
    return this.write(source);
  }

  /** Stops writing: pending changes are dropped (the kubelet died). */
  stop(): void {
    this.stopped = true;
    if (this.flushTimer !== undefined) this.clock.clearTimeout(this.flushTimer);
    if (this.retryTimer !== undefined) this.clock.clearTimeout(this.retryTimer);
    this.flushTimer = undefined;
    this.retryTimer = undefined;
    this.dirty.clear();
  }

  private flush(): void {
    this.flushTimer = undefined;
    const batch = this.dirty;
    this.dirty = new Set();
    const failed: StatusSource[] = [];
    for (const source of batch) if (this.write(source) === 'failed') failed.push(source);
    if (failed.length > 0 && !this.stopped) {
      if (this.retryTimer !== undefined) this.clock.clearTimeout(this.retryTimer);
      this.retryTimer = this.clock.setTimeout(() => {
        this.retryTimer = undefined;
        for (const source of failed) this.markDirty(source);
      }, this.retryMs);
    }
  }

  private write(source: StatusSource): StatusWriteResult {
    if (source.disposed || this.stopped) return 'gone';
    const status = source.apiStatus();
    if (source.lastWritten !== undefined && jsonEqual(status, source.lastWritten)) return 'unchanged';
    const live = this.api.get('pods', source.namespace, source.name);
    if (!live.ok) return live.status.code === 404 ? 'gone' : 'failed';
    const pod = live.value;
    if (pod.metadata.uid !== source.uid) return 'gone';
    const merged = mergePodStatus(pod.status as Partial<PodStatus> | undefined, status);
    // A kubelet that has not written this pod yet (it just started) may find the server up to date.
    if (source.lastWritten === undefined && jsonEqual(merged, pod.status)) {
      source.lastWritten = status;
      return 'unchanged';
    }
    const updated = this.api.update('pods', source.namespace, { ...pod, status: merged } as KubeObject, { subresource: 'status' });
    if (!updated.ok) return updated.status.code === 404 ? 'gone' : 'failed';
    this.writes++;
    source.lastWritten = status;
    return 'written';
  }
}

/** mergePodStatus: the live object's conditions the kubelet does not own come first, then the kubelet's own. */
export function mergePodStatus(live: Partial<PodStatus> | undefined, status: PodStatus): PodStatus {
  const others: PodCondition[] = [];
  for (const c of live?.conditions ?? []) if (!KUBELET_POD_CONDITIONS.has(c.type)) others.push(c);
  const nominated = live?.nominatedNodeName;
  if (others.length === 0 && nominated === undefined) return status;
  const merged: PodStatus = { phase: status.phase, conditions: [...others, ...status.conditions] } as PodStatus;
  for (const [key, value] of Object.entries(status)) {
    if (key === 'phase' || key === 'conditions') continue;
    if (key === 'hostIP' && nominated !== undefined) (merged as unknown as Record<string, unknown>).nominatedNodeName = nominated;
    (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}
