/**
 * kube-proxy's lifecycle as the dashboard shows it: `stopped` (its node is dead; the rules it last
 * wrote stay in the kernel), `syncing` (a change was seen; the rules are rewritten once
 * minSyncPeriod has passed, batching every change in between) and `synced` (the rules match its
 * caches).
 */
import { setup } from 'xstate';

/** What the machine asks of its kube-proxy. */
export interface KubeProxyDriver {
  /** Rewrites the node's rules from the caches (syncProxyRules). */
  syncProxyRules(): void;
  /** The minimum time between syncs (`--iptables-min-sync-period`, 1 s). */
  readonly minSyncPeriodMs: number;
}

/** The kube-proxy machine's events. */
export type KubeProxyEvent = { type: 'proxy.start' } | { type: 'proxy.stop' } | { type: 'proxy.changed' };

/** The kube-proxy lifecycle machine. */
export const kubeProxyMachine = setup({
  types: {
    context: {} as { driver: KubeProxyDriver },
    input: {} as { driver: KubeProxyDriver },
    events: {} as KubeProxyEvent,
  },
  delays: {
    minSyncPeriod: ({ context }) => context.driver.minSyncPeriodMs,
  },
  actions: {
    syncProxyRules: ({ context }) => context.driver.syncProxyRules(),
  },
}).createMachine({
  id: 'kube-proxy',
  context: ({ input }) => ({ driver: input.driver }),
  initial: 'stopped',
  states: {
    stopped: {
      on: { 'proxy.start': { target: 'synced', actions: 'syncProxyRules' } },
    },
    syncing: {
      after: { minSyncPeriod: { target: 'synced', actions: 'syncProxyRules' } },
      on: { 'proxy.stop': 'stopped' },
    },
    synced: {
      on: { 'proxy.changed': 'syncing', 'proxy.stop': 'stopped' },
    },
  },
});
