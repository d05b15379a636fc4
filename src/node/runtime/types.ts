/**
 * The simulated container runtime's contract with the kubelet. Nothing is ever executed: what a
 * container does is derived, deterministically, from its pod and container spec (DESIGN.md, "What a
 * simulated container does"). The kubelet asks; the runtime answers with plans and outcomes.
 */
import type { KubeObject, JsonObject } from '../../api/types.js';
import type { ProgramOutput } from './log-lines.js';

/** Result of asking the simulated registry for an image. */
export type ImagePullPlan =
  | {
      ok: true;
      /** How long the pull takes on a node that does not have the image (seeded, by image). */
      durationMs: number;
      /** Image size as the `Pulled` event reports it ("Image size: N bytes"). */
      sizeBytes: number;
      /** The normalised reference, e.g. `docker.io/library/nginx:1.27`. */
      imageRef: string;
      /** `status.containerStatuses[].imageID`, e.g. `docker.io/library/nginx@sha256:…`. */
      imageId: string;
    }
  | {
      ok: false;
      /** `InvalidImageName` (never retried) or `ErrImagePull` (retried with back-off). */
      reason: 'InvalidImageName' | 'ErrImagePull';
      /** The kubelet's event / status message, in its real wording. */
      message: string;
      /**
       * The `Failed` event's text when it differs from `message`: for `ErrImagePull` the kubelet
       * writes `Failed to pull image "<spec image>": <message>`; for `InvalidImageName` the two agree.
       */
      eventMessage?: string;
      /** How long the registry takes to refuse (0 for a reference that does not parse). */
      durationMs?: number;
    };

/** What a started container will do by itself. */
export interface ContainerRunPlan {
  /** Milliseconds after start at which it exits on its own; undefined: runs until stopped. */
  exitAfterMs?: number;
  /** Exit code when it exits on its own (0 = success). */
  exitCode?: number;
  /** `Completed`, `Error` or `OOMKilled`, as `state.terminated.reason` shows it. */
  reason?: 'Completed' | 'Error' | 'OOMKilled';
  /** `state.terminated.message` (what the container wrote to its termination-log), if any. */
  message?: string;
  /** How long it takes to exit after SIGTERM; undefined: ignores SIGTERM (killed at the end of the grace period). */
  stopAfterSigtermMs?: number;
  /**
   * Set when the runtime cannot start the process at all (e.g. `bash` in a busybox image): the
   * containerd error, as `state.terminated.message` and the `Failed` event (`Error: <startError>`)
   * show it. The plan then exits at once with code 128 (`state.terminated.reason` StartError, waiting RunContainerError).
   */
  startError?: string;
  /**
   * What the container's own program writes to stdout then stderr, untimed and with `date`'s time
   * marks unprinted (a summary for tests; `kubectl logs` reads `output`).
   */
  log?: string;
  /** What it writes with when each line is written, after the container starts (lines rendered only when read). */
  output?: ProgramOutput;
}

/** Which probe. */
export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** The outcome of one probe run. */
export interface ProbeOutcome {
  success: boolean;
  /** On failure, the text after "Liveness probe failed: " in the `Unhealthy` event. */
  message?: string;
}

/** The simulated container runtime (containerd + the registry it pulls from). */
export interface ContainerRuntime {
  /** Resolves and "pulls" `image` for a container of `pod`; honours the pod's playground annotations. */
  pullImage(image: string, pod: KubeObject, containerName: string): ImagePullPlan;
  /**
   * What the container does once started. `restartCount` lets annotations vary behaviour across
   * restarts; `container` is the spec entry (`spec.containers[i]` or `spec.initContainers[i]`).
   */
  planContainer(pod: KubeObject, container: JsonObject, restartCount: number): ContainerRunPlan;
  /** Runs a probe of `container`, `sinceStartMs` after the container started. */
  probe(pod: KubeObject, container: JsonObject, kind: ProbeKind, probe: JsonObject, sinceStartMs: number): ProbeOutcome;
  /** A new container id (64 hex chars, seeded), shown as `containerd://<id>`. */
  newContainerId(): string;
}

/** Knobs for `createContainerRuntime`. */
export interface ContainerRuntimeOptions {
  /** Registry download speed in bytes per second (default 30 MB/s). */
  pullBytesPerSecond?: number;
  /** Fixed cost of every pull: resolve, auth, unpack start (default 300 ms). */
  pullOverheadMs?: number;
  /** ClusterIP of the `kubernetes` Service, for the KUBERNETES_* variables every container sees (default 10.96.0.1). */
  kubernetesServiceHost?: string;
}
