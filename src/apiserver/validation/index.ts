/**
 * kube-apiserver's validation step (each kind's strategy Validate / ValidateUpdate), run after
 * defaulting: `validateCreate` for a new object, `validateUpdate` for a change (the create rules
 * plus what may not change). Kinds without rules here get the ObjectMeta rules only.
 */
import type { FieldError } from '../../api/field-errors.js';
import type { KubeObject } from '../../api/types.js';
import type { Errors, Json } from './access.js';
import { validateHorizontalPodAutoscalerCreate, validateHorizontalPodAutoscalerUpdate } from './autoscaling.js';
import { validateCronJobCreate, validateCronJobUpdate, validateJobCreate, validateJobUpdate } from './batch.js';
import { validateConfigMapCreate, validateConfigMapUpdate, validateSecretCreate, validateSecretUpdate } from './config.js';
import {
  validateNamespaceCreate,
  validateNamespaceUpdate,
  validateNodeCreate,
  validateNodeUpdate,
  validateServiceAccountCreate,
  validateServiceAccountUpdate,
} from './core-objects.js';
import { validateEndpointSliceCreate, validateEndpointSliceUpdate, validateEndpointsCreate, validateEndpointsUpdate } from './endpoints.js';
import { validateEvent } from './event.js';
import { validateIngressCreate, validateIngressUpdate } from './ingress.js';
import { validateLeaseCreate, validateLeaseUpdate } from './lease.js';
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { nameIsDNSSubdomain } from './names.js';
import { validatePodCreate, validatePodUpdate } from './pod.js';
import { validatePodDisruptionBudgetCreate, validatePodDisruptionBudgetUpdate } from './policy.js';
import { validateServiceCreate, validateServiceUpdate } from './service.js';
import { validateStatefulSetCreate, validateStatefulSetUpdate } from './statefulset.js';
import { validateWorkloadCreate, validateWorkloadUpdate } from './workloads.js';

interface KindRules {
  create: (errs: Errors, object: Json) => void;
  update: (errs: Errors, object: Json, old: Json) => void;
}

function workload(kind: string): KindRules {
  return {
    create: (errs, o) => validateWorkloadCreate(errs, kind, o),
    update: (errs, o, old) => validateWorkloadUpdate(errs, kind, o, old),
  };
}

const EVENT: KindRules = { create: validateEvent, update: (errs, o) => validateEvent(errs, o) };

/** The rules of each kind, keyed by `<group>/<Kind>` (the core group is empty). */
const RULES: Record<string, KindRules> = {
  '/Pod': { create: validatePodCreate, update: validatePodUpdate },
  '/Service': { create: validateServiceCreate, update: validateServiceUpdate },
  '/Namespace': { create: validateNamespaceCreate, update: validateNamespaceUpdate },
  '/Node': { create: validateNodeCreate, update: validateNodeUpdate },
  '/ConfigMap': { create: validateConfigMapCreate, update: validateConfigMapUpdate },
  '/Secret': { create: validateSecretCreate, update: validateSecretUpdate },
  '/ServiceAccount': { create: validateServiceAccountCreate, update: validateServiceAccountUpdate },
  '/Endpoints': { create: validateEndpointsCreate, update: validateEndpointsUpdate },
  '/Event': EVENT,
  'events.k8s.io/Event': EVENT,
  '/ReplicationController': workload('ReplicationController'),
  'apps/Deployment': workload('Deployment'),
  'apps/ReplicaSet': workload('ReplicaSet'),
  'apps/DaemonSet': workload('DaemonSet'),
  'apps/StatefulSet': { create: validateStatefulSetCreate, update: validateStatefulSetUpdate },
  'batch/Job': { create: validateJobCreate, update: validateJobUpdate },
  'batch/CronJob': { create: validateCronJobCreate, update: validateCronJobUpdate },
  'policy/PodDisruptionBudget': { create: validatePodDisruptionBudgetCreate, update: validatePodDisruptionBudgetUpdate },
  'autoscaling/HorizontalPodAutoscaler': { create: validateHorizontalPodAutoscalerCreate, update: validateHorizontalPodAutoscalerUpdate },
  'networking.k8s.io/Ingress': { create: validateIngressCreate, update: validateIngressUpdate },
  'coordination.k8s.io/Lease': { create: validateLeaseCreate, update: validateLeaseUpdate },
  'discovery.k8s.io/EndpointSlice': { create: validateEndpointSliceCreate, update: validateEndpointSliceUpdate },
};

const METADATA_ONLY: KindRules = {
  create: (errs, o) => validateObjectMeta(errs, metaOf(errs, o), nameIsDNSSubdomain),
  update: (errs, o, old) => validateObjectMetaUpdate(errs, metaOf(errs, o), metaOf([], old)),
};

/** RULES by group, then kind: every write looks its rules up, without building a key. */
const RULES_BY_GROUP = new Map<string, Map<string, KindRules>>();
for (const [groupKind, rules] of Object.entries(RULES)) {
  const slash = groupKind.indexOf('/');
  const group = groupKind.slice(0, slash);
  let byKind = RULES_BY_GROUP.get(group);
  if (byKind === undefined) RULES_BY_GROUP.set(group, (byKind = new Map()));
  byKind.set(groupKind.slice(slash + 1), rules);
}

function rulesFor(kind: string, group: string): KindRules {
  return RULES_BY_GROUP.get(group)?.get(kind) ?? METADATA_ONLY;
}

/** The field errors of a new (already defaulted) object of `kind` in API group `group`; empty when valid. */
export function validateCreate(kind: string, group: string, object: KubeObject): FieldError[] {
  const errs: Errors = [];
  rulesFor(kind, group).create(errs, object as unknown as Json);
  return errs;
}

/** The field errors of changing `oldObject` into `newObject` (already defaulted): create rules plus immutability. */
export function validateUpdate(kind: string, group: string, newObject: KubeObject, oldObject: KubeObject): FieldError[] {
  const errs: Errors = [];
  rulesFor(kind, group).update(errs, newObject as unknown as Json, oldObject as unknown as Json);
  return errs;
}
