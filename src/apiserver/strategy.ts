/**
 * Per-kind rules of the generic registry (pkg/registry/<group>/<kind>/strategy.go) that are data
 * rather than code: which kinds count generations, what status a new object starts with, and
 * how long a delete waits (graceful deletion).
 */
import type { KubeObject } from '../api/types.js';
import type { ResourceInfo } from './registry.js';
import { computePodQOS } from '../api/qos.js';

/** Kinds whose metadata.generation counts spec changes (their strategies set and bump it). */
const GENERATION_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'Ingress',
  'NetworkPolicy',
  // Its PrepareForCreate sets generation 1 (it has no spec, so nothing bumps it later).
  'PriorityClass',
]);

/** Whether the kind keeps metadata.generation. */
export function hasGeneration(info: ResourceInfo): boolean {
  return GENERATION_KINDS.has(info.kind);
}

/**
 * The status a new object starts with: the strategies' PrepareForCreate clears status for the
 * kinds whose controllers own it. Pods start Pending (the defaulting keeps qosClass), nodes and
 * namespaces keep what defaulting and the client set.
 */
export function initialStatus(info: ResourceInfo, object: KubeObject): unknown {
  switch (info.kind) {
    case 'Node':
    case 'Namespace':
      return object.status;
    case 'Pod': {
      // Clients cannot set a pod's status; defaulting's SchedulingGated condition stays, and the QoS
      // class is computed from the spec as admission (LimitRanger) left it.
      const { conditions } = (object.status ?? {}) as { conditions?: unknown };
      return { phase: 'Pending', ...(conditions ? { conditions } : {}), qosClass: computePodQOS({ spec: object.spec }) };
    }
    case 'PersistentVolume':
    case 'PersistentVolumeClaim':
      return { phase: 'Pending' };
    case 'Service':
      return { loadBalancer: {} };
    default:
      return info.hasStatus ? {} : object.status;
  }
}

/**
 * Seconds a delete waits before the object is removed (CheckGracefulDelete): only pods are
 * graceful. A pod not yet bound to a node, or already finished, goes at once.
 */
export function gracePeriodSeconds(info: ResourceInfo, object: KubeObject, requested: number | undefined): number {
  if (info.kind !== 'Pod') return 0;
  const spec = (object.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = ((object.status ?? {}) as { phase?: string }).phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = requested ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, grace);
}
