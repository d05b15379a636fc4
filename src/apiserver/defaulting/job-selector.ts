/**
 * The Job create strategy's generated selector (pkg/registry/batch/job/strategy.go,
 * generateSelector): unless `manualSelector` is true, a new Job's pods are labelled with the
 * Job's name and uid and selected by the uid, so they can only ever belong to this Job.
 */
import type { KubeObject } from '../../api/types.js';
import { jsonEqual } from '../../api/equal.js';
import type { Fields } from './fields.js';
import { cloneJson, ensureChild, isEmptyCollection, stringMap } from './fields.js';

/** batch.LegacyJobNameLabel. */
export const LEGACY_JOB_NAME_LABEL = 'job-name';
/** batch.JobNameLabel. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
/** batch.LegacyControllerUidLabel. */
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
/** batch.ControllerUidLabel: the one label the generated selector matches. */
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';

/**
 * Adds the generated labels to a new Job's pod template (keeping any the user set, which
 * validation then checks) and `batch.kubernetes.io/controller-uid: <uid>` to its selector's
 * matchLabels. A Job with `manualSelector: true` is returned unchanged (as a copy).
 *
 * The Job's own labels: SetDefaults_Job gave a Job without labels its template's labels, and
 * kube-apiserver defaults again when it reads the stored Job back, so such a Job shows the
 * generated labels too. A Job whose labels equal its template's (as defaulting left them) is
 * given the template's new labels here; call this after `applyDefaults`.
 */
export function generateJobSelector(job: KubeObject, uid: string): KubeObject {
  const copy = cloneJson(job) as KubeObject & Fields;
  const metadata = ensureChild(copy, 'metadata');
  const spec = ensureChild(copy, 'spec');
  if (spec.manualSelector === true) return copy;
  const template = ensureChild(spec, 'template');
  const templateMetadata = ensureChild(template, 'metadata');
  const before = stringMap(templateMetadata, 'labels') ?? {};
  const labels: Record<string, string> = { ...before };
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = uid;
  templateMetadata.labels = labels;

  const selector = ensureChild(spec, 'selector');
  const matchLabels = ensureChild(selector, 'matchLabels');
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;

  if (isEmptyCollection(metadata.labels) || jsonEqual(metadata.labels, before)) metadata.labels = { ...labels };
  return copy;
}
