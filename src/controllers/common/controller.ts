/**
 * The contract between kube-controller-manager and the controllers it runs. A controller is
 * informer handlers that enqueue keys, a workqueue, and a `sync(key)` that reads the informer
 * caches and writes through the API (STYLE.md; k8s.io/sample-controller).
 */
import type { ComponentContext } from '../../client/component.js';
import type { SharedInformerFactory } from '../../client/informer-factory.js';
import type { WorkQueueMetrics } from '../../client/workqueue.js';
import type { EventRecorder } from '../../client/event-recorder.js';

/** What every controller is given: the component's environment plus the manager's shared informers. */
export interface ControllerContext extends ComponentContext {
  /** kube-controller-manager's informers, shared by all its controllers. */
  readonly informers: SharedInformerFactory;
  /** An event recorder for `component` (e.g. `replicaset-controller`), shared per component name. */
  recorder(component: string): EventRecorder;
}

/** One controller of kube-controller-manager. */
export interface Controller {
  /** Its name as `kube-controller-manager --controllers` spells it: `replicaset`, `deployment`, … */
  readonly name: string;
  /**
   * Starts the workqueue(s). The constructor has already registered the informer handlers; the
   * manager starts the informers before calling `run`, so the caches are filled.
   */
  run(): void;
  /** Shuts the queues down and cancels the controller's own timers. */
  stop(): void;
  /** The state of its queues, for the dashboard. */
  queues(): WorkQueueMetrics[];
}

/** Builds a controller; it registers its informer handlers on `ctx.informers` here. */
export type ControllerFactory = (ctx: ControllerContext) => Controller;
