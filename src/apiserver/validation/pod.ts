/**
 * Pods and pod templates (ValidatePodCreate, ValidatePodUpdate, ValidatePodTemplateSpec). A pod's
 * spec is almost immutable: an update may only change images, shorten activeDeadlineSeconds, add
 * tolerations and remove scheduling gates.
 */
import { jsonEqual } from '../../api/equal.js';
import { child, forbiddenField, index, invalidValue, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { asObject, objectAt, stringMapAt } from './access.js';
import { validateLabels } from './labels.js';
import { metaOf, validateAnnotations, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { nameIsDNSSubdomain } from './names.js';
import { forbidEphemeralContainers, validatePodSpec } from './pod-spec.js';
import { specDiff } from './spec-diff.js';

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** ValidatePodTemplateSpec at `path` (`spec.template`, `spec.jobTemplate.spec.template`). */
export function validatePodTemplateSpec(errs: Errors, template: Json | undefined, path: string): void {
  if (!template) {
    errs.push(required(path, ''));
    return;
  }
  const meta = metaOf(errs, template, child(path, 'metadata'));
  const metaPath = child(path, 'metadata');
  validateLabels(errs, stringMapAt(errs, meta, metaPath, 'labels'), child(path, 'labels'));
  validateAnnotations(errs, stringMapAt(errs, meta, metaPath, 'annotations'), child(path, 'annotations'));
  const spec = objectAt(errs, template, path, 'spec') ?? {};
  validatePodSpec(errs, spec, child(path, 'spec'), { isPod: false });
  forbidEphemeralContainers(errs, spec, child(path, 'spec'), 'ephemeral containers not allowed in pod template');
}

function validatePodMetadataAndSpec(errs: Errors, pod: Json): Json {
  validateObjectMeta(errs, metaOf(errs, pod), nameIsDNSSubdomain);
  const spec = objectAt(errs, pod, '', 'spec') ?? {};
  validatePodSpec(errs, spec, 'spec', { isPod: true });
  return spec;
}

/** ValidatePodCreate. */
export function validatePodCreate(errs: Errors, pod: Json): void {
  const spec = validatePodMetadataAndSpec(errs, pod);
  forbidEphemeralContainers(errs, spec, 'spec', 'cannot be set on create');
  if (typeof spec.nodeName === 'string' && spec.nodeName !== '' && Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) {
    errs.push(forbiddenField('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
}

function containersOf(spec: Json, key: string): Json[] {
  return Array.isArray(spec[key]) ? (spec[key] as unknown[]).map((c) => asObject(c) ?? {}) : [];
}

/** ValidateContainerUpdates: same number of containers, images still set. */
function validateContainerUpdates(errs: Errors, spec: Json, old: Json, key: string): boolean {
  const path = child('spec', key);
  const next = containersOf(spec, key);
  if (next.length !== containersOf(old, key).length) {
    errs.push(forbiddenField(path, 'pod updates may not add or remove containers'));
    return false;
  }
  next.forEach((c, i) => {
    const image = typeof c.image === 'string' ? c.image : '';
    if (image === '') errs.push(required(child(index(path, i), 'image'), ''));
    if (image.trim() !== image) errs.push(invalidValue(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return true;
}

function validateOnlyAddedTolerations(errs: Errors, spec: Json, old: Json): void {
  const next = Array.isArray(spec.tolerations) ? spec.tolerations.map((t) => asObject(t) ?? {}) : [];
  const previous = Array.isArray(old.tolerations) ? old.tolerations.map((t) => asObject(t) ?? {}) : [];
  for (const prev of previous) {
    const kept = next.some((t) => jsonEqual({ ...prev, tolerationSeconds: t.tolerationSeconds }, t));
    if (!kept) {
      errs.push(forbiddenField('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
      return;
    }
  }
}

function validateOnlyDeletedSchedulingGates(errs: Errors, spec: Json, old: Json): void {
  const oldNames = new Set((Array.isArray(old.schedulingGates) ? old.schedulingGates : []).map((g) => asObject(g)?.name));
  (Array.isArray(spec.schedulingGates) ? spec.schedulingGates : []).forEach((g, i) => {
    const name = asObject(g)?.name;
    if (!oldNames.has(name)) {
      errs.push(forbiddenField(child(index('spec.schedulingGates', i), 'name'), `only deletion is allowed, but found new scheduling gate '${String(name)}'`));
    }
  });
}

/** ValidatePodUpdate: create rules on the new pod, then what an update may change. */
export function validatePodUpdate(errs: Errors, pod: Json, oldPod: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, pod), metaOf([], oldPod));
  const spec = validatePodMetadataAndSpec(errs, pod);
  const old = asObject(oldPod.spec) ?? {};
  if (!validateContainerUpdates(errs, spec, old, 'containers')) return;
  if (!validateContainerUpdates(errs, spec, old, 'initContainers')) return;
  const deadline = typeof spec.activeDeadlineSeconds === 'number' ? spec.activeDeadlineSeconds : undefined;
  const oldDeadline = typeof old.activeDeadlineSeconds === 'number' ? old.activeDeadlineSeconds : undefined;
  if (deadline !== undefined) {
    if (deadline < 0 || deadline > 2147483647) {
      errs.push(invalidValue('spec.activeDeadlineSeconds', deadline, 'must be between 0 and 2147483647, inclusive'));
      return;
    }
    if (oldDeadline !== undefined && oldDeadline < deadline) {
      errs.push(invalidValue('spec.activeDeadlineSeconds', deadline, 'must be less than or equal to previous value'));
      return;
    }
  } else if (oldDeadline !== undefined) {
    errs.push(invalidValue('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  validateOnlyAddedTolerations(errs, spec, old);
  validateOnlyDeletedSchedulingGates(errs, spec, old);
  if (jsonEqual(spec, old)) return;

  const munged: Json = { ...spec };
  for (const key of ['containers', 'initContainers']) {
    const oldList = containersOf(old, key);
    if (Array.isArray(spec[key])) munged[key] = containersOf(spec, key).map((c, i) => ({ ...c, image: oldList[i]?.image }));
  }
  for (const key of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) munged[key] = old[key];
  const oldGrace = old.terminationGracePeriodSeconds;
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!jsonEqual(munged, old)) {
    errs.push(forbiddenField('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff('core.PodSpec', old, munged)}`));
  }
}
