/** The get and list verbs. Lists come back in storage order: by namespace, then name. */
import type { KubeList, KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import type { ListOptions } from './types.js';
import type { ResourceInfo } from './registry.js';
import { apiVersionOf, storageKey, storagePrefix } from './registry.js';
import type { StorageResult, StoredObject } from './storage.js';
import type { ServerContext } from './server-context.js';
import { readExisting, storageFailure } from './server-context.js';
import { compileFilter, exactName } from './filters.js';

/** Reads one object. */
export function getObject(ctx: ServerContext, info: ResourceInfo, namespace: string, name: string): Result<KubeObject> {
  const read = readExisting(ctx, info, info.namespaced ? namespace : '', name);
  return read.ok ? ok(read.value.object) : read;
}

/** Lists the objects of a resource in one namespace ('' = all), filtered by selectors. */
export function listObjects(ctx: ServerContext, info: ResourceInfo, namespace: string, options: ListOptions = {}): Result<KubeList> {
  const filter = compileFilter(info, options);
  if (!filter.ok) return filter;
  const listed = readList(ctx, info, namespace, options);
  if (!listed.ok) return fail(storageFailure(listed.error, info, ''));
  const matches = filter.value;
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
function readList(ctx: ServerContext, info: ResourceInfo, namespace: string, options: ListOptions): StorageResult<{ items: StoredObject[]; revision: number }> {
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
