/**
 * Server-side rollback (rollback.go): a Deployment annotated `deprecated.deployment.rollback.to`
 * (what extensions/v1beta1's `spec.rollbackTo` became) gets the template of that revision's
 * ReplicaSet (0: the previous revision) and loses the annotation. The ReplicaSet is then found to
 * be the new one again and takes the next revision. (`kubectl rollout undo` instead patches the
 * template itself: see rollout-undo.ts.)
 */
import type { ReplicaSet } from '../replicaset/types.js';
import { DEPRECATED_ROLLBACK_TO_ANNOTATION, ROLLBACK_DONE, ROLLBACK_REVISION_NOT_FOUND, ROLLBACK_TEMPLATE_UNCHANGED } from './constants.js';
import { lastRevision, revisionOf, setDeploymentAnnotationsTo } from './history.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { equalIgnoreHash, templateWithoutHash } from './replica-sets.js';
import { updateDeployment, type DeploymentSyncContext, type SyncError } from './sync-context.js';
import type { Deployment } from './types.js';

/** getRollbackTo: the revision the Deployment asks to roll back to, if the annotation is a number. */
export function getRollbackTo(d: Readonly<Deployment>): number | undefined {
  const revision = d.metadata.annotations?.[DEPRECATED_ROLLBACK_TO_ANNOTATION];
  if (revision === undefined || revision === '' || !/^[+-]?\d+$/.test(revision)) return undefined;
  return Number(revision);
}

/** rollback: rolls the Deployment back to the requested revision, or gives up with a warning; the request is cleared either way. */
export function rollback(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): SyncError | undefined {
  const rss = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  if (!rss.ok) return rss.status;
  const allRSs = rss.value.newRS === undefined ? rss.value.oldRSs : [...rss.value.oldRSs, rss.value.newRS];
  let revision = getRollbackTo(d) ?? 0;
  if (revision === 0) {
    revision = lastRevision(allRSs);
    if (revision === 0) {
      dc.recorder.event(d, 'Warning', ROLLBACK_REVISION_NOT_FOUND, 'Unable to find last revision.');
      return updateDeploymentAndClearRollbackTo(dc, d);
    }
  }
  const target = allRSs.find((rs) => revisionOf(rs) === revision);
  if (target === undefined) {
    dc.recorder.event(d, 'Warning', ROLLBACK_REVISION_NOT_FOUND, 'Unable to find the revision to rollback to.');
    return updateDeploymentAndClearRollbackTo(dc, d);
  }
  const performedRollback = !equalIgnoreHash(d.spec?.template, target.spec?.template);
  if (performedRollback) {
    setFromReplicaSetTemplate(d, target);
    // The Deployment takes the ReplicaSet's annotations (change-cause …), or its current ones would be copied onto it.
    setDeploymentAnnotationsTo(d, target);
  } else {
    const message = `The rollback revision contains the same template as current deployment "${d.metadata.name ?? ''}"`;
    dc.recorder.event(d, 'Warning', ROLLBACK_TEMPLATE_UNCHANGED, message);
  }
  const error = updateDeploymentAndClearRollbackTo(dc, d);
  if (performedRollback && error === undefined) {
    dc.recorder.event(d, 'Normal', ROLLBACK_DONE, `Rolled back deployment "${d.metadata.name ?? ''}" to revision ${revision}`);
  }
  return error;
}

/** SetFromReplicaSetTemplate: the ReplicaSet's template without its pod-template-hash label. */
function setFromReplicaSetTemplate(d: Deployment, rs: Readonly<ReplicaSet>): void {
  d.spec = { ...d.spec, template: templateWithoutHash(rs.spec?.template) };
}

/** updateDeploymentAndClearRollbackTo: writes the Deployment without the rollback annotation. */
function updateDeploymentAndClearRollbackTo(dc: DeploymentSyncContext, d: Deployment): SyncError | undefined {
  if (d.metadata.annotations !== undefined) delete d.metadata.annotations[DEPRECATED_ROLLBACK_TO_ANNOTATION];
  const written = updateDeployment(dc, d);
  return written.ok ? undefined : written.status;
}
