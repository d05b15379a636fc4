/**
 * The informer cache (client-go tools/cache: threadSafeMap + Indexer), without locks because the
 * playground runs on one thread. Objects are the frozen objects the API server handed out: stored
 * by reference, never copied, never mutated. Every index is kept up to date incrementally, so an
 * event costs O(indexes × values of the object), never a rebuild.
 */
import type { KubeObject } from '../api/types.js';
import { metaNamespaceKeyFunc } from './store.js';

/** cache.IndexFunc: the index values of an object (none, one or several). */
export type IndexFunc<T extends KubeObject> = (obj: T) => readonly string[];

/** cache.Indexers: index name → index function. */
export type Indexers<T extends KubeObject> = Record<string, IndexFunc<T>>;

const NO_VALUES: readonly string[] = [];

/** A keyed store of objects with named secondary indexes (cache.Indexer). */
export class Indexer<T extends KubeObject> {
  private readonly items = new Map<string, T>();
  private readonly indexFuncs = new Map<string, IndexFunc<T>>();
  /** index name → index value → keys of the objects with that value. */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Indexers<T> = {}) {
    this.addIndexers(indexers);
  }

  /**
   * Adds indexes, indexing what is already stored (once, O(n)). Adding a name twice is a bug
   * (client-go: `indexer conflict`).
   */
  addIndexers(indexers: Indexers<T>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.indexFuncs.has(name)) throw new Error(`indexer conflict: ${name}`);
      this.indexFuncs.set(name, fn);
      this.indices.set(name, new Map());
      for (const [key, obj] of this.items) this.indexValues(name, key, NO_VALUES, fn(obj));
    }
  }

  /** Whether an index of that name exists. */
  hasIndex(indexName: string): boolean {
    return this.indexFuncs.has(indexName);
  }

  /** How many objects are stored. */
  get size(): number {
    return this.items.size;
  }

  /** The object stored under `key`, if any. */
  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  /** Every stored object, in insertion order. */
  list(): T[] {
    return [...this.items.values()];
  }

  /** Every key. */
  listKeys(): string[] {
    return [...this.items.keys()];
  }

  /** Iterates over the stored objects without building an array. */
  values(): IterableIterator<T> {
    return this.items.values();
  }

  /** Stores `obj` under its key (adding or replacing), updates the indexes and returns the previous object. */
  put(obj: T): T | undefined {
    const key = metaNamespaceKeyFunc(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    this.updateIndices(key, old, obj);
    return old;
  }

  /** Removes the object stored under `key` and returns it. */
  deleteByKey(key: string): T | undefined {
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    this.items.delete(key);
    this.updateIndices(key, old, undefined);
    return old;
  }

  /** cache.Indexer.ByIndex: the objects whose index `indexName` has value `value`. Unknown index names are a bug. */
  byIndex(indexName: string, value: string): T[] {
    const keys = this.index(indexName).get(value);
    if (keys === undefined) return [];
    const out: T[] = [];
    for (const key of keys) out.push(this.items.get(key)!);
    return out;
  }

  /** cache.Indexer.IndexKeys: the keys of the objects whose index `indexName` has value `value`. */
  indexKeys(indexName: string, value: string): string[] {
    const keys = this.index(indexName).get(value);
    return keys === undefined ? [] : [...keys];
  }

  /** How many objects have value `value` in index `indexName`, without listing them. */
  countByIndex(indexName: string, value: string): number {
    return this.index(indexName).get(value)?.size ?? 0;
  }

  /** cache.Indexer.ListIndexFuncValues: every value index `indexName` currently holds. */
  listIndexFuncValues(indexName: string): string[] {
    return [...this.index(indexName).keys()];
  }

  private index(indexName: string): Map<string, Set<string>> {
    const index = this.indices.get(indexName);
    if (index === undefined) throw new Error(`Index with name ${indexName} does not exist`);
    return index;
  }

  private updateIndices(key: string, oldObj: T | undefined, newObj: T | undefined): void {
    if (oldObj === newObj) return;
    for (const [name, fn] of this.indexFuncs) {
      this.indexValues(name, key, oldObj === undefined ? NO_VALUES : fn(oldObj), newObj === undefined ? NO_VALUES : fn(newObj));
    }
  }

  /** Moves `key` from the old values to the new ones, touching only the values that differ. */
  private indexValues(name: string, key: string, oldValues: readonly string[], newValues: readonly string[]): void {
    if (sameValues(oldValues, newValues)) return;
    const index = this.indices.get(name)!;
    for (const value of oldValues) {
      if (newValues.includes(value)) continue;
      const keys = index.get(value);
      if (keys === undefined) continue;
      keys.delete(key);
      if (keys.size === 0) index.delete(value);
    }
    for (const value of newValues) {
      if (oldValues.includes(value)) continue;
      let keys = index.get(value);
      if (keys === undefined) index.set(value, (keys = new Set()));
      keys.add(key);
    }
  }
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
