/**
 * The handlers an informer notifies (client-go tools/cache: ResourceEventHandler and the
 * sharedProcessor that distributes notifications). Here they are called synchronously, in
 * registration order, after the cache already holds the new state.
 */
import type { KubeObject } from '../api/types.js';

/** cache.ResourceEventHandler. Handlers should only work out which keys to enqueue. */
export interface ResourceEventHandler<T extends KubeObject> {
  /** A new object; `isInInitialList` when it came with the first list (or a late handler's catch-up). */
  onAdd?(obj: T, isInInitialList: boolean): void;
  /** A changed object; on resync `oldObj === newObj`. */
  onUpdate?(oldObj: T, newObj: T): void;
  /**
   * A deleted object. `finalStateUnknown` (client-go's DeletedFinalStateUnknown tombstone) when
   * the delete was found by a relist rather than seen as a DELETED event: `obj` is then the last
   * state this cache saw, not the state at deletion.
   */
  onDelete?(obj: T, finalStateUnknown: boolean): void;
}

/** cache.ResourceEventHandlerRegistration: returned by addEventHandler, passed to removeEventHandler. */
export interface ResourceEventHandlerRegistration {
  /** True once this handler has been told about everything in the informer's initial list. */
  hasSynced(): boolean;
}

/** The registered handlers of one informer and the fan-out of notifications to them. */
export class SharedProcessor<T extends KubeObject> {
  /** Replaced, never mutated, so a handler may add or remove handlers while being notified. */
  private handlers: readonly ResourceEventHandler<T>[] = [];

  /** How many handlers are registered. */
  get size(): number {
    return this.handlers.length;
  }

  /** Registers a handler. */
  add(handler: ResourceEventHandler<T>): void {
    this.handlers = [...this.handlers, handler];
  }

  /** Unregisters a handler; true if it was registered. */
  remove(handler: ResourceEventHandler<T>): boolean {
    const next = this.handlers.filter((h) => h !== handler);
    const removed = next.length !== this.handlers.length;
    this.handlers = next;
    return removed;
  }

  /** Notifies every handler of an added object. */
  distributeAdd(obj: T, isInInitialList: boolean): void {
    for (const h of this.handlers) h.onAdd?.(obj, isInInitialList);
  }

  /** Notifies every handler of an updated (or resynced) object. */
  distributeUpdate(oldObj: T, newObj: T): void {
    for (const h of this.handlers) h.onUpdate?.(oldObj, newObj);
  }

  /** Notifies every handler of a deleted object. */
  distributeDelete(obj: T, finalStateUnknown: boolean): void {
    for (const h of this.handlers) h.onDelete?.(obj, finalStateUnknown);
  }
}
