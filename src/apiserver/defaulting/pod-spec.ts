/**
 * Defaults of a PodSpec wherever one appears (a Pod, or the template of a workload):
 * SetDefaults_PodSpec plus the volume and container defaults the generated SetObjectDefaults_*
 * functions apply inside it. Pod-only defaults (SetDefaults_Pod) live in pod.ts: a template does
 * not get them, which is why a Deployment's template shows no `enableServiceLinks`.
 */
import type { Fields } from './fields.js';
import { child, defaultPointer, defaultString, ensureChild, items } from './fields.js';
import { defaultContainer } from './container.js';
import { defaultVolume } from './volumes.js';
import { defaultResourceList } from './resource-list.js';

/** v1.DefaultTerminationGracePeriodSeconds. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** v1.DefaultSchedulerName. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** How a PodSpec is defaulted. */
export interface PodSpecDefaulting {
  /**
   * Whether an empty `restartPolicy` becomes `Always`. Job templates keep theirs: a Job must name
   * `OnFailure` or `Never`, and batch validation reports a missing one (upstream defaults it to
   * `Always` and then reports `Always` exactly as if it were missing, so stored Jobs look the same).
   */
  restartPolicy: boolean;
}

/**
 * The deprecated `serviceAccount` always shows `serviceAccountName` (the v1 conversion reads the
 * old field only when the new one is empty, and writes the new one back into both).
 */
export function mirrorServiceAccount(spec: Fields): void {
  const name = spec.serviceAccountName;
  const deprecated = spec.serviceAccount;
  if ((name === undefined || name === null || name === '') && typeof deprecated === 'string' && deprecated !== '') {
    spec.serviceAccountName = deprecated;
  }
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
}

/** SetDefaults_PodSpec and everything nested in the spec. */
export function defaultPodSpec(spec: Fields, how: PodSpecDefaulting = { restartPolicy: true }): void {
  mirrorServiceAccount(spec);
  defaultString(spec, 'dnsPolicy', 'ClusterFirst');
  if (how.restartPolicy) defaultString(spec, 'restartPolicy', 'Always');
  defaultPointer(spec, 'securityContext', {});
  defaultPointer(spec, 'terminationGracePeriodSeconds', DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
  defaultString(spec, 'schedulerName', DEFAULT_SCHEDULER_NAME);
  for (const volume of items(spec, 'volumes')) defaultVolume(volume);
  for (const key of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const container of items(spec, key)) defaultContainer(container);
  }
  defaultResourceList(spec.overhead);
}

/**
 * The defaults of a PodTemplateSpec inside a workload (`spec.template`): only the PodSpec is
 * defaulted; the template's metadata is left as written.
 */
export function defaultPodTemplate(template: Fields | undefined, how?: PodSpecDefaulting): void {
  if (!template) return;
  defaultPodSpec(ensureChild(template, 'spec'), how);
}

/** The `spec.template` of a workload object being defaulted, if it has one. */
export function templateOf(spec: Fields | undefined): Fields | undefined {
  return spec ? child(spec, 'template') : undefined;
}
