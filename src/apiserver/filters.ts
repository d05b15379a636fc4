/**
 * List and watch filtering by label and field selectors (each kind's field labels are in
 * src/api/field-labels.ts, as its strategy's GetAttrs and field label conversion define them).
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import { badRequest } from '../api/status.js';
import { matches, parseSelector } from '../api/label-selector.js';
import { matchesFields, parseFieldSelector } from '../api/field-selector.js';
import { convertFieldSelector, selectableFields } from '../api/field-labels.js';
import type { ListOptions } from './types.js';
import type { ResourceInfo } from './registry.js';

/** Whether an object passes a list's or watch's selectors. */
export type ObjectFilter = (object: KubeObject) => boolean;

/** Compiles a list's selectors into a filter; undefined when nothing is filtered. Bad selectors are 400s. */
export function compileFilter(info: ResourceInfo, options: ListOptions): Result<ObjectFilter | undefined> {
  const filters: ObjectFilter[] = [];
  if (options.labelSelector) {
    const selector = parseSelector(options.labelSelector);
    if (!selector.ok) return fail(badRequest(selector.message));
    const compiled = selector.value;
    filters.push((object) => matches(compiled, object.metadata.labels));
  }
  if (options.fieldSelector) {
    const parsed = parseFieldSelector(options.fieldSelector);
    if (!parsed.ok) return fail(badRequest(parsed.message));
    const selector = convertFieldSelector(parsed.value, info.group, info.kind);
    if (!selector.ok) return fail(badRequest(selector.message));
    const compiled = selector.value;
    filters.push((object) => matchesFields(compiled, selectableFields(info.group, info.kind, object)));
  }
  if (filters.length === 0) return ok(undefined);
  if (filters.length === 1) return ok(filters[0]);
  return ok((object) => filters.every((filter) => filter(object)));
}

/**
 * The name a list's field selector pins with `metadata.name=<name>` (SelectionPredicate.MatchesSingle),
 * if any: kube-apiserver then reads that one key instead of ranging over the resource. Undefined
 * for selectors that do not parse (compileFilter reports those).
 */
export function exactName(info: ResourceInfo, options: ListOptions): string | undefined {
  if (!options.fieldSelector) return undefined;
  const parsed = parseFieldSelector(options.fieldSelector);
  if (!parsed.ok) return undefined;
  const selector = convertFieldSelector(parsed.value, info.group, info.kind);
  if (!selector.ok) return undefined;
  for (const requirement of selector.value.requirements) {
    if (requirement.field === 'metadata.name' && requirement.operator === '=') return requirement.value;
  }
  return undefined;
}
