/**
 * What the Deployment controller works out from a Deployment's ReplicaSets
 * (deployment/util/deployment_util.go and controller_utils.go): which one is new, which are old,
 * their orderings, their replica counts, and how a scaling event is shared among them.
 */
import { jsonEqual } from '../../api/equal.js';
import { cachedParseTime } from '../common/cached-parsing.js';
import type { PodTemplate } from '../common/pod-control.js';
import { specReplicas, type ReplicaSet } from '../replicaset/types.js';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL } from './constants.js';
import { maxSurge } from './fenceposts.js';
import { deploymentReplicas, statusOf, type Deployment } from './types.js';

/**
 * The last comparison of each frozen template with another (a Deployment's template is compared
 * with the same ReplicaSet templates on every sync, and cached objects keep their templates
 * through status updates).
 */
const compared = new WeakMap<PodTemplate, { other: PodTemplate; equal: boolean }>();

/** EqualIgnoreHash: the templates are semantically equal once their pod-template-hash labels are removed. */
export function equalIgnoreHash(t1: PodTemplate | undefined, t2: PodTemplate | undefined): boolean {
  if (t1 === undefined || t2 === undefined || !Object.isFrozen(t1) || !Object.isFrozen(t2)) return compareIgnoringHash(t1, t2);
  const last = compared.get(t1);
  if (last !== undefined && last.other === t2) return last.equal;
  const equal = compareIgnoringHash(t1, t2);
  compared.set(t1, { other: t2, equal });
  return equal;
}

function compareIgnoringHash(t1: PodTemplate | undefined, t2: PodTemplate | undefined): boolean {
  if (!jsonEqual(t1?.spec ?? {}, t2?.spec ?? {})) return false;
  const { labels: labels1, annotations: annotations1, ...rest1 } = t1?.metadata ?? {};
  const { labels: labels2, annotations: annotations2, ...rest2 } = t2?.metadata ?? {};
  return jsonEqual(withoutHash(labels1), withoutHash(labels2)) && jsonEqual(annotations1 ?? {}, annotations2 ?? {}) && jsonEqual(rest1, rest2);
}

/** A copy of a ReplicaSet's template without its pod-template-hash label: the Deployment template it was made from. */
export function templateWithoutHash(template: PodTemplate | undefined): PodTemplate {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels !== undefined) copy.metadata.labels = withoutHash(copy.metadata.labels);
  return copy;
}

function withoutHash(labels: Record<string, string> | undefined): Record<string, string> {
  if (labels === undefined || !(POD_TEMPLATE_HASH_LABEL in labels)) return labels ?? {};
  const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...rest } = labels;
  return rest;
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = cachedParseTime(a.metadata.creationTimestamp) ?? 0;
  const tb = cachedParseTime(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: largest first, older first among equals (scaling down takes from the old). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreationTimestamp(a, b);
}

/** ReplicaSetsBySizeNewer: largest first, newer first among equals (scaling up gives to the new). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreationTimestamp(b, a);
}

/** FilterActiveReplicaSets: the ReplicaSets that want pods. */
export function filterActiveReplicaSets(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && specReplicas(rs) > 0);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: Readonly<Deployment>, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: every ReplicaSet but the new one, and those of them that still want pods. */
export function findOldReplicaSets(d: Readonly<Deployment>, rsList: readonly ReplicaSet[]): { requiredRSs: ReplicaSet[]; allRSs: ReplicaSet[] } {
  const newRS = findNewReplicaSet(d, rsList);
  const allRSs = rsList.filter((rs) => newRS === undefined || rs.metadata.uid !== newRS.metadata.uid);
  return { requiredRSs: allRSs.filter((rs) => specReplicas(rs) !== 0), allRSs };
}

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export function replicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((sum, rs) => sum + (rs === undefined ? 0 : specReplicas(rs)), 0);
}

/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export function actualReplicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((sum, rs) => sum + (rs?.status?.replicas ?? 0), 0);
}

/** GetReadyReplicaCountForReplicaSets: the sum of status.readyReplicas. */
export function readyReplicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((sum, rs) => sum + (rs?.status?.readyReplicas ?? 0), 0);
}

/** GetAvailableReplicaCountForReplicaSets: the sum of status.availableReplicas. */
export function availableReplicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((sum, rs) => sum + (rs?.status?.availableReplicas ?? 0), 0);
}

/**
 * FindActiveOrLatest: the only ReplicaSet that wants pods, or, when none does, the new one (or
 * else the newest old one); undefined when several do (they are scaled proportionally).
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** The integer value of an annotation, or undefined when absent or malformed. */
export function intAnnotation(rs: Readonly<ReplicaSet>, key: string): number | undefined {
  const value = rs.metadata.annotations?.[key];
  return value !== undefined && /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}

/** IsSaturated: the ReplicaSet has, wants and is annotated with the Deployment's replicas, all available. */
export function isSaturated(d: Readonly<Deployment>, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  if (desired === undefined) return false;
  const replicas = deploymentReplicas(d);
  return specReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/** ReplicasAnnotationsNeedUpdate: desired-replicas or max-replicas differ from these values. */
export function replicasAnnotationsNeedUpdate(rs: Readonly<ReplicaSet>, desiredReplicas: number, maxReplicas: number): boolean {
  const annotations = rs.metadata.annotations ?? {};
  return annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desiredReplicas) || annotations[MAX_REPLICAS_ANNOTATION] !== String(maxReplicas);
}

/** SetReplicasAnnotations on a copy being built: true if anything changed. */
export function setReplicasAnnotations(annotations: Record<string, string>, desiredReplicas: number, maxReplicas: number): boolean {
  let updated = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desiredReplicas)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desiredReplicas);
    updated = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(maxReplicas)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(maxReplicas);
    updated = true;
  }
  return updated;
}

/**
 * GetReplicaSetProportion: this ReplicaSet's share of `toAdd` replicas (negative when scaling
 * down), never more than what is left to add after `added`.
 */
export function replicaSetProportion(rs: Readonly<ReplicaSet>, d: Readonly<Deployment>, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** getReplicaSetFraction: the ReplicaSet's size scaled from the Deployment's old maximum (its max-replicas annotation) to the new one. */
function replicaSetFraction(rs: Readonly<ReplicaSet>, d: Readonly<Deployment>): number {
  const replicas = specReplicas(rs);
  if (deploymentReplicas(d) === 0) return -replicas;
  const maxReplicas = deploymentReplicas(d) + maxSurge(d);
  let maxBeforeScale = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? 0;
  if (maxBeforeScale === 0) {
    // No annotation (someone edited the ReplicaSet): the best guess is the Deployment's current size.
    maxBeforeScale = statusOf(d).replicas;
    if (maxBeforeScale === 0) return replicas;
  }
  return roundToInt32((replicas * maxReplicas) / maxBeforeScale) - replicas;
}

/** integer.RoundToInt32: half away from zero. */
function roundToInt32(a: number): number {
  return a < 0 ? Math.trunc(a - 0.5) : Math.trunc(a + 0.5);
}
