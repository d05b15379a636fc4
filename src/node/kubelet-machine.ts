/**
 * A kubelet's lifecycle as the dashboard shows it: `stopped` (the node's kubelet is dead),
 * `registering` (creating its Node, retried with back-off), `ready` (registered and heartbeating)
 * and `not-ready` (its last heartbeat or status post failed). It spawns one pod actor per pod
 * bound to the node (id = pod uid) and stops them all when the kubelet dies. The kubelet makes its
 * first registration attempt as it starts (`kubelet.start` follows it), so a kubelet that registers
 * at once goes straight to `ready` and only one that failed waits out a retry in `registering`.
 */
import { assign, enqueueActions, setup, stopChild } from 'xstate';
import { podMachine } from './pod-machine.js';
import type { PodWorker } from './pod-worker.js';

/** What the kubelet machine asks of its kubelet. */
export interface KubeletDriver {
  /** Tries to register the Node; true on success (the first attempt is made before `kubelet.start`). */
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
  /** Heartbeats (lease renewals, status posts) succeed again: sent when the result changes, not on every beat. */
  | { type: 'heartbeat.ok' }
  /** A heartbeat failed after succeeding. */
  | { type: 'heartbeat.failed' }
  /** Pods bound to the node, seen in one tick: one actor each. */
  | { type: 'pods.add'; workers: readonly PodWorker[] }
  | { type: `xstate.done.actor.${string}`; actorId?: string };

/** The kubelet dies: its pod actors are stopped with it (the containers outlive them). */
const STOP = { target: 'stopped', actions: 'stopPods' } as const;

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
    // One assign spawns the whole batch: the kubelet's snapshot is cloned once, not once per pod
    // as a spawnChild action each would. The context is unchanged; the actors are its children.
    spawnPods: assign(({ event, spawn }) => {
      for (const worker of (event as { workers: readonly PodWorker[] }).workers) spawn('pod', { id: worker.uid, input: { worker } });
      return {};
    }),
    forgetPod: enqueueActions(({ context, event, enqueue }) => {
      const id = (event as { actorId?: string }).actorId;
      if (id === undefined) return;
      enqueue(() => context.driver.forget(id));
      enqueue(stopChild(id));
    }),
    stopPods: enqueueActions(({ self, enqueue }) => {
      const snapshot = self.getSnapshot() as { children: Record<string, unknown> };
      for (const id of Object.keys(snapshot.children)) enqueue(stopChild(id));
    }),
  },
}).createMachine({
  id: 'kubelet',
  context: ({ input }) => ({ driver: input.driver }),
  initial: 'stopped',
  on: { 'xstate.done.actor.*': { actions: 'forgetPod' } },
  states: {
    stopped: {
      on: { 'kubelet.start': [{ guard: 'registered', target: 'ready' }, { target: 'registering' }] },
    },
    registering: {
      always: { guard: 'registered', target: 'ready' },
      after: { registerRetry: { target: 'registering', reenter: true, actions: 'register' } },
      on: { 'pods.add': { actions: 'spawnPods' }, 'kubelet.stop': STOP },
    },
    ready: {
      entry: 'startHeartbeats',
      on: { 'pods.add': { actions: 'spawnPods' }, 'heartbeat.failed': 'not-ready', 'kubelet.stop': STOP },
    },
    'not-ready': {
      on: { 'pods.add': { actions: 'spawnPods' }, 'heartbeat.ok': 'ready', 'kubelet.stop': STOP },
    },
  },
});
