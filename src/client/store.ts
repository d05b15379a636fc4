/**
 * How the client caches name their objects (client-go tools/cache/store.go): the key of a
 * namespaced object is `namespace/name`, of a cluster-scoped one just `name`.
 */
import type { KubeObject } from '../api/types.js';

/** cache.MetaNamespaceKeyFunc: `namespace/name`, or `name` for a cluster-scoped object. */
export function metaNamespaceKeyFunc(obj: Readonly<KubeObject>): string {
  const namespace = obj.metadata.namespace ?? '';
  const name = obj.metadata.name ?? '';
  if (name === lastName && namespace === lastNamespace) return lastKey;
  lastNamespace = namespace;
  lastName = name;
  lastKey = objectKey(namespace, name);
  return lastKey;
}

/**
 * The key computed last and what it was computed from. One watch event reaches every informer of
 * its resource in turn, each asking for the same object's key: handing back the same string saves
 * building it again and hashing it again in each informer's map.
 */
let lastNamespace = '';
let lastName = '';
let lastKey = '';

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
