/**
 * MarkPodsNotReady (pkg/controller/util/node): the pods of a node that stopped reporting get their
 * Ready condition set to False, each followed by a `NodeNotReady` warning event on the pod.
 */
import type { KubeObject } from '../../api/types.js';
import { rfc3339 } from '../../api/time.js';

interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

/** The pod's status with Ready=False (UpdatePodCondition), or undefined when it has no Ready condition or it is already False. */
export function notReadyStatus(pod: Readonly<KubeObject>, now: number): Record<string, unknown> | undefined {
  const status = (pod['status'] as { conditions?: PodCondition[] } | undefined) ?? {};
  const conditions = status.conditions ?? [];
  const index = conditions.findIndex((c) => c.type === 'Ready');
  const ready = conditions[index];
  if (ready === undefined || ready.status === 'False') return undefined;
  const updated = conditions.map((c, i) => (i === index ? { ...c, status: 'False', lastTransitionTime: rfc3339(now) } : c));
  return { ...status, conditions: updated };
}

/** The pods of `nodeName` that MarkPodsNotReady writes, with their new status. */
export function podsToMarkNotReady(pods: readonly KubeObject[], nodeName: string, now: number): { pod: KubeObject; status: Record<string, unknown> }[] {
  const out: { pod: KubeObject; status: Record<string, unknown> }[] = [];
  for (const pod of pods) {
    if ((pod['spec'] as { nodeName?: string } | undefined)?.nodeName !== nodeName) continue;
    const status = notReadyStatus(pod, now);
    if (status !== undefined) out.push({ pod, status });
  }
  return out;
}
