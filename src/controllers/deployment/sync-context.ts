/**
 * What the Deployment controller's sync functions share (the DeploymentController fields upstream
 * methods read): the API, the event recorder, the clock, the ReplicaSet cache and the queue, plus
 * the few writes they make.
 */
import type { Result } from '../../api/result.js';
import type { Status } from '../../api/status.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { Clock } from '../../clock/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import type { ReplicaSet } from '../replicaset/types.js';
import { REVISION_ANNOTATION } from './constants.js';
import { compactStatus } from './status.js';
import type { Deployment } from './types.js';

/** The Deployment controller as its sync functions see it. */
export interface DeploymentSyncContext {
  readonly api: ApiClient;
  /** Records events from `deployment-controller`. */
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  /** The ReplicaSet informer's cache. */
  readonly rsLister: Lister<ReplicaSet>;
  /** enqueueAfter: sync the Deployment again after `ms`. */
  enqueueAfter(d: Readonly<Deployment>, ms: number): void;
  /** enqueueRateLimited: sync the Deployment again after its back-off. */
  enqueueRateLimited(d: Readonly<Deployment>): void;
}

/** An error that fails a sync (and requeues the Deployment with back-off): the API's Status. */
export type SyncError = Status;

/** ReplicaSets().Update. */
export function updateReplicaSet(dc: DeploymentSyncContext, rs: ReplicaSet): Result<ReplicaSet> {
  return dc.api.update('replicasets', rs.metadata.namespace ?? '', rs) as Result<ReplicaSet>;
}

/** Deployments().Update: spec and metadata (the rollback annotation and template). */
export function updateDeployment(dc: DeploymentSyncContext, d: Deployment): Result<Deployment> {
  return dc.api.update('deployments', d.metadata.namespace ?? '', d) as Result<Deployment>;
}

/**
 * Deployments().UpdateStatus with the working copy, whose resourceVersion is the one read from the
 * cache: a second status write in one sync conflicts, as upstream's does, and the sync is retried.
 *
 * kube-apiserver's status strategy for Deployments keeps metadata changes other than labels, which
 * is how the controller records the revision annotation on the Deployment. While the playground's
 * API server drops metadata on status writes, the annotation follows in a merge patch; once the
 * server keeps it, the patch is never sent.
 */
export function updateDeploymentStatus(dc: DeploymentSyncContext, d: Deployment): Result<Deployment> {
  const namespace = d.metadata.namespace ?? '';
  const written = dc.api.update('deployments', namespace, { ...d, status: compactStatus(d.status) }, { subresource: 'status' }) as Result<Deployment>;
  if (!written.ok) return written;
  const revision = d.metadata.annotations?.[REVISION_ANNOTATION];
  if (revision === undefined || written.value.metadata.annotations?.[REVISION_ANNOTATION] === revision) return written;
  const patch = { metadata: { annotations: { [REVISION_ANNOTATION]: revision } } };
  const patched = dc.api.patch('deployments', namespace, d.metadata.name ?? '', 'merge', patch) as Result<Deployment>;
  return patched.ok ? patched : written;
}
