/**
 * One probe of one container instance (pkg/kubelet/prober/worker.go): it runs every
 * `periodSeconds` from `initialDelaySeconds` after the container started, and its result only
 * flips after `successThreshold` consecutive successes or `failureThreshold` consecutive
 * failures. A failed liveness or startup result puts it on hold until the container is replaced.
 */
import type { KubeObject } from '../api/types.js';
import type { BackgroundClock, TimerId } from '../clock/types.js';
import { renderTimeMarks } from './runtime/shell/date.js';
import type { ContainerRuntime, ProbeKind } from './runtime/types.js';
import type { ContainerSpec, ProbeSpec } from './pod-types.js';

/** proberesults.Result. */
export type ProbeResult = 'success' | 'failure' | 'unknown';

/** What a probe worker needs from its pod. */
export interface ProbeHost {
  readonly clock: BackgroundClock;
  readonly runtime: ContainerRuntime;
  /** The pod as last seen. */
  pod(): KubeObject;
  /** Whether the container's startup probe (if any) has succeeded: liveness and readiness wait for it. */
  started(): boolean;
  /** A run failed (the `Unhealthy` event). */
  failed(worker: ProbeWorker, output: string): void;
  /** The result changed. */
  changed(worker: ProbeWorker): void;
}

/** The result a probe starts from (readiness: not ready; liveness: alive; startup: unknown). */
function initialResult(kind: ProbeKind): ProbeResult {
  return kind === 'readiness' ? 'failure' : kind === 'liveness' ? 'success' : 'unknown';
}

/** A periodic probe of one container instance. */
export class ProbeWorker {
  private current: ProbeResult;
  private lastRun: ProbeResult = 'unknown';
  private resultRun = 0;
  private onHold = false;
  private timer: TimerId | undefined;
  private stopped = false;

  constructor(
    private readonly host: ProbeHost,
    readonly kind: ProbeKind,
    readonly container: ContainerSpec,
    readonly probe: ProbeSpec,
    /** When the probed container instance started. */
    private readonly startedAt: number,
  ) {
    this.current = initialResult(kind);
  }

  /** The current result. */
  get result(): ProbeResult {
    return this.current;
  }

  /** Schedules the first run: `initialDelaySeconds` after the container started, or now if that has passed. */
  start(): void {
    const firstAt = this.startedAt + (this.probe.initialDelaySeconds ?? 0) * 1000;
    this.schedule(Math.max(0, firstAt - this.host.clock.now()));
  }

  /** Stops probing (the container exited or the pod is gone). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.host.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Until a readiness or startup probe first succeeds its runs are pending work; after that (and
   * for liveness) they are routine upkeep that does not keep the cluster from settling.
   */
  private schedule(ms: number): void {
    const run = (): void => this.run();
    const routine = this.kind === 'liveness' || this.current === 'success';
    this.timer = routine ? this.host.clock.setBackgroundTimeout(run, ms) : this.host.clock.setTimeout(run, ms);
  }

  private run(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const period = (this.probe.periodSeconds ?? 10) * 1000;
    if (this.kind === 'startup' && this.current === 'success') return; // done: no more startup probes
    if (this.onHold || (this.kind !== 'startup' && !this.host.started())) {
      this.schedule(period);
      return;
    }
    const sinceStart = this.host.clock.now() - this.startedAt;
    const outcome = this.host.runtime.probe(this.host.pod(), this.container, this.kind, this.probe, sinceStart);
    const result: ProbeResult = outcome.success ? 'success' : 'failure';
    // An exec probe's output may hold `date`'s time marks (container time): print them as of this run.
    if (!outcome.success) this.host.failed(this, renderTimeMarks(outcome.message ?? '', this.startedAt));
    if (result === this.lastRun) this.resultRun++;
    else {
      this.lastRun = result;
      this.resultRun = 1;
    }
    const threshold = result === 'failure' ? (this.probe.failureThreshold ?? 3) : (this.probe.successThreshold ?? 1);
    if (this.resultRun >= threshold && result !== this.current) {
      this.current = result;
      if (this.kind !== 'readiness' && result === 'failure') {
        this.onHold = true;
        this.resultRun = 0;
      }
      this.host.changed(this);
    }
    if (!this.stopped && !(this.kind === 'startup' && this.current === 'success')) this.schedule(period);
  }
}
