/**
 * kube-controller-manager's lifecycle: `running` (one invoked child per controller) or `stopped`
 * (a fault the user injects). Leaving `running` stops every child; entering it again starts each
 * controller afresh on new informers, as a restarted kube-controller-manager process would.
 */
import { fromCallback, setup } from 'xstate';

/** Events the manager accepts. */
export type ControllerManagerEvent = { type: 'controllerManager.stop' } | { type: 'controllerManager.start' };

/**
 * How the machine starts and stops the process's shared parts and one controller. XState starts a
 * state's invoked children before its entry actions, so the run's shared parts are made on first
 * use by the children, not by an entry action.
 */
export interface ControllerManagerHooks {
  /** After every controller child started (the last child): start the informers. */
  startInformers(): void;
  /** Leaving `running`: stop the informers. */
  endRun(): void;
  /** Starts controller `name`; returns its stop function. */
  runController(name: string): () => void;
}

/** The machine for a manager running the controllers `names`, in that order. */
export function createControllerManagerMachine(names: readonly string[], hooks: ControllerManagerHooks) {
  return setup({
    types: { events: {} as ControllerManagerEvent },
    actions: {
      endRun: () => hooks.endRun(),
    },
    actors: {
      controller: fromCallback<{ type: string }, { name: string }>(({ input }) => hooks.runController(input.name)),
      informers: fromCallback(() => {
        hooks.startInformers();
        return () => {};
      }),
    },
  }).createMachine({
    id: 'kube-controller-manager',
    initial: 'running',
    states: {
      running: {
        exit: 'endRun',
        invoke: [
          ...names.map((name) => ({ id: name, src: 'controller' as const, input: { name } })),
          { id: 'informers', src: 'informers' as const },
        ],
        on: { 'controllerManager.stop': 'stopped' },
      },
      stopped: {
        on: { 'controllerManager.start': 'running' },
      },
    },
  });
}
