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

  /** `name` is the resource prefix; its keys share this one string. */
  constructor(readonly name: string) {}

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
  /**
   * The key looked up last and what was found for it. One write looks its key up several times
   * (the read before it, the txn's compare, the put), each time with a freshly built key string:
   * comparing with the last key is much cheaper than hashing it again and probing a map of a
   * hundred thousand keys.
   */
  private lastKey: string | undefined = undefined;
  private lastEntry: KeyIndex<V> | undefined = undefined;
  /** The bucket a key was last added to (see bucketOf). */
  private lastBucket: Bucket<V> | undefined = undefined;

  /** The index of `key`, if the key exists or has retained history. */
  get(key: string): KeyIndex<V> | undefined {
    if (key === this.lastKey) return this.lastEntry;
    const entry = this.byKey.get(key);
    this.lastKey = key;
    this.lastEntry = entry;
    return entry;
  }

  /** The index of `key`, created (and listed in its bucket) on first use. */
  getOrCreate(key: string): KeyIndex<V> {
    let entry = this.get(key);
    if (entry === undefined) {
      const bucket = this.bucketOf(key);
      entry = new KeyIndex<V>(key, bucket.name);
      this.byKey.set(key, entry);
      bucket.add(entry);
      this.lastEntry = entry;
    }
    return entry;
  }

  /**
   * The bucket a new key goes to, created on first use. Keys of one resource tend to come
   * together: a key under the last bucket's prefix (three whole segments) belongs to it, found
   * without slicing the key's prefix and hashing it.
   */
  private bucketOf(key: string): Bucket<V> {
    const last = this.lastBucket;
    if (last !== undefined && last.name !== SHORT_KEYS && key.startsWith(last.name)) return last;
    const resourcePrefix = resourcePrefixOf(key);
    let bucket = this.buckets.get(resourcePrefix);
    if (bucket === undefined) {
      bucket = new Bucket<V>(resourcePrefix);
      this.buckets.set(resourcePrefix, bucket);
    }
    this.lastBucket = bucket;
    return bucket;
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
    this.lastKey = undefined;
    this.lastEntry = undefined;
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
