/**
 * The garbage collector's absentOwnerCache (ReferenceCache): owners recently confirmed gone, so
 * that collecting the 10,000 pods of a deleted ReplicaSet asks the API server about the
 * ReplicaSet once, not 10,000 times. An LRU of 500 identities, as upstream.
 */
import type { ObjectIdentity } from './graph.js';

/** How many absent owners are remembered (NewReferenceCache(500)). */
export const ABSENT_OWNER_CACHE_SIZE = 500;

/** An LRU set of object identities. */
export class ReferenceCache {
  private readonly entries = new Set<string>();

  constructor(private readonly maxSize: number = ABSENT_OWNER_CACHE_SIZE) {}

  /** Remembers `identity` as absent. */
  add(identity: ObjectIdentity): void {
    const key = cacheKey(identity);
    this.entries.delete(key);
    this.entries.add(key);
    if (this.entries.size > this.maxSize) {
      const oldest = this.entries.values().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** Whether `identity` is known to be absent (and marks it recently used). */
  has(identity: ObjectIdentity): boolean {
    const key = cacheKey(identity);
    if (!this.entries.has(key)) return false;
    this.entries.delete(key);
    this.entries.add(key);
    return true;
  }
}

function cacheKey(id: ObjectIdentity): string {
  return [id.apiVersion, id.kind, id.namespace, id.name, id.uid].join('\u0000');
}
