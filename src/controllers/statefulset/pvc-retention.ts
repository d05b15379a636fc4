/**
 * persistentVolumeClaimRetentionPolicy (StatefulSetAutoDeletePVC): the owner references a pod's
 * claims should carry so that the garbage collector deletes them at the right time. With the
 * default Retain/Retain they carry none and outlive the set; `whenDeleted: Delete` makes the set
 * their owner; `whenScaled: Delete` makes a scaled-down pod their owner.
 */
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { newControllerRef } from '../common/owner-references.js';
import { podInOrdinalRange } from './stateful-set-utils.js';
import type { StatefulPod, StatefulSet } from './types.js';

/** The policy with its defaults. */
export function retentionPolicy(set: Readonly<StatefulSet>): { whenDeleted: string; whenScaled: string } {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted ?? 'Retain', whenScaled: p?.whenScaled ?? 'Retain' };
}

function hasOwnerRef(claim: Readonly<KubeObject>, owner: Readonly<KubeObject>): boolean {
  const uid = owner.metadata.uid;
  return uid !== undefined && (claim.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
}

/** hasStaleOwnerRef: the claim names `owner` (by kind and name) but with another uid. */
export function hasStaleOwnerRef(claim: Readonly<KubeObject>, owner: Readonly<KubeObject>, kind: string): boolean {
  for (const ref of claim.metadata.ownerReferences ?? []) {
    if (ref.kind === kind && ref.name === owner.metadata.name) return ref.uid !== (owner.metadata.uid ?? '');
  }
  return false;
}

function wantedRefs(set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>): { set: boolean; pod: boolean } {
  const policy = retentionPolicy(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  const podRef = policy.whenScaled === 'Delete' && scaledDown;
  return { set: policy.whenDeleted === 'Delete' && !podRef, pod: podRef };
}

/** isClaimOwnerUpToDate: the claim's references to the set and the pod are as the policy wants. */
export function isClaimOwnerUpToDate(claim: Readonly<KubeObject>, set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>): boolean {
  if (hasStaleOwnerRef(claim, set, 'StatefulSet') || hasStaleOwnerRef(claim, pod, 'Pod')) return false;
  const want = wantedRefs(set, pod);
  return hasOwnerRef(claim, set) === want.set && hasOwnerRef(claim, pod) === want.pod;
}

/** updateClaimOwnerRefForSetAndPod: the claim with its set and pod references made as the policy wants. */
export function withClaimOwnerRefs(claim: Readonly<KubeObject>, set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>): KubeObject {
  const want = wantedRefs(set, pod);
  const refs: OwnerReference[] = (claim.metadata.ownerReferences ?? []).filter(
    (r) => !(r.kind === 'StatefulSet' && r.name === set.metadata.name) && !(r.kind === 'Pod' && r.name === pod.metadata.name),
  );
  if (want.set) refs.push(newControllerRef(set));
  if (want.pod && pod.metadata.uid !== undefined) refs.push(newControllerRef(pod));
  const metadata = { ...claim.metadata, ownerReferences: refs };
  if (refs.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
  return { ...claim, metadata };
}

/** PodClaimIsStale: with whenScaled Delete, a claim still owned by an earlier pod of that name blocks the new pod. */
export function podClaimIsStale(set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>, claims: readonly (KubeObject | undefined)[]): boolean {
  if (retentionPolicy(set).whenScaled === 'Retain') return false;
  return claims.some((claim) => claim !== undefined && hasStaleOwnerRef(claim, pod, 'Pod'));
}
