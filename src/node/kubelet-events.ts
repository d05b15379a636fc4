/**
 * The kubelet's event reasons (pkg/kubelet/events) and the messages it writes with them, in the
 * v1.32 wording, plus Go's time.Duration formatting that those messages use.
 */

/** Event reasons of pkg/kubelet/events. */
export const KubeletEventReason = {
  Pulling: 'Pulling',
  Pulled: 'Pulled',
  Failed: 'Failed',
  InspectFailed: 'InspectFailed',
  ErrImageNeverPull: 'ErrImageNeverPull',
  BackOff: 'BackOff',
  Created: 'Created',
  Started: 'Started',
  Killing: 'Killing',
  Unhealthy: 'Unhealthy',
  FailedMount: 'FailedMount',
  NetworkNotReady: 'NetworkNotReady',
  Starting: 'Starting',
  NodeReady: 'NodeReady',
  NodeAllocatableEnforced: 'NodeAllocatableEnforced',
} as const;

/**
 * Go's time.Duration.String for whole milliseconds: `0s`, `350ms`, `2.345s`, `1m20s`, `5m0s`,
 * `1h0m0s`.
 */
export function goDuration(ms: number): string {
  const total = Math.round(ms);
  if (total === 0) return '0s';
  if (total < 0) return `-${goDuration(-total)}`;
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const millis = total % 60_000;
  const whole = Math.floor(millis / 1000);
  const fraction = millis % 1000;
  const seconds = fraction === 0 ? `${whole}` : `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

/** format.Pod: `name_namespace(uid)`. */
export function formatPod(name: string, namespace: string, uid: string): string {
  return `${name}_${namespace}(${uid})`;
}

/** The kubelet's event and status messages. */
export const kubeletMessages = {
  pulling: (image: string): string => `Pulling image "${image}"`,
  pulled: (image: string, pullMs: number, totalMs: number, size: number): string =>
    `Successfully pulled image "${image}" in ${goDuration(pullMs)} (${goDuration(totalMs)} including waiting). Image size: ${size} bytes.`,
  alreadyPresent: (image: string): string => `Container image "${image}" already present on machine`,
  failedToPull: (image: string, error: string): string => `Failed to pull image "${image}": ${error}`,
  neverPull: (image: string): string => `Container image "${image}" is not present with pull policy of Never`,
  invalidImage: (image: string, error: string): string => `Failed to apply default image tag "${image}": ${error}`,
  backOffPulling: (image: string): string => `Back-off pulling image "${image}"`,
  error: (reason: string): string => `Error: ${reason}`,
  created: (container: string): string => `Created container: ${container}`,
  started: (container: string): string => `Started container ${container}`,
  stopping: (container: string): string => `Stopping container ${container}`,
  probeKill: (container: string, kind: 'liveness' | 'startup'): string =>
    `Container ${container} failed ${kind} probe, will be restarted`,
  probeFailed: (kind: 'liveness' | 'readiness' | 'startup', output: string): string =>
    `${kind[0]!.toUpperCase()}${kind.slice(1)} probe failed: ${output}`,
  backOffRestarting: (container: string, pod: string): string => `Back-off restarting failed container ${container} in pod ${pod}`,
  crashLoopWaiting: (backoffMs: number, container: string, pod: string): string =>
    `back-off ${goDuration(backoffMs)} restarting failed container=${container} pod=${pod}`,
  mountFailed: (volume: string, error: string): string => `MountVolume.SetUp failed for volume "${volume}" : ${error}`,
  networkNotReady:
    'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
  startingKubelet: 'Starting kubelet.',
  allocatableEnforced: 'Updated Node Allocatable limit across pods',
  nodeStatusIsNow: (node: string, status: string): string => `Node ${node} status is now: ${status}`,
} as const;
