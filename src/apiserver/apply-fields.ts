/**
 * Server-side apply on objects and field sets (structured-merge-diff's Updater.Apply): merge the
 * configuration into the live object, make the applier own exactly the fields it applied, drop
 * what it applied before and applies no more (unless someone else owns it), and refuse to change
 * fields other managers own unless forced, in which case they lose them.
 */
import type { JsonObject, KubeObject } from '../api/types.js';
import type { FieldSet } from './managed-fields-set.js';
import { difference, emptySet, isEmptySet, union } from './managed-fields-set.js';
import type { ManagedSet, ManagerIdentity } from './managed-fields.js';
import { isManager, takeChangedFields } from './managed-fields.js';
import { compareObjects, isSame, toFieldSet, trackedView } from './managed-fields-walk.js';
import { mergeApplied, removeMembers } from './apply-merge.js';
import type { ApplyConflict } from './apply-conflicts.js';

/** What an apply needs besides the objects. */
export interface ApplyFieldsOptions {
  kind: string;
  hasStatus: boolean;
  force: boolean;
  /** The time to stamp on the applier's entry (RFC 3339). */
  time: string;
}

/** The applied object and managers, or the conflicts that stopped it. */
export type ApplyFieldsResult =
  | { ok: true; object: JsonObject; managers: ManagedSet[]; changed: boolean }
  | { ok: false; conflicts: ApplyConflict[] };

/** Applies `config` to `live` (whose managedFields are `managers`) on behalf of `applier`. */
export function applyFields(
  live: KubeObject,
  config: JsonObject,
  managers: readonly ManagedSet[],
  applier: ManagerIdentity,
  options: ApplyFieldsOptions,
): ApplyFieldsResult {
  const liveBody = withoutManagedFields(live);
  let merged = mergeApplied(liveBody, config, options.kind);
  const previous = managers.find((m) => isManager(m, applier));
  const applied: ManagedSet = { ...applier, set: toFieldSet(trackedView(config, options.hasStatus), options.kind) };
  if (previous?.time !== undefined) applied.time = previous.time;
  if (applied.subresource === undefined) delete applied.subresource;
  const withApplied = [...managers.filter((m) => m !== previous), applied];

  if (previous !== undefined && !isEmptySet(previous.set)) {
    // Fields the applier gave up go, unless some manager (the applier included) still owns them.
    const owned = withApplied.reduce<FieldSet>((all, m) => union(all, m.set), emptySet());
    const dropped = unowned(previous.set, owned);
    if (!isEmptySet(dropped)) merged = removeMembers(merged, dropped, options.kind);
  }

  const comparison = compareObjects(trackedView(liveBody, options.hasStatus), trackedView(merged, options.hasStatus), options.kind);
  const taken = takeChangedFields(withApplied, comparison, applier);
  if (taken.conflicts.length > 0 && !options.force) return { ok: false, conflicts: taken.conflicts };
  const changed = !isSame(comparison);
  if (changed || applied.time === undefined) applied.time = options.time;
  return { ok: true, object: merged, managers: taken.managers, changed };
}

/** Conflicts left once the fields in `allowed` are taken out of them. */
export function conflictsOutside(conflicts: readonly ApplyConflict[], allowed: FieldSet): ApplyConflict[] {
  return conflicts.map((c) => ({ owner: c.owner, set: difference(c.set, allowed) })).filter((c) => !isEmptySet(c.set));
}

/**
 * The members of `last` that nobody owns: neither the path itself nor anything under it is in
 * `owned` (a field whose children someone owns stays, as EnsureNamedFieldsAreMembers makes it).
 */
function unowned(last: FieldSet, owned: FieldSet | undefined): FieldSet {
  const out = emptySet();
  out.member = last.member && (owned === undefined || isEmptySet(owned));
  for (const [element, child] of last.children) {
    const rest = unowned(child, owned?.children.get(element));
    if (!isEmptySet(rest)) out.children.set(element, rest);
  }
  return out;
}

function withoutManagedFields(object: KubeObject): JsonObject {
  const metadata: JsonObject = { ...(object.metadata as JsonObject) };
  delete metadata['managedFields'];
  return { ...(object as unknown as JsonObject), metadata };
}
