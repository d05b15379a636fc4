/**
 * framework.Resource and the pod request arithmetic of k8s.io/component-helpers/resource
 * (PodRequests): containers add up, init containers take the max (with restartable "sidecar" init
 * containers running alongside), pod overhead is added. Amounts are plain numbers: millicores for
 * cpu, bytes or counts for everything else, rounded up as Quantity.MilliValue / Value do.
 */
import { quantityFromJson } from '../api/quantity.js';
import type { Container, Pod } from './types.js';

/** framework.Resource: the amounts the scheduler compares. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** `pods` on a node's allocatable. */
  allowedPodNumber: number;
  /** Extended, hugepages and other scalar resources; absent when there are none. */
  scalar: Map<string, number> | undefined;
}

/** schedutil.DefaultMilliCPURequest: what a container without a cpu request counts as when scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: 200 MiB, what a container without a memory request counts as when scoring. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** An empty Resource. */
export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: undefined };
}

/** v1helper.IsExtendedResourceName: a resource name outside the `kubernetes.io/` domain (`example.com/gpu`). */
export function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

/** schedutil.IsScalarResourceName: extended, hugepages, prefixed native and attachable-volume resources. */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || name.startsWith('hugepages-') || name.includes('kubernetes.io/') || name.startsWith('attachable-volumes-');
}

const NANO = 1_000_000_000n;
const MILLI_NANOS = 1_000_000n;

function ceilDiv(a: bigint, b: bigint): number {
  if (a <= 0n) return Number(a / b);
  return Number((a + b - 1n) / b);
}

/** Adds a resource list (quantities as in JSON) to a Resource (`Resource.Add`). */
export function addResourceList(into: Resource, list: Record<string, unknown> | undefined): void {
  if (list === undefined || list === null) return;
  for (const [name, value] of Object.entries(list)) {
    const q = quantityFromJson(value);
    if (!q.ok) continue;
    addNanos(into, name, q.value.nanos);
  }
}

function addNanos(into: Resource, name: string, nanos: bigint): void {
  switch (name) {
    case 'cpu':
      into.milliCPU += ceilDiv(nanos, MILLI_NANOS);
      return;
    case 'memory':
      into.memory += ceilDiv(nanos, NANO);
      return;
    case 'ephemeral-storage':
      into.ephemeralStorage += ceilDiv(nanos, NANO);
      return;
    case 'pods':
      into.allowedPodNumber += ceilDiv(nanos, NANO);
      return;
    default:
      if (!isScalarResourceName(name)) return;
      if (into.scalar === undefined) into.scalar = new Map();
      into.scalar.set(name, (into.scalar.get(name) ?? 0) + ceilDiv(nanos, NANO));
  }
}

/** A node's `status.allocatable` as a Resource (NodeInfo.Allocatable). */
export function resourceFromList(list: Record<string, unknown> | undefined): Resource {
  const r = emptyResource();
  addResourceList(r, list);
  return r;
}

type NanoList = Map<string, bigint>;

const DEFAULT_CPU_NANOS = BigInt(DEFAULT_MILLI_CPU_REQUEST) * MILLI_NANOS;
const DEFAULT_MEMORY_NANOS = BigInt(DEFAULT_MEMORY_REQUEST) * NANO;

function containerRequests(container: Container, nonMissing: boolean): NanoList {
  const out: NanoList = new Map();
  addContainerRequests(out, container, nonMissing);
  return out;
}

/** Adds a container's requests (`containerRequests`) to `into` without building the container's own list. */
function addContainerRequests(into: NanoList, container: Container, nonMissing: boolean): void {
  const requests = container.resources?.requests;
  let cpu = false;
  let memory = false;
  if (requests !== undefined && requests !== null) {
    for (const name in requests) {
      const q = quantityFromJson(requests[name]);
      if (!q.ok) continue;
      into.set(name, (into.get(name) ?? 0n) + q.value.nanos);
      if (name === 'cpu') cpu = true;
      else if (name === 'memory') memory = true;
    }
  }
  if (nonMissing) {
    if (!cpu) into.set('cpu', (into.get('cpu') ?? 0n) + DEFAULT_CPU_NANOS);
    if (!memory) into.set('memory', (into.get('memory') ?? 0n) + DEFAULT_MEMORY_NANOS);
  }
}

function addInto(into: NanoList, more: NanoList): void {
  for (const [name, nanos] of more) into.set(name, (into.get(name) ?? 0n) + nanos);
}

function maxInto(into: NanoList, other: NanoList): void {
  for (const [name, nanos] of other) {
    const have = into.get(name);
    if (have === undefined || nanos > have) into.set(name, nanos);
  }
}

/**
 * resourcehelper.PodRequests: the pod's effective requests. With `nonMissing`, containers without
 * a cpu or memory request count 100m / 200Mi (NonMissingContainerRequests, used for scoring).
 */
export function podRequestList(pod: Pod, nonMissing: boolean): Map<string, bigint> {
  const spec = pod.spec ?? {};
  const reqs: NanoList = new Map();
  for (const container of spec.containers ?? []) addContainerRequests(reqs, container, nonMissing);
  const initContainers = spec.initContainers ?? [];
  if (initContainers.length > 0) addInitContainerRequests(reqs, initContainers, nonMissing);
  if (spec.overhead !== undefined && spec.overhead !== null) {
    const overhead = containerRequests({ name: '', resources: { requests: spec.overhead } }, false);
    addInto(reqs, overhead);
  }
  return reqs;
}

/** The init containers' share: restartable (sidecar) ones run alongside, the others take the max. */
function addInitContainerRequests(reqs: NanoList, initContainers: readonly Container[], nonMissing: boolean): void {
  const restartable: NanoList = new Map();
  const initMax: NanoList = new Map();
  for (const container of initContainers) {
    let current = containerRequests(container, nonMissing);
    if (container.restartPolicy === 'Always') {
      addInto(reqs, current);
      addInto(restartable, current);
      current = restartable;
    } else {
      const tmp: NanoList = new Map();
      addInto(tmp, current);
      addInto(tmp, restartable);
      current = tmp;
    }
    maxInto(initMax, current);
  }
  maxInto(reqs, initMax);
}

/** What NodeInfo and NodeResourcesFit need of a pod: its requests and the non-zero cpu/memory used for scoring. */
export interface PodResources {
  requests: Resource;
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
}

/** NodeInfo's calculateResource: requests and the non-zero cpu and memory of a pod. */
export function computePodResources(pod: Pod): PodResources {
  const requests = emptyResource();
  for (const [name, nanos] of podRequestList(pod, false)) addNanos(requests, name, nanos);
  requests.allowedPodNumber = 0;
  const nonZero = podRequestList(pod, true);
  return {
    requests,
    nonZeroMilliCPU: ceilDiv(nonZero.get('cpu') ?? 0n, MILLI_NANOS),
    nonZeroMemory: ceilDiv(nonZero.get('memory') ?? 0n, NANO),
  };
}
