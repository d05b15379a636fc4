/**
 * kube-scheduler as a cluster component: its own informers, cache, queue and default profile,
 * driven by the virtual clock. Pending pods are scheduled back to back in one clock task (up to
 * `podsPerTask`); the bindings of the pods assumed meanwhile are written in the next task (the
 * machine's `binding` state), so watchers and kubelets get their turn between batches. Stopping
 * drops every informer, queue and assumption; starting again lists afresh and requeues every
 * pending pod.
 */
import { createActor, type Actor } from 'xstate';
import type { KubeObject } from '../api/types.js';
import type { ClusterComponent, ComponentContext } from '../client/component.js';
import { EventRecorder } from '../client/event-recorder.js';
import { SharedInformerFactory } from '../client/informer-factory.js';
import type { TimerId } from '../clock/types.js';
import { SchedulerCache, type CacheSummary } from './cache.js';
import { DiagnosisStore, type SchedulingDiagnosis } from './diagnosis.js';
import { addAllEventHandlers } from './event-handlers.js';
import { Framework } from './framework/framework.js';
import type { FrameworkHandle, SchedulerListers } from './framework/interface.js';
import { defaultProfilePlugins } from './plugins/registry.js';
import { bindingCycle, schedulingCycle, type CycleContext, type PendingBinding } from './schedule-one.js';
import { PodScheduler } from './schedule-pod.js';
import { schedulerMachine } from './scheduler-machine.js';
import { SchedulingQueue, type QueueStats } from './scheduling-queue.js';
import { schedulerTimings } from './timings.js';
import { DEFAULT_SCHEDULER_NAME, type Pod } from './types.js';

/** The states the dashboard shows. */
export type SchedulerState = 'idle' | 'scheduling' | 'binding' | 'stopped';

/** Options beyond the component context. */
export interface SchedulerOptions {
  /** percentageOfNodesToScore; 0 (default) is the adaptive 50 % − nodes/125. */
  percentageOfNodesToScore?: number;
  /** How many pods one clock task schedules before yielding (default 100). */
  podsPerTask?: number;
}

/** kube-scheduler. */
export interface KubeScheduler extends ClusterComponent {
  readonly name: 'kube-scheduler';
  readonly state: SchedulerState;
  /** The machine, for the inspector. */
  readonly actor: Actor<typeof schedulerMachine>;
  /** The last scheduling diagnosis of a pod: why it is Pending, or why it went where it did. */
  diagnosis(namespace: string, name: string): SchedulingDiagnosis | undefined;
  /** The sizes of activeQ, backoffQ and unschedulablePods. */
  queueStats(): QueueStats;
  /** The pending pods and where each waits. */
  pendingPods(): { pod: Pod; queue: 'active' | 'backoff' | 'unschedulable' | 'gated'; attempts: number }[];
  /** Nodes, pods and assumed pods in the scheduler cache. */
  cacheSummary(): CacheSummary;
}

const DEFAULT_PODS_PER_TASK = 100;
/** The scheduler's pod informer skips finished pods, as upstream's does. */
const POD_FIELD_SELECTOR = 'status.phase!=Succeeded,status.phase!=Failed';

interface Running {
  factory: SharedInformerFactory;
  cache: SchedulerCache;
  queue: SchedulingQueue;
  cycle: CycleContext;
  pendingBindings: PendingBinding[];
}

/** Creates kube-scheduler (stopped; the cluster starts it). */
export function createScheduler(ctx: ComponentContext, options: SchedulerOptions = {}): KubeScheduler {
  return new SchedulerComponent(ctx, options);
}

class SchedulerComponent implements KubeScheduler {
  readonly name = 'kube-scheduler' as const;
  readonly actor: Actor<typeof schedulerMachine>;
  private readonly recorder: EventRecorder;
  private readonly diagnoses = new DiagnosisStore();
  private readonly podsPerTask: number;
  private running: Running | undefined;
  private taskTimer: TimerId | undefined;
  private inTask = false;

  constructor(
    private readonly ctx: ComponentContext,
    private readonly options: SchedulerOptions,
  ) {
    this.actor = createActor(schedulerMachine, { clock: ctx.clock });
    this.actor.start();
    this.recorder = new EventRecorder(ctx.api, ctx.clock, DEFAULT_SCHEDULER_NAME);
    this.podsPerTask = options.podsPerTask ?? DEFAULT_PODS_PER_TASK;
  }

  get state(): SchedulerState {
    return this.actor.getSnapshot().value as SchedulerState;
  }

  start(): void {
    if (this.running !== undefined) return;
    const { api, clock, random } = this.ctx;
    const factory = new SharedInformerFactory(api, clock);
    const informers = {
      pods: factory.informer('pods', { fieldSelector: POD_FIELD_SELECTOR }),
      nodes: factory.informer('nodes'),
      persistentVolumeClaims: factory.informer('persistentvolumeclaims'),
      persistentVolumes: factory.informer('persistentvolumes'),
      storageClasses: factory.informer('storageclasses'),
    };
    const listers: SchedulerListers = {
      pods: informers.pods.lister,
      persistentVolumeClaims: informers.persistentVolumeClaims.lister,
      persistentVolumes: informers.persistentVolumes.lister,
      storageClasses: informers.storageClasses.lister,
      namespaces: factory.informer('namespaces').lister,
      services: factory.informer('services').lister,
      replicaSets: factory.informer('replicasets').lister,
      statefulSets: factory.informer('statefulsets').lister,
      replicationControllers: factory.informer('replicationcontrollers').lister,
    };
    const cache = new SchedulerCache();
    let podScheduler: PodScheduler | undefined;
    let framework: Framework | undefined;
    let queue: SchedulingQueue | undefined;
    const handle: FrameworkHandle = {
      cache,
      listers,
      api,
      event: (object: KubeObject, type, reason, message) => this.recorder.event(object, type, reason, message),
      nominatedPodsForNode: (nodeName) => queue!.nominator.podsForNode(nodeName),
      runFilterPlugins: (cycle, pod, node) => framework!.runFilterPlugins(cycle, pod, node),
      now: () => clock.now(),
    };
    const preemption = () => ({
      cloneCycle: framework!.cloneCycle.bind(framework),
      addPodToState: framework!.addPodToState.bind(framework),
      removePodFromState: framework!.removePodFromState.bind(framework),
      runFilterPluginsWithNominatedPods: podScheduler!.runFilterPluginsWithNominatedPods.bind(podScheduler),
    });
    framework = new Framework(defaultProfilePlugins(handle, preemption, () => random.next()));
    queue = new SchedulingQueue(framework, clock, schedulerTimings(this.ctx.profile), () => this.wake());
    podScheduler = new PodScheduler(framework, cache, queue.nominator, random, this.options.percentageOfNodesToScore ?? 0);
    const cycle: CycleContext = { api, clock, queue, recorder: this.recorder, pods: listers.pods, framework, cache, podScheduler, diagnoses: this.diagnoses, random };
    this.running = { factory, cache, queue, cycle, pendingBindings: [] };
    addAllEventHandlers(informers, cache, queue, this.diagnoses);
    this.actor.send({ type: 'scheduler.start' });
    factory.start();
  }

  stop(): void {
    const running = this.running;
    if (running === undefined) return;
    this.running = undefined;
    running.factory.stop();
    running.queue.close();
    running.pendingBindings = [];
    if (this.taskTimer !== undefined) this.ctx.clock.clearTimeout(this.taskTimer);
    this.taskTimer = undefined;
    this.diagnoses.clear();
    this.actor.send({ type: 'scheduler.stop' });
  }

  diagnosis(namespace: string, name: string): SchedulingDiagnosis | undefined {
    return this.diagnoses.get(`${namespace}/${name}`);
  }

  queueStats(): QueueStats {
    return this.running?.queue.stats() ?? { active: 0, backoff: 0, unschedulable: 0, gated: 0 };
  }

  pendingPods(): ReturnType<KubeScheduler['pendingPods']> {
    return this.running?.queue.pendingPods() ?? [];
  }

  cacheSummary(): CacheSummary {
    return this.running?.cache.summary() ?? { nodes: 0, pods: 0, assumedPods: 0 };
  }

  /** A pod entered activeQ: make sure a scheduling task is coming. */
  private wake(): void {
    if (this.running === undefined || this.inTask || this.taskTimer !== undefined) return;
    if (this.state === 'idle') this.actor.send({ type: 'queue.podsActive' });
    this.taskTimer = this.ctx.clock.setTimeout(() => this.schedulingTask(), 0);
  }

  /** Scheduling cycles back to back, up to podsPerTask, then yield for the bindings. */
  private schedulingTask(): void {
    this.taskTimer = undefined;
    const running = this.running;
    if (running === undefined) return;
    this.inTask = true;
    try {
      for (let n = 0; n < this.podsPerTask; n++) {
        const info = running.queue.pop();
        if (info === undefined) break;
        const binding = schedulingCycle(running.cycle, info);
        if (binding !== undefined) running.pendingBindings.push(binding);
      }
    } finally {
      this.inTask = false;
    }
    if (this.running !== running) return;
    if (running.pendingBindings.length > 0) {
      this.actor.send({ type: 'cycle.bindingsPending' });
      this.taskTimer = this.ctx.clock.setTimeout(() => this.bindingTask(), 0);
    } else {
      this.next(running);
    }
  }

  /** The binding cycles of the pods assumed in the last scheduling task. */
  private bindingTask(): void {
    this.taskTimer = undefined;
    const running = this.running;
    if (running === undefined) return;
    const bindings = running.pendingBindings;
    running.pendingBindings = [];
    this.inTask = true;
    try {
      for (const binding of bindings) bindingCycle(running.cycle, binding);
    } finally {
      this.inTask = false;
    }
    if (this.running === running) this.next(running);
  }

  private next(running: Running): void {
    if (running.queue.activeLength > 0) {
      this.actor.send({ type: 'queue.podsActive' });
      this.taskTimer = this.ctx.clock.setTimeout(() => this.schedulingTask(), 0);
    } else {
      this.actor.send({ type: 'cycle.queueEmpty' });
    }
  }
}
