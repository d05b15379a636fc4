/** Reading a resource for a pane: the list's items, or none when the API cannot answer (etcd stopped). */
import type { KubeObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';

/** The objects of `resource` in `namespace` ('' = all). */
export function listItems(cluster: Cluster, resource: string, namespace: string): KubeObject[] {
  const list = cluster.api.list(resource, namespace);
  return list.ok ? [...list.value.items] : [];
}
