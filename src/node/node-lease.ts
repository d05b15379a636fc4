/**
 * The node's heartbeat Lease (component-helpers nodelease controller): `kube-node-lease/<node>`,
 * held by the node, owned by its Node object, renewed every `nodeLeaseRenewIntervalMs`.
 */
import type { ApiClient } from '../apiserver/types.js';
import type { KubeObject } from '../api/types.js';
import { rfc3339Micro } from '../api/time.js';

/** The namespace of node leases. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

let lastRenewAt = Number.NaN;
let lastRenewTime = '';

/** rfc3339Micro of `now`, kept for the next call: the kubelets of a cluster renew in step, many in the same millisecond. */
function renewTimeText(now: number): string {
  if (now !== lastRenewAt) {
    lastRenewAt = now;
    lastRenewTime = rfc3339Micro(now);
  }
  return lastRenewTime;
}

/** Creates and renews one node's Lease. */
export class NodeLease {
  private lease: KubeObject | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly nodeName: string,
    private readonly durationSeconds: number,
  ) {}

  /** Renews the lease (creating it on first use, owned by the Node with `nodeUid`). True when the API took it. */
  renew(now: number, nodeUid: string | undefined): boolean {
    const renewTime = renewTimeText(now);
    if (this.lease === undefined) {
      const got = this.api.get('leases', NODE_LEASE_NAMESPACE, this.nodeName);
      if (got.ok) this.lease = got.value;
      else if (got.status.code === 404) return this.create(renewTime, nodeUid);
      else return false;
    }
    const current = this.lease;
    const spec = (current.spec ?? {}) as Record<string, unknown>;
    const updated = this.api.update('leases', NODE_LEASE_NAMESPACE, {
      ...current,
      spec: { ...spec, holderIdentity: this.nodeName, leaseDurationSeconds: this.durationSeconds, renewTime },
    });
    if (updated.ok) {
      this.lease = updated.value;
      return true;
    }
    this.lease = undefined; // conflict or gone: read it again next time
    return false;
  }

  private create(renewTime: string, nodeUid: string | undefined): boolean {
    const metadata: KubeObject['metadata'] = { name: this.nodeName, namespace: NODE_LEASE_NAMESPACE };
    if (nodeUid !== undefined) metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: nodeUid }];
    const created = this.api.create('leases', NODE_LEASE_NAMESPACE, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata,
      spec: { holderIdentity: this.nodeName, leaseDurationSeconds: this.durationSeconds, renewTime },
    });
    if (created.ok) this.lease = created.value;
    return created.ok;
  }
}
