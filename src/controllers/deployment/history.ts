/**
 * Revisions: each template a Deployment has had is a ReplicaSet numbered by its
 * `deployment.kubernetes.io/revision` annotation. The new ReplicaSet always carries the highest
 * number; going back to an old template reuses its ReplicaSet and gives it the next number,
 * remembering the old ones in `revision-history` (deployment_util.go).
 */
import type { ReplicaSet } from '../replicaset/types.js';
import {
  ANNOTATIONS_TO_SKIP,
  MAX_REV_HISTORY_LENGTH_IN_CHARS,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
} from './constants.js';
import { maxSurge } from './fenceposts.js';
import { setReplicasAnnotations } from './replica-sets.js';
import { deploymentReplicas, type Deployment } from './types.js';

/** A Go ParseInt-able integer. */
const INTEGER = /^[+-]?\d+$/;

/** Revision: the revision annotation as a number (0 when absent), undefined when it is not a number. */
export function revisionOf(obj: Readonly<ReplicaSet>): number | undefined {
  const value = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (value === undefined) return 0;
  return INTEGER.test(value) ? Number(value) : undefined;
}

/** MaxRevision: the highest revision among the ReplicaSets (unreadable ones skipped). */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second highest revision (the one before the current), 0 if none. */
export function lastRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  let secMax = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) {
      secMax = v;
    }
  }
  return secMax;
}

/**
 * SetNewReplicaSetAnnotations on `annotations` (a copy of the new ReplicaSet's): copies the
 * Deployment's own annotations, raises the revision to `newRevision` (recording the old one in the
 * history when it had one), and for a ReplicaSet about to be created sets desired-replicas and
 * max-replicas. True if anything changed.
 */
export function setNewReplicaSetAnnotations(d: Readonly<Deployment>, annotations: Record<string, string>, newRevision: string, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, annotations);
  const oldRevision = annotations[REVISION_ANNOTATION];
  let oldRevisionInt = 0;
  if (oldRevision !== undefined && oldRevision !== '') {
    if (!INTEGER.test(oldRevision)) return false;
    oldRevisionInt = Number(oldRevision);
  }
  if (!INTEGER.test(newRevision)) return false;
  const newRevisionInt = Number(newRevision);
  if (oldRevisionInt < newRevisionInt) {
    annotations[REVISION_ANNOTATION] = newRevision;
    changed = true;
    // Rolling back to this ReplicaSet: keep the revisions it had.
    if (oldRevision !== undefined) appendRevisionHistory(annotations, oldRevision);
  }
  if (!exists && setReplicasAnnotations(annotations, deploymentReplicas(d), deploymentReplicas(d) + maxSurge(d))) changed = true;
  return changed;
}

function appendRevisionHistory(annotations: Record<string, string>, oldRevision: string): void {
  const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
  const oldRevisions = history.split(',');
  if (oldRevisions[0] === '') {
    annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
    return;
  }
  let totalLen = history.length + oldRevision.length + 1;
  let start = 0;
  while (totalLen > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < oldRevisions.length) {
    totalLen -= oldRevisions[start]!.length + 1;
    start++;
  }
  if (totalLen <= MAX_REV_HISTORY_LENGTH_IN_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...oldRevisions.slice(start), oldRevision].join(',');
}

/** copyDeploymentAnnotationsToReplicaSet: the Deployment's annotations but the skipped ones; true if any changed. */
function copyDeploymentAnnotations(d: Readonly<Deployment>, annotations: Record<string, string>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** SetDeploymentRevision on the working copy: true if the revision annotation changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const annotations = (d.metadata.annotations ??= {});
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}

/**
 * SetDeploymentAnnotationsTo on the working copy: when rolling back to `rs`, the Deployment takes
 * that ReplicaSet's annotations (keeping its own skipped ones, such as the revision).
 */
export function setDeploymentAnnotationsTo(d: Deployment, rs: Readonly<ReplicaSet>): void {
  d.metadata.annotations = annotationsForRollback(d.metadata.annotations, rs.metadata.annotations);
}

/** The Deployment's annotations after rolling back to a ReplicaSet: its own skipped ones, the ReplicaSet's others. */
export function annotationsForRollback(deployment: Readonly<Record<string, string>> | undefined, rs: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  return annotations;
}
