/** The get and list verbs. Lists come back in storage order: by namespace, then name. */
import type { KubeList, KubeObject, ListMeta } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import type { ListOptions } from './types.js';
import type { ResourceInfo } from './registry.js';
import { apiVersionOf, storageKey, storagePrefix } from './registry.js';
import type { StorageList, StorageResult } from './storage.js';
import type { ServerContext } from './server-context.js';
import { readExisting, storageFailure } from './server-context.js';
import type { ObjectFilter } from './filters.js';
import { compileFilter, exactName } from './filters.js';
import { hasReadOptions, planList, validateListOptions } from './list-paging-options.js';
import { readListPage, tooLargeResourceVersion } from './list-paging.js';

/** Reads one object. */
export function getObject(ctx: ServerContext, info: ResourceInfo, namespace: string, name: string): Result<KubeObject> {
  const read = readExisting(ctx, info, info.namespaced ? namespace : '', name);
  return read.ok ? ok(read.value.object) : read;
}

/**
 * Lists the objects of a resource in one namespace ('' = all), filtered by selectors. A list
 * with `limit`, `continue`, `resourceVersion` or `resourceVersionMatch` is served as
 * kube-apiserver serves it (list-paging-options.ts): from the current state, or page by page
 * from etcd at one revision; a list without them (the informers') takes the short path.
 */
export function listObjects(ctx: ServerContext, info: ResourceInfo, namespace: string, options: ListOptions = {}): Result<KubeList> {
  const paged = hasReadOptions(options);
  if (paged) {
    const refused = validateListOptions(options);
    if (refused) return fail(refused);
  }
  const filter = compileFilter(info, options);
  if (!filter.ok) return filter;
  if (!paged) return listCurrent(ctx, info, namespace, options, filter.value, 0);
  const prefix = storagePrefix(info, namespace);
  const plan = planList(options, prefix);
  if (!plan.ok) return plan;
  if (plan.value.kind === 'current') return listCurrent(ctx, info, namespace, options, filter.value, plan.value.minimumRevision);
  const read = readListPage(ctx, info, prefix, plan.value, filter.value);
  if (!read.ok) return read;
  const metadata: ListMeta = { resourceVersion: String(read.value.revision) };
  if (read.value.continue !== undefined) metadata.continue = read.value.continue;
  if (read.value.remainingItemCount !== undefined) metadata.remainingItemCount = read.value.remainingItemCount;
  return ok({ apiVersion: apiVersionOf(info), kind: `${info.kind}List`, metadata, items: read.value.items });
}

/** Every match as of now (what the watch cache answers): `minimumRevision` newer than the store is a 504. */
function listCurrent(
  ctx: ServerContext,
  info: ResourceInfo,
  namespace: string,
  options: ListOptions,
  matches: ObjectFilter | undefined,
  minimumRevision: number,
): Result<KubeList> {
  const listed = readList(ctx, info, namespace, options);
  if (!listed.ok) return fail(storageFailure(listed.error, info, ''));
  if (minimumRevision > listed.value.revision) return fail(tooLargeResourceVersion(minimumRevision, listed.value.revision));
  const items: KubeObject[] = [];
  for (const stored of listed.value.items) if (!matches || matches(stored.object)) items.push(stored.object);
  return ok({
    apiVersion: apiVersionOf(info),
    kind: `${info.kind}List`,
    metadata: { resourceVersion: String(listed.value.revision) },
    items,
  });
}

/**
 * The stored objects a list looks at: the one key a `metadata.name=` field selector pins, when a
 * key can be made for it (Store.ListPredicate's MatchesSingle shortcut: a kubelet listing its own
 * Node reads one key, not every Node), else the whole prefix.
 */
function readList(ctx: ServerContext, info: ResourceInfo, namespace: string, options: ListOptions): StorageResult<StorageList> {
  const name = exactName(info, options);
  if (name === undefined || !isKeySegment(name) || (info.namespaced && namespace === '')) return ctx.storage.list(storagePrefix(info, namespace));
  const read = ctx.storage.get(storageKey(info, namespace, name));
  if (!read.ok) return read;
  return { ok: true, value: { items: read.value === undefined ? [] : [read.value], revision: ctx.storage.revision } };
}

/** Whether a name can be one segment of a storage key (path.IsValidPathSegmentName). */
function isKeySegment(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%');
}
