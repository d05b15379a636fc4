/**
 * Which stored object a manifest object names, and the annotation that records which file of the
 * manifests folder applied it (so that removing it from the file, or deleting the file, prunes it).
 */
import type { KubeObject } from '../api/types.js';
import type { ResourceInfo } from '../apiserver/registry.js';
import { resourceForKind } from '../apiserver/registry.js';

/** The annotation naming the manifests file (relative to the folder) that owns an object. */
export const SOURCE_FILE_ANNOTATION = 'playground.k8s.io/source-file';

/** A stored object's identity: its resource, namespace ('' when cluster-scoped) and name. */
export interface ObjectRef {
  /** `group/Kind/namespace/name`: equal for two manifests naming the same object. */
  key: string;
  info: ResourceInfo;
  namespace: string;
  name: string;
}

/** The object a manifest names, or undefined when it names none (unknown kind, no name). */
export function objectRef(manifest: KubeObject, defaultNamespace = 'default'): ObjectRef | undefined {
  const info = resourceForKind(String(manifest.apiVersion ?? ''), String(manifest.kind ?? ''));
  const name = manifest.metadata?.name ?? '';
  if (!info || name === '') return undefined;
  const namespace = info.namespaced ? manifest.metadata.namespace || defaultNamespace : '';
  return { key: `${info.group}/${info.kind}/${namespace}/${name}`, info, namespace, name };
}

/** The manifest with the source-file annotation set to `file`. */
export function withSourceFile(manifest: KubeObject, file: string): KubeObject {
  const annotations = { ...(manifest.metadata.annotations ?? {}), [SOURCE_FILE_ANNOTATION]: file };
  return { ...manifest, metadata: { ...manifest.metadata, annotations } };
}
