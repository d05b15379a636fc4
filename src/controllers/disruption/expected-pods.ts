/**
 * getExpectedPodCount and getExpectedScale (disruption.go): how many pods a budget expects and
 * how many must stay healthy. An integer minAvailable counts the selected pods; a percentage or a
 * maxUnavailable needs the scale of the controllers of those pods (ReplicaSet, the Deployment
 * above a ReplicaSet, ReplicationController, StatefulSet).
 */
import type { KubeObject, OwnerReference } from '../../api/types.js';
import type { Lister } from '../../client/lister.js';
import { getControllerOf } from '../../client/index-funcs.js';
import { scaledValueFromIntOrPercent } from '../common/int-or-percent.js';
import { resourceForKind } from '../../apiserver/registry.js';
import type { PodDisruptionBudget } from './pdb-status.js';

/** The listers the finders read. */
export interface ControllerListers {
  replicaSets: Lister<KubeObject>;
  deployments: Lister<KubeObject>;
  replicationControllers: Lister<KubeObject>;
  statefulSets: Lister<KubeObject>;
}

/** The budget's numbers, or the error the controller records and fails safe on. */
export type ExpectedCount = { ok: true; expectedCount: number; desiredHealthy: number; unmanagedPods: string[] } | { ok: false; message: string };

interface ControllerAndScale {
  uid: string;
  scale: number;
}

type Finder = (ref: OwnerReference, namespace: string) => ControllerAndScale | undefined | { error: string };

function replicas(obj: Readonly<KubeObject>): number {
  const r = (obj['spec'] as { replicas?: number } | undefined)?.replicas;
  return typeof r === 'number' ? r : 1;
}

function byRef(lister: Lister<KubeObject>, kind: string, group: string): Finder {
  return (ref, namespace) => {
    if (ref.kind !== kind || groupOf(ref.apiVersion) !== group) return undefined;
    const obj = lister.get(namespace, ref.name);
    return obj !== undefined && obj.metadata.uid === ref.uid ? { uid: ref.uid, scale: replicas(obj) } : undefined;
  };
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** dc.finders(), in upstream order. */
function finders(l: ControllerListers): Finder[] {
  const getPodReplicaSet: Finder = (ref, namespace) => {
    if (ref.kind !== 'ReplicaSet' || groupOf(ref.apiVersion) !== 'apps') return undefined;
    const rs = l.replicaSets.get(namespace, ref.name);
    if (rs === undefined || rs.metadata.uid !== ref.uid) return undefined;
    if (getControllerOf(rs)?.kind === 'Deployment') return undefined; // counted through its Deployment
    return { uid: ref.uid, scale: replicas(rs) };
  };
  const getPodDeployment: Finder = (ref, namespace) => {
    if (ref.kind !== 'ReplicaSet' || groupOf(ref.apiVersion) !== 'apps') return undefined;
    const rs = l.replicaSets.get(namespace, ref.name);
    if (rs === undefined || rs.metadata.uid !== ref.uid) return undefined;
    const dRef = getControllerOf(rs);
    if (dRef === undefined || dRef.kind !== 'Deployment') return undefined;
    const d = l.deployments.get(namespace, dRef.name);
    return d !== undefined && d.metadata.uid === dRef.uid ? { uid: dRef.uid, scale: replicas(d) } : undefined;
  };
  const getScaleController: Finder = (ref) => {
    const info = resourceForKind(ref.apiVersion, ref.kind);
    if (info === undefined) return { error: `no matches for kind ${JSON.stringify(ref.kind)} in version ${JSON.stringify(ref.apiVersion)}` };
    const scalable = ['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'].includes(info.resource);
    if (!scalable) return { error: `${info.group === '' ? info.resource : `${info.resource}.${info.group}`} does not implement the scale subresource` };
    return undefined;
  };
  return [
    getPodReplicaSet,
    getPodDeployment,
    byRef(l.replicationControllers, 'ReplicationController', ''),
    byRef(l.statefulSets, 'StatefulSet', 'apps'),
    getScaleController,
  ];
}

/** getExpectedScale: the sum of the scales of the selected pods' controllers; pods without one are reported. */
function expectedScale(l: ControllerListers, pods: readonly KubeObject[]): { ok: true; count: number; unmanagedPods: string[] } | { ok: false; message: string } {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  const all = finders(l);
  for (const pod of pods) {
    const ref = getControllerOf(pod);
    if (ref === undefined) {
      unmanagedPods.push(pod.metadata.name ?? '');
      continue;
    }
    if (scales.has(ref.uid)) continue;
    let found = false;
    for (const finder of all) {
      const result = finder(ref, pod.metadata.namespace ?? '');
      if (result === undefined) continue;
      if ('error' in result) return { ok: false, message: result.error };
      scales.set(result.uid, result.scale);
      found = true;
      break;
    }
    if (!found) return { ok: false, message: `found no controllers for pod ${JSON.stringify(pod.metadata.name ?? '')}` };
  }
  let count = 0;
  for (const scale of scales.values()) count += scale;
  return { ok: true, count, unmanagedPods };
}

/** getExpectedPodCount. */
export function expectedPodCount(l: ControllerListers, pdb: Readonly<PodDisruptionBudget>, pods: readonly KubeObject[]): ExpectedCount {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const scale = expectedScale(l, pods);
    if (!scale.ok) return scale;
    const maxUnavailable = scaledValueFromIntOrPercent(spec.maxUnavailable, scale.count, true);
    if (maxUnavailable === undefined) return { ok: false, message: invalidIntOrPercent(spec.maxUnavailable) };
    return { ok: true, expectedCount: scale.count, desiredHealthy: Math.max(0, scale.count - maxUnavailable), unmanagedPods: scale.unmanagedPods };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') return { ok: true, expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    const scale = expectedScale(l, pods);
    if (!scale.ok) return scale;
    const minAvailable = scaledValueFromIntOrPercent(spec.minAvailable, scale.count, true);
    if (minAvailable === undefined) return { ok: false, message: invalidIntOrPercent(spec.minAvailable) };
    return { ok: true, expectedCount: scale.count, desiredHealthy: minAvailable, unmanagedPods: scale.unmanagedPods };
  }
  return { ok: true, expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}

/** intstr.GetScaledValueFromIntOrPercent's error for a string that is not a percentage. */
function invalidIntOrPercent(value: number | string): string {
  return typeof value === 'string' ? 'invalid value for IntOrString: invalid type: string is not a percentage' : `invalid value for IntOrString: ${value}`;
}
