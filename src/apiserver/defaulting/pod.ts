/**
 * A Pod as a create leaves it: SetDefaults_Pod and the PodSpec defaults, the mutating admission
 * plugins (ServiceAccount, Priority, DefaultTolerationSeconds) and the pod strategy's
 * PrepareForCreate status (`Pending`, the QoS class, the SchedulingGated condition).
 */
import { computePodQOS } from '../../api/qos.js';
import { rfc3339 } from '../../api/time.js';
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { child, cloneJson, defaultPointer, ensureChild, isFields, items } from './fields.js';
import type { DefaultingOptions } from './options.js';
import { defaultPodSpec, mirrorServiceAccount } from './pod-spec.js';
import { admitDefaultTolerationSeconds, admitServiceAccountName } from './pod-admission.js';
import { admitPodPriority } from './priority.js';

/** v1.PodReasonSchedulingGated. */
export const POD_REASON_SCHEDULING_GATED = 'SchedulingGated';
const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

/**
 * SetDefaults_Pod's request defaulting: a container (or init container) with a limit but no
 * request for a resource requests its limit. Pods only: templates keep requests as written.
 */
function defaultRequestsFromLimits(container: Fields): void {
  const resources = child(container, 'resources');
  const limits = resources ? child(resources, 'limits') : undefined;
  if (!resources || !limits) return;
  const requests = ensureChild(resources, 'requests');
  for (const [name, value] of Object.entries(limits)) {
    if (requests[name] === undefined) requests[name] = value;
  }
}

/** With host networking every container port is also a host port (defaultHostNetworkPorts). */
function defaultHostNetworkPorts(container: Fields): void {
  for (const port of items(container, 'ports')) {
    const unset = port.hostPort === undefined || port.hostPort === null || port.hostPort === 0;
    if (unset && typeof port.containerPort === 'number') port.hostPort = port.containerPort;
  }
}

/** SetDefaults_Pod: what a Pod gets and a pod template does not. */
function setDefaultsPod(spec: Fields): void {
  for (const key of ['containers', 'initContainers'] as const) {
    for (const container of items(spec, key)) defaultRequestsFromLimits(container);
  }
  defaultPointer(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    for (const key of ['containers', 'initContainers'] as const) {
      for (const container of items(spec, key)) defaultHostNetworkPorts(container);
    }
  }
}

/**
 * The status a new pod starts with (podStrategy.PrepareForCreate): phase `Pending`, the QoS
 * class (GetPodQOS keeps one already recorded), and a `PodScheduled=False` condition with reason
 * `SchedulingGated` while the pod has scheduling gates. Fields already set are kept, so a write
 * of an existing pod's status is not disturbed.
 */
function prepareStatus(pod: Fields, spec: Fields, now: number | undefined): void {
  const status = ensureChild(pod, 'status');
  if (typeof status.phase !== 'string' || status.phase === '') status.phase = 'Pending';
  if (typeof status.qosClass !== 'string' || status.qosClass === '') status.qosClass = computePodQOS({ spec });
  if (items(spec, 'schedulingGates').length === 0) return;
  const conditions: unknown[] = Array.isArray(status.conditions) ? status.conditions : [];
  if (conditions.some((c) => isFields(c) && c.type === 'PodScheduled')) return;
  // podutil.UpdatePodCondition: a new condition gets lastTransitionTime now, and the zero lastProbeTime serialises as null.
  const condition: Fields = { type: 'PodScheduled', status: 'False', lastProbeTime: null };
  if (now !== undefined) condition.lastTransitionTime = rfc3339(now);
  conditions.push({ ...condition, reason: POD_REASON_SCHEDULING_GATED, message: SCHEDULING_GATED_MESSAGE });
  status.conditions = conditions;
}

/**
 * Defaults a Pod and applies what admission and the create strategy add, returning a new object.
 * Every step keeps what is already set, so defaulting an existing pod again changes nothing.
 */
export function defaultPod(pod: KubeObject, options: DefaultingOptions = {}): KubeObject {
  const copy = cloneJson(pod) as KubeObject & Fields;
  const spec = ensureChild(copy, 'spec');
  setDefaultsPod(spec);
  defaultPodSpec(spec);
  admitServiceAccountName(isFields(copy.metadata) ? copy.metadata : {}, spec);
  mirrorServiceAccount(spec);
  admitPodPriority(spec, options.priorityClasses);
  admitDefaultTolerationSeconds(spec);
  prepareStatus(copy, spec, options.now);
  return copy;
}
