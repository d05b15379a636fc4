/**
 * A pod's quality-of-service class (pkg/apis/core/helper/qos): what the API server writes to
 * `status.qosClass` at create time and what the kubelet reads to rank pods for eviction. In src/api
 * because the API server, the scheduler and the kubelets all need it.
 */
import { quantityFromJson } from './quantity.js';
import type { KubeObject } from './types.js';

/** core.PodQOSClass. */
export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** The only resources that count for QoS (supportedQoSComputeResources). */
const QOS_COMPUTE_RESOURCES = ['cpu', 'memory'] as const;

interface ContainerResources {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

interface PodShape {
  spec?: { containers?: ContainerResources[]; initContainers?: ContainerResources[] };
  status?: { qosClass?: string };
}

/** The positive cpu/memory quantities of a resource list, in nano-units. */
function positiveComputeResources(list: Record<string, unknown> | undefined): Map<string, bigint> {
  const found = new Map<string, bigint>();
  if (typeof list !== 'object' || list === null) return found;
  for (const name of QOS_COMPUTE_RESOURCES) {
    const value = list[name];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const quantity = quantityFromJson(value);
    if (quantity.ok && quantity.value.nanos > 0n) found.set(name, quantity.value.nanos);
  }
  return found;
}

function addInto(total: Map<string, bigint>, more: Map<string, bigint>): void {
  for (const [name, nanos] of more) total.set(name, (total.get(name) ?? 0n) + nanos);
}

/**
 * ComputePodQOS: BestEffort when no container (regular or init) sets a positive cpu or memory
 * request or limit; Guaranteed when every container sets both cpu and memory limits and the
 * pod's summed requests equal its summed limits for every resource; Burstable otherwise.
 * Evaluate a defaulted pod: defaulting copies limits into missing requests, which is what makes
 * a pod with limits only Guaranteed.
 */
export function computePodQOS(pod: Pick<KubeObject, 'spec'>): PodQOSClass {
  const spec = (pod as PodShape).spec ?? {};
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let isGuaranteed = true;
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  for (const container of containers) {
    const resources = container?.resources ?? {};
    addInto(requests, positiveComputeResources(resources.requests));
    const containerLimits = positiveComputeResources(resources.limits);
    addInto(limits, containerLimits);
    if (!containerLimits.has('cpu') || !containerLimits.has('memory')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** GetPodQOS: the class recorded in `status.qosClass`, computed when none is recorded. */
export function getPodQOS(pod: Pick<KubeObject, 'spec' | 'status'>): PodQOSClass {
  const recorded = (pod as PodShape).status?.qosClass;
  if (recorded === 'Guaranteed' || recorded === 'Burstable' || recorded === 'BestEffort') return recorded;
  return computePodQOS(pod);
}
