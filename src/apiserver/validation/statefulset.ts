/**
 * StatefulSets (ValidateStatefulSet, ValidateStatefulSetUpdate). The name is a DNS label (pods are
 * `<name>-<ordinal>`); serviceName is optional; the pod template's spec is not validated here,
 * only its labels, restartPolicy and activeDeadlineSeconds, as upstream. Updates may only change
 * the fields listed in the Forbidden message.
 */
import { jsonEqual } from '../../api/equal.js';
import { forbiddenField, invalidValue, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { asObject, intAt, objectAt, stringAt, stringMapAt } from './access.js';
import { isEmptySelector, readLabelSelector, selectorMatches, validateLabels } from './labels.js';
import { goLabelSelector, invalidGo } from './go-value.js';
import { metaOf, validateAnnotations, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { nameIsDNSLabel } from './names.js';
import { validateStatefulSetUpdateStrategy } from './rollout.js';
import { selectorMismatch, templateLabels } from './workloads.js';

/** The fields a StatefulSet update may change. */
const MUTABLE_FIELDS = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
const UPDATE_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function validateSpec(errs: Errors, spec: Json): void {
  const policy = stringAt(errs, spec, 'spec', 'podManagementPolicy');
  if (policy && policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(invalidValue('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  validateStatefulSetUpdateStrategy(errs, spec, 'spec');
  const retention = objectAt(errs, spec, 'spec', 'persistentVolumeClaimRetentionPolicy');
  for (const field of ['whenDeleted', 'whenScaled']) {
    const value = retention ? stringAt(errs, retention, 'spec.persistentVolumeClaimRetentionPolicy', field) : undefined;
    if (value !== undefined && value !== 'Retain' && value !== 'Delete') {
      errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${field}`, value, ['Retain', 'Delete']));
    }
  }
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'replicas'), 'spec.replicas');
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'minReadySeconds'), 'spec.minReadySeconds');
  const ordinals = objectAt(errs, spec, 'spec', 'ordinals');
  if (ordinals) validateNonnegative(errs, intAt(errs, ordinals, 'spec.ordinals', 'start'), 'spec.ordinals.start');
  stringAt(errs, spec, 'spec', 'serviceName');

  const selector = readLabelSelector(errs, spec.selector, 'spec.selector');
  if (spec.selector === undefined || spec.selector === null) errs.push(required('spec.selector', ''));
  else if (selector && isEmptySelector(selector)) {
    errs.push(invalidGo('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for statefulset'));
  }
  const template = objectAt(errs, spec, 'spec', 'template');
  if (selector && !selector.usable) errs.push(invalidGo('spec.selector', goLabelSelector(spec.selector), ''));
  else {
    const labels = templateLabels(template);
    if ((!selector || !isEmptySelector(selector)) && !selectorMatches(selector, labels)) errs.push(selectorMismatch('spec.template', labels));
    const meta = asObject(template?.metadata) ?? {};
    validateLabels(errs, stringMapAt(errs, meta, 'spec.template.metadata', 'labels'), 'spec.template.labels');
    validateAnnotations(errs, stringMapAt(errs, meta, 'spec.template.metadata', 'annotations'), 'spec.template.annotations');
  }
  const podSpec = asObject(template?.spec) ?? {};
  const restartPolicy = typeof podSpec.restartPolicy === 'string' && podSpec.restartPolicy !== '' ? podSpec.restartPolicy : 'Always';
  if (restartPolicy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
}

/** ValidateStatefulSet on create. */
export function validateStatefulSetCreate(errs: Errors, object: Json): void {
  validateObjectMeta(errs, metaOf(errs, object), nameIsDNSLabel);
  validateSpec(errs, objectAt(errs, object, '', 'spec') ?? {});
}

/** ValidateStatefulSetUpdate: the spec again, and no change outside the mutable fields. */
export function validateStatefulSetUpdate(errs: Errors, object: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, object), metaOf([], old));
  const spec = objectAt(errs, object, '', 'spec') ?? {};
  validateSpec(errs, spec);
  const oldSpec = asObject(old.spec) ?? {};
  const strip = (s: Json): Json => Object.fromEntries(Object.entries(s).filter(([k]) => !MUTABLE_FIELDS.includes(k)));
  if (!jsonEqual(strip(spec), strip(oldSpec))) errs.push(forbiddenField('spec', UPDATE_FORBIDDEN));
}
