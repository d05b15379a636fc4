/**
 * The watch verb: storage events become ADDED / MODIFIED / DELETED for one resource, filtered by
 * selectors the way the watch cache filters them (an object that stops matching is DELETED for
 * that watcher, one that starts matching is ADDED). Without a resourceVersion the watch starts
 * with a synthetic ADDED per existing object. A compacted revision gives one ERROR 410 event.
 * Watchers share storage watches through the watch cache (watch-cache.ts).
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import { badRequest, resourceExpired } from '../api/status.js';
import type { WatchEvent, WatchHandle, WatchOptions } from './types.js';
import type { ResourceInfo } from './registry.js';
import { storagePrefix } from './registry.js';
import type { ServerContext } from './server-context.js';
import { storageFailure } from './server-context.js';
import { compileFilter } from './filters.js';
import { WatchDelivery } from './watch-events.js';
import { watchTrigger } from './watch-triggers.js';

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
  const delivery = new WatchDelivery(onEvent);

  let initial: KubeObject[] = [];
  let from: number;
  const explicit = rv !== '' && rv !== '0';
  if (!explicit) {
    const listed = ctx.storage.list(prefix);
    if (!listed.ok) return fail(storageFailure(listed.error, info, ''));
    initial = listed.value.items.map((s) => s.object).filter((o) => !matches || matches(o));
    from = listed.value.revision + 1;
  } else {
    const parsed = Number(rv);
    if (!Number.isInteger(parsed) || parsed < 0) return fail(badRequest(`invalid resource version: ${rv}`));
    from = parsed + 1;
  }

  const trigger = watchTrigger(info, options.fieldSelector);
  const watched = ctx.watchCache.watch({ info, prefix, from, explicit, matches, trigger, delivery });
  if (!watched.ok) {
    if (watched.error.code !== 'Compacted') return fail(storageFailure(watched.error, info, ''));
    const oldest = watched.error.compactRevision ?? 0;
    const expired = resourceExpired(`too old resource version: ${from - 1} (${oldest})`);
    delivery.start([{ type: 'ERROR', object: expired }], ctx.clock);
    return ok({ stop: () => delivery.stop() });
  }
  delivery.start(
    initial.map((object) => ({ type: 'ADDED', object })),
    ctx.clock,
  );
  return watched;
}
