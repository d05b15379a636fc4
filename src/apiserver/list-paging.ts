/**
 * A LIST read from etcd, paged as kube-apiserver's etcd3 store does it (store.GetList): the
 * range is read at one revision, filtered as it goes, and cut after `limit` matching objects;
 * while selectors drop objects, it reads on from the last key with the page size doubled (up to
 * 10,000). The answer carries `continue` (where the next page starts, at the same revision) and,
 * when nothing is filtered, `remainingItemCount`. A page at a compacted revision is 410 Expired.
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import type { Status } from '../api/status.js';
import { resourceExpired } from '../api/status.js';
import type { ResourceInfo } from './registry.js';
import { storageKey } from './registry.js';
import type { ServerContext } from './server-context.js';
import { storageFailure } from './server-context.js';
import type { ObjectFilter } from './filters.js';
import type { StorageReadList } from './list-paging-options.js';
import { encodeContinue } from './list-paging-token.js';

/** The most a page size is raised to while selectors drop objects (etcd3 store's maxLimit). */
const MAX_LIMIT = 10_000;

/** Why a list at an exact revision failed after compaction. */
export const EXPIRED_LIST = 'The resourceVersion for the provided list is too old.';

/** Why a continued list failed after compaction, when no fresh token can be given. */
export const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

/** Why a continued list failed after compaction; the Status carries a token to go on inconsistently. */
export const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without ' +
  'the continue parameter, or use the continue token in this response to retrieve the remainder of the results. ' +
  'Continuing with the provided token results in an inconsistent list - objects that were created, modified, or ' +
  'deleted between the time the first chunk was returned and now may show up in the list.';

/** One page (or the whole) of a list read from etcd. */
export interface ListPage {
  items: KubeObject[];
  /** The revision the list was read at. */
  revision: number;
  continue?: string;
  remainingItemCount?: number;
}

/** Reads `prefix` as `plan` says, keeping what `filter` passes (everything when undefined). */
export function readListPage(
  ctx: ServerContext,
  info: ResourceInfo,
  prefix: string,
  plan: StorageReadList,
  filter: ObjectFilter | undefined,
): Result<ListPage> {
  const paging = plan.limit > 0;
  let revision = plan.revision;
  let fromKey = plan.fromKey;
  let chunk = plan.limit;
  const items: KubeObject[] = [];
  // The last object read (kept or not): the next read, and the continue token, start after its key.
  let last: KubeObject | undefined;
  for (;;) {
    const read = ctx.storage.list(prefix, { revision, ...(fromKey === undefined ? {} : { fromKey }), limit: paging ? chunk : 0 });
    if (!read.ok) {
      if (read.error.code !== 'Compacted') return fail(storageFailure(read.error, info, ''));
      return fail(plan.fromKey === undefined ? resourceExpired(EXPIRED_LIST) : continueExpired(plan.fromKey, prefix));
    }
    if (plan.minimumRevision > read.value.revision) return fail(tooLargeResourceVersion(plan.minimumRevision, read.value.revision));
    if (revision === 0) revision = read.value.revision;
    let hasMore = read.value.more === true;
    for (const stored of read.value.items) {
      if (paging && items.length >= plan.limit) {
        hasMore = true;
        break;
      }
      last = stored.object;
      if (filter === undefined || filter(stored.object)) items.push(stored.object);
    }
    const next = hasMore && paging && last !== undefined ? `${keyOf(info, last)}\u0000` : undefined;
    if (next === undefined || items.length >= plan.limit) return ok(page(items, revision, prefix, next, filter, read.value.count, plan.limit));
    if (chunk < MAX_LIMIT) chunk = Math.min(chunk * 2, MAX_LIMIT);
    fromKey = next;
  }
}

function page(
  items: KubeObject[],
  revision: number,
  prefix: string,
  nextKey: string | undefined,
  filter: ObjectFilter | undefined,
  count: number | undefined,
  limit: number,
): ListPage {
  if (nextKey === undefined) return { items, revision };
  const result: ListPage = { items, revision, continue: encodeContinue(nextKey, prefix, revision) };
  // The count covers objects a selector would drop: given only when nothing is filtered.
  if (filter === undefined && count !== undefined) result.remainingItemCount = count - limit;
  return result;
}

function keyOf(info: ResourceInfo, object: KubeObject): string {
  return storageKey(info, object.metadata.namespace ?? '', object.metadata.name ?? '');
}

/**
 * 410 for a continued list whose revision was compacted away, with a fresh token (rv -1: the
 * latest revision) in the Status' metadata (handleCompactedErrorForPaging).
 */
function continueExpired(fromKey: string, prefix: string): Status {
  if (!fromKey.startsWith(prefix) || fromKey.length === prefix.length) return resourceExpired(CONTINUE_EXPIRED);
  const status = resourceExpired(INCONSISTENT_CONTINUE);
  return { ...status, metadata: { continue: encodeContinue(fromKey, prefix, -1) } };
}

/** 504 for a resourceVersion newer than the store's (storage.NewTooLargeResourceVersionError). */
export function tooLargeResourceVersion(minimum: number, current: number): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Timeout: Too large resource version: ${minimum}, current: ${current}`,
    reason: 'Timeout',
    details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
    code: 504,
  };
}
