/**
 * Listers (client-go listers): read-only views of an informer's cache, the only way reconcile
 * code reads cluster state. They return the cached frozen objects themselves: never mutate them.
 */
import type { KubeObject } from '../api/types.js';
import { matches, type Labels, type Selector } from '../api/label-selector.js';
import type { Indexer } from './indexer.js';
import { NAMESPACE_INDEX } from './index-funcs.js';
import { objectKey } from './store.js';

/**
 * What a lister filters by: a compiled label selector (src/api/label-selector.ts: `parseSelector`,
 * `selectorFromSet`, `labelSelectorAsSelector`) or a plain predicate over the labels. Absent: everything.
 */
export type LabelMatcher = Selector | ((labels: Labels) => boolean);

/** True when `obj`'s labels match `selector` (always, when there is no selector). */
export function labelsMatch(selector: LabelMatcher | undefined, obj: Readonly<KubeObject>): boolean {
  if (selector === undefined) return true;
  return typeof selector === 'function' ? selector(obj.metadata.labels) : matches(selector, obj.metadata.labels);
}

/** Reads one resource from an informer cache: by name, by label selector, by namespace, by index. */
export class Lister<T extends KubeObject> {
  constructor(private readonly indexer: Indexer<T>) {}

  /** The object `namespace/name` (namespace '' for cluster-scoped), or undefined when the cache has none. */
  get(namespace: string, name: string): T | undefined {
    return this.indexer.getByKey(objectKey(namespace, name));
  }

  /** Every cached object whose labels match `selector`. */
  list(selector?: LabelMatcher): T[] {
    if (selector === undefined) return this.indexer.list();
    const out: T[] = [];
    for (const obj of this.indexer.values()) if (labelsMatch(selector, obj)) out.push(obj);
    return out;
  }

  /** The objects of one namespace whose labels match `selector` (through the namespace index when there is one). */
  listNamespace(namespace: string, selector?: LabelMatcher): T[] {
    if (this.indexer.hasIndex(NAMESPACE_INDEX)) {
      const inNamespace = this.indexer.byIndex(NAMESPACE_INDEX, namespace);
      return selector === undefined ? inNamespace : inNamespace.filter((obj) => labelsMatch(selector, obj));
    }
    const out: T[] = [];
    for (const obj of this.indexer.values()) {
      if ((obj.metadata.namespace ?? '') === namespace && labelsMatch(selector, obj)) out.push(obj);
    }
    return out;
  }

  /** The objects whose index `indexName` has `value` (see index-funcs.ts for the built-in indexes). */
  byIndex(indexName: string, value: string): T[] {
    return this.indexer.byIndex(indexName, value);
  }
}
