/**
 * The metrics.k8s.io/v1beta1 kinds (PodMetrics, NodeMetrics) as the simulated metrics-server
 * serves them in process. The playground's kube-apiserver does not serve metrics.k8s.io: its
 * clients (the HPA controller, `top`) ask the metrics-server directly, as the aggregation layer
 * would forward them.
 */

/** One container's usage (metrics.k8s.io ContainerMetrics), in millicores and bytes. */
export interface ContainerUsage {
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

/** metrics.k8s.io PodMetrics: the usage of each running container of a pod. */
export interface PodMetrics {
  readonly namespace: string;
  readonly name: string;
  /** When the sample was taken (epoch ms of the last scrape). */
  readonly timestamp: number;
  /** The span the CPU rate was measured over (ms). */
  readonly windowMs: number;
  readonly containers: readonly ContainerUsage[];
}

/** metrics.k8s.io NodeMetrics: a node's total usage. */
export interface NodeMetrics {
  readonly name: string;
  readonly timestamp: number;
  readonly windowMs: number;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

/** What a client of the resource metrics API can ask (`kubectl get --raw /apis/metrics.k8s.io/…`). */
export interface MetricsClient {
  /** PodMetrics of the pods of `namespace` ('' = every namespace) whose labels match `selector`. */
  podMetrics(namespace: string, selector?: (labels: Readonly<Record<string, string>> | undefined) => boolean): PodMetrics[];
  /** NodeMetrics of every node that reports. */
  nodeMetrics(): NodeMetrics[];
}
