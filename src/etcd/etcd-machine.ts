/**
 * etcd's lifecycle as the dashboard shows it: `running` serves requests, `stopped` (a fault the
 * user injects) times every request out and holds watch delivery.
 */
import { setup } from 'xstate';

/** The events that stop and restart etcd. */
export type EtcdMachineEvent = { type: 'etcd.stop' } | { type: 'etcd.start' };

/** The etcd member's lifecycle machine. */
export const etcdMachine = setup({
  types: {
    events: {} as EtcdMachineEvent,
  },
}).createMachine({
  id: 'etcd',
  initial: 'running',
  states: {
    running: {
      on: { 'etcd.stop': 'stopped' },
    },
    stopped: {
      on: { 'etcd.start': 'running' },
    },
  },
});
