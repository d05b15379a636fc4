/**
 * How much CPU and memory a simulated container uses, deterministically: the
 * `playground.k8s.io/cpu` / `playground.k8s.io/memory` annotations (pod-wide, or one container
 * with a `.<container>` suffix) or an idle baseline, plus the pod's share of the load sent to a
 * Service that selects it; capped at the container's limits, as cgroups would.
 */
import type { KubeObject } from '../api/types.js';
import { milliValue, parseQuantity, quantityValue } from '../api/quantity.js';
import { BASELINE_CPU_MILLI, BASELINE_MEMORY_BYTES, METRIC_RESOLUTION_MS } from './timings.js';
import type { ContainerUsage } from './types.js';

/** The annotation setting a container's CPU usage (`350m`). */
export const CPU_ANNOTATION = 'playground.k8s.io/cpu';
/** The annotation setting a container's memory usage (`200Mi`). */
export const MEMORY_ANNOTATION = 'playground.k8s.io/memory';

interface Container {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface ContainerStatus {
  name: string;
  state?: { running?: { startedAt?: string } };
}

function annotation(pod: KubeObject, container: string, key: string): string | undefined {
  const annotations = pod.metadata.annotations;
  return annotations?.[`${key}.${container}`] ?? annotations?.[key];
}

function milli(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const q = parseQuantity(value);
  return q.ok ? milliValue(q.value) : undefined;
}

function bytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const q = parseQuantity(value);
  return q.ok ? quantityValue(q.value) : undefined;
}

/**
 * The usage of each container of `pod` that has run for a whole scrape window by `timestamp`
 * (metrics-server needs two samples for a CPU rate); `loadMilli` is the pod's share of load,
 * borne by its first container. Empty when the pod reports nothing.
 */
export function podUsage(pod: KubeObject, timestamp: number, loadMilli: number): ContainerUsage[] {
  const status = (pod['status'] ?? {}) as { phase?: string; containerStatuses?: ContainerStatus[] };
  if (status.phase !== 'Running') return [];
  const containers = ((pod['spec'] as { containers?: Container[] } | undefined)?.containers ?? []);
  const running = new Map((status.containerStatuses ?? []).map((s) => [s.name, s.state?.running]));
  const out: ContainerUsage[] = [];
  containers.forEach((c, i) => {
    const state = running.get(c.name);
    if (state === undefined) return;
    const started = state.startedAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(state.startedAt);
    if (started + METRIC_RESOLUTION_MS > timestamp) return;
    const limits = c.resources?.limits ?? {};
    let cpu = (milli(annotation(pod, c.name, CPU_ANNOTATION)) ?? BASELINE_CPU_MILLI) + (i === 0 ? loadMilli : 0);
    let memory = bytes(annotation(pod, c.name, MEMORY_ANNOTATION)) ?? bytes(c.resources?.requests?.['memory']) ?? BASELINE_MEMORY_BYTES;
    const cpuLimit = milli(limits['cpu']);
    const memoryLimit = bytes(limits['memory']);
    if (cpuLimit !== undefined) cpu = Math.min(cpu, cpuLimit);
    if (memoryLimit !== undefined) memory = Math.min(memory, memoryLimit);
    out.push({ name: c.name, cpuMilli: Math.round(cpu), memoryBytes: memory });
  });
  return out;
}
