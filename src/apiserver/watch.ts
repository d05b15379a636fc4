/**
 * The watch verb: storage events become ADDED / MODIFIED / DELETED for one resource, filtered by
 * selectors the way the watch cache filters them (an object that stops matching is DELETED for
 * that watcher, one that starts matching is ADDED). Without a resourceVersion the watch starts
 * with a synthetic ADDED per existing object. A compacted revision gives one ERROR 410 event.
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import { badRequest, resourceExpired } from '../api/status.js';
import type { WatchEvent, WatchHandle, WatchOptions } from './types.js';
import type { ResourceInfo } from './registry.js';
import { storagePrefix } from './registry.js';
import type { StorageEvent } from './storage.js';
import type { ServerContext } from './server-context.js';
import { storageFailure } from './server-context.js';
import type { ObjectFilter } from './filters.js';
import { compileFilter } from './filters.js';

/** Starts a watch; events reach `onEvent` through the clock, never inside the call. */
export function watchObjects(
  ctx: ServerContext,
  info: ResourceInfo,
  namespace: string,
  options: WatchOptions,
  onEvent: (event: WatchEvent) => void,
): Result<WatchHandle> {
  const filter = compileFilter(info, options);
  if (!filter.ok) return filter;
  const matches = filter.value;
  const prefix = storagePrefix(info, namespace);
  const rv = options.resourceVersion ?? '';
  let stopped = false;
  const deliver = (event: WatchEvent): void => {
    if (!stopped) onEvent(event);
  };

  // The synthetic ADDED events go out before any live event, whichever arrives first.
  let initial: KubeObject[] = [];
  const flushInitial = (): void => {
    const objects = initial;
    initial = [];
    for (const object of objects) deliver({ type: 'ADDED', object });
  };
  let from: number;
  if (rv === '' || rv === '0') {
    const listed = ctx.storage.list(prefix);
    if (!listed.ok) return fail(storageFailure(listed.error, info, ''));
    initial = listed.value.items.map((s) => s.object).filter((o) => !matches || matches(o));
    if (initial.length > 0) ctx.clock.setTimeout(flushInitial, 0);
    from = listed.value.revision + 1;
  } else {
    const parsed = Number(rv);
    if (!Number.isInteger(parsed) || parsed < 0) return fail(badRequest(`invalid resource version: ${rv}`));
    from = parsed + 1;
  }

  const watched = ctx.storage.watch(prefix, from, (events) => {
    flushInitial();
    for (const event of events) {
      const translated = translate(event, matches);
      if (translated) deliver(translated);
    }
  });
  if (!watched.ok) {
    if (watched.error.code !== 'Compacted') return fail(storageFailure(watched.error, info, ''));
    const oldest = watched.error.compactRevision ?? 0;
    const expired = resourceExpired(`too old resource version: ${from - 1} (${oldest})`);
    ctx.clock.setTimeout(() => deliver({ type: 'ERROR', object: expired }), 0);
    return ok({ stop: () => void (stopped = true) });
  }
  const storageWatch = watched.value;
  return ok({
    stop: () => {
      stopped = true;
      storageWatch.cancel();
    },
  });
}

/** One storage event as this watcher sees it, or undefined when it does not concern it. */
function translate(event: StorageEvent, matches: ObjectFilter | undefined): WatchEvent | undefined {
  if (event.type === 'DELETE') {
    const last = withDeleteRevision(event.object, event.revision);
    return !matches || matches(event.object) ? { type: 'DELETED', object: last } : undefined;
  }
  if (!matches) return { type: event.created ? 'ADDED' : 'MODIFIED', object: event.object };
  const now = matches(event.object);
  const before = event.previous !== undefined && matches(event.previous);
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: event.object };
  return before ? { type: 'DELETED', object: event.object } : undefined;
}

/** A deleted object carries the revision of its deletion, as kube-apiserver sends it. */
function withDeleteRevision(object: KubeObject, revision: number): KubeObject {
  return Object.freeze({ ...object, metadata: Object.freeze({ ...object.metadata, resourceVersion: String(revision) }) });
}
