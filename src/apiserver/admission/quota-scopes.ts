/**
 * ResourceQuota scopes (helper.GetScopeSelectorsFromQuota): `spec.scopes` are `Exists`
 * requirements, joined by `spec.scopeSelector.matchExpressions`; a PriorityClass requirement is
 * matched like a label requirement on `{ PriorityClass: <class> }`.
 */
import type { KubeObject } from '../../api/types.js';

/** corev1.ScopedResourceSelectorRequirement. */
export interface ScopeSelectorRequirement {
  scopeName: string;
  operator: string;
  values?: readonly string[];
}

/** Every scope requirement of a quota. */
export function quotaScopeSelectors(quota: KubeObject): ScopeSelectorRequirement[] {
  const spec = (quota.spec ?? {}) as { scopes?: unknown; scopeSelector?: { matchExpressions?: unknown } };
  const selectors: ScopeSelectorRequirement[] = [];
  if (Array.isArray(spec.scopes)) for (const scope of spec.scopes) selectors.push({ scopeName: String(scope), operator: 'Exists' });
  const expressions = spec.scopeSelector?.matchExpressions;
  if (Array.isArray(expressions)) {
    for (const e of expressions as { scopeName?: unknown; operator?: unknown; values?: unknown }[]) {
      const values = Array.isArray(e.values) ? e.values.map(String) : undefined;
      selectors.push({ scopeName: String(e.scopeName ?? ''), operator: String(e.operator ?? ''), ...(values ? { values } : {}) });
    }
  }
  return selectors;
}

/** A requirement matched as a label selector (ScopedResourceSelectorRequirementsAsSelector) against `labels`. */
export function matchesScopeSelector(selector: ScopeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[selector.scopeName];
  const values = selector.values ?? [];
  switch (selector.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}
