/**
 * framework.PodInfo: what the scheduler precomputes once per pod object (requests, host ports,
 * compiled affinity terms), so that a scheduling cycle over a thousand nodes never re-parses the
 * pod. Built lazily and remembered per (frozen) pod object.
 */
import { affinityTerms, weightedAffinityTerms, type AffinityTerm, type WeightedAffinityTerm } from './affinity-term.js';
import { computePodResources, type PodResources } from './resources.js';
import { podKey, podPriority, type ContainerPort, type Pod, type Toleration } from './types.js';

/** A host port a pod asks for (protocol and ip defaulted). */
export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/** A pod and what the scheduler derived from it. */
export interface PodInfo {
  readonly pod: Pod;
  /** `namespace/name`. */
  readonly key: string;
  readonly uid: string;
  readonly namespace: string;
  /** `metadata.labels` (read in hot loops, so kept on this monomorphic record). */
  readonly labels: Readonly<Record<string, string>> | undefined;
  /** Whether `metadata.deletionTimestamp` is set. */
  readonly terminating: boolean;
  readonly priority: number;
  readonly resources: PodResources;
  readonly tolerations: readonly Toleration[];
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** podWithAffinity: the pod has pod affinity or anti-affinity (required or preferred). */
  readonly hasAffinity: boolean;
  /** podWithRequiredAntiAffinity. */
  readonly hasRequiredAntiAffinity: boolean;
}

const NONE: readonly never[] = Object.freeze([]);

/** The host ports of a pod's containers (NodePorts' getContainerPorts), with `0.0.0.0` and `TCP` defaulted. */
export function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? ([] as ContainerPort[])) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

function build(pod: Pod): PodInfo {
  const namespace = pod.metadata.namespace ?? '';
  const affinity = pod.spec.affinity;
  const podAffinity = affinity?.podAffinity;
  const podAntiAffinity = affinity?.podAntiAffinity;
  const hasAffinity = podAffinity !== undefined || podAntiAffinity !== undefined;
  const requiredAntiAffinityTerms = hasAffinity ? affinityTerms(namespace, podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution) : NONE;
  return {
    pod,
    key: podKey(pod),
    uid: pod.metadata.uid ?? '',
    namespace,
    labels: pod.metadata.labels,
    terminating: pod.metadata.deletionTimestamp !== undefined,
    priority: podPriority(pod),
    resources: computePodResources(pod),
    tolerations: pod.spec.tolerations ?? NONE,
    hostPorts: hostPortsOf(pod),
    requiredAffinityTerms: hasAffinity ? affinityTerms(namespace, podAffinity?.requiredDuringSchedulingIgnoredDuringExecution) : NONE,
    requiredAntiAffinityTerms,
    preferredAffinityTerms: hasAffinity ? weightedAffinityTerms(namespace, podAffinity?.preferredDuringSchedulingIgnoredDuringExecution) : NONE,
    preferredAntiAffinityTerms: hasAffinity ? weightedAffinityTerms(namespace, podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution) : NONE,
    hasAffinity,
    hasRequiredAntiAffinity: requiredAntiAffinityTerms.length > 0,
  };
}

const remembered = new WeakMap<Pod, PodInfo>();

/** The PodInfo of a pod object, computed on first use. */
export function podInfoFor(pod: Pod): PodInfo {
  let info = remembered.get(pod);
  if (info === undefined) {
    info = build(pod);
    remembered.set(pod, info);
  }
  return info;
}

/**
 * The PodInfo of a newer version of an assigned pod: a pod on a node cannot change its requests,
 * ports or affinity, so the derived data is kept and only the object (labels, status) is swapped.
 * Not remembered for `podInfoFor`: the cache holds it, and nothing else asks about assigned pods
 * but the rare deletion hint.
 */
export function updatedPodInfo(previous: PodInfo, pod: Pod): PodInfo {
  if (previous.pod === pod) return previous;
  // Every field spelt out (rather than spread) builds the record in one step with the same shape.
  return {
    pod,
    key: previous.key,
    uid: previous.uid,
    namespace: previous.namespace,
    labels: pod.metadata.labels,
    terminating: pod.metadata.deletionTimestamp !== undefined,
    priority: previous.priority,
    resources: previous.resources,
    tolerations: previous.tolerations,
    hostPorts: previous.hostPorts,
    requiredAffinityTerms: previous.requiredAffinityTerms,
    requiredAntiAffinityTerms: previous.requiredAntiAffinityTerms,
    preferredAffinityTerms: previous.preferredAffinityTerms,
    preferredAntiAffinityTerms: previous.preferredAntiAffinityTerms,
    hasAffinity: previous.hasAffinity,
    hasRequiredAntiAffinity: previous.hasRequiredAntiAffinity,
  };
}
