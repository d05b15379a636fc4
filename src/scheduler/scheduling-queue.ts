/**
 * The scheduling queue (pkg/scheduler/backend/queue: PriorityQueue) with its three parts:
 * activeQ — pods ready to be tried, highest `spec.priority` first, then the earliest queued;
 * backoffQ — pods waiting out their back-off (1 s doubling up to 10 s by attempt);
 * unschedulablePods — pods that failed (or are gated) and wait for a cluster event that one of the
 * plugins that rejected them says may help (queueing hints), or at the latest
 * podMaxInUnschedulablePodsDuration (5 min).
 */
import type { KubeObject } from '../api/types.js';
import type { BackgroundClock, TimerId } from '../clock/types.js';
import { EVENT_UNSCHEDULABLE_TIMEOUT, type ClusterEvent, type ClusterEventWithHint } from './framework/events.js';
import type { Framework } from './framework/framework.js';
import { KeyedHeap } from './heap.js';
import { isEventOfInterest, isPodWorthRequeuing, type Strategy } from './queueing-hints.js';
import { Nominator } from './nominator.js';
import { podInfoFor } from './pod-info.js';
import type { SchedulerTimings } from './timings.js';
import { podKey, podPriority, type Pod } from './types.js';

/** framework.QueuedPodInfo. */
export interface QueuedPodInfo {
  pod: Pod;
  readonly key: string;
  /** When the pod last entered the queue (virtual ms). */
  timestamp: number;
  initialAttemptTimestamp: number | undefined;
  attempts: number;
  unschedulablePlugins: Set<string>;
  pendingPlugins: Set<string>;
  gated: boolean;
  /** Arrival order, breaking ties between equal timestamps. */
  seq: number;
}

/** The sizes of the queue's parts, for the dashboard. */
export interface QueueStats {
  active: number;
  backoff: number;
  unschedulable: number;
  gated: number;
}


/** PriorityQueue. */
export class SchedulingQueue {
  private readonly activeQ = new KeyedHeap<QueuedPodInfo>(
    (p) => p.key,
    (a, b) => {
      const pa = podPriority(a.pod);
      const pb = podPriority(b.pod);
      return pa > pb || (pa === pb && (a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq)));
    },
  );
  private readonly backoffQ = new KeyedHeap<QueuedPodInfo>(
    (p) => p.key,
    (a, b) => this.backoffTime(a) < this.backoffTime(b),
  );
  private readonly unschedulablePods = new Map<string, QueuedPodInfo>();
  private readonly hints: Map<string, readonly ClusterEventWithHint[]>;
  /** Pods nominated to nodes by preemption. */
  readonly nominator = new Nominator();
  private seq = 0;
  private backoffTimer: { id: TimerId; due: number } | undefined;
  private flushTimer: TimerId | undefined;
  private closed = false;

  constructor(
    private readonly framework: Framework,
    private readonly clock: BackgroundClock,
    private readonly timings: SchedulerTimings,
    /** Called whenever a pod enters activeQ, so the scheduler loop wakes up. */
    private readonly onActive: () => void,
  ) {
    this.hints = framework.queueingHints();
  }

  /** Add: a new unscheduled pod. */
  add(pod: Pod): void {
    const info = this.newQueuedPodInfo(pod);
    if (this.moveToActiveQ(info)) this.onActive();
  }

  /** Update: a pending pod changed. */
  update(oldPod: Pod, newPod: Pod, events: readonly ClusterEvent[]): void {
    const key = podKey(newPod);
    const active = this.activeQ.get(key) ?? this.backoffQ.get(key);
    if (active !== undefined) {
      active.pod = newPod;
      this.updateNomination(newPod);
      return;
    }
    const info = this.unschedulablePods.get(key);
    if (info === undefined) {
      if (this.moveToActiveQ(this.newQueuedPodInfo(newPod))) this.onActive();
      return;
    }
    info.pod = newPod;
    this.updateNomination(newPod);
    for (const event of events) {
      const strategy = isPodWorthRequeuing(this.hints, info, event, oldPod, newPod);
      if (this.requeue(info, strategy) !== 'unschedulable') break;
    }
  }

  /** Delete: the pod was deleted or got assigned. */
  delete(pod: Pod): void {
    const key = podKey(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulablePods.delete(key);
    this.nominator.delete(pod.metadata.uid ?? '');
  }

  /** Pop: the next pod to schedule, with its attempt counted. */
  pop(): QueuedPodInfo | undefined {
    const info = this.activeQ.pop();
    if (info === undefined) return undefined;
    info.attempts++;
    info.unschedulablePlugins = new Set();
    info.pendingPlugins = new Set();
    return info;
  }

  /** Whether any pod waits for a cluster event (when none does, events need not be computed). */
  get hasUnschedulablePods(): boolean {
    return this.unschedulablePods.size > 0;
  }

  /** How many pods wait in activeQ. */
  get activeLength(): number {
    return this.activeQ.size;
  }

  /**
   * AddUnschedulableIfNotPresent: a pod whose attempt failed. Without rejecting plugins (an
   * error) it backs off; otherwise it waits in unschedulablePods for a helpful event.
   */
  addUnschedulableIfNotPresent(info: QueuedPodInfo): void {
    if (this.closed) return;
    const key = info.key;
    if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulablePods.has(key)) return;
    info.timestamp = this.clock.now();
    const strategy: Strategy = info.unschedulablePlugins.size === 0 && info.pendingPlugins.size === 0 ? 'afterBackoff' : 'skip';
    this.requeue(info, strategy);
  }

  /** MoveAllToActiveOrBackoffQueue: offers an event to every unschedulable pod whose rejecting plugins care. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj?: KubeObject, newObj?: KubeObject, preCheck?: (pod: Pod) => boolean): void {
    if (this.unschedulablePods.size === 0 || !isEventOfInterest(this.hints, event)) return;
    this.movePods([...this.unschedulablePods.values()].filter((p) => preCheck === undefined || preCheck(p.pod)), event, oldObj, newObj);
  }

  /** The nominated pods of a node (for filtering with nominated pods). */
  addNominatedPod(pod: Pod, nodeName: string | undefined): void {
    this.nominator.add(podInfoFor(pod), nodeName ?? pod.status?.nominatedNodeName ?? '');
  }

  /** Sizes for the dashboard. */
  stats(): QueueStats {
    let gated = 0;
    for (const p of this.unschedulablePods.values()) if (p.gated) gated++;
    return { active: this.activeQ.size, backoff: this.backoffQ.size, unschedulable: this.unschedulablePods.size - gated, gated };
  }

  /** Every pending pod with where it waits. */
  pendingPods(): { pod: Pod; queue: 'active' | 'backoff' | 'unschedulable' | 'gated'; attempts: number }[] {
    return [
      ...this.activeQ.list().map((p) => ({ pod: p.pod, queue: 'active' as const, attempts: p.attempts })),
      ...this.backoffQ.list().map((p) => ({ pod: p.pod, queue: 'backoff' as const, attempts: p.attempts })),
      ...[...this.unschedulablePods.values()].map((p) => ({ pod: p.pod, queue: p.gated ? ('gated' as const) : ('unschedulable' as const), attempts: p.attempts })),
    ];
  }

  /** Close: drops every pod and timer. */
  close(): void {
    this.closed = true;
    this.activeQ.clear();
    this.backoffQ.clear();
    this.unschedulablePods.clear();
    this.nominator.clear();
    if (this.backoffTimer !== undefined) this.clock.clearTimeout(this.backoffTimer.id);
    if (this.flushTimer !== undefined) this.clock.clearTimeout(this.flushTimer);
    this.backoffTimer = undefined;
    this.flushTimer = undefined;
  }

  private newQueuedPodInfo(pod: Pod): QueuedPodInfo {
    const now = this.clock.now();
    return { pod, key: podKey(pod), timestamp: now, initialAttemptTimestamp: undefined, attempts: 0, unschedulablePlugins: new Set(), pendingPlugins: new Set(), gated: false, seq: this.seq++ };
  }

  private updateNomination(pod: Pod): void {
    const nominated = pod.status?.nominatedNodeName ?? '';
    if (nominated !== '' || this.nominator.nodeFor(pod.metadata.uid ?? '') !== undefined) this.addNominatedPod(pod, nominated);
  }

  /** moveToActiveQ: runs PreEnqueue; a gated pod goes (back) to unschedulablePods. */
  private moveToActiveQ(info: QueuedPodInfo): boolean {
    if (this.closed) return false;
    const status = this.framework.runPreEnqueuePlugins(info.pod);
    info.gated = status !== undefined;
    if (status !== undefined) {
      info.unschedulablePlugins.add(status.plugin);
      if (!this.activeQ.has(info.key) && !this.backoffQ.has(info.key)) this.unschedulablePods.set(info.key, info);
      return false;
    }
    info.initialAttemptTimestamp ??= this.clock.now();
    this.activeQ.addOrUpdate(info);
    this.unschedulablePods.delete(info.key);
    this.backoffQ.delete(info.key);
    this.updateNomination(info.pod);
    return true;
  }

  /** requeuePodViaQueueingHint: where a pod goes after a hint. */
  private requeue(info: QueuedPodInfo, strategy: Strategy): 'active' | 'backoff' | 'unschedulable' {
    if (strategy === 'skip') {
      this.unschedulablePods.set(info.key, info);
      this.scheduleFlush();
      return 'unschedulable';
    }
    this.unschedulablePods.delete(info.key);
    if (strategy === 'afterBackoff' && this.isPodBackingOff(info)) {
      this.backoffQ.addOrUpdate(info);
      this.scheduleBackoffFlush();
      return 'backoff';
    }
    if (this.moveToActiveQ(info)) {
      this.onActive();
      return 'active';
    }
    return 'unschedulable';
  }

  private movePods(pods: readonly QueuedPodInfo[], event: ClusterEvent, oldObj?: KubeObject, newObj?: KubeObject): void {
    for (const info of pods) {
      if (info.gated && info.unschedulablePlugins.has('SchedulingGates')) continue;
      const strategy = isPodWorthRequeuing(this.hints, info, event, oldObj, newObj);
      if (strategy === 'skip') continue;
      this.requeue(info, strategy);
    }
  }

  /** calculateBackoffDuration: initial × 2^(attempts−1), at most the maximum. */
  private backoffDuration(info: QueuedPodInfo): number {
    if (info.attempts === 0) return 0;
    let duration = this.timings.podInitialBackoffMs;
    for (let i = 1; i < info.attempts; i++) {
      if (duration > this.timings.podMaxBackoffMs - duration) return this.timings.podMaxBackoffMs;
      duration += duration;
    }
    return duration;
  }

  private backoffTime(info: QueuedPodInfo): number {
    return info.timestamp + this.backoffDuration(info);
  }

  private isPodBackingOff(info: QueuedPodInfo): boolean {
    return !info.gated && this.backoffTime(info) > this.clock.now();
  }

  /** flushBackoffQCompleted, timed for the earliest back-off to end. */
  private scheduleBackoffFlush(): void {
    const first = this.backoffQ.peek();
    if (first === undefined || this.closed) return;
    const due = this.backoffTime(first);
    if (this.backoffTimer !== undefined) {
      if (this.backoffTimer.due <= due) return;
      this.clock.clearTimeout(this.backoffTimer.id);
    }
    const id = this.clock.setTimeout(() => this.flushBackoffQ(), Math.max(0, due - this.clock.now()));
    this.backoffTimer = { id, due };
  }

  private flushBackoffQ(): void {
    this.backoffTimer = undefined;
    const now = this.clock.now();
    let activated = false;
    for (let first = this.backoffQ.peek(); first !== undefined && this.backoffTime(first) <= now; first = this.backoffQ.peek()) {
      this.backoffQ.pop();
      if (this.moveToActiveQ(first)) activated = true;
    }
    this.scheduleBackoffFlush();
    if (activated) this.onActive();
  }

  /** flushUnschedulablePodsLeftover, every flush interval while pods wait (a background timer: it never keeps the cluster busy). */
  private scheduleFlush(): void {
    if (this.flushTimer !== undefined || this.closed) return;
    this.flushTimer = this.clock.setBackgroundTimeout(() => {
      this.flushTimer = undefined;
      const now = this.clock.now();
      const expired = [...this.unschedulablePods.values()].filter((p) => now - p.timestamp > this.timings.podMaxInUnschedulablePodsDurationMs);
      this.movePods(expired, EVENT_UNSCHEDULABLE_TIMEOUT);
      if ([...this.unschedulablePods.values()].some((p) => !p.gated)) this.scheduleFlush();
    }, this.timings.unschedulablePodsFlushIntervalMs);
  }
}
