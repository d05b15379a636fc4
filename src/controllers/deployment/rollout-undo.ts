/**
 * `kubectl rollout undo deployment/<name> [--to-revision=N]` (kubectl's DeploymentRollbacker):
 * client-side, it finds the ReplicaSet of that revision (0: the one before the current) and
 * patches the Deployment's template and annotations back to it. The Deployment controller then
 * finds that ReplicaSet to be the new one and gives it the next revision.
 */
import { labelSelectorAsSelector, matches, type LabelSelector } from '../../api/label-selector.js';
import type { ApiClient } from '../../apiserver/types.js';
import { getControllerOf } from '../../client/index-funcs.js';
import type { ReplicaSet } from '../replicaset/types.js';
import { annotationsForRollback, revisionOf } from './history.js';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, templateWithoutHash } from './replica-sets.js';
import type { Deployment } from './types.js';

/** What kubectl prints after `deployment.apps/<name> ` on success, or its error text. */
export type RollbackResult = { ok: true; message: string } | { ok: false; error: string };

/**
 * Rolls the Deployment `namespace/name` back to `toRevision` (0 or absent: the previous revision),
 * with kubectl's messages: `rolled back`, `skipped rollback (current template already matches
 * revision N)`, `unable to find specified revision N in history`, …
 */
export function rollbackDeployment(api: ApiClient, namespace: string, name: string, toRevision = 0): RollbackResult {
  if (toRevision < 0) return { ok: false, error: revisionNotFound(toRevision) };
  const got = api.get('deployments', namespace, name);
  if (!got.ok) return { ok: false, error: `failed to retrieve Deployment ${name}: ${got.status.message ?? ''}` };
  const deployment = got.value as Deployment;
  const listed = api.list('replicasets', namespace);
  if (!listed.ok) return { ok: false, error: `failed to retrieve replica sets from deployment ${name}: ${listed.status.message ?? ''}` };
  const target = revisionToRollBackTo(deployment, ownedReplicaSets(deployment, listed.value.items as ReplicaSet[]), toRevision);
  if (typeof target === 'string') return { ok: false, error: target };
  if (deployment.spec?.paused === true) {
    return { ok: false, error: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again" };
  }
  if (equalIgnoreHash(target.spec?.template, deployment.spec?.template)) {
    return { ok: true, message: `skipped rollback (current template already matches revision ${toRevision})` };
  }
  const patch = [
    { op: 'replace', path: '/spec/template', value: templateWithoutHash(target.spec?.template) },
    { op: 'replace', path: '/metadata/annotations', value: annotationsForRollback(deployment.metadata.annotations, target.metadata.annotations) },
  ];
  const patched = api.patch('deployments', namespace, name, 'json', patch);
  if (!patched.ok) return { ok: false, error: `failed restoring revision ${toRevision}: ${patched.status.message ?? ''}` };
  return { ok: true, message: 'rolled back' };
}

/** ListReplicaSets: the ReplicaSets matching the Deployment's selector that it controls. */
function ownedReplicaSets(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet[] {
  const selector = labelSelectorAsSelector(d.spec?.selector as LabelSelector | undefined);
  if (!selector.ok) return [];
  return rss.filter((rs) => matches(selector.value, rs.metadata.labels) && getControllerOf(rs)?.uid === d.metadata.uid);
}

/** deploymentRevision: the ReplicaSet of `toRevision`, or of the second highest revision for 0; else kubectl's error. */
function revisionToRollBackTo(d: Deployment, rsList: readonly ReplicaSet[], toRevision: number): ReplicaSet | string {
  const newRS = findNewReplicaSet(d, rsList);
  const allRSs = [...findOldReplicaSets(d, rsList).allRSs, ...(newRS === undefined ? [] : [newRS])];
  let latest: { rs?: ReplicaSet; revision: number } = { revision: -1 };
  let previous: { rs?: ReplicaSet; revision: number } = { revision: -1 };
  for (const rs of allRSs) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latest.revision < v) {
        previous = latest;
        latest = { rs, revision: v };
      } else if (previous.revision < v) {
        previous = { rs, revision: v };
      }
    } else if (toRevision === v) {
      return rs;
    }
  }
  if (toRevision > 0) return revisionNotFound(toRevision);
  return previous.rs ?? `no rollout history found for deployment "${d.metadata.name ?? ''}"`;
}

function revisionNotFound(revision: number): string {
  return `unable to find specified revision ${revision} in history`;
}
