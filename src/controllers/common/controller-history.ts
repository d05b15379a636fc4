/**
 * ControllerRevisions, the history DaemonSets and StatefulSets keep of their pod templates
 * (pkg/controller/history): naming, hashing, ordering, equality, and the create-with-collision
 * loop. A revision's `data` is a strategic merge patch that restores the owner's template:
 * `{"spec":{"template":{…,"$patch":"replace"}}}`.
 */
import type { JsonValue, KubeObject, ObjectMeta } from '../../api/types.js';
import type { Result } from '../../api/result.js';
import { parseTime } from '../../api/time.js';
import type { ApiClient } from '../../apiserver/types.js';
import { canonicalJson, canonicalJsonBytes, fnv32, safeEncodeString } from './compute-hash.js';
import { newControllerRef } from './owner-references.js';

/** apps/v1 ControllerRevision. */
export interface ControllerRevision extends KubeObject {
  data?: JsonValue;
  revision: number;
}

/** history.ControllerRevisionHashLabel (also apps.DefaultDaemonSetUniqueLabelKey and apps.StatefulSetRevisionLabel). */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

/** Revision names keep at most this much of the owner's name (253 − 1 − 29). */
const MAX_REVISION_PREFIX = 223;

/** history.ControllerRevisionName: `<owner>-<hash>`. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.slice(0, MAX_REVISION_PREFIX)}-${hash}`;
}

/**
 * The strategic merge patch a revision stores (getPatch of the DaemonSet and StatefulSet
 * controllers): the owner's pod template, marked to replace the current one when applied.
 */
export function templatePatch(owner: Readonly<KubeObject>): JsonValue {
  const template = ((owner['spec'] as { template?: JsonValue } | undefined)?.template ?? {}) as Record<string, JsonValue>;
  return { spec: { template: { ...template, $patch: 'replace' } } };
}

/** The pod template stored in a revision's patch (what ApplyRevision restores). */
export function revisionTemplate(revision: Readonly<ControllerRevision>): Record<string, JsonValue> {
  const data = revision.data as { spec?: { template?: Record<string, JsonValue> } } | undefined;
  const { $patch: _replace, ...template } = data?.spec?.template ?? {};
  return template;
}

/** history.HashControllerRevision: FNV-32 of the data, then of the collision count, safe-encoded. */
export function hashControllerRevision(data: JsonValue | undefined, collisionCount?: number): string {
  let h = fnv32(data === undefined ? new Uint8Array(0) : canonicalJsonBytes(data));
  if (collisionCount !== undefined) h = fnv32(new TextEncoder().encode(String(collisionCount)), h);
  return safeEncodeString(String(h));
}

/**
 * history.NewControllerRevision: a revision of `parent` labelled with its template's labels and the
 * hash, named `<parent>-<hash>`, controlled by `parent`.
 */
export function newControllerRevision(
  parent: Readonly<KubeObject>,
  templateLabels: Readonly<Record<string, string>> | undefined,
  data: JsonValue,
  revision: number,
  collisionCount?: number,
): ControllerRevision {
  const hash = hashControllerRevision(data, collisionCount);
  const metadata: ObjectMeta = {
    name: controllerRevisionName(parent.metadata.name ?? '', hash),
    namespace: parent.metadata.namespace ?? '',
    labels: { ...templateLabels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
    ownerReferences: [newControllerRef(parent)],
  };
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, data, revision };
}

/** history.EqualRevision: the same data (and the same hash label when both have one). */
export function equalRevision(lhs: Readonly<ControllerRevision> | undefined, rhs: Readonly<ControllerRevision> | undefined): boolean {
  if (lhs === undefined || rhs === undefined) return lhs === rhs;
  return canonicalJson(lhs.data) === canonicalJson(rhs.data);
}

/** history.FindEqualRevisions: the revisions among `revisions` equal to `needle`, in order. */
export function findEqualRevisions<T extends ControllerRevision>(revisions: readonly T[], needle: Readonly<ControllerRevision>): T[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** history.SortControllerRevisions: by revision number, then creation time, then name. */
export function sortControllerRevisions<T extends ControllerRevision>(revisions: readonly T[]): T[] {
  return [...revisions].sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
    const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
    if (ta !== tb) return ta - tb;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
  });
}

/** nextRevision: one more than the highest revision number (1 for an empty history). Expects sorted input. */
export function nextRevision(sorted: readonly ControllerRevision[]): number {
  const last = sorted[sorted.length - 1];
  return last === undefined ? 1 : last.revision + 1;
}

/** The highest revision number among `revisions` (0 for none). */
export function maxRevision(revisions: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revisions) if (r.revision > max) max = r.revision;
  return max;
}

/**
 * realHistory.CreateControllerRevision: creates `revision` under its hash name; when the name is
 * taken by a different revision, bumps the collision count and tries the next name. Returns the
 * stored revision (an equal one that already existed counts) and the final collision count.
 */
export function createControllerRevision(
  api: ApiClient,
  parent: Readonly<KubeObject>,
  revision: ControllerRevision,
  collisionCount: number,
): { result: Result<ControllerRevision>; collisionCount: number } {
  const namespace = parent.metadata.namespace ?? '';
  for (let count = collisionCount; ; count++) {
    const hash = hashControllerRevision(revision.data, count);
    const clone: ControllerRevision = {
      ...revision,
      metadata: { ...revision.metadata, name: controllerRevisionName(parent.metadata.name ?? '', hash), namespace },
    };
    const created = api.create('controllerrevisions', namespace, clone);
    if (created.ok) return { result: created as Result<ControllerRevision>, collisionCount: count };
    if (created.status.reason !== 'AlreadyExists') return { result: created as Result<ControllerRevision>, collisionCount: count };
    const existing = api.get('controllerrevisions', namespace, clone.metadata.name ?? '');
    if (!existing.ok) return { result: existing as Result<ControllerRevision>, collisionCount: count };
    if (equalRevision(existing.value as ControllerRevision, clone)) return { result: existing as Result<ControllerRevision>, collisionCount: count };
  }
}

/** realHistory.UpdateControllerRevision: the same revision renumbered (a rollback to an earlier template). */
export function updateControllerRevision(api: ApiClient, revision: Readonly<ControllerRevision>, newRevision: number): Result<ControllerRevision> {
  if (revision.revision === newRevision) return { ok: true, value: revision as ControllerRevision };
  const updated = api.update('controllerrevisions', revision.metadata.namespace ?? '', { ...revision, revision: newRevision });
  return updated as Result<ControllerRevision>;
}
