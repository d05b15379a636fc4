/**
 * What every watcher does with storage events, whether it has its own storage watch or shares the
 * watch cache's: translate them through its selectors (an object that stops matching is DELETED
 * for that watcher, one that starts matching is ADDED), and hand them on with the synthetic
 * ADDED events of its start going first.
 */
import type { KubeObject } from '../api/types.js';
import { shallowCopy } from '../api/freeze.js';
import type { Scheduler } from '../clock/types.js';
import type { WatchEvent } from './types.js';
import type { StorageEvent } from './storage.js';
import type { ObjectFilter } from './filters.js';

/** One storage event as a watcher with `matches` sees it, or undefined when it does not concern it. */
export function translate(event: StorageEvent, matches: ObjectFilter | undefined): WatchEvent | undefined {
  if (event.type === 'DELETE') {
    return !matches || matches(event.object) ? { type: 'DELETED', object: withDeleteRevision(event.object, event.revision) } : undefined;
  }
  if (!matches) return { type: event.created ? 'ADDED' : 'MODIFIED', object: event.object };
  const now = matches(event.object);
  const before = event.previous !== undefined && matches(event.previous);
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: event.object };
  return before ? { type: 'DELETED', object: event.object } : undefined;
}

/** A deleted object carries the revision of its deletion, as kube-apiserver sends it. */
function withDeleteRevision(object: KubeObject, revision: number): KubeObject {
  // Not spread: frozen copies made by spread get hidden classes of their own (see shallowCopy).
  const metadata = shallowCopy(object.metadata);
  metadata.resourceVersion = String(revision);
  const deleted = shallowCopy(object);
  deleted.metadata = Object.freeze(metadata);
  return Object.freeze(deleted);
}

/**
 * The client end of one watch: events go to `onEvent` until `stop`, and the events a watch
 * starts with (the synthetic ADDED of a watch without resourceVersion, or those replayed from the
 * watch cache) go out at the next clock tick, before any live event, whichever comes first.
 */
export class WatchDelivery {
  private initial: WatchEvent[] = [];
  private stopped = false;
  private readonly flushBound = (): void => this.flushInitial();

  constructor(private readonly onEvent: (event: WatchEvent) => void) {}

  /** True once the client stopped the watch. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Queues the events the watch starts with; they are delivered through `clock`, never inside the call. */
  start(events: readonly WatchEvent[], clock: Scheduler): void {
    if (events.length === 0) return;
    this.initial.push(...events);
    clock.setTimeout(this.flushBound, 0);
  }

  /** Delivers live events (after any still queued initial ones). */
  deliver(events: readonly WatchEvent[]): void {
    this.flushInitial();
    for (const event of events) {
      if (this.stopped) return;
      this.onEvent(event);
    }
  }

  /** Ends delivery. */
  stop(): void {
    this.stopped = true;
    this.initial = [];
  }

  private flushInitial(): void {
    if (this.initial.length === 0) return;
    const events = this.initial;
    this.initial = [];
    for (const event of events) {
      if (this.stopped) return;
      this.onEvent(event);
    }
  }
}
