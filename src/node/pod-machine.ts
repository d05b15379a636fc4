/**
 * One pod on a node, as an actor spawned by its kubelet (id = pod uid) right after the pod's
 * first sync. Each visit to `syncing` is one pass of the pod worker's SyncPod; the
 * states say what the pod is doing or waiting for:
 * `waiting.(mounting|network|pulling|pullBackOff|creating|blocked|initializing)`,
 * `running.(starting|ready)`, `crashLoopBackOff`, `terminating`, `terminated`, `succeeded`,
 * `failed`. The timed steps (a pull, a container start, a mount retry) are `after` delays.
 */
import { setup } from 'xstate';
import type { PodActorEvent, PodWorker } from './pod-worker.js';

/** The pod actor's context: the worker that holds the pod's data. */
export interface PodMachineContext {
  worker: PodWorker;
}

const stepIs = (step: PodWorker['step']) => ({ type: 'stepIs', params: { step } }) as const;
const routeIs = (route: PodWorker['route']) => ({ type: 'routeIs', params: { route } }) as const;
const ends = { 'pod.deleting': '#pod.terminating', 'pod.removed': '#pod.gone' } as const;
const resync = { sync: '#pod.syncing', ...ends } as const;
/** Where a sync leads: the step it began, else where the pod rests. */
const ROUTES = [
  { guard: stepIs('terminate'), target: 'terminating' },
  { guard: stepIs('mount'), target: 'waiting.mounting' },
  { guard: stepIs('network'), target: 'waiting.network' },
  { guard: stepIs('pull'), target: 'waiting.pulling' },
  { guard: stepIs('start'), target: 'waiting.creating' },
  { guard: routeIs('succeeded'), target: 'succeeded' },
  { guard: routeIs('failed'), target: 'failed' },
  { guard: routeIs('crashLoopBackOff'), target: 'crashLoopBackOff' },
  { guard: routeIs('pullBackOff'), target: 'waiting.pullBackOff' },
  { guard: routeIs('blocked'), target: 'waiting.blocked' },
  { guard: routeIs('initializing'), target: 'waiting.initializing' },
  { guard: routeIs('ready'), target: 'running.ready' },
  { target: 'running.starting' },
];
const afterStep = { after: { stepDelay: { target: '#pod.syncing', actions: 'completeStep' } }, on: ends } as const;

/** The pod lifecycle machine. */
export const podMachine = setup({
  types: {
    context: {} as PodMachineContext,
    input: {} as { worker: PodWorker },
    events: {} as PodActorEvent,
  },
  delays: {
    stepDelay: ({ context }) => context.worker.stepDelayMs,
    deleteRetry: ({ context }) => context.worker.host.timings.statusRetryMs,
  },
  guards: {
    stepIs: ({ context }, params: { step: PodWorker['step'] }) => context.worker.step === params.step,
    routeIs: ({ context }, params: { route: PodWorker['route'] }) => context.worker.route === params.route,
    allStopped: ({ context }) => context.worker.allStopped(),
    objectDeleted: ({ context }) => context.worker.objectDeleted,
  },
  actions: {
    sync: ({ context }) => context.worker.sync(),
    completeStep: ({ context }) => context.worker.completeStep(),
    beginTermination: ({ context }) => context.worker.beginTermination(),
    finishTermination: ({ context }) => context.worker.finishTermination(),
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
    syncing: { entry: 'sync', always: ROUTES },
    waiting: {
      initial: 'creating',
      states: {
        /** A ConfigMap or Secret volume is missing (FailedMount); retried with back-off. */
        mounting: { after: { stepDelay: '#pod.syncing' }, on: ends },
        /** No podCIDR yet: the sandbox cannot get an IP. */
        network: { on: resync },
        /** Pulling an image (after the sandbox is up, in the node's pull queue). */
        pulling: afterStep,
        /** Creating the sandbox and starting a container: ContainerCreating. */
        creating: afterStep,
        /** ErrImagePull or ImagePullBackOff. */
        pullBackOff: { on: resync },
        /** CreateContainerConfigError, InvalidImageName or ErrImageNeverPull. */
        blocked: { on: resync },
        /** An init container runs. */
        initializing: { on: resync },
      },
    },
    running: {
      on: resync,
      initial: 'starting',
      states: { starting: {}, ready: {} },
    },
    crashLoopBackOff: { on: resync },
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
