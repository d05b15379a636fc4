/**
 * The simulated metrics-server's numbers: its scrape resolution and the usage of an idle
 * container or node.
 */

/** --metric-resolution: samples are taken every 15 s and CPU rates measured over that window. */
export const METRIC_RESOLUTION_MS = 15_000;

/** CPU of a container with no `playground.k8s.io/cpu` annotation and no load: an idle process. */
export const BASELINE_CPU_MILLI = 1;

/** Memory of a container with neither a `playground.k8s.io/memory` annotation nor a memory request. */
export const BASELINE_MEMORY_BYTES = 4 * 1024 * 1024;

/** The CPU one request per second of load costs the pod serving it. */
export const CPU_MILLI_PER_REQUEST = 1;

/** What a node's own system (kubelet, container runtime, OS) uses besides its pods. */
export const NODE_SYSTEM_CPU_MILLI = 50;

/** The memory a node's own system uses besides its pods. */
export const NODE_SYSTEM_MEMORY_BYTES = 512 * 1024 * 1024;
