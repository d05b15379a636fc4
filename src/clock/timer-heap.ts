import type { TimerId } from './types.js';

/** A timer waiting in a `TimerHeap`: its callback runs at `due` (virtual milliseconds). */
export interface Timer {
  readonly id: TimerId;
  readonly due: number;
  readonly callback: () => void;
}

interface Entry extends Timer {
  /** Position in the heap array, kept up to date so cancel can find the entry in O(1). */
  index: number;
  /** A background timer (see `backgroundSize`). */
  readonly background: boolean;
}

/**
 * A binary min-heap of timers ordered by (due time, insertion order), so timers due at the same
 * time run in the order they were scheduled. Ids grow with every insert and double as the
 * insertion sequence. The heap is indexed: insert, pop and cancel are each O(log n).
 */
export class TimerHeap {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<TimerId, Entry>();
  private nextId: TimerId = 1;
  private backgroundCount = 0;

  /** How many timers are waiting. */
  get size(): number {
    return this.entries.length;
  }

  /** How many of the waiting timers were inserted as background timers. */
  get backgroundSize(): number {
    return this.backgroundCount;
  }

  /** The timer that runs next, without removing it. */
  peek(): Timer | undefined {
    return this.entries[0];
  }

  /** Adds a timer due at `due` and returns its id (never 0). A `background` timer is counted in `backgroundSize`. */
  insert(due: number, callback: () => void, background = false): TimerId {
    const entry: Entry = { id: this.nextId++, due, callback, index: this.entries.length, background };
    if (background) this.backgroundCount++;
    this.entries.push(entry);
    this.byId.set(entry.id, entry);
    this.siftUp(entry);
    return entry.id;
  }

  /** Removes and returns the timer that runs next. */
  pop(): Timer | undefined {
    const top = this.entries[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  /** Removes a waiting timer; false when it already ran, was cancelled or never existed. */
  cancel(id: TimerId): boolean {
    const entry = this.byId.get(id);
    if (entry === undefined) return false;
    this.removeAt(entry.index);
    return true;
  }

  private removeAt(index: number): void {
    const removed = this.entries[index]!;
    this.byId.delete(removed.id);
    if (removed.background) this.backgroundCount--;
    const last = this.entries.pop()!;
    if (last === removed) return;
    last.index = index;
    this.entries[index] = last;
    this.siftDown(last);
    this.siftUp(last);
  }

  private siftUp(entry: Entry): void {
    const entries = this.entries;
    let index = entry.index;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = entries[parentIndex]!;
      if (!before(entry, parent)) break;
      parent.index = index;
      entries[index] = parent;
      index = parentIndex;
    }
    entry.index = index;
    entries[index] = entry;
  }

  private siftDown(entry: Entry): void {
    const entries = this.entries;
    const length = entries.length;
    let index = entry.index;
    for (;;) {
      let childIndex = 2 * index + 1;
      if (childIndex >= length) break;
      let child = entries[childIndex]!;
      const right = entries[childIndex + 1];
      if (right !== undefined && before(right, child)) {
        childIndex += 1;
        child = right;
      }
      if (!before(child, entry)) break;
      child.index = index;
      entries[index] = child;
      index = childIndex;
    }
    entry.index = index;
    entries[index] = entry;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.due < b.due || (a.due === b.due && a.id < b.id);
}
