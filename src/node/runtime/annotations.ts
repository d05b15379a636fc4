/**
 * The `playground.k8s.io/…` annotations: how a manifest asks the simulated runtime for a behaviour
 * that its command alone would not produce. One table, so that the README is generated from the
 * same entries the runtime reads.
 */
import type { KubeObject } from '../../api/types.js';
import { parseDuration } from './duration.js';

/** The prefix every playground annotation key starts with. */
export const PLAYGROUND_ANNOTATION_PREFIX = 'playground.k8s.io/';

/** One playground annotation: its name (the key after the prefix), an example value, what it does. */
export interface PlaygroundAnnotation {
  readonly name: PlaygroundAnnotationName;
  readonly example: string;
  readonly description: string;
}

/** The names of the playground annotations. */
export type PlaygroundAnnotationName =
  | 'crash-after'
  | 'exit-code'
  | 'crash-times'
  | 'oom-after'
  | 'readiness'
  | 'ready-after'
  | 'liveness'
  | 'liveness-fail-after'
  | 'startup-after'
  | 'image-pull'
  | 'pull-duration'
  | 'shutdown-after';

/**
 * Every playground annotation. Each may be set on the Pod (pod template) for all its containers,
 * or for one container with a `.<container-name>` suffix on the key
 * (`playground.k8s.io/crash-after.web: 30s`), which wins over the pod-wide key.
 */
export const PLAYGROUND_ANNOTATIONS: readonly PlaygroundAnnotation[] = [
  {
    name: 'crash-after',
    example: '30s',
    description: 'The container exits with code 1 (or `exit-code`) this long after it starts, on every run: CrashLoopBackOff.',
  },
  {
    name: 'exit-code',
    example: '42',
    description:
      'The exit code the container ends with: at `crash-after` if set, otherwise when its command ends, or at once if the command would run forever. 0 means Completed.',
  },
  {
    name: 'crash-times',
    example: '3',
    description: '`crash-after`, `exit-code` and `oom-after` apply only to the first N runs; later restarts run normally (a crash loop that recovers).',
  },
  {
    name: 'oom-after',
    example: '2m',
    description: 'Memory grows until the container is OOMKilled (exit code 137) this long after it starts.',
  },
  {
    name: 'readiness',
    example: 'fail',
    description: 'Readiness probes always fail (HTTP 503, refused connection, NOT_SERVING): the Pod stays Running but not Ready.',
  },
  {
    name: 'ready-after',
    example: '20s',
    description: 'Readiness probes fail (connection refused) until the container has run this long: a slow warm-up.',
  },
  {
    name: 'liveness',
    example: 'fail',
    description: 'Liveness probes always fail (HTTP 500): the kubelet restarts the container after failureThreshold probes.',
  },
  {
    name: 'liveness-fail-after',
    example: '1m',
    description: 'Liveness probes pass until the container has run this long, then fail: a process that hangs.',
  },
  {
    name: 'startup-after',
    example: '45s',
    description: 'The application listens only after this long: every probe fails (connection refused) before that, as a slow start looks to a startupProbe.',
  },
  {
    name: 'image-pull',
    example: 'fail',
    description: 'Pulling the image fails with ErrImagePull (`not found`), then ImagePullBackOff.',
  },
  {
    name: 'pull-duration',
    example: '5s',
    description: 'How long the image pull takes, instead of the time derived from the image size.',
  },
  {
    name: 'shutdown-after',
    example: '20s',
    description: 'How long the container takes to exit after SIGTERM; `never` ignores SIGTERM, so it is killed when the grace period ends.',
  },
];

/** The raw value of a playground annotation for one container: the `.<container>` key first, then the pod-wide one. */
export function playgroundAnnotation(pod: KubeObject, containerName: string, name: PlaygroundAnnotationName): string | undefined {
  const annotations = pod.metadata.annotations;
  if (!annotations) return undefined;
  const key = PLAYGROUND_ANNOTATION_PREFIX + name;
  return annotations[`${key}.${containerName}`] ?? annotations[key];
}

/** A playground annotation read as a duration in milliseconds (undefined when absent or not a duration). */
export function playgroundDuration(pod: KubeObject, containerName: string, name: PlaygroundAnnotationName): number | undefined {
  const value = playgroundAnnotation(pod, containerName, name);
  return value === undefined ? undefined : parseDuration(value);
}

/** A playground annotation read as a whole number (undefined when absent or not an integer). */
export function playgroundInteger(pod: KubeObject, containerName: string, name: PlaygroundAnnotationName): number | undefined {
  const value = playgroundAnnotation(pod, containerName, name)?.trim();
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** Whether a playground annotation is set to `fail` (case-insensitive). */
export function playgroundFails(pod: KubeObject, containerName: string, name: PlaygroundAnnotationName): boolean {
  return playgroundAnnotation(pod, containerName, name)?.trim().toLowerCase() === 'fail';
}
