/**
 * The store's key index (etcd's `treeIndex`): key → `KeyIndex`, with keys listed per resource
 * prefix (`/registry/pods/`, `/registry/deployments/`, …) so a range over one resource never looks
 * at the keys of another. Each bucket is sorted lazily: new keys are appended, and the next range
 * sorts only those and merges them in.
 */
import { KeyIndex } from './key-index.js';

/** Keys with fewer than three `/` (e.g. `compact_rev_key`) share this bucket. */
const SHORT_KEYS = '';

/** The first three path segments of a key or prefix (`/registry/pods/` for `/registry/pods/ns/a`), or '' if it has fewer. */
export function resourcePrefixOf(key: string): string {
  const first = key.indexOf('/');
  if (first < 0) return SHORT_KEYS;
  const second = key.indexOf('/', first + 1);
  if (second < 0) return SHORT_KEYS;
  const third = key.indexOf('/', second + 1);
  return third < 0 ? SHORT_KEYS : key.slice(0, third + 1);
}

function byKey<V>(a: KeyIndex<V>, b: KeyIndex<V>): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The keys of one resource prefix: a sorted run followed by keys added since the last range. */
class Bucket<V> {
  private entries: KeyIndex<V>[] = [];
  private sortedLength = 0;

  add(entry: KeyIndex<V>): void {
    const last = this.entries[this.entries.length - 1];
    this.entries.push(entry);
    // Keys that arrive in order (p-1, p-2, …) keep the bucket sorted for free.
    if (this.sortedLength === this.entries.length - 1 && (last === undefined || last.key < entry.key)) this.sortedLength++;
  }

  sorted(): readonly KeyIndex<V>[] {
    if (this.sortedLength < this.entries.length) {
      const tail = this.entries.slice(this.sortedLength).sort(byKey);
      const merged: KeyIndex<V>[] = new Array<KeyIndex<V>>(this.entries.length);
      let i = 0;
      let j = 0;
      let k = 0;
      while (i < this.sortedLength && j < tail.length) {
        merged[k++] = this.entries[i]!.key < tail[j]!.key ? this.entries[i++]! : tail[j++]!;
      }
      while (i < this.sortedLength) merged[k++] = this.entries[i++]!;
      while (j < tail.length) merged[k++] = tail[j++]!;
      this.entries = merged;
      this.sortedLength = merged.length;
    }
    return this.entries;
  }

  removeWhere(removed: (entry: KeyIndex<V>) => boolean): void {
    this.entries = this.sorted().filter((entry) => !removed(entry));
    this.sortedLength = this.entries.length;
  }
}

/** Every key the store knows (live or with retained history), findable by key and by prefix in key order. */
export class PrefixIndex<V> {
  private readonly byKey = new Map<string, KeyIndex<V>>();
  private readonly buckets = new Map<string, Bucket<V>>();

  /** The index of `key`, if the key exists or has retained history. */
  get(key: string): KeyIndex<V> | undefined {
    return this.byKey.get(key);
  }

  /** The index of `key`, created (and listed in its bucket) on first use. */
  getOrCreate(key: string): KeyIndex<V> {
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      const resourcePrefix = resourcePrefixOf(key);
      entry = new KeyIndex<V>(key, resourcePrefix);
      this.byKey.set(key, entry);
      let bucket = this.buckets.get(resourcePrefix);
      if (bucket === undefined) {
        bucket = new Bucket<V>();
        this.buckets.set(resourcePrefix, bucket);
      }
      bucket.add(entry);
    }
    return entry;
  }

  /** Every indexed key starting with `prefix`, in lexicographic order. Do not mutate the result. */
  scan(prefix: string): readonly KeyIndex<V>[] {
    const resourcePrefix = resourcePrefixOf(prefix);
    if (resourcePrefix !== SHORT_KEYS) {
      const entries = this.buckets.get(resourcePrefix)?.sorted() ?? [];
      return prefix === resourcePrefix ? entries : withPrefix(entries, prefix);
    }
    // A prefix shorter than a resource prefix spans buckets. Bucket names are three whole
    // segments, so listing buckets in name order lists their keys in order; short keys are merged in.
    const names = [...this.buckets.keys()].filter((name) => name !== SHORT_KEYS && name.startsWith(prefix)).sort();
    let result: KeyIndex<V>[] = [];
    for (const name of names) result = result.concat(this.buckets.get(name)!.sorted());
    const short = withPrefix(this.buckets.get(SHORT_KEYS)?.sorted() ?? [], prefix);
    if (short.length === 0) return result;
    return result.concat(short).sort(byKey);
  }

  /** Compacts every key's history at `revision` and drops keys left with none. */
  compact(revision: number): void {
    const emptied = new Set<KeyIndex<V>>();
    for (const entry of this.byKey.values()) {
      if (entry.compact(revision)) emptied.add(entry);
    }
    if (emptied.size === 0) return;
    const touched = new Set<string>();
    for (const entry of emptied) {
      this.byKey.delete(entry.key);
      touched.add(entry.resourcePrefix);
    }
    for (const name of touched) this.buckets.get(name)!.removeWhere((entry) => emptied.has(entry));
  }
}

/** The entries of a sorted run whose key starts with `prefix`. */
function withPrefix<V>(entries: readonly KeyIndex<V>[], prefix: string): KeyIndex<V>[] {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle]!.key < prefix) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < entries.length && entries[end]!.key.startsWith(prefix)) end++;
  return entries.slice(low, end);
}
