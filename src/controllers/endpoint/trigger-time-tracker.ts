/**
 * endpointutil.TriggerTimeTracker: works out the `endpoints.kubernetes.io/last-change-trigger-time`
 * of a sync — the earliest of the changes not yet observed: a pod's Ready condition transition or
 * the Service's creation. Zero (undefined) when nothing changed since the last sync.
 */
import type { KubeObject } from '../../api/types.js';
import { parseTime } from '../../api/time.js';
import { podCondition } from '../common/pod-conditions.js';

interface ServiceState {
  lastServiceTriggerTime: number;
  lastPodTriggerTimes: Map<string, number>;
}

/** TriggerTimeTracker. */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** ComputeEndpointLastChangeTriggerTime (epoch ms), remembering what it saw. */
  compute(key: string, service: Readonly<KubeObject>, pods: readonly Readonly<KubeObject>[]): number | undefined {
    const state = this.states.get(key);
    const next: ServiceState = { lastServiceTriggerTime: 0, lastPodTriggerTimes: new Map() };
    let min: number | undefined;
    for (const pod of pods) {
      const podTime = parseTime(podCondition(pod, 'Ready')?.lastTransitionTime);
      if (podTime === undefined) continue;
      const name = pod.metadata.name ?? '';
      next.lastPodTriggerTimes.set(name, podTime);
      if (podTime > (state?.lastPodTriggerTimes.get(name) ?? 0)) min = min === undefined ? podTime : Math.min(min, podTime);
    }
    const serviceTime = parseTime(service.metadata.creationTimestamp) ?? 0;
    next.lastServiceTriggerTime = serviceTime;
    if (serviceTime > (state?.lastServiceTriggerTime ?? 0)) min = min === undefined ? serviceTime : Math.min(min, serviceTime);
    this.states.set(key, next);
    return min;
  }

  /** DeleteService: forgets a deleted Service. */
  deleteService(key: string): void {
    this.states.delete(key);
  }
}
