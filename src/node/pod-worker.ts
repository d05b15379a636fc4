/**
 * The data and the sync logic behind one pod actor (the kubelet's pod worker and
 * kuberuntime's SyncPod): each sync re-reads the pod and the node's runtime records, works out
 * what should run (computePodActions), and does the next thing — mount, sandbox, pull, start —
 * one container at a time, as SyncPod does. The pod machine (pod-machine.ts) sequences the steps
 * and their delays; this object holds no copy of the Pod, only the informer's frozen object.
 */
import type { KubeObject } from '../api/types.js';
import type { EventType } from '../client/event-recorder.js';
import type { AnyActorRef } from 'xstate';
import type { TimerId } from '../clock/types.js';
import type { ContainerHistory, PodRuntimeRecords } from './container-store.js';
import { isRunning, stopContainer } from './container-store.js';
import { prepareStart, startContainer } from './container-start.js';
import { finishPull, type PullContext } from './image-puller.js';
import { formatPod, KubeletEventReason as Reason, kubeletMessages as msg } from './kubelet-events.js';
import type { KubeletHost } from './kubelet-host.js';
import { mountFailures } from './pod-config.js';
import { computePodActions, type PodActions } from './pod-actions.js';
import { ContainerTrack } from './container-track.js';
import type { ContainerSpec, PodStatus, PodView } from './pod-types.js';
import { RESYNC_TAG } from './pod-machine.js';
import { podRoute, type PodRoute } from './pod-route.js';
import { generatePodStatus } from './pod-status-source.js';

/** The next thing the pod actor does. */
export type PodStep = 'terminate' | 'mount' | 'network' | 'pull' | 'start' | 'idle';

/** The events a pod worker sends its actor. */
export type PodActorEvent = { type: 'pod.synced' } | { type: 'sync' } | { type: 'pod.deleting' } | { type: 'pod.removed' };

/** The worker ran SyncPod: the actor moves to where it left the pod. */
const SYNCED: PodActorEvent = { type: 'pod.synced' };
/** Something changed for a pod that is not resting (a terminating pod checks its containers). */
const SYNC: PodActorEvent = { type: 'sync' };
const DELETING: PodActorEvent = { type: 'pod.deleting' };
const REMOVED: PodActorEvent = { type: 'pod.removed' };

/** One pod on this node: its containers' tracks, its step, its status source. */
export class PodWorker implements PullContext {
  pod: PodView;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  /** `name_namespace(uid)`, as kubelet messages print a pod. */
  readonly podRef: string;
  readonly tracks = new Map<string, ContainerTrack>();
  step: PodStep = 'idle';
  route: PodRoute = 'starting';
  /** The delay of the current step (pull, start — including the sandbox's creation before it —, mount retry). */
  stepDelayMs = 0;
  /** The timer of the step in progress (armed when the actor enters the step's state). */
  private stepTimer: TimerId | undefined;
  /** The container the current pull or start step is for. */
  stepTrack: ContainerTrack | undefined;
  terminal = false;
  deleting = false;
  /** The pod is gone from the API. */
  removed = false;
  /** The kubelet deleted the terminated pod's object. */
  objectDeleted = false;
  disposed = false;
  lastWritten: PodStatus | undefined;
  podIP: string | undefined;
  readonly startTime: string | undefined;
  /** When this kubelet first saw the pod (status.startTime when the pod had none). */
  readonly firstSeen: number;
  private actor: AnyActorRef | undefined;
  private wakeTimer: TimerId | undefined;
  private volumesReady = false;
  private mountDelayMs = 0;
  private networkReported = false;

  constructor(
    readonly host: KubeletHost,
    pod: KubeObject,
  ) {
    this.pod = pod as PodView;
    this.uid = pod.metadata.uid ?? '';
    this.namespace = pod.metadata.namespace ?? 'default';
    this.name = pod.metadata.name ?? '';
    this.podRef = formatPod(this.name, this.namespace, this.uid);
    this.startTime = this.pod.status?.startTime;
    this.firstSeen = host.clock.now();
    this.deleting = pod.metadata.deletionTimestamp !== undefined;
    for (const c of this.pod.spec.initContainers ?? []) this.tracks.set(c.name, new ContainerTrack(this, c.name, true));
    for (const c of this.pod.spec.containers ?? []) this.tracks.set(c.name, new ContainerTrack(this, c.name, false));
    this.adopt();
  }

  get runtime() {
    return this.host.runtime;
  }
  get images() {
    return this.host.images;
  }
  get pullBackoff() {
    return this.host.pullBackoff;
  }
  get timings() {
    return this.host.timings;
  }
  get podUid(): string {
    return this.uid;
  }

  /** Binds the worker to its actor (called from the machine's context factory). */
  attach(actor: AnyActorRef): void {
    this.actor = actor;
  }

  /**
   * Something changed (a container exited, a probe flipped, the network came up): a resting pod
   * syncs again and its actor follows; any other state hears `sync`. Called from timers and
   * informer handlers, never from inside the actor's own actions.
   */
  resync(): void {
    const actor = this.actor;
    if (this.disposed || actor === undefined) return;
    if (actor.getSnapshot().hasTag(RESYNC_TAG)) {
      this.sync();
      actor.send(SYNCED);
    } else actor.send(SYNC);
  }

  /** Arms the current step's timer (entry of a step state): when it fires the step completes and the pod syncs. */
  startStep(): void {
    this.stepTimer = this.host.clock.setTimeout(this.stepDone, this.stepDelayMs);
  }

  private readonly stepDone = (): void => {
    this.stepTimer = undefined;
    if (this.disposed) return;
    this.completeStep();
    this.sync();
    this.actor?.send(SYNCED);
  };

  private cancelStep(): void {
    if (this.stepTimer !== undefined) this.host.clock.clearTimeout(this.stepTimer);
    this.stepTimer = undefined;
  }

  /** Whether the pod's sandbox is up (PodReadyToStartContainers, and its IP in the status). */
  sandboxReady(now: number): boolean {
    const sandbox = this.records()?.sandbox;
    return sandbox !== undefined && sandbox.createdAt <= now;
  }

  /** The records of this pod in the node's container store. */
  records(): PodRuntimeRecords | undefined {
    return this.host.store.find(this.uid);
  }

  /** The spec of a container by name. */
  specOf(name: string): ContainerSpec | undefined {
    const track = this.tracks.get(name);
    const list = track?.init ? this.pod.spec.initContainers : this.pod.spec.containers;
    return list?.find((c) => c.name === name);
  }

  /** The container's startup probe passed (or it has none). */
  isStarted(name: string): boolean {
    return this.tracks.get(name)?.started() ?? false;
  }

  /** The runtime records of one spec container. */
  history(name: string): ContainerHistory | undefined {
    return this.records()?.containers.get(name);
  }

  /** Records an event about the pod, or about one of its containers. */
  event(track: { name: string } | undefined, type: EventType, reason: string, message: string): void {
    const t = track === undefined ? undefined : this.tracks.get(track.name);
    this.host.recorder.event(t === undefined ? this.pod : t.reference(), type, reason, message);
  }

  /** The status changed (or may have): the status manager writes it at the end of the tick. */
  statusChanged(): void {
    if (!this.disposed) this.host.status.markDirty(this);
  }

  /** A newer version of the pod from the informer. */
  podUpdated(pod: KubeObject): void {
    const previous = this.pod;
    this.pod = pod as PodView;
    if (pod.metadata.deletionTimestamp !== undefined) {
      const shortened = this.deleting && pod.metadata.deletionGracePeriodSeconds !== previous.metadata.deletionGracePeriodSeconds;
      if ((!this.deleting || shortened) && !this.disposed) this.actor?.send(DELETING);
      this.deleting = true;
      return;
    }
    if ((this.pod.spec.readinessGates ?? []).length > 0 && previous.status?.conditions !== this.pod.status?.conditions) this.statusChanged();
    else if (previous.status !== this.pod.status && !this.disposed) this.host.status.reconcile(this, this.pod.status);
  }

  /** The pod is gone from the API (deleted with grace 0, or after the kubelet finished it). */
  podRemoved(): void {
    this.removed = true;
    if (!this.disposed) this.actor?.send(REMOVED);
  }

  /** Re-adopts what the container store holds for this pod (after a kubelet restart). */
  private adopt(): void {
    const records = this.records();
    if (records?.sandbox !== undefined) this.podIP = records.sandbox.ip === '' ? this.host.nodeIP : records.sandbox.ip;
    else if (this.pod.status?.podIP !== undefined) this.podIP = this.pod.status.podIP;
    const now = this.host.clock.now();
    for (const track of this.tracks.values()) {
      const history = records?.containers.get(track.name);
      if (history !== undefined && isRunning(history.current, now)) track.watch(history.current);
    }
  }

  /** One pass of SyncPod: decides `step` (and does everything that takes no time). */
  sync(): void {
    const now = this.host.clock.now();
    this.cancelWake();
    this.step = 'idle';
    this.stepTrack = undefined;
    if (this.lastWritten === undefined) this.statusChanged(); // the first sync reports the pod (Pending, ContainerCreating)
    if (this.deleting) {
      this.step = 'terminate';
      return;
    }
    const apiPhase = this.pod.status?.phase;
    if (!this.terminal && (apiPhase === 'Succeeded' || apiPhase === 'Failed')) this.becomeTerminal();
    if (this.terminal) {
      this.route = this.apiStatus().phase === 'Succeeded' ? 'succeeded' : 'failed';
      return;
    }
    if (!this.volumesReady && !this.checkVolumes()) return;
    const sandboxReadyAt = this.ensureSandbox(now);
    if (sandboxReadyAt === undefined) return;
    const actions = computePodActions(this, now);
    this.stopForCompletion(actions, now);
    if (actions.terminal) {
      this.becomeTerminal();
      this.route = this.apiStatus().phase === 'Succeeded' ? 'succeeded' : 'failed';
      return;
    }
    for (const name of actions.toStart) {
      const track = this.tracks.get(name);
      if (track === undefined) continue;
      const outcome = prepareStart(this, track, now, sandboxReadyAt);
      if (outcome === 'pull') {
        this.beginStep('pull', track, (track.pendingPull?.finishAt ?? now) - now);
        return;
      }
      if (outcome === 'start') {
        this.beginStep('start', track, Math.max(0, sandboxReadyAt - now) + this.host.timings.containerStartMs);
        return;
      }
      if (outcome === 'blocked' && track.init && !actions.regularStarted) break;
    }
    this.route = podRoute(this, now);
    this.scheduleWake(now);
    this.statusChanged();
  }

  /** Volumes: a missing ConfigMap or Secret keeps the pod in ContainerCreating, retried with back-off. */
  private checkVolumes(): boolean {
    const failures = mountFailures(this.host.api, this.namespace, this.pod.spec.volumes);
    if (failures.length === 0) {
      this.volumesReady = true;
      return true;
    }
    for (const f of failures) this.event(undefined, 'Warning', Reason.FailedMount, msg.mountFailed(f.volume, f.error));
    const t = this.host.timings;
    this.mountDelayMs = this.mountDelayMs === 0 ? t.mountRetryInitialMs : Math.min(this.mountDelayMs * 2, t.mountRetryMaxMs);
    this.step = 'mount';
    this.stepDelayMs = this.mountDelayMs;
    this.statusChanged();
    return false;
  }

  /**
   * RunPodSandbox: the pod gets its IP from the node's podCIDR (its host's IP on the host network);
   * the sandbox is ready `sandboxCreateMs` later, and the first pull or start waits for it. Without
   * a podCIDR the pod waits for the network. Returns when the sandbox is (or will be) ready.
   */
  private ensureSandbox(now: number): number | undefined {
    const records = this.host.store.pod(this.uid);
    if (records.sandbox !== undefined) return records.sandbox.createdAt;
    const hostNetwork = this.pod.spec.hostNetwork === true;
    const ip = hostNetwork ? '' : this.host.ipam.allocate(this.uid);
    if (ip === undefined) {
      if (!this.networkReported) this.event(undefined, 'Warning', Reason.NetworkNotReady, msg.networkNotReady);
      this.networkReported = true;
      this.step = 'network';
      this.statusChanged();
      return undefined;
    }
    const readyAt = now + this.host.timings.sandboxCreateMs;
    records.sandbox = { podUid: this.uid, ip, createdAt: readyAt };
    this.podIP = hostNetwork ? this.host.nodeIP : ip;
    return readyAt;
  }

  /** Sidecars of a pod whose regular containers are done get SIGTERM. */
  private stopForCompletion(actions: PodActions, now: number): void {
    for (const record of actions.toStop) {
      const track = this.tracks.get(record.name);
      if (track === undefined || record.stopping) continue;
      this.event(track, 'Normal', Reason.Killing, msg.stopping(record.name));
      stopContainer(record, now, this.gracePeriodMs());
      track.watch(record);
    }
  }

  private beginStep(step: PodStep, track: ContainerTrack, delayMs: number): void {
    this.step = step;
    this.stepTrack = track;
    this.stepDelayMs = Math.max(0, delayMs);
  }

  /** The current step's delay is over: the pull finished, or the container started. */
  completeStep(): void {
    const now = this.host.clock.now();
    const track = this.stepTrack;
    if (this.step === 'pull' && track !== undefined) {
      if (!finishPull(this, track, now)) this.statusChanged();
    } else if (this.step === 'start' && track !== undefined) startContainer(this, track, now);
  }

  /** The pod's containers will not run again: its sandbox is torn down and its IP released. */
  becomeTerminal(): void {
    this.terminal = true;
    for (const track of this.tracks.values()) track.unwatch();
    const records = this.host.store.find(this.uid);
    if (records !== undefined) records.sandbox = undefined;
    this.host.ipam.release(this.uid);
    this.statusChanged();
  }

  private scheduleWake(now: number): void {
    let at = Infinity;
    for (const track of this.tracks.values()) if (track.retryAt > now && track.retryAt < at) at = track.retryAt;
    if (at === Infinity) return;
    this.wakeTimer = this.host.clock.setTimeout(() => {
      this.wakeTimer = undefined;
      this.resync();
    }, at - now);
  }

  private cancelWake(): void {
    if (this.wakeTimer !== undefined) this.host.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
  }

  /** The grace period of a stop: deletionGracePeriodSeconds, else terminationGracePeriodSeconds, at least the minimum. */
  gracePeriodMs(seconds?: number): number {
    const grace = seconds ?? this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
    const t = this.host.timings;
    return Math.max(grace * 1000 * t.gracePeriodScale, t.minimumGracePeriodMs);
  }

  /** The pod stops waiting: its wake-up and its step in progress are cancelled (termination begins, or the actor ends). */
  settle(): void {
    this.cancelWake();
    this.cancelStep();
  }

  /** The actor ended: containers, sandbox, IP, back-offs and timers of the pod are gone. */
  dispose(removeRecords: boolean): void {
    this.settle();
    for (const track of this.tracks.values()) track.unwatch();
    if (removeRecords) {
      this.host.store.removePod(this.uid);
      this.host.ipam.release(this.uid);
      this.host.crashBackoff.deletePrefix(this.uid);
      this.host.pullBackoff.deletePrefix(this.uid);
    }
    this.disposed = true;
  }

  /** The pod status as the kubelet would write it now. */
  apiStatus(): PodStatus {
    return generatePodStatus(this, this.host.clock.now());
  }
}
