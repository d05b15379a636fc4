/**
 * The namespace deleter's status conditions (pkg/controller/namespace/deletion/status_condition_utils.go):
 * five condition types, each False with an "ok" reason unless deletion found something wrong, in
 * this order, with their upstream reasons and messages.
 */
import { rfc3339 } from '../../api/time.js';

/** A NamespaceCondition. */
export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** conditionTypes, in the order the namespace controller maintains them. */
export const NAMESPACE_CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

const OK_REASONS: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'ResourcesDiscovered',
  NamespaceDeletionGroupVersionParsingFailure: 'ParsedGroupVersions',
  NamespaceDeletionContentFailure: 'ContentDeleted',
  NamespaceContentRemaining: 'ContentRemoved',
  NamespaceFinalizersRemaining: 'ContentHasNoFinalizers',
};

const OK_MESSAGES: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'All resources successfully discovered',
  NamespaceDeletionGroupVersionParsingFailure: 'All legacy kube types successfully parsed',
  NamespaceDeletionContentFailure: 'All content successfully deleted, may be waiting on finalization',
  NamespaceContentRemaining: 'All content successfully removed',
  NamespaceFinalizersRemaining: 'All content-preserving finalizers finished',
};

/** What one pass of deleteAllContent found: remaining objects per resource, per finalizer, and delete errors. */
export interface ContentTotals {
  /** `pods.` / `deployments.apps` → objects left. */
  remainingByResource: ReadonlyMap<string, number>;
  /** finalizer → objects left carrying it. */
  remainingByFinalizer: ReadonlyMap<string, number>;
  /** The errors of the resources that could not be emptied. */
  deleteErrors: readonly string[];
}

/** The failing conditions a pass reports (ProcessContentTotals, ProcessDeleteContentErr). */
function failingConditions(totals: ContentTotals, now: string): NamespaceCondition[] {
  const out: NamespaceCondition[] = [];
  if (totals.deleteErrors.length > 0) {
    const aggregate = totals.deleteErrors.length === 1 ? totals.deleteErrors[0]! : `[${totals.deleteErrors.join(', ')}]`;
    out.push({
      type: 'NamespaceDeletionContentFailure',
      status: 'True',
      lastTransitionTime: now,
      reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${totals.deleteErrors.length} remaining: ${aggregate}`,
    });
  }
  const resources = [...totals.remainingByResource].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`).sort();
  if (resources.length > 0) {
    out.push({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${resources.join(', ')}` });
  }
  const finalizers = [...totals.remainingByFinalizer].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (finalizers.length > 0) {
    out.push({
      type: 'NamespaceFinalizersRemaining',
      status: 'True',
      lastTransitionTime: now,
      reason: 'SomeFinalizersRemain',
      message: `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}`,
    });
  }
  return out;
}

/**
 * namespaceConditionUpdater.Update: the namespace's conditions after a pass, or undefined when
 * nothing changed. A condition's lastTransitionTime moves only when its status does.
 */
export function updatedConditions(current: readonly NamespaceCondition[], totals: ContentTotals, now: number): NamespaceCondition[] | undefined {
  const time = rfc3339(now);
  const failing = failingConditions(totals, time);
  const next = current.map((c) => ({ ...c }));
  let changed = false;
  for (const type of NAMESPACE_CONDITION_TYPES) {
    const wanted = failing.find((c) => c.type === type) ?? { type, status: 'False' as const, lastTransitionTime: time, reason: OK_REASONS[type]!, message: OK_MESSAGES[type]! };
    const old = next.find((c) => c.type === type);
    if (old === undefined) {
      next.push(wanted);
      changed = true;
    } else if (old.status !== wanted.status || old.reason !== wanted.reason || old.message !== wanted.message) {
      if (old.status !== wanted.status) old.lastTransitionTime = time;
      old.status = wanted.status;
      old.reason = wanted.reason;
      old.message = wanted.message;
      changed = true;
    }
  }
  return changed ? next : undefined;
}
