/**
 * Defaults of the workloads that keep pods running (pkg/apis/apps/v1/defaults.go and
 * SetDefaults_ReplicationController of core/v1), each with its pod template's PodSpec defaults.
 */
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { child, cloneJson, defaultPointer, defaultString, ensureChild, isEmptyCollection, stringMap } from './fields.js';
import { defaultPodTemplate, templateOf } from './pod-spec.js';
import { defaultPersistentVolumeClaim } from './storage.js';

function copyWithSpec(object: KubeObject): { copy: KubeObject & Fields; spec: Fields } {
  const copy = cloneJson(object) as KubeObject & Fields;
  return { copy, spec: ensureChild(copy, 'spec') };
}

/**
 * SetDefaults_Deployment (apps/v1): 1 replica, a RollingUpdate strategy with 25% surge and 25%
 * unavailable, 10 old ReplicaSets kept, 600 s to make progress. apps/v1 does not copy the
 * template's labels to the Deployment (extensions/v1beta1 did).
 */
export function defaultDeployment(deployment: KubeObject): KubeObject {
  const { copy, spec } = copyWithSpec(deployment);
  defaultPointer(spec, 'replicas', 1);
  const strategy = ensureChild(spec, 'strategy');
  defaultString(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = ensureChild(strategy, 'rollingUpdate');
    defaultPointer(rollingUpdate, 'maxUnavailable', '25%');
    defaultPointer(rollingUpdate, 'maxSurge', '25%');
  }
  defaultPointer(spec, 'revisionHistoryLimit', 10);
  defaultPointer(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(templateOf(spec));
  return copy;
}

/** SetDefaults_ReplicaSet (apps/v1): 1 replica. */
export function defaultReplicaSet(replicaSet: KubeObject): KubeObject {
  const { copy, spec } = copyWithSpec(replicaSet);
  defaultPointer(spec, 'replicas', 1);
  defaultPodTemplate(templateOf(spec));
  return copy;
}

/** SetDefaults_DaemonSet (apps/v1): RollingUpdate with maxUnavailable 1 and maxSurge 0, 10 revisions kept. */
export function defaultDaemonSet(daemonSet: KubeObject): KubeObject {
  const { copy, spec } = copyWithSpec(daemonSet);
  const updateStrategy = ensureChild(spec, 'updateStrategy');
  defaultString(updateStrategy, 'type', 'RollingUpdate');
  if (updateStrategy.type === 'RollingUpdate') {
    const rollingUpdate = ensureChild(updateStrategy, 'rollingUpdate');
    defaultPointer(rollingUpdate, 'maxUnavailable', 1);
    defaultPointer(rollingUpdate, 'maxSurge', 0);
  }
  defaultPointer(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(templateOf(spec));
  return copy;
}

/**
 * SetDefaults_StatefulSet (apps/v1): OrderedReady pod management, RollingUpdate with partition 0,
 * PVCs retained when the set is deleted or scaled down, 1 replica, 10 revisions kept. Each volume
 * claim template is written as a full PersistentVolumeClaim (`apiVersion`/`kind` from the apps/v1
 * conversion, `volumeMode: Filesystem`, `status.phase: Pending`).
 */
export function defaultStatefulSet(statefulSet: KubeObject): KubeObject {
  const { copy, spec } = copyWithSpec(statefulSet);
  defaultString(spec, 'podManagementPolicy', 'OrderedReady');
  const updateStrategy = ensureChild(spec, 'updateStrategy');
  if (updateStrategy.type === undefined || updateStrategy.type === null || updateStrategy.type === '') {
    updateStrategy.type = 'RollingUpdate';
    ensureChild(updateStrategy, 'rollingUpdate');
  }
  const rollingUpdate = child(updateStrategy, 'rollingUpdate');
  if (updateStrategy.type === 'RollingUpdate' && rollingUpdate) defaultPointer(rollingUpdate, 'partition', 0);
  const retention = ensureChild(spec, 'persistentVolumeClaimRetentionPolicy');
  defaultString(retention, 'whenDeleted', 'Retain');
  defaultString(retention, 'whenScaled', 'Retain');
  defaultPointer(spec, 'replicas', 1);
  defaultPointer(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(templateOf(spec));
  if (Array.isArray(spec.volumeClaimTemplates)) {
    spec.volumeClaimTemplates = spec.volumeClaimTemplates.map((claim: unknown) => {
      if (typeof claim !== 'object' || claim === null || Array.isArray(claim)) return claim;
      return defaultPersistentVolumeClaim({ ...(claim as KubeObject), apiVersion: 'v1', kind: 'PersistentVolumeClaim' });
    });
  }
  return copy;
}

/**
 * SetDefaults_ReplicationController (core/v1): 1 replica, and a controller without a selector
 * (or without labels) takes its template's labels for them.
 */
export function defaultReplicationController(controller: KubeObject): KubeObject {
  const { copy, spec } = copyWithSpec(controller);
  const template = templateOf(spec);
  const templateMetadata = template ? child(template, 'metadata') : undefined;
  const labels = templateMetadata ? stringMap(templateMetadata, 'labels') : undefined;
  if (labels && Object.keys(labels).length > 0) {
    if (isEmptyCollection(spec.selector)) spec.selector = { ...labels };
    const metadata = ensureChild(copy, 'metadata');
    if (isEmptyCollection(metadata.labels)) metadata.labels = { ...labels };
  }
  defaultPointer(spec, 'replicas', 1);
  defaultPodTemplate(template);
  return copy;
}

/** A core/v1 PodTemplate: the PodSpec defaults of its `template`. */
export function defaultPodTemplateObject(podTemplate: KubeObject): KubeObject {
  const copy = cloneJson(podTemplate) as KubeObject & Fields;
  defaultPodTemplate(child(copy, 'template'));
  return copy;
}
