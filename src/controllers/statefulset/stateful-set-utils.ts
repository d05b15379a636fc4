/**
 * A StatefulSet pod's identity and storage (pkg/controller/statefulset/stateful_set_utils.go):
 * `<set>-<ordinal>` names, the pod-name and pod-index labels, hostname and subdomain, one
 * PersistentVolumeClaim `<claim>-<set>-<ordinal>` per volumeClaimTemplate, and the predicates the
 * ordered update logic is written in.
 */
import type { JsonObject, KubeObject } from '../../api/types.js';
import { isPodAvailable, isPodReady } from '../common/pod-conditions.js';
import { newControllerRef } from '../common/owner-references.js';
import { podFromTemplate } from '../common/pod-control.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../common/controller-history.js';
import type { PodVolume, StatefulPod, StatefulSet } from './types.js';

/** apps.StatefulSetPodNameLabel. */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** apps.PodIndexLabel. */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

const STATEFUL_POD_REGEX = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-2` → { parent: 'web', ordinal: 2 }; ordinal −1 when the name has none. */
export function parentNameAndOrdinal(pod: Readonly<KubeObject>): { parent: string; ordinal: number } {
  const match = STATEFUL_POD_REGEX.exec(pod.metadata.name ?? '');
  if (match === null) return { parent: '', ordinal: -1 };
  const ordinal = Number(match[2]);
  return { parent: match[1]!, ordinal: ordinal <= 2147483647 ? ordinal : -1 };
}

/** getOrdinal. */
export function getOrdinal(pod: Readonly<KubeObject>): number {
  return parentNameAndOrdinal(pod).ordinal;
}

/** isMemberOf: the pod's name says it belongs to the set. */
export function isMemberOf(set: Readonly<StatefulSet>, pod: Readonly<KubeObject>): boolean {
  return parentNameAndOrdinal(pod).parent === set.metadata.name;
}

/** getStartOrdinal (spec.ordinals.start, default 0). */
export function startOrdinal(set: Readonly<StatefulSet>): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** getEndOrdinal: the last ordinal of the set's replicas (start − 1 with none). */
export function endOrdinal(set: Readonly<StatefulSet>): number {
  return startOrdinal(set) + (set.spec?.replicas ?? 1) - 1;
}

/** podInOrdinalRange. */
export function podInOrdinalRange(pod: Readonly<KubeObject>, set: Readonly<StatefulSet>): boolean {
  const ordinal = getOrdinal(pod);
  return ordinal >= startOrdinal(set) && ordinal <= endOrdinal(set);
}

/** getPodName. */
export function podName(set: Readonly<StatefulSet>, ordinal: number): string {
  return `${set.metadata.name ?? ''}-${ordinal}`;
}

/** getPersistentVolumeClaimName: `<claim>-<set>-<ordinal>`. */
export function claimName(set: Readonly<StatefulSet>, template: Readonly<KubeObject>, ordinal: number): string {
  return `${template.metadata.name ?? ''}-${set.metadata.name ?? ''}-${ordinal}`;
}

/** getPersistentVolumeClaims: the claims the pod at `ordinal` needs, by template name, labelled with the set's matchLabels. */
export function persistentVolumeClaims(set: Readonly<StatefulSet>, ordinal: number): Map<string, KubeObject> {
  const claims = new Map<string, KubeObject>();
  const matchLabels = set.spec?.selector?.matchLabels ?? {};
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    const { status: _status, ...rest } = structuredClone(template) as KubeObject;
    const claim: KubeObject = {
      ...rest,
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { ...rest.metadata, name: claimName(set, template, ordinal), namespace: set.metadata.namespace ?? '', labels: { ...rest.metadata.labels, ...matchLabels } },
    };
    claims.set(template.metadata.name ?? '', claim);
  }
  return claims;
}

/** identityMatches: name, namespace and pod-name label agree with the ordinal. */
export function identityMatches(set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>): boolean {
  const { parent, ordinal } = parentNameAndOrdinal(pod);
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.name === podName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[STATEFULSET_POD_NAME_LABEL] === pod.metadata.name
  );
}

/** storageMatches: every claim template is mounted from the pod's own claim. */
export function storageMatches(set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    const volume = volumes.get(template.metadata.name ?? '');
    if (volume?.persistentVolumeClaim?.claimName !== claimName(set, template, ordinal)) return false;
  }
  return true;
}

/** updateIdentity: the pod's name, namespace and identity labels, as a new pod object. */
export function withIdentity(set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>): StatefulPod {
  const ordinal = getOrdinal(pod);
  const name = podName(set, ordinal);
  const labels = { ...pod.metadata.labels, [STATEFULSET_POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
  return { ...pod, metadata: { ...pod.metadata, name, namespace: set.metadata.namespace ?? '', labels } };
}

/** updateStorage: the claim volumes first, then the template's other volumes. */
export function withStorage(set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>): StatefulPod {
  const claims = persistentVolumeClaims(set, getOrdinal(pod));
  const volumes: PodVolume[] = [];
  for (const [name, claim] of claims) volumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata.name ?? '' } });
  for (const v of pod.spec?.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  if (volumes.length === 0) return pod as StatefulPod;
  return { ...pod, spec: { ...pod.spec, volumes } as StatefulPod['spec'] };
}

/** newStatefulSetPod: the pod at `ordinal` from the set's template, with identity, hostname, subdomain and storage. */
export function newStatefulSetPod(set: Readonly<StatefulSet>, ordinal: number): StatefulPod {
  const template = set.spec?.template ?? {};
  const pod = podFromTemplate(template, set.metadata.namespace ?? '', newControllerRef(set), { name: podName(set, ordinal) }) as StatefulPod;
  pod.metadata.generateName = `${set.metadata.name ?? ''}-`;
  const spec = (pod.spec ?? {}) as JsonObject;
  spec['hostname'] = podName(set, ordinal);
  if (set.spec?.serviceName) spec['subdomain'] = set.spec.serviceName;
  return withStorage(set, withIdentity(set, pod));
}

/** setPodRevision. */
export function withRevision(pod: Readonly<StatefulPod>, revision: string): StatefulPod {
  return { ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: revision } } };
}

/** getPodRevision. */
export function podRevision(pod: Readonly<KubeObject>): string {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
}

const phaseOf = (pod: Readonly<StatefulPod>): string => pod.status?.phase ?? '';

/** isCreated: the API server has given the pod a phase. */
export const isCreated = (pod: Readonly<StatefulPod>): boolean => phaseOf(pod) !== '';
/** isPending. */
export const isPending = (pod: Readonly<StatefulPod>): boolean => phaseOf(pod) === 'Pending';
/** isFailed. */
export const isFailed = (pod: Readonly<StatefulPod>): boolean => phaseOf(pod) === 'Failed';
/** isSucceeded. */
export const isSucceeded = (pod: Readonly<StatefulPod>): boolean => phaseOf(pod) === 'Succeeded';
/** isTerminating. */
export const isTerminating = (pod: Readonly<StatefulPod>): boolean => pod.metadata.deletionTimestamp != null;
/** isRunningAndReady. */
export const isRunningAndReady = (pod: Readonly<StatefulPod>): boolean => phaseOf(pod) === 'Running' && isPodReady(pod);

/** isRunningAndAvailable: Ready for minReadySeconds. */
export function isRunningAndAvailable(pod: Readonly<StatefulPod>, minReadySeconds: number, now: number): boolean {
  return isPodAvailable(pod, minReadySeconds, now);
}

/** isUnavailable: not available, or on its way out. */
export function isUnavailable(pod: Readonly<StatefulPod>, minReadySeconds: number, now: number): boolean {
  return !isRunningAndAvailable(pod, minReadySeconds, now) || isTerminating(pod);
}

/** allowsBurst: Parallel pod management. */
export function allowsBurst(set: Readonly<StatefulSet>): boolean {
  return set.spec?.podManagementPolicy === 'Parallel';
}
