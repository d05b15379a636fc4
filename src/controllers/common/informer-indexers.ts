/**
 * Shared informers with indexes several controllers ask for. Many controllers index pods by their
 * controller's uid; the index is built once, and a controller that asks again for an index the
 * shared informer already has simply reuses it (the Indexer refuses a second registration).
 */
import type { KubeObject } from '../../api/types.js';
import type { SharedInformer } from '../../client/informer.js';
import type { SharedInformerFactory } from '../../client/informer-factory.js';
import type { Indexers } from '../../client/indexer.js';

/** The shared informer of `resource` with (at least) `indexers`, adding only the indexes it lacks. */
export function informerWithIndexers<T extends KubeObject = KubeObject>(
  factory: SharedInformerFactory,
  resource: string,
  indexers: Indexers<T>,
): SharedInformer<T> {
  const informer = factory.informer<T>(resource);
  const missing: Indexers<T> = {};
  let any = false;
  for (const [name, fn] of Object.entries(indexers)) {
    if (informer.indexer.hasIndex(name)) continue;
    missing[name] = fn;
    any = true;
  }
  if (any) informer.addIndexers(missing);
  return informer;
}
