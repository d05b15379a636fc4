/**
 * The Node a kubelet registers and the status it posts (pkg/kubelet/nodestatus setters), shaped
 * like a kind node: capacity = allocatable, the four conditions with their real reasons and
 * messages, InternalIP and Hostname, nodeInfo, the kubelet endpoint, and the node's images.
 */
import { jsonEqual } from '../api/equal.js';
import type { JsonObject, KubeObject } from '../api/types.js';
import { timeText } from './timestamps.js';
import type { ImageRecord } from './image-store.js';
import type { KubeletConfig } from './kubelet-config.js';

/** The kubelet version the playground's nodes report. */
export const KUBELET_VERSION = 'v1.32.0';
/** containerd of kindest/node:v1.32.0. */
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';
/** The node image's OS. */
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
/** The host kernel kind nodes share. */
export const KERNEL_VERSION = '6.8.0-51-generic';
/** The kubelet's port (daemonEndpoints.kubeletEndpoint). */
export const KUBELET_PORT = 10250;
/** nodeStatusMaxImages. */
export const NODE_STATUS_MAX_IMAGES = 50;

/** The node's machine identity (seeded, stable across kubelet restarts). */
export interface NodeIdentity {
  machineID: string;
  systemUUID: string;
  bootID: string;
}

/** v1.NodeCondition. */
export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** The conditions a healthy kubelet reports, in the order it reports them. */
const HEALTHY_CONDITIONS: readonly Pick<NodeCondition, 'type' | 'status' | 'reason' | 'message'>[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** The node events a condition's transition records (`Node x status is now: NodeReady`). */
export const CONDITION_EVENTS: Readonly<Record<string, string>> = {
  MemoryPressure: 'NodeHasSufficientMemory',
  DiskPressure: 'NodeHasNoDiskPressure',
  PIDPressure: 'NodeHasSufficientPID',
  Ready: 'NodeReady',
};

/**
 * The kubelet's conditions: a condition keeps its lastTransitionTime while its status holds and
 * its lastHeartbeatTime until the next post (`heartbeat`).
 */
export function nodeConditions(previous: readonly NodeCondition[] | undefined, now: number, heartbeat: boolean): NodeCondition[] {
  const time = timeText(now);
  return HEALTHY_CONDITIONS.map((c) => {
    const before = previous?.find((p) => p.type === c.type);
    return {
      type: c.type,
      status: c.status,
      lastHeartbeatTime: heartbeat || before === undefined ? time : before.lastHeartbeatTime,
      lastTransitionTime: before !== undefined && before.status === c.status ? before.lastTransitionTime : time,
      reason: c.reason,
      message: c.message,
    };
  });
}

/** Resources sorted by name (how Go serialises a ResourceList), with kind's zero hugepages. */
function resourceList(capacity: KubeletConfig['capacity']): Record<string, string> {
  const all: Record<string, string> = { 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', ...capacity };
  const out: Record<string, string> = {};
  for (const key of Object.keys(all).sort()) out[key] = all[key]!;
  return out;
}

/** The status.images entry of each (immutable) image record, made once. */
const imageEntries = new WeakMap<ImageRecord, JsonObject>();

function imageEntry(image: ImageRecord): JsonObject {
  let entry = imageEntries.get(image);
  if (entry === undefined) {
    entry = Object.freeze({ names: Object.freeze([image.imageId, image.imageRef]), sizeBytes: image.sizeBytes }) as unknown as JsonObject;
    imageEntries.set(image, entry);
  }
  return entry;
}

/** status.images: every image with its digest and tag, largest first, at most 50. */
export function nodeImages(images: readonly ImageRecord[]): JsonObject[] {
  return images.slice(0, NODE_STATUS_MAX_IMAGES).map(imageEntry);
}

/** The runtime handlers containerd on a kind node reports. */
const RUNTIME_HANDLERS = ['', 'runc', 'test-handler'].map((name) => ({
  features: { recursiveReadOnlyMounts: true, userNamespaces: true },
  name,
}));

/** The parts of a node status that only depend on the node's configuration and identity. */
interface FixedStatusParts {
  readonly identity: NodeIdentity;
  readonly capacity: JsonObject;
  readonly allocatable: JsonObject;
  readonly addresses: JsonObject[];
  readonly daemonEndpoints: JsonObject;
  readonly nodeInfo: JsonObject;
}

/** Made once per kubelet configuration (and frozen: every posted status shares them). */
const fixedParts = new WeakMap<KubeletConfig, FixedStatusParts>();

function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFrozen(child);
    Object.freeze(value);
  }
  return value;
}

function fixedStatusParts(config: KubeletConfig, identity: NodeIdentity): FixedStatusParts {
  const known = fixedParts.get(config);
  if (known !== undefined && known.identity === identity) return known;
  const capacity = resourceList(config.capacity);
  const parts: FixedStatusParts = {
    identity,
    capacity: deepFrozen(capacity),
    allocatable: deepFrozen({ ...capacity }),
    addresses: deepFrozen([
      { type: 'InternalIP', address: config.internalIP },
      { type: 'Hostname', address: config.nodeName },
    ]),
    daemonEndpoints: deepFrozen({ kubeletEndpoint: { Port: KUBELET_PORT } }),
    nodeInfo: deepFrozen({
      machineID: identity.machineID,
      systemUUID: identity.systemUUID,
      bootID: identity.bootID,
      kernelVersion: KERNEL_VERSION,
      osImage: OS_IMAGE,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: 'linux',
      architecture: 'amd64',
    }),
  };
  fixedParts.set(config, parts);
  return parts;
}

/**
 * The status the kubelet posts: its own fields over `live` (what other components set, such as
 * volumesAttached, stays). The parts fixed by the node's configuration are the same frozen objects
 * in every post, so the API server finds them equal (and frozen) by reference.
 */
export function nodeStatus(
  config: KubeletConfig,
  identity: NodeIdentity,
  images: readonly ImageRecord[],
  live: JsonObject | undefined,
  now: number,
  heartbeat: boolean,
): JsonObject {
  const fixed = fixedStatusParts(config, identity);
  return {
    ...(live ?? {}),
    capacity: fixed.capacity,
    allocatable: fixed.allocatable,
    conditions: nodeConditions(live?.conditions as NodeCondition[] | undefined, now, heartbeat) as unknown as JsonObject[],
    addresses: fixed.addresses,
    daemonEndpoints: fixed.daemonEndpoints,
    nodeInfo: fixed.nodeInfo,
    images: nodeImages(images),
    runtimeHandlers: RUNTIME_HANDLERS,
  };
}

/** The Node the kubelet registers (initialNode): labels, taints, podCIDR, and its first status. */
export function initialNode(config: KubeletConfig, identity: NodeIdentity, images: readonly ImageRecord[], now: number): KubeObject {
  const spec: JsonObject = {};
  if (config.podCIDR !== undefined) {
    spec.podCIDR = config.podCIDR;
    spec.podCIDRs = [config.podCIDR];
  }
  spec.providerID = `kind://docker/kind/${config.nodeName}`;
  if (config.taints !== undefined && config.taints.length > 0) spec.taints = config.taints.map((t) => ({ ...t }));
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: config.nodeName,
      labels: { ...config.labels },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
    status: nodeStatus(config, identity, images, undefined, now, true),
  };
}

/** The kubelet's fields of a node status with the heartbeat times blanked, to see whether anything else changed. */
export function withoutHeartbeats(status: JsonObject | undefined): unknown {
  if (status === undefined) return undefined;
  const conditions = (status.conditions as NodeCondition[] | undefined)?.map((c) => ({ ...c, lastHeartbeatTime: '' }));
  return { ...status, conditions };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether two conditions are equal but for their heartbeat times. */
function sameConditionBesidesHeartbeat(x: Record<string, unknown>, y: Record<string, unknown>): boolean {
  let count = 0;
  for (const k in x) {
    if (k === 'lastHeartbeatTime' || x[k] === undefined) continue;
    count++;
    if (!jsonEqual(x[k], y[k])) return false;
  }
  for (const k in y) if (k !== 'lastHeartbeatTime' && y[k] !== undefined) count--;
  return count === 0;
}

/** Whether two condition lists are equal but for the heartbeat times (`withoutHeartbeats`, without the copies). */
function sameConditionsBesidesHeartbeats(a: unknown, b: unknown): boolean {
  // withoutHeartbeats leaves no conditions for a missing or null list
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? undefined) === (b ?? undefined);
  if (!Array.isArray(a) || !Array.isArray(b)) return jsonEqual(withoutHeartbeats({ conditions: a } as unknown as JsonObject), withoutHeartbeats({ conditions: b } as unknown as JsonObject));
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (x === y) continue;
    if (!isPlainObject(x) || !isPlainObject(y)) return jsonEqual(withoutHeartbeats({ conditions: a } as unknown as JsonObject), withoutHeartbeats({ conditions: b } as unknown as JsonObject));
    if (!sameConditionBesidesHeartbeat(x, y)) return false;
  }
  return true;
}

/** `jsonEqual(withoutHeartbeats(a), withoutHeartbeats(b))`, without building either copy. */
export function sameBesidesHeartbeats(a: JsonObject, b: JsonObject | undefined): boolean {
  if (b === undefined) return false;
  let count = 0;
  for (const k in a) {
    if (k === 'conditions') continue;
    if (a[k] === undefined) continue;
    count++;
    if (!jsonEqual(a[k], b[k])) return false;
  }
  for (const k in b) if (k !== 'conditions' && b[k] !== undefined) count--;
  return count === 0 && sameConditionsBesidesHeartbeats(a.conditions, b.conditions);
}
