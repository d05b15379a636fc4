/**
 * Admission: the NamespaceLifecycle plugin (objects only in namespaces that exist and are not
 * terminating; the system namespaces cannot be deleted), with kube-apiserver's messages.
 */
import type { KubeObject } from '../api/types.js';
import type { Status } from '../api/status.js';
import { forbidden, notFound } from '../api/status.js';
import type { ResourceInfo } from './registry.js';
import { SYSTEM_PRIORITY_CLASSES } from './defaulting/priority.js';

/** Namespaces every cluster starts with. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** Namespaces NamespaceLifecycle refuses to delete. */
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** Checks that a namespaced object may be created in `namespace` (given the stored Namespace, if any). */
export function admitCreate(info: ResourceInfo, name: string, namespace: KubeObject | undefined, namespaceName: string): Status | undefined {
  if (!info.namespaced) return undefined;
  if (!namespace) return notFound({ group: '', resource: 'namespaces' }, namespaceName);
  const phase = (namespace.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Terminating' || namespace.metadata.deletionTimestamp) {
    return forbidden(
      { group: info.group, resource: info.resource },
      name,
      `unable to create new content in namespace ${namespaceName} because it is being terminated`,
    );
  }
  return undefined;
}

/** Checks that an object may be deleted. */
export function admitDelete(info: ResourceInfo, name: string): Status | undefined {
  if (info.kind === 'Namespace' && IMMORTAL_NAMESPACES.has(name)) {
    return forbidden({ group: '', resource: 'namespaces' }, name, 'this namespace may not be deleted');
  }
  // The PriorityClass storage's Delete: static pods and system add-ons name these classes.
  if (info.kind === 'PriorityClass' && SYSTEM_PRIORITY_CLASSES.some((pc) => pc.metadata.name === name)) {
    return forbidden({ group: 'scheduling.k8s.io', resource: 'priorityclasses' }, name, 'this is a system priority class and cannot be deleted');
  }
  return undefined;
}
