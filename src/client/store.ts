/**
 * How the client caches name their objects (client-go tools/cache/store.go): the key of a
 * namespaced object is `namespace/name`, of a cluster-scoped one just `name`.
 */
import type { KubeObject } from '../api/types.js';

/** cache.MetaNamespaceKeyFunc: `namespace/name`, or `name` for a cluster-scoped object. */
export function metaNamespaceKeyFunc(obj: Readonly<KubeObject>): string {
  return objectKey(obj.metadata.namespace ?? '', obj.metadata.name ?? '');
}

/** The cache key of an object given its namespace ('' for cluster-scoped) and name. */
export function objectKey(namespace: string, name: string): string {
  return namespace === '' ? name : `${namespace}/${name}`;
}

/** cache.SplitMetaNamespaceKey: `ns/name` → { namespace: 'ns', name }; `name` → { namespace: '', name }. */
export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  if (slash < 0) return { namespace: '', name: key };
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
