/**
 * `metadata.managedFields` (metav1.ManagedFieldsEntry) decoded into per-manager field sets and
 * encoded back, and the ownership bookkeeping of an Update (structured-merge-diff's
 * Updater.update plus kube-apiserver's managedFieldsUpdater): whoever changes a field takes it
 * from its other owners.
 *
 * Only writes that name a field manager are tracked: every kubectl write through the HTTP front
 * (which defaults the manager from the User-Agent, as kube-apiserver does) and every apply.
 * Internal components (controllers, scheduler, kubelets) pass no manager and get no entries, so
 * the hundreds of thousands of writes a large cluster makes pay nothing for field tracking.
 */
import type { JsonObject, JsonValue, KubeObject } from '../api/types.js';
import { compareText } from '../api/patch/list-order.js';
import type { FieldSet } from './managed-fields-set.js';
import { difference, emptySet, fromFieldsV1, intersection, isEmptySet, toFieldsV1, union } from './managed-fields-set.js';
import type { Comparison } from './managed-fields-walk.js';
import { compareObjects, isSame, trackedView } from './managed-fields-walk.js';

/** metav1.ManagedFieldsEntry. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
  subresource?: string;
}

/** One manager's fields, decoded. */
export interface ManagedSet {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

/** Who is writing: the manager name, the operation, the request's version and subresource. */
export interface ManagerIdentity {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
}

/**
 * Whether an entry belongs to `who` (BuildManagerIdentifier): same name, operation and
 * subresource, and for an updater the same version too.
 */
export function isManager(entry: ManagerIdentity, who: ManagerIdentity): boolean {
  return (
    entry.manager === who.manager &&
    entry.operation === who.operation &&
    (entry.subresource ?? '') === (who.subresource ?? '') &&
    (who.operation === 'Apply' || entry.apiVersion === who.apiVersion)
  );
}

/** Decodes `metadata.managedFields`; undefined when absent, empty or malformed (then the live object's count). */
export function decodeManagedFields(value: unknown): ManagedSet[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const out: ManagedSet[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const e = entry as Partial<ManagedFieldsEntry>;
    if (typeof e.manager !== 'string' || (e.operation !== 'Apply' && e.operation !== 'Update')) return undefined;
    const set = e.fieldsV1 === undefined ? emptySet() : fromFieldsV1(e.fieldsV1 as JsonValue);
    if (set === undefined) return undefined;
    const decoded: ManagedSet = { manager: e.manager, operation: e.operation, apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '', set };
    if (typeof e.subresource === 'string' && e.subresource !== '') decoded.subresource = e.subresource;
    if (typeof e.time === 'string') decoded.time = e.time;
    out.push(decoded);
  }
  return out;
}

/** Encodes managers as `metadata.managedFields`, sorted as kube-apiserver sorts them (operation, time, manager, version, subresource). */
export function encodeManagedFields(managers: readonly ManagedSet[]): ManagedFieldsEntry[] {
  const sorted = managers
    .filter((m) => !isEmptySet(m.set))
    .sort(
      (p, q) =>
        compareText(p.operation, q.operation) ||
        compareText(p.time ?? '', q.time ?? '') ||
        compareText(p.manager, q.manager) ||
        compareText(p.apiVersion, q.apiVersion) ||
        compareText(p.subresource ?? '', q.subresource ?? ''),
    );
  return sorted.map((m) => {
    // Built in metav1.ManagedFieldsEntry's field order, which is how it prints.
    const entry = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion } as ManagedFieldsEntry;
    if (m.time !== undefined) entry.time = m.time;
    entry.fieldsType = 'FieldsV1';
    entry.fieldsV1 = toFieldsV1(m.set);
    if (m.subresource !== undefined) entry.subresource = m.subresource;
    return entry;
  });
}

/** Fields other managers own that a write changes (and would take from them): per manager. */
export interface OwnershipChange {
  managers: ManagedSet[];
  /** For each other manager, the fields it owns that the write modified or added. */
  conflicts: Array<{ owner: ManagedSet; set: FieldSet }>;
}

/**
 * Updater.update: every manager but `writer` loses the fields the comparison removed, and the
 * fields it changed or added are reported as conflicts and taken away (the caller refuses the
 * write instead when they matter, as an apply without force does).
 */
export function takeChangedFields(managers: readonly ManagedSet[], comparison: Comparison, writer: ManagerIdentity): OwnershipChange {
  const changed = union(comparison.modified, comparison.added);
  const conflicts: OwnershipChange['conflicts'] = [];
  const out: ManagedSet[] = [];
  for (const m of managers) {
    if (isManager(m, writer)) {
      out.push(m);
      continue;
    }
    const taken = intersection(m.set, changed);
    if (!isEmptySet(taken)) conflicts.push({ owner: m, set: taken });
    const set = difference(difference(m.set, changed), comparison.removed);
    if (!isEmptySet(set)) out.push({ ...m, set });
  }
  return { managers: out, conflicts };
}

/**
 * The managed fields after an Update by `writer` that turned `live` into `next`: the writer
 * takes every field it added or changed (merged into its earlier entry, time stamped `time`),
 * and no one keeps the fields it removed. Nothing changes when the write changed no field.
 */
export function recordUpdate(
  managers: readonly ManagedSet[],
  live: KubeObject,
  next: KubeObject,
  writer: ManagerIdentity,
  options: { kind: string; hasStatus: boolean; time: string },
): ManagedSet[] {
  const comparison = compareObjects(trackedView(live, options.hasStatus), trackedView(next, options.hasStatus), options.kind);
  if (isSame(comparison)) return [...managers];
  const taken = takeChangedFields(managers, comparison, writer);
  const previous = taken.managers.find((m) => isManager(m, writer));
  const others = taken.managers.filter((m) => m !== previous);
  const base = previous === undefined ? emptySet() : difference(previous.set, comparison.removed);
  const set = union(union(base, comparison.modified), comparison.added);
  const entry: ManagedSet = { ...writer, time: options.time, set };
  if (entry.subresource === undefined) delete entry.subresource;
  return isEmptySet(set) ? others : [...others, entry];
}
