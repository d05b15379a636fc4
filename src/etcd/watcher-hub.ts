/**
 * Watch delivery (etcd's `watchableStore` with its synced and unsynced watcher groups). Writes
 * append events to a log in revision order; delivery happens later, in one flush scheduled on the
 * clock, so a handler that writes never re-enters the store mid-write. A watcher from a past
 * revision starts unsynced and catches up from the log; after that it is synced and gets the
 * events written since the last flush. Compaction never trims events a live watcher still needs.
 */
import type { Scheduler, TimerId } from '../clock/types.js';
import type { WatchEvent, WatchHandle, WatchHandler } from './key-value.js';
import { firstEventAtOrAfter } from './revision.js';
import { resourcePrefixOf } from './prefix-index.js';

interface Watcher<V> {
  readonly prefix: string;
  /** The resource prefix the watcher is grouped under; '' watches across resources. */
  readonly group: string;
  readonly startRevision: number;
  readonly handler: WatchHandler<V>;
  /** For an unsynced watcher: the log position (absolute) it catches up from. */
  cursor: number;
  synced: boolean;
  cancelled: boolean;
  /** Events gathered for the flush in progress. */
  batch: WatchEvent<V>[] | undefined;
}

/** The event log since compaction and the watchers fed from it. */
export class WatcherHub<V> {
  /** Events since compaction, in revision order, with the resource prefix of each event's key. */
  private events: WatchEvent<V>[] = [];
  private eventPrefixes: string[] = [];
  /** Absolute log position of `events[0]`. */
  private offset = 0;
  /** Absolute log position up to which synced watchers have been served. */
  private delivered = 0;
  private readonly synced = new Map<string, Watcher<V>[]>();
  private unsynced: Watcher<V>[] = [];
  private watcherCount = 0;
  private compactRevision = 0;
  private paused = false;
  private timer: TimerId | undefined = undefined;
  private readonly flushBound = (): void => this.flush();

  constructor(private readonly scheduler: Scheduler) {}

  /** Records a committed change of a key listed under `resourcePrefix`. */
  append(event: WatchEvent<V>, resourcePrefix: string): void {
    this.events.push(event);
    this.eventPrefixes.push(resourcePrefix);
    if (this.watcherCount > 0) this.scheduleFlush();
  }

  /**
   * Starts a watch of keys under `prefix` from `startRevision` (inclusive; 0: from the next
   * revision). The caller has checked the revision is not compacted. A start in the future waits.
   */
  watch(prefix: string, startRevision: number, currentRevision: number, handler: WatchHandler<V>): WatchHandle {
    const end = this.offset + this.events.length;
    // Nobody needed the events written while there were no watchers.
    if (this.watcherCount === 0) this.delivered = end;
    const synced = startRevision <= 0 || startRevision > currentRevision;
    const watcher: Watcher<V> = {
      prefix,
      group: resourcePrefixOf(prefix),
      startRevision: synced ? Math.max(startRevision, currentRevision + 1) : startRevision,
      handler,
      cursor: synced ? end : this.offset + firstEventAtOrAfter(this.events, startRevision),
      synced,
      cancelled: false,
      batch: undefined,
    };
    this.watcherCount++;
    if (synced) {
      this.addSynced(watcher);
    } else {
      this.unsynced.push(watcher);
      this.scheduleFlush();
    }
    return { cancel: () => this.cancel(watcher) };
  }

  /** Drops events before `revision` from the log, as soon as no watcher still needs them. */
  compact(revision: number): void {
    this.compactRevision = revision;
    this.trim();
  }

  /** Holds delivery (etcd stopped); events keep accumulating. */
  pause(): void {
    this.paused = true;
    if (this.timer !== undefined) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** Resumes delivery, starting with whatever was held. */
  resume(): void {
    this.paused = false;
    if (this.unsynced.length > 0 || (this.watcherCount > 0 && this.delivered < this.offset + this.events.length)) this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.timer === undefined && !this.paused) this.timer = this.scheduler.setTimeout(this.flushBound, 0);
  }

  private addSynced(watcher: Watcher<V>): void {
    watcher.synced = true;
    const group = this.synced.get(watcher.group);
    if (group === undefined) this.synced.set(watcher.group, [watcher]);
    else group.push(watcher);
  }

  private cancel(watcher: Watcher<V>): void {
    if (watcher.cancelled) return;
    watcher.cancelled = true;
    this.watcherCount--;
    const list = watcher.synced ? this.synced.get(watcher.group) : this.unsynced;
    const at = list?.indexOf(watcher) ?? -1;
    if (at >= 0) list!.splice(at, 1);
    if (watcher.synced && list?.length === 0) this.synced.delete(watcher.group);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.paused) return;
    const end = this.offset + this.events.length;
    const ready: Watcher<V>[] = [];
    const wide = this.synced.get('');
    for (let i = this.delivered - this.offset; i < end - this.offset; i++) {
      const event = this.events[i]!;
      const group = this.synced.get(this.eventPrefixes[i]!);
      if (group !== undefined && group !== wide) for (const watcher of group) offer(watcher, event, ready);
      if (wide !== undefined) for (const watcher of wide) offer(watcher, event, ready);
    }
    const catchingUp = this.unsynced;
    this.unsynced = [];
    for (const watcher of catchingUp) {
      for (let i = watcher.cursor - this.offset; i < end - this.offset; i++) offer(watcher, this.events[i]!, ready);
      this.addSynced(watcher);
    }
    this.delivered = end;
    this.trim();
    deliver(ready);
  }

  private trim(): void {
    const end = this.offset + this.events.length;
    // Between compactions the whole log is newer than the compaction: skip the binary search,
    // whose probes each miss the cache on a log of a hundred thousand events.
    const first = this.events[0];
    const compactedInLog = first !== undefined && first.kv.modRevision < this.compactRevision;
    let keepFrom = this.offset + (compactedInLog ? firstEventAtOrAfter(this.events, this.compactRevision) : 0);
    if (this.watcherCount > 0) keepFrom = Math.min(keepFrom, this.delivered);
    for (const watcher of this.unsynced) keepFrom = Math.min(keepFrom, watcher.cursor);
    const drop = Math.min(keepFrom, end) - this.offset;
    if (drop <= 0) return;
    this.events = this.events.slice(drop);
    this.eventPrefixes = this.eventPrefixes.slice(drop);
    this.offset += drop;
  }
}

function offer<V>(watcher: Watcher<V>, event: WatchEvent<V>, ready: Watcher<V>[]): void {
  if (event.kv.modRevision < watcher.startRevision || !event.kv.key.startsWith(watcher.prefix)) return;
  if (watcher.batch === undefined) {
    watcher.batch = [];
    ready.push(watcher);
  }
  watcher.batch.push(event);
}

/** Hands each watcher its batch. A throwing handler is a bug; the others still get theirs first. */
function deliver<V>(ready: readonly Watcher<V>[]): void {
  const batches = ready.map((watcher) => {
    const batch = watcher.batch!;
    watcher.batch = undefined;
    return batch;
  });
  let failure: unknown = undefined;
  let failed = false;
  for (let i = 0; i < ready.length; i++) {
    const watcher = ready[i]!;
    if (watcher.cancelled) continue;
    try {
      watcher.handler(batches[i]!);
    } catch (error) {
      if (!failed) {
        failed = true;
        failure = error;
      }
    }
  }
  if (failed) throw failure;
}
