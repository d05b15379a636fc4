/**
 * kube-controller-manager: one process running many controllers over one set of shared informers.
 * Each controller is a child of the manager's machine; stopping the manager (a fault injected from
 * the dashboard or a script) stops them all, and starting it again resumes from the API's state.
 */
import { createActor, type Actor } from 'xstate';
import type { ClusterComponent, ComponentContext } from '../client/component.js';
import { EventRecorder } from '../client/event-recorder.js';
import { SharedInformerFactory } from '../client/informer-factory.js';
import type { WorkQueueMetrics } from '../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from './common/controller.js';
import { createControllerManagerMachine } from './controller-manager-machine.js';

/** The informer resync period of kube-controller-manager (its --min-resync-period is 12 h; controllers set their own). */
const RESYNC_PERIOD_MS = 0;

/** kube-controller-manager. */
export class KubeControllerManager implements ClusterComponent {
  readonly name = 'kube-controller-manager';
  private readonly actor: Actor<ReturnType<typeof createControllerManagerMachine>>;
  private informers: SharedInformerFactory | undefined;
  private readonly running = new Map<string, Controller>();
  private readonly recorders = new Map<string, EventRecorder>();
  private started = false;

  constructor(
    private readonly ctx: ComponentContext,
    /** The controllers to run, by name, in start order. */
    private readonly factories: ReadonlyMap<string, ControllerFactory>,
  ) {
    const machine = createControllerManagerMachine([...factories.keys()], {
      startInformers: () => this.runInformers().start(),
      endRun: () => {
        this.informers?.stop();
        this.informers = undefined;
      },
      runController: (name) => this.runController(name),
    });
    this.actor = createActor(machine, { clock: ctx.clock });
  }

  /** `running` or `stopped`. */
  get state(): string {
    return this.started ? String(this.actor.getSnapshot().value) : 'stopped';
  }

  /** Starts the manager (first call) or restarts it after `stop`. */
  start(): void {
    if (!this.started) {
      this.started = true;
      this.actor.start();
      return;
    }
    this.actor.send({ type: 'controllerManager.start' });
  }

  /** Stops every controller and informer; the objects they made stay in the API. */
  stop(): void {
    if (this.started) this.actor.send({ type: 'controllerManager.stop' });
  }

  /** The running controllers by name (empty while stopped). */
  controllers(): ReadonlyMap<string, Controller> {
    return this.running;
  }

  /** The queues of every running controller, for the dashboard. */
  queues(): WorkQueueMetrics[] {
    return [...this.running.values()].flatMap((c) => c.queues());
  }

  /** The manager's informers while running. */
  get sharedInformers(): SharedInformerFactory | undefined {
    return this.informers;
  }

  /** This run's informer factory, made on first use. */
  private runInformers(): SharedInformerFactory {
    this.informers ??= new SharedInformerFactory(this.ctx.api, this.ctx.clock, {
      resyncPeriodMs: RESYNC_PERIOD_MS,
      rng: () => this.ctx.random.next(),
    });
    return this.informers;
  }

  private runController(name: string): () => void {
    const factory = this.factories.get(name);
    if (factory === undefined) return () => {};
    const informers = this.runInformers();
    const controllerCtx: ControllerContext = {
      ...this.ctx,
      random: this.ctx.random.fork(name),
      informers,
      recorder: (component) => this.recorder(component),
    };
    const controller = factory(controllerCtx);
    this.running.set(name, controller);
    // Informers start after every child is built; run once the caches are filled.
    let runTimer: number | undefined = this.ctx.clock.setTimeout(() => {
      runTimer = undefined;
      controller.run();
    }, 0);
    return () => {
      if (runTimer !== undefined) this.ctx.clock.clearTimeout(runTimer);
      controller.stop();
      this.running.delete(name);
    };
  }

  private recorder(component: string): EventRecorder {
    let recorder = this.recorders.get(component);
    if (recorder === undefined) {
      recorder = new EventRecorder(this.ctx.api, this.ctx.clock, component);
      this.recorders.set(component, recorder);
    }
    return recorder;
  }
}
