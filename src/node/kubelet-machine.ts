/**
 * A kubelet's lifecycle as the dashboard shows it: `stopped` (the node's kubelet is dead),
 * `registering` (creating its Node, retried with back-off), `ready` (registered and heartbeating)
 * and `not-ready` (its last heartbeat or status post failed). It spawns one pod actor per pod
 * bound to the node (id = pod uid) and stops them all when the kubelet dies.
 */
import { enqueueActions, setup, spawnChild, stopChild } from 'xstate';
import { podMachine } from './pod-machine.js';
import type { PodWorker } from './pod-worker.js';

/** What the kubelet machine asks of its kubelet. */
export interface KubeletDriver {
  /** Tries to register the Node; true on success. */
  register(): boolean;
  /** Whether the last registration attempt succeeded. */
  readonly registered: boolean;
  /** The delay before the next registration attempt (doubles up to a cap). */
  registerRetryMs(): number;
  /** Starts lease renewal and the node status loop. */
  startHeartbeats(): void;
  /** A pod actor ended (its pod is gone). */
  forget(uid: string): void;
}

/** The kubelet machine's events. */
export type KubeletMachineEvent =
  | { type: 'kubelet.start' }
  | { type: 'kubelet.stop' }
  | { type: 'heartbeat.ok' }
  | { type: 'heartbeat.failed' }
  /** Pods bound to the node, seen in one tick: one actor each. */
  | { type: 'pods.add'; workers: readonly PodWorker[] }
  | { type: `xstate.done.actor.${string}`; actorId?: string };

/** The kubelet lifecycle machine. */
export const kubeletMachine = setup({
  types: {
    context: {} as { driver: KubeletDriver },
    input: {} as { driver: KubeletDriver },
    events: {} as KubeletMachineEvent,
  },
  actors: { pod: podMachine },
  delays: {
    registerRetry: ({ context }) => context.driver.registerRetryMs(),
  },
  guards: {
    registered: ({ context }) => context.driver.registered,
  },
  actions: {
    register: ({ context }) => {
      context.driver.register();
    },
    startHeartbeats: ({ context }) => context.driver.startHeartbeats(),
    spawnPods: enqueueActions(({ event, enqueue }) => {
      for (const worker of (event as { workers: readonly PodWorker[] }).workers) {
        enqueue(spawnChild('pod', { id: worker.uid, input: { worker } }));
      }
    }),
    forgetPod: enqueueActions(({ context, event, enqueue }) => {
      const id = (event as { actorId?: string }).actorId;
      if (id === undefined) return;
      enqueue(() => context.driver.forget(id));
      enqueue(stopChild(id));
    }),
    stopPods: enqueueActions(({ self, enqueue }) => {
      const snapshot = self.getSnapshot() as { children: Record<string, unknown> } | undefined; // undefined while the machine initialises
      for (const id of Object.keys(snapshot?.children ?? {})) enqueue(stopChild(id));
    }),
  },
}).createMachine({
  id: 'kubelet',
  context: ({ input }) => ({ driver: input.driver }),
  initial: 'stopped',
  on: { 'xstate.done.actor.*': { actions: 'forgetPod' } },
  states: {
    stopped: {
      entry: 'stopPods',
      on: { 'kubelet.start': 'registering' },
    },
    registering: {
      entry: 'register',
      always: { guard: 'registered', target: 'ready' },
      after: { registerRetry: { target: 'registering', reenter: true } },
      on: { 'pods.add': { actions: 'spawnPods' }, 'kubelet.stop': 'stopped' },
    },
    ready: {
      entry: 'startHeartbeats',
      on: { 'pods.add': { actions: 'spawnPods' }, 'heartbeat.failed': 'not-ready', 'kubelet.stop': 'stopped' },
    },
    'not-ready': {
      on: { 'pods.add': { actions: 'spawnPods' }, 'heartbeat.ok': 'ready', 'kubelet.stop': 'stopped' },
    },
  },
});
