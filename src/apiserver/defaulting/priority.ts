/**
 * Pod priority: the built-in PriorityClasses, SetDefaults_PriorityClass, and the Priority
 * admission plugin (plugin/pkg/admission/priority) that writes `spec.priority` and
 * `spec.preemptionPolicy` into every new pod.
 */
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { cloneJson, defaultPointer, isFields } from './fields.js';

/** v1.PreemptLowerPriority, the default preemption policy. */
export const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';
/** scheduling.DefaultPriorityWhenNoDefaultClassExists. */
export const DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS = 0;

/** The PriorityClasses every cluster has (scheduling.SystemPriorityClasses), which kube-apiserver creates at start. */
export const SYSTEM_PRIORITY_CLASSES: readonly KubeObject[] = [
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-node-critical' },
    value: 2000001000,
    preemptionPolicy: PREEMPT_LOWER_PRIORITY,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-cluster-critical' },
    value: 2000000000,
    preemptionPolicy: PREEMPT_LOWER_PRIORITY,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

/** SetDefaults_PriorityClass: preemptionPolicy `PreemptLowerPriority`. */
export function defaultPriorityClass(priorityClass: KubeObject): KubeObject {
  const copy = cloneJson(priorityClass) as KubeObject & Fields;
  defaultPointer(copy, 'preemptionPolicy', PREEMPT_LOWER_PRIORITY);
  return copy;
}

interface ResolvedPriority {
  className: string;
  value: number;
  preemptionPolicy: string;
}

function resolved(priorityClass: KubeObject): ResolvedPriority {
  const policy = priorityClass.preemptionPolicy;
  return {
    className: priorityClass.metadata.name ?? '',
    value: typeof priorityClass.value === 'number' ? priorityClass.value : 0,
    preemptionPolicy: typeof policy === 'string' && policy !== '' ? policy : PREEMPT_LOWER_PRIORITY,
  };
}

/**
 * The priority a new pod gets: its class's value, or with no class named the lowest-valued
 * `globalDefault` class, or 0. Undefined when the named class does not exist.
 */
function resolvePriority(className: string, classes: readonly KubeObject[]): ResolvedPriority | undefined {
  if (className !== '') {
    // Only stored classes count, the system ones too: kube-apiserver creates those at start (bootstrap.ts).
    const found = classes.find((pc) => pc.metadata.name === className);
    return found ? resolved(found) : undefined;
  }
  let globalDefault: KubeObject | undefined;
  for (const pc of classes) {
    if (pc.globalDefault !== true) continue;
    if (!globalDefault || (globalDefault.value as number) > (pc.value as number)) globalDefault = pc;
  }
  if (globalDefault) return resolved(globalDefault);
  return { className: '', value: DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS, preemptionPolicy: PREEMPT_LOWER_PRIORITY };
}

/**
 * Why the Priority admission plugin refuses a new pod, in its words, or undefined when it admits
 * it. kube-apiserver returns it as `pods "<name>" is forbidden: <reason>`.
 */
export function checkPodPriority(pod: KubeObject, classes: readonly KubeObject[] = []): string | undefined {
  const spec = isFields(pod.spec) ? pod.spec : {};
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  const priority = resolvePriority(className, classes);
  if (!priority) return `no PriorityClass with name ${className} was found`;
  if (typeof spec.priority === 'number' && spec.priority !== priority.value) {
    return `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority.value} from the given PriorityClass name`;
  }
  const policy = spec.preemptionPolicy;
  if (typeof policy === 'string' && policy !== '' && policy !== priority.preemptionPolicy) {
    return `the string value of PreemptionPolicy (${policy}) must not be provided in pod spec; priority admission controller computed ${priority.preemptionPolicy} from the given PriorityClass name`;
  }
  return undefined;
}

/**
 * The Priority admission plugin's mutation of a new pod's spec. A pod it would refuse (see
 * `checkPodPriority`) is left as it is.
 */
export function admitPodPriority(spec: Fields, classes: readonly KubeObject[] = []): void {
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  const priority = resolvePriority(className, classes);
  if (!priority) return;
  if (typeof spec.priority === 'number' && spec.priority !== priority.value) return;
  const policy = spec.preemptionPolicy;
  if (typeof policy === 'string' && policy !== '' && policy !== priority.preemptionPolicy) return;
  if (priority.className !== '') spec.priorityClassName = priority.className;
  spec.priority = priority.value;
  spec.preemptionPolicy = priority.preemptionPolicy;
}
