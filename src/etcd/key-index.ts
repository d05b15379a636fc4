/**
 * The history of one key since the last compaction (etcd's `keyIndex`): every version and every
 * deletion, oldest first, so the key can be read at any retained revision.
 */
import type { KeyHistoryEntry, KeyValue, Tombstone } from './key-value.js';
import { isTombstone } from './key-value.js';

/** One key's versions and deletions, plus its live version if it exists now. */
export class KeyIndex<V> {
  /** The key's live version; undefined while the key is deleted. */
  current: KeyValue<V> | undefined = undefined;
  /** Versions and deletions, in revision order. */
  readonly history: KeyHistoryEntry<V>[] = [];

  /** `resourcePrefix` is the bucket the key is listed in (see `PrefixIndex`). */
  constructor(
    readonly key: string,
    readonly resourcePrefix: string,
  ) {}

  /** Records a put at `revision` and returns the new version. */
  put(value: V, revision: number): KeyValue<V> {
    const previous = this.current;
    const kv: KeyValue<V> = {
      key: this.key,
      value,
      createRevision: previous === undefined ? revision : previous.createRevision,
      modRevision: revision,
      version: previous === undefined ? 1 : previous.version + 1,
    };
    this.current = kv;
    this.history.push(kv);
    return kv;
  }

  /** Records a deletion at `revision`; undefined (and nothing recorded) if the key does not exist. */
  delete(revision: number): Tombstone | undefined {
    if (this.current === undefined) return undefined;
    const tombstone: Tombstone = { key: this.key, modRevision: revision, createRevision: 0, version: 0 };
    this.current = undefined;
    this.history.push(tombstone);
    return tombstone;
  }

  /** The version live at `revision`, if any (the caller has checked the revision is retained). */
  at(revision: number): KeyValue<V> | undefined {
    for (let i = this.history.length - 1; i >= 0; i--) {
      const entry = this.history[i]!;
      if (entry.modRevision <= revision) return isTombstone(entry) ? undefined : entry;
    }
    return undefined;
  }

  /**
   * Drops what no read at `revision` or later needs: everything before the last entry at or before
   * `revision`, and that entry too if it is a deletion. Returns true when nothing is left, so the
   * key can leave the index.
   */
  compact(revision: number): boolean {
    let keepFrom = 0;
    for (let i = this.history.length - 1; i >= 0; i--) {
      const entry = this.history[i]!;
      if (entry.modRevision <= revision) {
        keepFrom = isTombstone(entry) ? i + 1 : i;
        break;
      }
    }
    if (keepFrom > 0) this.history.splice(0, keepFrom);
    return this.history.length === 0;
  }
}
