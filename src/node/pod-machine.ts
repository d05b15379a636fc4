/**
 * One pod on a node, as an actor spawned by its kubelet (id = pod uid) right after the pod's
 * first sync. The pod worker runs SyncPod (one pass decides the next step) and then tells the
 * actor `pod.synced`: the guards read where that pass left the pod and the actor moves there. The
 * states say what the pod is doing or waiting for:
 * `waiting.(mounting|network|pulling|pullBackOff|creating|blocked|initializing)`,
 * `running.(starting|ready)`, `crashLoopBackOff`, `terminating`, `terminated`, `succeeded`,
 * `failed`. The timed steps (a pull, a container start, a mount retry) arm the worker's step
 * timer on entry (`startStep`, the `stepDelayMs` of the timing profile); when it fires the step
 * completes, the pod syncs and the actor hears `pod.synced`. States tagged `resync` are where a
 * `sync` (a container exited, a probe flipped, the network came up) makes the worker sync again.
 */
import { setup } from 'xstate';
import { allStopped, beginTermination, finishTermination } from './pod-termination.js';
import type { PodActorEvent, PodWorker } from './pod-worker.js';

/** The pod actor's context: the worker that holds the pod's data. */
export interface PodMachineContext {
  worker: PodWorker;
}

/** The tag of the states where a `sync` makes the pod worker run SyncPod again. */
export const RESYNC_TAG = 'resync';

const stepIs = (step: PodWorker['step']) => ({ type: 'stepIs', params: { step } }) as const;
const restsAt = (route: PodWorker['route']) => ({ type: 'restsAt', params: { route } }) as const;
const ends = { 'pod.deleting': '#pod.terminating', 'pod.removed': '#pod.gone' } as const;
/**
 * Where a sync leads: the step it began, else where the pod rests. The guards exclude each other
 * (a route counts only when no step began), so the most frequent ones come first. A step that
 * follows one of its kind (the next container's start) enters its state again, re-arming its timer.
 */
const ROUTES = [
  { guard: stepIs('pull'), target: '#pod.waiting.pulling', reenter: true },
  { guard: stepIs('start'), target: '#pod.waiting.creating', reenter: true },
  { guard: restsAt('ready'), target: '#pod.running.ready', reenter: true },
  { guard: restsAt('starting'), target: '#pod.running.starting', reenter: true },
  { guard: stepIs('terminate'), target: '#pod.terminating', reenter: true },
  { guard: stepIs('mount'), target: '#pod.waiting.mounting', reenter: true },
  { guard: stepIs('network'), target: '#pod.waiting.network', reenter: true },
  { guard: restsAt('succeeded'), target: '#pod.succeeded', reenter: true },
  { guard: restsAt('failed'), target: '#pod.failed', reenter: true },
  { guard: restsAt('crashLoopBackOff'), target: '#pod.crashLoopBackOff', reenter: true },
  { guard: restsAt('pullBackOff'), target: '#pod.waiting.pullBackOff', reenter: true },
  { guard: restsAt('blocked'), target: '#pod.waiting.blocked', reenter: true },
  { target: '#pod.waiting.initializing', reenter: true },
];
/** A state the pod leaves when a sync routes it elsewhere. */
const synced = { 'pod.synced': ROUTES, ...ends } as const;
/** A timed step: its timer is armed on entry, and its end brings `pod.synced`. */
const step = { entry: 'startStep', on: synced } as const;
/** A state where the pod waits for something to change. */
const resting = { tags: RESYNC_TAG, on: synced } as const;

/** The pod lifecycle machine. */
export const podMachine = setup({
  types: {
    context: {} as PodMachineContext,
    input: {} as { worker: PodWorker },
    events: {} as PodActorEvent,
  },
  delays: {
    deleteRetry: ({ context }) => context.worker.host.timings.statusRetryMs,
  },
  guards: {
    stepIs: ({ context }, params: { step: PodWorker['step'] }) => context.worker.step === params.step,
    restsAt: ({ context }, params: { route: PodWorker['route'] }) => context.worker.step === 'idle' && context.worker.route === params.route,
    allStopped: ({ context }) => allStopped(context.worker),
    objectDeleted: ({ context }) => context.worker.objectDeleted,
  },
  actions: {
    startStep: ({ context }) => context.worker.startStep(),
    beginTermination: ({ context }) => beginTermination(context.worker),
    finishTermination: ({ context }) => finishTermination(context.worker),
    dispose: ({ context }) => context.worker.dispose(true),
  },
}).createMachine({
  id: 'pod',
  context: ({ input, self }) => {
    input.worker.attach(self);
    return { worker: input.worker };
  },
  initial: 'routing',
  states: {
    /** The kubelet synced the pod before spawning its actor: straight to where the pod is. */
    routing: { always: ROUTES },
    waiting: {
      initial: 'creating',
      states: {
        /** A ConfigMap or Secret volume is missing (FailedMount); retried with back-off. */
        mounting: step,
        /** No podCIDR yet: the sandbox cannot get an IP. */
        network: resting,
        /** Pulling an image (after the sandbox is up, in the node's pull queue). */
        pulling: step,
        /** Creating the sandbox and starting a container: ContainerCreating. */
        creating: step,
        /** ErrImagePull or ImagePullBackOff. */
        pullBackOff: resting,
        /** CreateContainerConfigError, InvalidImageName or ErrImageNeverPull. */
        blocked: resting,
        /** An init container runs. */
        initializing: resting,
      },
    },
    running: {
      ...resting,
      initial: 'starting',
      states: { starting: {}, ready: {} },
    },
    crashLoopBackOff: resting,
    succeeded: { on: ends },
    failed: { on: ends },
    terminating: {
      entry: 'beginTermination',
      always: { guard: 'allStopped', target: 'terminated' },
      on: {
        sync: { guard: 'allStopped', target: 'terminated' },
        'pod.deleting': { actions: 'beginTermination' },
        'pod.removed': 'gone',
      },
    },
    /** Containers stopped: final status written and the Pod deleted (retried until the API takes it). */
    terminated: {
      initial: 'deleting',
      on: { 'pod.removed': 'gone' },
      states: {
        deleting: {
          entry: 'finishTermination',
          always: { guard: 'objectDeleted', target: 'deleted' },
          after: { deleteRetry: { target: 'deleting', reenter: true } },
        },
        deleted: {},
      },
    },
    gone: { type: 'final', entry: 'dispose' },
  },
});

/** `running.ready`, `waiting.pulling`, … : an actor's state as the dashboard shows it. */
export function podStateName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const [key, inner] = Object.entries(value)[0] ?? ['', ''];
    return `${key}.${podStateName(inner)}`;
  }
  return '';
}
