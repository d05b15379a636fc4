/**
 * The informer handlers a controller registers in its constructor, kept so that `stop()` can
 * unregister them: a stopped controller must not be called by informers it shared.
 */
import type { KubeObject } from '../../api/types.js';
import type { ResourceEventHandler } from '../../client/event-handlers.js';
import type { SharedInformer } from '../../client/informer.js';

/** A controller's handler registrations. */
export class HandlerRegistrations {
  private readonly unregisters: (() => void)[] = [];

  /** Registers `handler` on `informer`. */
  add<T extends KubeObject>(informer: SharedInformer<T>, handler: ResourceEventHandler<T>): void {
    const registration = informer.addEventHandler(handler);
    this.unregisters.push(() => informer.removeEventHandler(registration));
  }

  /** Unregisters every handler. */
  removeAll(): void {
    for (const unregister of this.unregisters.splice(0)) unregister();
  }
}
