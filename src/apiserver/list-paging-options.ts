/**
 * How kube-apiserver decides to serve a LIST, from its `limit`, `continue`, `resourceVersion` and
 * `resourceVersionMatch`: the options are validated first (metainternalversion validation: 422
 * `ListOptions.meta.k8s.io "" is invalid: …`), then the cacher either answers from the current
 * state (no limit, or `resourceVersion=0`, which ignores the limit) or delegates to etcd for a
 * paged or exact read (cacher.shouldDelegateList, storage.ValidateListOptions).
 */
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import type { Status } from '../api/status.js';
import { badRequest, invalid } from '../api/status.js';
import type { FieldError } from '../api/field-errors.js';
import { forbiddenField, notSupported } from '../api/field-errors.js';
import type { ListOptions } from './types.js';
import { decodeContinue } from './list-paging-token.js';

/** The resourceVersionMatch values (metav1.ResourceVersionMatch). */
export const RESOURCE_VERSION_MATCH = { exact: 'Exact', notOlderThan: 'NotOlderThan' } as const;

/** A list served from the current state (the watch cache's answer): every match, no continue. */
export interface CurrentStateList {
  kind: 'current';
  /** `resourceVersion` as a not-older-than bound, if one was given (0: none). */
  minimumRevision: number;
}

/** A list read from etcd: at a revision, maybe from a continue key, maybe a page of `limit`. */
export interface StorageReadList {
  kind: 'storage';
  /** The revision to read at (0: the latest). */
  revision: number;
  /** The absolute key a continued list starts from. */
  fromKey?: string;
  /** The page size (0: no paging). */
  limit: number;
  /** `resourceVersion` as a not-older-than bound (0: none). */
  minimumRevision: number;
}

/** How one LIST is served. */
export type ListPlan = CurrentStateList | StorageReadList;

/** Whether a list asks for anything beyond selectors (the informers' lists do not). */
export function hasReadOptions(options: ListOptions): boolean {
  return (
    (options.limit !== undefined && options.limit > 0) ||
    !!options.continue ||
    !!options.resourceVersion ||
    !!options.resourceVersionMatch
  );
}

/** ValidateListOptions for a LIST: the errors as the handler reports them, as a 422 on ListOptions. */
export function validateListOptions(options: ListOptions): Status | undefined {
  const errors: FieldError[] = [];
  const match = options.resourceVersionMatch ?? '';
  if (match !== '') {
    const field = 'resourceVersionMatch';
    if (!options.resourceVersion) errors.push(forbiddenField(field, 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (options.continue) errors.push(forbiddenField(field, 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== RESOURCE_VERSION_MATCH.exact && match !== RESOURCE_VERSION_MATCH.notOlderThan) {
      errors.push(notSupported(field, match, [RESOURCE_VERSION_MATCH.exact, RESOURCE_VERSION_MATCH.notOlderThan, '']));
    }
    if (match === RESOURCE_VERSION_MATCH.exact && options.resourceVersion === '0') {
      errors.push(forbiddenField(field, 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
  }
  return errors.length === 0 ? undefined : invalid('meta.k8s.io', 'ListOptions', '', errors);
}

/** Decides how to serve a validated LIST over `keyPrefix`; bad tokens and versions are 400s. */
export function planList(options: ListOptions, keyPrefix: string): Result<ListPlan> {
  const resourceVersion = options.resourceVersion ?? '';
  const match = options.resourceVersionMatch ?? '';
  const limit = options.limit !== undefined && options.limit > 0 ? Math.floor(options.limit) : 0;
  const continuing = !!options.continue;
  const delegated = continuing || (limit > 0 && resourceVersion !== '0') || (match !== '' && match !== RESOURCE_VERSION_MATCH.notOlderThan);
  if (continuing) {
    if (resourceVersion !== '' && resourceVersion !== '0') return fail(badRequest('specifying resource version is not allowed when using continue'));
    const decoded = decodeContinue(options.continue!, keyPrefix);
    if (!decoded.ok) return fail(badRequest(`invalid continue token: ${decoded.message}`));
    const { fromKey, revision } = decoded.value;
    return ok({ kind: 'storage', revision: revision > 0 ? revision : 0, fromKey, limit, minimumRevision: 0 });
  }
  const parsed = parseResourceVersion(resourceVersion);
  if (typeof parsed !== 'number') return fail(parsed);
  if (!delegated) return ok({ kind: 'current', minimumRevision: parsed });
  let revision = 0;
  if (match === RESOURCE_VERSION_MATCH.exact) revision = parsed;
  else if (match === '' && limit > 0 && parsed > 0) revision = parsed;
  return ok({ kind: 'storage', revision, limit, minimumRevision: parsed });
}

/** APIObjectVersioner.ParseResourceVersion: '' and '0' are 0; anything but a uint64 is a 400. */
export function parseResourceVersion(resourceVersion: string): number | Status {
  if (resourceVersion === '' || resourceVersion === '0') return 0;
  if (/^\d+$/.test(resourceVersion)) {
    const value = Number(resourceVersion);
    if (Number.isSafeInteger(value)) return value;
    if (BigInt(resourceVersion) < 2n ** 64n) return value;
  }
  const why = /^\d+$/.test(resourceVersion) ? 'value out of range' : 'invalid syntax';
  const detail = `strconv.ParseUint: parsing ${JSON.stringify(resourceVersion)}: ${why}`;
  return badRequest(`invalid resource version: resourceVersion: Invalid value: ${JSON.stringify(resourceVersion)}: ${detail}`);
}

/** validateWatchOptions: a watch takes resourceVersionMatch only with sendInitialEvents, which is not served here. */
export function validateWatchOptions(options: ListOptions): Status | undefined {
  const match = options.resourceVersionMatch ?? '';
  if (match === '') return undefined;
  const field = 'resourceVersionMatch';
  const errors: FieldError[] = [forbiddenField(field, 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided')];
  if (match !== RESOURCE_VERSION_MATCH.notOlderThan) errors.push(notSupported(field, match, [RESOURCE_VERSION_MATCH.notOlderThan]));
  if (options.continue) errors.push(forbiddenField(field, 'resourceVersionMatch is forbidden when continue is provided'));
  return invalid('meta.k8s.io', 'ListOptions', '', errors);
}
