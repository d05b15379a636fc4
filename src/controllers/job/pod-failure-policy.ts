/**
 * matchPodFailurePolicy (pkg/controller/job/pod_failure_policy.go): the first rule a failed pod
 * matches, by a container's non-zero exit code or by a pod condition (DisruptionTarget, …), decides
 * whether the failure fails the Job at once (FailJob, with a message naming the container or
 * condition), is ignored (not counted against backoffLimit), or counts as usual.
 */
import type { ContainerStatus, JobPod, PodFailurePolicyRule } from './types.js';

/** What the policy says about one failed pod. */
export interface PodFailurePolicyMatch {
  /** The Job's failure message when a FailJob rule matched. */
  failJobMessage?: string;
  /** Whether the failure counts towards backoffLimit. */
  countFailed: boolean;
  /** The matched rule's action, if any rule matched. */
  action?: string;
}

function exitCodeMatches(exitCode: number, operator: string, values: readonly number[]): boolean {
  if (operator === 'In') return values.includes(exitCode);
  if (operator === 'NotIn') return !values.includes(exitCode);
  return false;
}

function matchingContainer(statuses: readonly ContainerStatus[] | undefined, rule: NonNullable<PodFailurePolicyRule['onExitCodes']>): ContainerStatus | undefined {
  for (const status of statuses ?? []) {
    const terminated = status.state?.terminated;
    if (terminated === undefined) continue;
    if (rule.containerName !== undefined && rule.containerName !== status.name) continue;
    if (terminated.exitCode !== 0 && exitCodeMatches(terminated.exitCode, rule.operator, rule.values)) return status;
  }
  return undefined;
}

/** matchPodFailurePolicy for a failed pod; without a policy every failure counts. */
export function matchPodFailurePolicy(rules: readonly PodFailurePolicyRule[] | undefined, pod: Readonly<JobPod>): PodFailurePolicyMatch {
  if (rules === undefined) return { countFailed: true };
  const where = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
  for (const [index, rule] of rules.entries()) {
    let subject: string | undefined;
    if (rule.onExitCodes !== undefined) {
      const status = matchingContainer(pod.status?.containerStatuses, rule.onExitCodes) ?? matchingContainer(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (status !== undefined) subject = `Container ${status.name} for pod ${where} failed with exit code ${status.state!.terminated!.exitCode}`;
    } else if (rule.onPodConditions !== undefined) {
      const condition = (pod.status?.conditions ?? []).find((c) => rule.onPodConditions!.some((p) => p.type === c.type && (p.status ?? 'True') === c.status));
      if (condition !== undefined) subject = `Pod ${where} has condition ${condition.type}`;
    }
    if (subject === undefined) continue;
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false, action: rule.action };
      case 'Count':
        return { countFailed: true, action: rule.action };
      case 'FailJob':
        return { failJobMessage: `${subject} matching ${rule.action} rule at index ${index}`, countFailed: true, action: rule.action };
    }
  }
  return { countFailed: true };
}
