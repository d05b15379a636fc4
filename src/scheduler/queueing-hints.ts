/**
 * How the scheduling queue consults queueing hints (PriorityQueue.isPodWorthRequeuing): only the
 * plugins that rejected a pod are asked whether an event may make it schedulable; a pod no plugin
 * rejected (an error) is always retried after its back-off.
 */
import type { KubeObject } from '../api/types.js';
import { eventMatches, type ClusterEvent, type ClusterEventWithHint } from './framework/events.js';
import type { QueuedPodInfo } from './scheduling-queue.js';

/** queueSkip, queueAfterBackoff, queueImmediately. */
export type Strategy = 'skip' | 'afterBackoff' | 'immediately';

/** isEventOfInterest: whether any plugin registered for the event at all. */
export function isEventOfInterest(hints: ReadonlyMap<string, readonly ClusterEventWithHint[]>, event: ClusterEvent): boolean {
  if (event.resource === '*') return true;
  for (const registrations of hints.values()) for (const r of registrations) if (eventMatches(r.event, event)) return true;
  return false;
}

/** isPodWorthRequeuing: asks the hints of the plugins that rejected the pod. */
export function isPodWorthRequeuing(
  hints: ReadonlyMap<string, readonly ClusterEventWithHint[]>,
  info: QueuedPodInfo,
  event: ClusterEvent,
  oldObj?: KubeObject,
  newObj?: KubeObject,
): Strategy {
  const rejectors = new Set([...info.unschedulablePlugins, ...info.pendingPlugins]);
  if (rejectors.size === 0 || event.resource === '*') return 'afterBackoff';
  let strategy: Strategy = 'skip';
  for (const plugin of rejectors) {
    for (const registration of hints.get(plugin) ?? []) {
      if (!eventMatches(registration.event, event)) continue;
      const hint = registration.hint === undefined ? 'Queue' : registration.hint(info.pod, oldObj, newObj);
      if (hint === 'QueueSkip') continue;
      if (info.pendingPlugins.has(plugin)) return 'immediately';
      if (info.pendingPlugins.size === 0) return 'afterBackoff';
      strategy = 'afterBackoff';
    }
  }
  return strategy;
}
