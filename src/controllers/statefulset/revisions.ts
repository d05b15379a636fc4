/**
 * A StatefulSet's revisions (getStatefulSetRevisions, truncateHistory, ApplyRevision): the update
 * revision is the set's current template (created, or an earlier equal revision renumbered for a
 * rollback); the current revision is the one `status.currentRevision` names. Pods are labelled
 * with the revision's full name (`web-6d5f8b7c9`).
 */
import type { Result } from '../../api/result.js';
import { fail, ok } from '../../api/result.js';
import type { ApiClient } from '../../apiserver/types.js';
import {
  createControllerRevision,
  equalRevision,
  findEqualRevisions,
  newControllerRevision,
  nextRevision,
  revisionTemplate,
  templatePatch,
  updateControllerRevision,
  type ControllerRevision,
} from '../common/controller-history.js';
import type { PodTemplate } from '../common/pod-control.js';
import { podRevision } from './stateful-set-utils.js';
import type { StatefulPod, StatefulSet } from './types.js';

/** The revisions a sync works with. */
export interface StatefulSetRevisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
}

/** newRevision: the revision of the set's current template (annotations copied from the set). */
export function newRevision(set: Readonly<StatefulSet>, revision: number, collisionCount: number): ControllerRevision {
  const cr = newControllerRevision(set, set.spec?.template?.metadata?.labels, templatePatch(set), revision, collisionCount);
  if (set.metadata.annotations !== undefined) cr.metadata.annotations = { ...cr.metadata.annotations, ...set.metadata.annotations };
  return cr;
}

/** ApplyRevision: the set with the revision's template. */
export function applyRevision(set: Readonly<StatefulSet>, revision: Readonly<ControllerRevision>): StatefulSet {
  return { ...set, spec: { ...set.spec, template: revisionTemplate(revision) as PodTemplate } };
}

/** getStatefulSetRevisions (`sorted` in revision order). May create or renumber a revision. */
export function statefulSetRevisions(api: ApiClient, set: Readonly<StatefulSet>, sorted: readonly ControllerRevision[]): Result<StatefulSetRevisions> {
  let collisionCount = set.status?.collisionCount ?? 0;
  let update = newRevision(set, nextRevision(sorted), collisionCount);
  const equal = findEqualRevisions(sorted, update);
  const last = sorted[sorted.length - 1];
  if (equal.length > 0 && equalRevision(last, equal[equal.length - 1])) {
    update = last!;
  } else if (equal.length > 0) {
    const renumbered = updateControllerRevision(api, equal[equal.length - 1]!, update.revision);
    if (!renumbered.ok) return fail(renumbered.status);
    update = renumbered.value;
  } else {
    const created = createControllerRevision(api, set, update, collisionCount);
    collisionCount = created.collisionCount;
    if (!created.result.ok) return fail(created.result.status);
    update = created.result.value;
  }
  const current = sorted.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return ok({ current, update, collisionCount });
}

/** truncateHistory: deletes the oldest revisions beyond revisionHistoryLimit that no pod and neither status revision uses. */
export function truncateHistory(
  api: ApiClient,
  set: Readonly<StatefulSet>,
  pods: readonly StatefulPod[],
  sorted: readonly ControllerRevision[],
  current: ControllerRevision | undefined,
  update: ControllerRevision | undefined,
): Result<void> {
  const live = new Set<string>();
  if (current?.metadata.name) live.add(current.metadata.name);
  if (update?.metadata.name) live.add(update.metadata.name);
  for (const pod of pods) live.add(podRevision(pod));
  const history = sorted.filter((r) => !live.has(r.metadata.name ?? ''));
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  if (limit < 0 || history.length <= limit) return ok(undefined);
  for (const revision of history.slice(0, history.length - limit)) {
    const deleted = api.delete('controllerrevisions', revision.metadata.namespace ?? '', revision.metadata.name ?? '');
    if (!deleted.ok && deleted.status.code !== 404) return fail(deleted.status);
  }
  return ok(undefined);
}
