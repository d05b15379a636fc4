/**
 * Node registration and node status posting (kubelet_node_status.go): the kubelet creates its
 * Node (re-using one that already exists), then every `nodeStatusUpdateFrequencyMs` computes its
 * status and posts it only when something besides the heartbeat changed, or when
 * `nodeStatusReportFrequencyMs` has passed since the last post. Condition transitions are
 * recorded as node events (`Node x status is now: NodeReady`).
 */
import type { ApiClient } from '../apiserver/types.js';
import type { JsonObject, KubeObject } from '../api/types.js';
import type { EventRecorder, ObjectReference } from '../client/event-recorder.js';
import type { ImageStore } from './image-store.js';
import { kubeletMessages as msg } from './kubelet-events.js';
import type { KubeletConfig } from './kubelet-config.js';
import type { NodeCondition, NodeIdentity } from './node-status.js';
import { CONDITION_EVENTS, initialNode, nodeStatus, sameBesidesHeartbeats } from './node-status.js';
import type { KubeletTimings } from './timings.js';

/** The labels the kubelet owns on its Node (kubelet_node_status.go updateDefaultLabels). */
const DEFAULT_LABELS = [
  'kubernetes.io/hostname',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/arch',
] as const;

/** Registers the Node and keeps its status. */
export class NodeStatusUpdater {
  /** The Node's uid once registered (the Lease's owner). */
  nodeUid: string | undefined;
  /** spec.podCIDR of the Node, once it has one. */
  podCIDR: string | undefined;
  private lastPostedAt = -Infinity;

  constructor(
    private readonly api: ApiClient,
    private readonly recorder: EventRecorder,
    private readonly config: KubeletConfig,
    private readonly identity: NodeIdentity,
    private readonly images: ImageStore,
    private readonly timings: KubeletTimings,
  ) {}

  /** The reference kubelets put on node events (the node's name as its uid, as the kubelet does). */
  nodeReference(): ObjectReference {
    return { kind: 'Node', name: this.config.nodeName, uid: this.config.nodeName, apiVersion: '' };
  }

  /** registerWithAPIServer: creates the Node, or posts the status of the one that exists. True when registered. */
  register(now: number): boolean {
    const node = initialNode(this.config, this.identity, this.images.list(), now);
    const created = this.api.create('nodes', '', node);
    if (created.ok) {
      this.observe(created.value);
      this.lastPostedAt = now;
      this.recordTransitions(undefined, created.value.status as JsonObject | undefined);
      return true;
    }
    if (created.status.reason !== 'AlreadyExists') return false;
    this.reconcileDefaultLabels();
    return this.update(now, true);
  }

  /** updateDefaultLabels: an existing Node gets the kubelet's well-known labels back (hostname, os, arch). */
  private reconcileDefaultLabels(): void {
    const got = this.api.get('nodes', '', this.config.nodeName);
    if (!got.ok) return;
    const live = got.value.metadata.labels ?? {};
    const wanted: Record<string, string> = {};
    for (const key of DEFAULT_LABELS) {
      const value = this.config.labels[key];
      if (value !== undefined && live[key] !== value) wanted[key] = value;
    }
    if (Object.keys(wanted).length > 0) this.api.patch('nodes', '', this.config.nodeName, 'merge', { metadata: { labels: wanted } });
  }

  /** One tick of the node status loop. True when the API was reachable. */
  update(now: number, force = false): boolean {
    const got = this.api.get('nodes', '', this.config.nodeName);
    if (!got.ok) return false;
    const live = got.value;
    this.observe(live);
    const liveStatus = live.status as JsonObject | undefined;
    const desired = nodeStatus(this.config, this.identity, this.images.list(), liveStatus, now, false);
    const changed = !sameBesidesHeartbeats(desired, liveStatus);
    if (!changed && !force && now - this.lastPostedAt < this.timings.nodeStatusReportFrequencyMs) return true;
    const posted = nodeStatus(this.config, this.identity, this.images.list(), liveStatus, now, true);
    const updated = this.api.update('nodes', '', { ...live, status: posted } as KubeObject, { subresource: 'status' });
    if (!updated.ok) return false;
    this.lastPostedAt = now;
    this.recordTransitions(liveStatus, posted);
    return true;
  }

  /** Reads the Node's uid and podCIDR. */
  observe(node: KubeObject): void {
    this.nodeUid = node.metadata.uid;
    const cidr = (node.spec as { podCIDR?: string } | undefined)?.podCIDR;
    if (cidr !== undefined && cidr !== '') this.podCIDR = cidr;
  }

  private recordTransitions(before: JsonObject | undefined, after: JsonObject | undefined): void {
    const previous = (before?.conditions as NodeCondition[] | undefined) ?? [];
    for (const condition of (after?.conditions as NodeCondition[] | undefined) ?? []) {
      const old = previous.find((c) => c.type === condition.type);
      if (old !== undefined && old.status === condition.status) continue;
      const reason = CONDITION_EVENTS[condition.type];
      if (reason === undefined) continue;
      this.recorder.event(this.nodeReference(), 'Normal', reason, msg.nodeStatusIsNow(this.config.nodeName, reason));
    }
  }
}
