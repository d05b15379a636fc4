/**
 * The watch cache's window of recent events (the Cacher's cyclic buffer): a watcher that starts
 * from a resourceVersion inside the window is served from it instead of opening its own storage
 * watch, as an informer does when it re-watches from the last revision it saw.
 */
import type { StorageEvent } from './storage.js';

/** How many recent events each watch cache keeps (the Cacher's default started at 100 and grows; fixed here). */
export const WATCH_CACHE_CAPACITY = 1024;

/** A fixed-size ring of the latest events of one storage prefix, in revision order. */
export class WatchBuffer {
  private readonly ring: (StorageEvent | undefined)[];
  private start = 0;
  private count = 0;
  /** Every event of the prefix with a revision at or after this one (up to the newest) is in the buffer. */
  private completeFrom: number;

  /** A buffer that holds everything from `fromRevision` on (nothing yet). */
  constructor(fromRevision: number, private readonly capacity: number = WATCH_CACHE_CAPACITY) {
    this.ring = new Array<StorageEvent | undefined>(capacity);
    this.completeFrom = fromRevision;
  }

  /** The oldest revision from which the buffer can replay every event. */
  get coveredFrom(): number {
    return this.completeFrom;
  }

  /** Appends the next event; the oldest falls out when the buffer is full. */
  push(event: StorageEvent): void {
    if (this.count === this.capacity) {
      const oldest = this.ring[this.start]!;
      this.completeFrom = oldest.revision + 1;
      this.ring[this.start] = event;
      this.start = (this.start + 1) % this.capacity;
      return;
    }
    this.ring[(this.start + this.count) % this.capacity] = event;
    this.count++;
  }

  /** The buffered events with a revision at or after `fromRevision`, oldest first. */
  since(fromRevision: number): StorageEvent[] {
    let first = this.count;
    while (first > 0 && this.ring[(this.start + first - 1) % this.capacity]!.revision >= fromRevision) first--;
    const events: StorageEvent[] = [];
    for (let i = first; i < this.count; i++) events.push(this.ring[(this.start + i) % this.capacity]!);
    return events;
  }
}
