/**
 * The node IPAM controller with the RangeAllocator (pkg/controller/nodeipam, ipam/range_allocator.go):
 * every node gets a pod CIDR from the cluster CIDR (kind and minikube: 10.244.0.0/16, /24 per
 * node), written to spec.podCIDR and spec.podCIDRs by a strategic merge patch. Nodes that already
 * have one keep it (and it is marked used); a deleted node's CIDR goes back to the pool.
 */
import type { KubeObject } from '../../api/types.js';
import type { EventRecorder, ObjectReference } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { CidrSet, formatCidr, parseCidr, type Ipv4Cidr } from './cidr-set.js';

/** Where the node IPAM controller takes pod CIDRs from (--cluster-cidr, --node-cidr-mask-size, --service-cluster-ip-range). */
export interface NodeIpamOptions {
  clusterCidr: string;
  nodeCidrMaskSize: number;
  /** Subnets overlapping the service range are never handed out. */
  serviceCidr?: string;
}

/** kind's and minikube's defaults: 10.244.0.0/16 in /24s (256 nodes), services in 10.96.0.0/12. */
export const DEFAULT_NODE_IPAM_OPTIONS: NodeIpamOptions = Object.freeze({ clusterCidr: '10.244.0.0/16', nodeCidrMaskSize: 24, serviceCidr: '10.96.0.0/12' });

/** The range allocator's event source. */
export const CIDR_ALLOCATOR_COMPONENT = 'cidrAllocator';

/** cidrUpdateRetries: patch attempts before CIDRAssignmentFailed. */
const CIDR_UPDATE_RETRIES = 3;

interface NodeSpec {
  podCIDR?: string;
  podCIDRs?: string[];
}

function podCidrsOf(node: Readonly<KubeObject>): string[] {
  return ((node['spec'] as NodeSpec | undefined)?.podCIDRs) ?? [];
}

/** rangeAllocator as a controller. */
export class NodeIpamController implements Controller {
  readonly name = 'node-ipam';
  private readonly queue: RateLimitingQueue;
  private readonly lister: Lister<KubeObject>;
  private readonly recorder: EventRecorder;
  private readonly cidrSet: CidrSet;
  /** Nodes already told CIDRNotAvailable since the last release (client-go's spam filter would drop the repeats). */
  private readonly reportedNotAvailable = new Set<string>();

  constructor(
    private readonly ctx: ControllerContext,
    options: NodeIpamOptions = DEFAULT_NODE_IPAM_OPTIONS,
  ) {
    const cluster = parseCidr(options.clusterCidr);
    if (!cluster.ok || options.nodeCidrMaskSize < cluster.value.prefix) throw new Error(`node-ipam: bad cluster CIDR ${options.clusterCidr}/${options.nodeCidrMaskSize}`);
    this.cidrSet = new CidrSet(cluster.value, options.nodeCidrMaskSize);
    if (options.serviceCidr !== undefined) this.filterOutServiceRange(cluster.value, options.serviceCidr);
    this.queue = new RateLimitingQueue(ctx.clock, { name: 'node-ipam' });
    this.recorder = ctx.recorder(CIDR_ALLOCATOR_COMPONENT);
    const informer = ctx.informers.informer('nodes');
    this.lister = informer.lister;
    informer.addEventHandler({
      onAdd: (node) => this.queue.add(node.metadata.name ?? ''),
      onUpdate: (_old, node) => this.queue.add(node.metadata.name ?? ''),
      onDelete: (node) => this.releaseCidr(node),
    });
  }

  /** Marks the CIDRs of the nodes that have one before allocating any (NewCIDRRangeAllocator's node list). */
  run(): void {
    for (const node of this.lister.list()) this.occupyCidrs(node);
    this.queue.run((name) => this.syncNode(name));
  }

  stop(): void {
    this.queue.shutDown();
  }

  queues(): WorkQueueMetrics[] {
    return [this.queue.metrics()];
  }

  /** syncNode. */
  syncNode(name: string): SyncResult {
    const node = this.lister.get('', name);
    if (node === undefined) return 'done';
    if (node.metadata.deletionTimestamp != null) {
      this.releaseCidr(node);
      return 'done';
    }
    return this.allocateOrOccupyCidr(node);
  }

  /**
   * AllocateOrOccupyCIDR. When the range is exhausted the node gets the CIDRNotAvailable event;
   * upstream then retries with back-off forever, here the node waits for its next update or for a
   * CIDR to be released (which re-queues the nodes without one), so an over-full cluster can settle.
   */
  private allocateOrOccupyCidr(node: Readonly<KubeObject>): SyncResult {
    if (podCidrsOf(node).length > 0) {
      this.occupyCidrs(node);
      return 'done';
    }
    const name = node.metadata.name ?? '';
    const allocated = this.cidrSet.allocateNext();
    if (!allocated.ok) {
      if (!this.reportedNotAvailable.has(name)) this.recordNodeStatusChange(node, 'CIDRNotAvailable');
      this.reportedNotAvailable.add(name);
      return 'done';
    }
    this.reportedNotAvailable.delete(name);
    return this.updateCidrsAllocation(name, allocated.value);
  }

  /** updateCIDRsAllocation: patch the node, or give the CIDR back. */
  private updateCidrsAllocation(name: string, cidr: Ipv4Cidr): SyncResult {
    const cidrString = formatCidr(cidr);
    const node = this.lister.get('', name);
    if (node === undefined) {
      this.cidrSet.release(cidr);
      return 'requeue';
    }
    const existing = podCidrsOf(node);
    if (existing.length === 1 && existing[0] === cidrString) return 'done';
    if (existing.length > 0) {
      this.cidrSet.release(cidr);
      return 'done';
    }
    const patch = { spec: { podCIDR: cidrString, podCIDRs: [cidrString] } };
    for (let i = 0; i < CIDR_UPDATE_RETRIES; i++) {
      if (this.ctx.api.patch('nodes', '', name, 'strategic', patch).ok) return 'done';
    }
    this.recordNodeStatusChange(node, 'CIDRAssignmentFailed');
    this.cidrSet.release(cidr);
    return 'requeue';
  }

  private occupyCidrs(node: Readonly<KubeObject>): void {
    for (const text of podCidrsOf(node).slice(0, 1)) {
      const cidr = parseCidr(text);
      if (cidr.ok) this.cidrSet.occupy(cidr.value);
    }
  }

  /** ReleaseCIDR, then the nodes still waiting for a CIDR get another chance. */
  private releaseCidr(node: Readonly<KubeObject>): void {
    let released = false;
    for (const text of podCidrsOf(node).slice(0, 1)) {
      const cidr = parseCidr(text);
      if (cidr.ok && this.cidrSet.release(cidr.value).ok) released = true;
    }
    if (!released) return;
    this.reportedNotAvailable.clear();
    for (const waiting of this.lister.list()) {
      if (podCidrsOf(waiting).length === 0 && waiting.metadata.deletionTimestamp == null) this.queue.add(waiting.metadata.name ?? '');
    }
  }

  private filterOutServiceRange(cluster: Ipv4Cidr, serviceCidr: string): void {
    const service = parseCidr(serviceCidr);
    if (!service.ok) return;
    const clusterEnd = cluster.base + 2 ** (32 - cluster.prefix);
    const serviceEnd = service.value.base + 2 ** (32 - service.value.prefix);
    if (service.value.base >= clusterEnd || cluster.base >= serviceEnd) return;
    const start = Math.max(cluster.base, service.value.base);
    const end = Math.min(clusterEnd, serviceEnd);
    // The overlap, occupied subnet by subnet.
    const subnet = 2 ** (32 - this.cidrSet.nodeMaskSize);
    for (let base = start; base < end; base += subnet) this.cidrSet.occupy({ base, prefix: this.cidrSet.nodeMaskSize });
  }

  /** nodeutil.RecordNodeStatusChange: `Node node-1 status is now: CIDRNotAvailable`. */
  private recordNodeStatusChange(node: Readonly<KubeObject>, newStatus: string): void {
    const name = node.metadata.name ?? '';
    const ref: ObjectReference = { apiVersion: 'v1', kind: 'Node', name, ...(node.metadata.uid ? { uid: node.metadata.uid } : {}) };
    this.recorder.event(ref, 'Normal', newStatus, `Node ${name} status is now: ${newStatus}`);
  }
}

/** A node IPAM controller over another cluster CIDR (a cluster of more than 256 nodes needs a wider one). */
export function nodeIpamControllerFactoryWith(options: NodeIpamOptions): ControllerFactory {
  return (ctx) => new NodeIpamController(ctx, options);
}

/** Registered as `node-ipam`. */
export const nodeIpamControllerFactory: ControllerFactory = nodeIpamControllerFactoryWith(DEFAULT_NODE_IPAM_OPTIONS);
