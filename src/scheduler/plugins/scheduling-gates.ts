/**
 * SchedulingGates (PreEnqueue): a pod with `spec.schedulingGates` does not enter the active queue.
 * The API server has already set PodScheduled=False/SchedulingGated on it; the scheduler records
 * no event. Removing the last gate queues the pod.
 */
import { ActionType, type ClusterEventWithHint } from '../framework/events.js';
import type { EnqueueExtensions, PreEnqueuePlugin } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { Pod } from '../types.js';
import { Names } from './names.js';

/** The SchedulingGates plugin. */
export class SchedulingGates implements PreEnqueuePlugin, EnqueueExtensions {
  readonly name = Names.SchedulingGates;

  /** `waiting for scheduling gates: [a b]` while gates remain. */
  preEnqueue(pod: Pod): MaybeStatus {
    const gates = pod.spec.schedulingGates ?? [];
    if (gates.length === 0) return undefined;
    return new Status('UnschedulableAndUnresolvable', [`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`], this.name);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.UpdatePodSchedulingGatesEliminated },
        hint: (pod, _old, modified) => (modified?.metadata.uid === pod.metadata.uid && ((modified as Pod).spec.schedulingGates ?? []).length === 0 ? 'Queue' : 'QueueSkip'),
      },
    ];
  }
}
