/**
 * Finding or creating a Deployment's new ReplicaSet, the one running its current template
 * (sync.go: getAllReplicaSetsAndSyncRevision, getNewReplicaSet). It is named
 * `<deployment>-<pod-template-hash>`, carries the hash in its labels, selector and template, and
 * the next revision; the Deployment takes the same revision.
 */
import type { Result } from '../../api/result.js';
import { fail, ok } from '../../api/result.js';
import { internalError, notFound } from '../../api/status.js';
import type { LabelSelector } from '../../api/label-selector.js';
import { getControllerOf } from '../../client/index-funcs.js';
import { computeHash } from '../common/compute-hash.js';
import { newControllerRef } from '../common/owner-references.js';
import { hasNamespaceTerminatingCause } from '../common/pod-control.js';
import type { ReplicaSet, ReplicaSetSpec } from '../replicaset/types.js';
import { getDeploymentCondition, newDeploymentCondition, setDeploymentCondition } from './conditions.js';
import { FAILED_RS_CREATE_REASON, FOUND_NEW_RS_REASON, NEW_REPLICA_SET_REASON, POD_TEMPLATE_HASH_LABEL, PROGRESSING, REVISION_ANNOTATION, SCALING_REPLICA_SET } from './constants.js';
import { newRSNewReplicas } from './fenceposts.js';
import { maxRevision, setDeploymentRevision, setNewReplicaSetAnnotations } from './history.js';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets } from './replica-sets.js';
import { updateDeploymentStatus, updateReplicaSet, type DeploymentSyncContext } from './sync-context.js';
import { hasProgressDeadline, type Deployment } from './types.js';

/** A Deployment's ReplicaSets: the new one (if it exists) and every old one. */
export interface DeploymentReplicaSets {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/**
 * getAllReplicaSetsAndSyncRevision: the old ReplicaSets, and the new one with its revision and
 * annotations brought up to date (created first when `createIfNotExisted`).
 */
export function getAllReplicaSetsAndSyncRevision(
  dc: DeploymentSyncContext,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  createIfNotExisted: boolean,
): Result<DeploymentReplicaSets> {
  const { allRSs: oldRSs } = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, oldRSs, createIfNotExisted);
  return newRS.ok ? ok({ newRS: newRS.value, oldRSs }) : newRS;
}

function getNewReplicaSet(
  dc: DeploymentSyncContext,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  oldRSs: readonly ReplicaSet[],
  createIfNotExisted: boolean,
): Result<ReplicaSet | undefined> {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  if (existing !== undefined) return syncExistingNewReplicaSet(dc, d, existing, newRevision);
  if (!createIfNotExisted) return ok(undefined);
  return createNewReplicaSet(dc, d, oldRSs, newRevision);
}

/** The new ReplicaSet exists: bring its annotations and minReadySeconds up to date, then the Deployment's revision. */
function syncExistingNewReplicaSet(dc: DeploymentSyncContext, d: Deployment, existing: ReplicaSet, newRevision: string): Result<ReplicaSet | undefined> {
  const annotations = { ...existing.metadata.annotations };
  const annotationsUpdated = setNewReplicaSetAnnotations(d, annotations, newRevision, true);
  const minReadySeconds = d.spec?.minReadySeconds ?? 0;
  if (annotationsUpdated || (existing.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
    const spec: ReplicaSetSpec = { ...existing.spec };
    if (minReadySeconds === 0) delete spec.minReadySeconds;
    else spec.minReadySeconds = minReadySeconds;
    return updateReplicaSet(dc, { ...existing, metadata: { ...existing.metadata, annotations }, spec });
  }
  let needsUpdate = setDeploymentRevision(d, annotations[REVISION_ANNOTATION] ?? '');
  if (hasProgressDeadline(d) && getDeploymentCondition(d.status, PROGRESSING) === undefined) {
    const message = `Found new replica set "${existing.metadata.name ?? ''}"`;
    setDeploymentCondition((d.status ??= {}), newDeploymentCondition(PROGRESSING, 'True', FOUND_NEW_RS_REASON, message, dc.clock.now()));
    needsUpdate = true;
  }
  if (needsUpdate) {
    const written = updateDeploymentStatus(dc, d);
    if (!written.ok) return written;
  }
  return ok(existing);
}

/**
 * Creates the new ReplicaSet. A name already taken by a ReplicaSet with this template and owner is
 * ours (a stale cache); taken by another, it is a hash collision: collisionCount goes up and the
 * next sync tries another name. Other failures set Progressing False ReplicaSetCreateError.
 */
function createNewReplicaSet(dc: DeploymentSyncContext, d: Deployment, oldRSs: readonly ReplicaSet[], newRevision: string): Result<ReplicaSet | undefined> {
  const namespace = d.metadata.namespace ?? '';
  const template = structuredClone(d.spec?.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const spec: ReplicaSetSpec = { replicas: 0, selector: selectorWithLabel(d.spec?.selector ?? {}, POD_TEMPLATE_HASH_LABEL, hash), template };
  if (d.spec?.minReadySeconds) spec.minReadySeconds = d.spec.minReadySeconds;
  const name = `${d.metadata.name ?? ''}-${hash}`;
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace, labels: { ...labels }, ownerReferences: [newControllerRef(d)] },
    spec,
  };
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  if (newReplicasCount === undefined) return fail(internalError(`deployment type ${d.spec?.strategy?.type ?? ''} isn't supported`));
  spec.replicas = newReplicasCount;
  const annotations: Record<string, string> = {};
  setNewReplicaSetAnnotations(d, annotations, newRevision, false);
  newRS.metadata.annotations = annotations;

  const now = dc.clock.now();
  const created = dc.api.create('replicasets', namespace, newRS);
  let createdRS: ReplicaSet;
  let alreadyExists = false;
  if (created.ok) {
    createdRS = created.value as ReplicaSet;
  } else if (created.status.reason === 'AlreadyExists') {
    alreadyExists = true;
    const rs = dc.rsLister.get(namespace, name);
    if (rs === undefined) return fail(notFound({ group: 'apps', resource: 'replicasets' }, name));
    if (getControllerOf(rs)?.uid !== d.metadata.uid || !equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
      const status = (d.status ??= {});
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      updateDeploymentStatus(dc, d);
      return created;
    }
    createdRS = rs;
  } else if (hasNamespaceTerminatingCause(created.status)) {
    return created;
  } else {
    const message = `Failed to create new replica set "${name}": ${created.status.message ?? ''}`;
    if (hasProgressDeadline(d)) {
      setDeploymentCondition((d.status ??= {}), newDeploymentCondition(PROGRESSING, 'False', FAILED_RS_CREATE_REASON, message, now));
      updateDeploymentStatus(dc, d);
    }
    dc.recorder.event(d, 'Warning', FAILED_RS_CREATE_REASON, message);
    return created;
  }
  if (!alreadyExists && newReplicasCount > 0) {
    dc.recorder.event(d, 'Normal', SCALING_REPLICA_SET, `Scaled up replica set ${name} from 0 to ${newReplicasCount}`);
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    setDeploymentCondition((d.status ??= {}), newDeploymentCondition(PROGRESSING, 'True', NEW_REPLICA_SET_REASON, `Created new replica set "${name}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) {
    const written = updateDeploymentStatus(dc, d);
    if (!written.ok) return written;
  }
  return ok(createdRS);
}

/** CloneSelectorAndAddLabel: a copy of the selector with one more matchLabels entry. */
function selectorWithLabel(selector: LabelSelector, key: string, value: string): LabelSelector {
  const out: LabelSelector = { matchLabels: { ...selector.matchLabels, [key]: value } };
  if (selector.matchExpressions !== undefined) out.matchExpressions = structuredClone(selector.matchExpressions);
  return out;
}
