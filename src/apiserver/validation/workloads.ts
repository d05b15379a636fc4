/**
 * Deployments, ReplicaSets, ReplicationControllers and DaemonSets (pkg/apis/apps/validation and
 * core's ValidateReplicationControllerSpec): replicas, a selector that matches the template's
 * labels, a valid pod template that always restarts, and the rollout strategy. On update the
 * apps/v1 strategies also keep the selector immutable.
 */
import { jsonEqual } from '../../api/equal.js';
import type { FieldError } from '../../api/field-errors.js';
import { child, forbiddenField, invalidValue, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { asObject, intAt, objectAt, stringMapAt } from './access.js';
import { goLabelSelector, goStringMap, invalidGo } from './go-value.js';
import type { Selector } from './labels.js';
import { isEmptySelector, readLabelSelector, selectorMatches, validateLabels } from './labels.js';
import { FIELD_IMMUTABLE, metaOf, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { nameIsDNSSubdomain } from './names.js';
import { validatePodTemplateSpec } from './pod.js';
import { validateDaemonSetUpdateStrategy, validateDeploymentStrategy } from './rollout.js';

/** The template's labels as a string map (errors are reported by the template's own validation). */
export function templateLabels(template: Json | undefined): Record<string, string> | undefined {
  return stringMapAt([], asObject(template?.metadata), '', 'labels');
}

/** `<template>.metadata.labels: Invalid value: map[string]string{…}: \`selector\` does not match template \`labels\``. */
export function selectorMismatch(templatePath: string, labels: Record<string, string> | undefined): FieldError {
  const path = child(child(templatePath, 'metadata'), 'labels');
  const detail = '`selector` does not match template `labels`';
  return labels ? invalidValue(path, labels, detail) : invalidGo(path, goStringMap(labels), detail);
}

/** ValidateImmutableField for a LabelSelector, printed as Go prints a v1.LabelSelector. */
export function validateImmutableSelector(errs: Errors, selector: unknown, oldSelector: unknown, path: string): void {
  const normalize = (s: unknown): unknown => {
    const o = asObject(s);
    if (!o) return null;
    const labels = asObject(o.matchLabels);
    const exprs = Array.isArray(o.matchExpressions) ? o.matchExpressions : [];
    return { matchLabels: labels && Object.keys(labels).length > 0 ? labels : null, matchExpressions: exprs.length > 0 ? exprs : null };
  };
  if (!jsonEqual(normalize(selector), normalize(oldSelector))) errs.push(invalidGo(path, goLabelSelector(selector), FIELD_IMMUTABLE));
}

/**
 * The template rules shared by ReplicaSets, Deployments and ReplicationControllers: labels match a
 * non-empty selector, the pod template is valid, restartPolicy is Always, no activeDeadlineSeconds.
 */
function validateTemplateForReplicas(errs: Errors, selector: Selector | undefined, template: Json | undefined, path: string, owner: string): void {
  if ((!selector || !isEmptySelector(selector)) && !selectorMatches(selector, templateLabels(template))) {
    errs.push(selectorMismatch(path, templateLabels(template)));
  }
  validatePodTemplateSpec(errs, template ?? {}, path);
  const spec = asObject(template?.spec) ?? {};
  const restartPolicy = typeof spec.restartPolicy === 'string' && spec.restartPolicy !== '' ? spec.restartPolicy : 'Always';
  if (restartPolicy !== 'Always') errs.push(notSupported(child(path, 'spec.restartPolicy'), restartPolicy, ['Always']));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errs.push(forbiddenField(child(path, 'spec.activeDeadlineSeconds'), `activeDeadlineSeconds in ${owner} is not Supported`));
  }
}

/** Selector required, valid and non-empty; template checked against it (ValidateReplicaSetSpec / ValidateDeploymentSpec). */
function validateSelectedTemplate(errs: Errors, spec: Json, emptyMessage: string): void {
  const selector = readLabelSelector(errs, spec.selector, 'spec.selector');
  if (spec.selector === undefined || spec.selector === null) errs.push(required('spec.selector', ''));
  else if (selector && isEmptySelector(selector)) errs.push(invalidGo('spec.selector', goLabelSelector(spec.selector), emptyMessage));
  if (selector && !selector.usable) {
    errs.push(invalidGo('spec.selector', goLabelSelector(spec.selector), 'invalid label selector'));
    return;
  }
  validateTemplateForReplicas(errs, selector, objectAt(errs, spec, 'spec', 'template'), 'spec.template', 'ReplicaSet');
}

function validateDeploymentSpec(errs: Errors, spec: Json): void {
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'replicas'), 'spec.replicas');
  validateSelectedTemplate(errs, spec, 'empty selector is invalid for deployment');
  validateDeploymentStrategy(errs, spec, 'spec');
  const minReady = intAt(errs, spec, 'spec', 'minReadySeconds') ?? 0;
  validateNonnegative(errs, minReady, 'spec.minReadySeconds');
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'revisionHistoryLimit'), 'spec.revisionHistoryLimit');
  const deadline = intAt(errs, spec, 'spec', 'progressDeadlineSeconds');
  if (deadline !== undefined) {
    validateNonnegative(errs, deadline, 'spec.progressDeadlineSeconds');
    if (deadline <= minReady) errs.push(invalidValue('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  }
}

function validateReplicaSetSpec(errs: Errors, spec: Json): void {
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'replicas'), 'spec.replicas');
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'minReadySeconds'), 'spec.minReadySeconds');
  validateSelectedTemplate(errs, spec, 'empty selector is invalid for deployment');
}

function validateReplicationControllerSpec(errs: Errors, spec: Json): void {
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'minReadySeconds'), 'spec.minReadySeconds');
  const template = objectAt(errs, spec, 'spec', 'template');
  // An empty selector is defaulted from the template's labels (SetDefaults_ReplicationController).
  const selectorMap = stringMapAt(errs, spec, 'spec', 'selector');
  const selector = selectorMap && Object.keys(selectorMap).length > 0 ? selectorMap : templateLabels(template) ?? {};
  if (Object.keys(selector).length === 0) errs.push(required('spec.selector', ''));
  validateLabels(errs, selectorMap, 'spec.selector');
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'replicas'), 'spec.replicas');
  if (!template) {
    errs.push(required('spec.template', ''));
    return;
  }
  const asSelector: Selector = { matchLabels: selector, matchExpressions: [], usable: true };
  validateTemplateForReplicas(errs, asSelector, template, 'spec.template', 'ReplicationController');
}

function validateDaemonSetSpec(errs: Errors, spec: Json): void {
  const selector = readLabelSelector(errs, spec.selector, 'spec.selector');
  const template = objectAt(errs, spec, 'spec', 'template');
  if (!selector || selector.usable) {
    if (!selectorMatches(selector, templateLabels(template))) errs.push(selectorMismatch('spec.template', templateLabels(template)));
  }
  if (selector && isEmptySelector(selector)) errs.push(invalidGo('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  validatePodTemplateSpec(errs, template ?? {}, 'spec.template');
  const podSpec = asObject(template?.spec) ?? {};
  const restartPolicy = typeof podSpec.restartPolicy === 'string' && podSpec.restartPolicy !== '' ? podSpec.restartPolicy : 'Always';
  if (restartPolicy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'minReadySeconds'), 'spec.minReadySeconds');
  validateDaemonSetUpdateStrategy(errs, spec, 'spec');
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'revisionHistoryLimit'), 'spec.revisionHistoryLimit');
}

const SPECS: Record<string, (errs: Errors, spec: Json) => void> = {
  Deployment: validateDeploymentSpec,
  ReplicaSet: validateReplicaSetSpec,
  ReplicationController: validateReplicationControllerSpec,
  DaemonSet: validateDaemonSetSpec,
};

/** Create validation of Deployment, ReplicaSet, ReplicationController or DaemonSet. */
export function validateWorkloadCreate(errs: Errors, kind: string, object: Json): void {
  validateObjectMeta(errs, metaOf(errs, object), nameIsDNSSubdomain);
  SPECS[kind]!(errs, objectAt(errs, object, '', 'spec') ?? {});
}

/** Update validation: metadata rules, the spec again, and (apps/v1) an immutable selector. */
export function validateWorkloadUpdate(errs: Errors, kind: string, object: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, object), metaOf([], old));
  const spec = objectAt(errs, object, '', 'spec') ?? {};
  SPECS[kind]!(errs, spec);
  if (kind !== 'ReplicationController') {
    validateImmutableSelector(errs, spec.selector, asObject(old.spec)?.selector, 'spec.selector');
  }
}
