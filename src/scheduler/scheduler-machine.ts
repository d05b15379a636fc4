/**
 * kube-scheduler's lifecycle as the dashboard shows it: `idle` with nothing to do, `scheduling`
 * while it runs scheduling cycles back to back, `binding` while assumed pods' bindings are
 * written, `stopped` when the user stopped it (a fault to inject).
 */
import { setup } from 'xstate';

/** What moves the scheduler between states. */
export type SchedulerMachineEvent =
  | { type: 'scheduler.start' }
  | { type: 'scheduler.stop' }
  | { type: 'queue.podsActive' }
  | { type: 'cycle.bindingsPending' }
  | { type: 'cycle.queueEmpty' };

/** The kube-scheduler machine. */
export const schedulerMachine = setup({
  types: {
    events: {} as SchedulerMachineEvent,
  },
}).createMachine({
  id: 'kube-scheduler',
  initial: 'stopped',
  states: {
    stopped: {
      on: { 'scheduler.start': 'idle' },
    },
    idle: {
      on: { 'queue.podsActive': 'scheduling', 'cycle.bindingsPending': 'binding', 'scheduler.stop': 'stopped' },
    },
    scheduling: {
      on: { 'cycle.bindingsPending': 'binding', 'cycle.queueEmpty': 'idle', 'scheduler.stop': 'stopped' },
    },
    binding: {
      on: { 'queue.podsActive': 'scheduling', 'cycle.queueEmpty': 'idle', 'scheduler.stop': 'stopped' },
    },
  },
});
