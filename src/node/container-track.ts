/**
 * What the kubelet keeps about one spec container of a pod between syncs: the reason its last
 * start failed (the reasonCache), when to try again, the image pull in flight, and — for the
 * running instance — its exit timer and its probe workers (the prober manager).
 */
import type { KubeObject } from '../api/types.js';
import { referenceTo, type ObjectReference } from '../client/event-recorder.js';
import type { BackgroundClock, TimerId } from '../clock/types.js';
import type { ContainerRecord } from './container-store.js';
import { isRunning, stopContainer } from './container-store.js';
import type { PendingPull, PullTrack } from './image-puller.js';
import { KubeletEventReason as Reason, kubeletMessages as msg } from './kubelet-events.js';
import type { PodWorker } from './pod-worker.js';
import { ProbeWorker, type ProbeHost } from './probe-worker.js';
import type { ContainerRuntime, ProbeKind } from './runtime/types.js';

const PROBE_FIELDS: readonly [ProbeKind, 'startupProbe' | 'readinessProbe' | 'livenessProbe'][] = [
  ['startup', 'startupProbe'],
  ['readiness', 'readinessProbe'],
  ['liveness', 'livenessProbe'],
];

/** The kubelet's memory of one spec container. */
export class ContainerTrack implements PullTrack, ProbeHost {
  /** `spec.containers{name}` or `spec.initContainers{name}`: the events' fieldPath. */
  readonly fieldPath: string;
  /** The CrashLoopBackOff key. */
  readonly backoffKey: string;
  waiting: { reason: string; message?: string } | undefined;
  retryAt = 0;
  imageReady = false;
  pendingPull: PendingPull | undefined;
  prevPullError: string | undefined;
  notifiedPullBackOff: number | undefined;
  notifiedCrashBackOff: number | undefined;
  private instance: ContainerRecord | undefined;
  private exitTimer: TimerId | undefined;
  private readonly probes = new Map<ProbeKind, ProbeWorker>();
  private referencedPod: KubeObject | undefined;
  private eventReference: ObjectReference | undefined;

  constructor(
    private readonly worker: PodWorker,
    readonly name: string,
    /** Whether it is one of the pod's init containers. */
    readonly init: boolean,
  ) {
    this.fieldPath = `${init ? 'spec.initContainers' : 'spec.containers'}{${name}}`;
    this.backoffKey = `${worker.uid}/${name}`;
  }

  get clock(): BackgroundClock {
    return this.worker.host.clock;
  }

  get runtime(): ContainerRuntime {
    return this.worker.host.runtime;
  }

  pod(): KubeObject {
    return this.worker.pod;
  }

  /** The reference events about this container carry (with its fieldPath), made once per version of the pod. */
  reference(): ObjectReference {
    const pod = this.worker.pod;
    if (this.eventReference === undefined || this.referencedPod !== pod) {
      this.referencedPod = pod;
      this.eventReference = referenceTo(pod, this.fieldPath);
    }
    return this.eventReference;
  }

  /** The startup probe passed (or there is none): `status.started`, and liveness/readiness may run. */
  started(): boolean {
    const startup = this.probes.get('startup');
    return startup === undefined ? this.worker.specOf(this.name)?.startupProbe === undefined : startup.result === 'success';
  }

  /** The readiness probe passes (or there is none). */
  isReady(): boolean {
    const readiness = this.probes.get('readiness');
    return readiness === undefined ? this.worker.specOf(this.name)?.readinessProbe === undefined : readiness.result === 'success';
  }

  /** A new instance of the container started: the last start error is forgotten and the instance watched. */
  containerStarted(record: ContainerRecord): void {
    this.waiting = undefined;
    this.imageReady = false;
    this.retryAt = 0;
    this.notifiedCrashBackOff = undefined;
    this.watch(record);
  }

  /** Watches a running instance: a timer for its exit, probe workers for its probes. */
  watch(record: ContainerRecord): void {
    const clock = this.clock;
    if (this.exitTimer !== undefined) clock.clearTimeout(this.exitTimer);
    this.exitTimer = undefined;
    if (record.exitAt !== undefined) {
      this.exitTimer = clock.setTimeout(() => this.exited(record), Math.max(0, record.exitAt - clock.now()));
    }
    if (this.instance === record) return;
    this.stopProbes();
    this.instance = record;
    const spec = this.worker.specOf(this.name);
    if (spec === undefined) return;
    for (const [kind, field] of PROBE_FIELDS) {
      const probe = spec[field];
      if (probe === undefined) continue;
      const worker = new ProbeWorker(this, kind, spec, probe, record.startedAt);
      this.probes.set(kind, worker);
      worker.start();
    }
  }

  /** Stops watching (the pod is terminal, gone, or the kubelet stopped). */
  unwatch(): void {
    if (this.exitTimer !== undefined) this.clock.clearTimeout(this.exitTimer);
    this.exitTimer = undefined;
    this.stopProbes();
    this.instance = undefined;
  }

  private stopProbes(): void {
    for (const probe of this.probes.values()) probe.stop();
    this.probes.clear();
  }

  private exited(record: ContainerRecord): void {
    this.exitTimer = undefined;
    if (record !== this.instance) return;
    this.stopProbes();
    this.worker.statusChanged();
    this.worker.resync();
  }

  failed(probe: ProbeWorker, output: string): void {
    this.worker.event(this, 'Warning', Reason.Unhealthy, msg.probeFailed(probe.kind, output));
  }

  changed(probe: ProbeWorker): void {
    if (probe.kind !== 'readiness' && probe.result === 'failure') {
      this.kill(probe);
      return;
    }
    this.worker.statusChanged();
    this.worker.resync();
  }

  /** A failed liveness or startup probe: the container is stopped and will be restarted. */
  private kill(probe: ProbeWorker): void {
    const record = this.instance;
    const now = this.clock.now();
    if (record === undefined || !isRunning(record, now) || record.stopping) return;
    this.worker.event(this, 'Normal', Reason.Killing, msg.probeKill(this.name, probe.kind === 'startup' ? 'startup' : 'liveness'));
    stopContainer(record, now, this.worker.gracePeriodMs(probe.probe.terminationGracePeriodSeconds ?? this.worker.pod.spec.terminationGracePeriodSeconds));
    this.watch(record);
    this.worker.statusChanged();
  }
}
