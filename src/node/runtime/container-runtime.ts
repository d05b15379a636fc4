/**
 * The simulated container runtime (containerd and the registry behind it) the kubelet drives:
 * image pulls, what a started container does, probe results and container ids — all derived from
 * the pod spec and a seeded generator, never from running anything.
 */
import type { Random } from '../../api/random.js';
import { ContainerProcessCache } from './container-process.js';
import { planContainerRun } from './plan-container.js';
import { runProbe } from './probes.js';
import { DEFAULT_PULL_BYTES_PER_SECOND, DEFAULT_PULL_OVERHEAD_MS, planImagePull } from './registry.js';
import type { ContainerRuntime, ContainerRuntimeOptions } from './types.js';

const HEX = '0123456789abcdef';

/**
 * A container runtime whose randomness (pull-time jitter, container ids) comes from forks of
 * `random`, so that the same seed and the same sequence of calls give the same answers.
 */
export function createContainerRuntime(random: Random, options: ContainerRuntimeOptions = {}): ContainerRuntime {
  const pulls = random.fork('image-pulls');
  const ids = random.fork('container-ids');
  const timing = {
    bytesPerSecond: options.pullBytesPerSecond ?? DEFAULT_PULL_BYTES_PER_SECOND,
    overheadMs: options.pullOverheadMs ?? DEFAULT_PULL_OVERHEAD_MS,
  };
  const processes = new ContainerProcessCache(options.kubernetesServiceHost);
  return {
    pullImage: (image, pod, containerName) => planImagePull(image, pod, containerName, pulls, timing),
    planContainer: (pod, container, restartCount) => planContainerRun(pod, container, restartCount, processes.get(pod, container)),
    probe: (pod, container, kind, probe, sinceStartMs) => runProbe(pod, container, kind, probe, sinceStartMs, processes.get(pod, container)),
    newContainerId: () => ids.string(64, HEX),
  };
}
