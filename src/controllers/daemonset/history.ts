/**
 * A DaemonSet's ControllerRevisions (constructHistory, snapshot, dedupCurHistories,
 * cleanupHistory): the current revision is the one whose stored template equals the DaemonSet's;
 * its `controller-revision-hash` label is the hash new pods get. Older revisions are kept up to
 * `revisionHistoryLimit`, never deleting one that live pods still carry.
 */
import type { KubeObject } from '../../api/types.js';
import type { Result } from '../../api/result.js';
import { fail, ok } from '../../api/result.js';
import type { ApiClient } from '../../apiserver/types.js';
import { canonicalJson, computeHash } from '../common/compute-hash.js';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  controllerRevisionName,
  maxRevision,
  templatePatch,
  type ControllerRevision,
} from '../common/controller-history.js';
import { newControllerRef } from '../common/owner-references.js';
import type { DaemonPod, DaemonSet } from './types.js';

/** The current revision and the older ones. */
export interface DaemonSetHistory {
  cur: ControllerRevision;
  old: ControllerRevision[];
}

/** Match: the revision stores exactly the DaemonSet's current template. */
export function matchesDaemonSet(ds: Readonly<DaemonSet>, history: Readonly<ControllerRevision>): boolean {
  return canonicalJson(templatePatch(ds)) === canonicalJson(history.data);
}

/** The revision `snapshot` would create for `ds` at `revision`. */
export function daemonSetSnapshot(ds: Readonly<DaemonSet>, revision: number): ControllerRevision {
  const hash = computeHash(ds.spec?.template ?? {}, ds.status?.collisionCount);
  const metadata: KubeObject['metadata'] = {
    name: controllerRevisionName(ds.metadata.name ?? '', hash),
    namespace: ds.metadata.namespace ?? '',
    labels: { ...ds.spec?.template?.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
    ownerReferences: [newControllerRef(ds)],
  };
  if (ds.metadata.annotations !== undefined) metadata.annotations = { ...ds.metadata.annotations };
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, data: templatePatch(ds), revision };
}

function snapshot(api: ApiClient, ds: Readonly<DaemonSet>, revision: number): Result<ControllerRevision> {
  const history = daemonSetSnapshot(ds, revision);
  const namespace = ds.metadata.namespace ?? '';
  const created = api.create('controllerrevisions', namespace, history);
  if (created.ok || created.status.reason !== 'AlreadyExists') return created as Result<ControllerRevision>;
  const existing = api.get('controllerrevisions', namespace, history.metadata.name ?? '');
  if (!existing.ok) return existing as Result<ControllerRevision>;
  if (matchesDaemonSet(ds, existing.value as ControllerRevision)) return existing as Result<ControllerRevision>;
  // A hash collision with a different template: bump collisionCount and try again next sync.
  const fresh = api.get('daemonsets', namespace, ds.metadata.name ?? '');
  if (!fresh.ok) return fresh as Result<ControllerRevision>;
  const current = fresh.value as DaemonSet;
  const status = { ...current.status, collisionCount: (current.status?.collisionCount ?? 0) + 1 };
  const updated = api.update('daemonsets', namespace, { ...current, status }, { subresource: 'status' });
  return updated.ok ? (created as Result<ControllerRevision>) : (updated as Result<ControllerRevision>);
}

function dedupCurHistories(api: ApiClient, ds: Readonly<DaemonSet>, current: ControllerRevision[], pods: readonly DaemonPod[]): Result<ControllerRevision> {
  if (current.length === 1) return ok(current[0]!);
  let keep = current[0]!;
  for (const h of current) if (h.revision >= keep.revision) keep = h;
  const keepHash = keep.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
  for (const pod of pods) {
    if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === keepHash) continue;
    const patch = { metadata: { labels: { [CONTROLLER_REVISION_HASH_LABEL]: keepHash } } };
    const patched = api.patch('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'merge', patch);
    if (!patched.ok) return patched as Result<ControllerRevision>;
  }
  for (const h of current) {
    if (h === keep) continue;
    const deleted = api.delete('controllerrevisions', h.metadata.namespace ?? '', h.metadata.name ?? '');
    if (!deleted.ok && deleted.status.code !== 404) return fail(deleted.status);
  }
  return ok(keep);
}

/** constructHistory: finds (or creates) the current revision, renumbering it to be the newest. */
export function constructHistory(
  api: ApiClient,
  ds: Readonly<DaemonSet>,
  histories: readonly ControllerRevision[],
  pods: readonly DaemonPod[],
): Result<DaemonSetHistory> {
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (let history of histories) {
    if (history.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === undefined) {
      const labels = { ...history.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: history.metadata.name ?? '' };
      const updated = api.update('controllerrevisions', history.metadata.namespace ?? '', { ...history, metadata: { ...history.metadata, labels } });
      if (!updated.ok) return updated as Result<DaemonSetHistory>;
      history = updated.value as ControllerRevision;
    }
    (matchesDaemonSet(ds, history) ? current : old).push(history);
  }
  const currRevision = maxRevision(old) + 1;
  if (current.length === 0) {
    const created = snapshot(api, ds, currRevision);
    return created.ok ? ok({ cur: created.value, old }) : fail(created.status);
  }
  const kept = dedupCurHistories(api, ds, current, pods);
  if (!kept.ok) return fail(kept.status);
  let cur = kept.value;
  if (cur.revision < currRevision) {
    const updated = api.update('controllerrevisions', cur.metadata.namespace ?? '', { ...cur, revision: currRevision });
    if (!updated.ok) return fail(updated.status);
    cur = updated.value as ControllerRevision;
  }
  return ok({ cur, old });
}

/** cleanupHistory: deletes the oldest revisions beyond `revisionHistoryLimit` that no live pod carries. */
export function cleanupHistory(api: ApiClient, ds: Readonly<DaemonSet>, old: readonly ControllerRevision[], pods: readonly DaemonPod[]): Result<void> {
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return ok(undefined);
  const liveHashes = new Set<string>();
  for (const pod of pods) {
    const hash = pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    if (hash) liveHashes.add(hash);
  }
  const sorted = [...old].sort((a, b) => a.revision - b.revision);
  for (const history of sorted) {
    if (toKill <= 0) break;
    if (liveHashes.has(history.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '')) continue;
    const deleted = api.delete('controllerrevisions', history.metadata.namespace ?? '', history.metadata.name ?? '');
    if (!deleted.ok && deleted.status.code !== 404) return fail(deleted.status);
    toKill--;
  }
  return ok(undefined);
}
