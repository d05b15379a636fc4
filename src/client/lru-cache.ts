/**
 * A fixed-size least-recently-used cache (the golang-lru cache client-go's EventCorrelator keeps
 * its recent events in). Entries are chained in use order, so touching and evicting are O(1):
 * a Map alone would find its oldest entry through an iterator that steps over every slot its
 * deletions left behind.
 */

interface Entry<V> {
  readonly key: string;
  value: V;
  /** The entry used just before this one (towards the oldest). */
  older: Entry<V> | undefined;
  /** The entry used just after this one (towards the newest). */
  newer: Entry<V> | undefined;
}

/** An LRU cache of at most `capacity` entries. */
export class LruCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private oldest: Entry<V> | undefined = undefined;
  private newest: Entry<V> | undefined = undefined;

  constructor(private readonly capacity: number) {}

  /** How many entries are held. */
  get size(): number {
    return this.entries.size;
  }

  /** The value under `key` (not marking it used), if held. */
  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Stores `value` under `key` as the most recently used entry, evicting the least recently used one when full. */
  set(key: string, value: V): void {
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.unlink(existing);
      this.append(existing);
      return;
    }
    const entry: Entry<V> = { key, value, older: undefined, newer: undefined };
    this.entries.set(key, entry);
    this.append(entry);
    if (this.entries.size > this.capacity && this.oldest !== undefined) this.delete(this.oldest.key);
  }

  /** Removes `key`; true if it was held. */
  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.unlink(entry);
    return true;
  }

  /** The keys from least to most recently used. */
  keys(): string[] {
    const keys: string[] = [];
    for (let entry = this.oldest; entry !== undefined; entry = entry.newer) keys.push(entry.key);
    return keys;
  }

  private append(entry: Entry<V>): void {
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest !== undefined) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }

  private unlink(entry: Entry<V>): void {
    if (entry.older !== undefined) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer !== undefined) entry.newer.older = entry.older;
    else this.newest = entry.older;
    entry.older = undefined;
    entry.newer = undefined;
  }
}
