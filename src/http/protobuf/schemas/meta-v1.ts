/**
 * Protobuf message tables for k8s.io/apimachinery/pkg/apis/meta/v1 (generated.proto, Kubernetes v1.32),
 * generated from the file descriptors and Go struct tags compiled into kubectl v1.32.4, limited to
 * the messages reachable from the kinds the API server serves. Field syntax: see ../schema.ts.
 */
import type { SchemaTable } from '../schema.js';

/** meta.v1 messages, by qualified name. */
// prettier-ignore
export const META_V1: SchemaTable = {
  'meta.v1.OwnerReference':
    'apiVersion(APIVersion):5:string kind:1:string name:3:string uid(UID):4:string controller:6:bool*? ' +
    'blockOwnerDeletion:7:bool*?',
  'meta.v1.ManagedFieldsEntry':
    'manager:1:string? operation:2:string? apiVersion(APIVersion):3:string? time:4:Time*? ' +
    'fieldsType:6:string? fieldsV1:7:FieldsV1*? subresource:8:string?',
  'meta.v1.ObjectMeta':
    'name:1:string? generateName:2:string? namespace:3:string? selfLink:4:string? uid(UID):5:string? ' +
    'resourceVersion:6:string? generation:7:int64? creationTimestamp:8:Time? deletionTimestamp:9:Time*? ' +
    'deletionGracePeriodSeconds:10:int64*? labels:11:string{}? annotations:12:string{}? ' +
    'ownerReferences:13:OwnerReference[]? finalizers:14:string[]? managedFields:17:ManagedFieldsEntry[]?',
  'meta.v1.LabelSelectorRequirement': 'key:1:string operator:2:string values:3:string[]?',
  'meta.v1.LabelSelector': 'matchLabels:1:string{}? matchExpressions:2:LabelSelectorRequirement[]?',
  'meta.v1.Condition':
    'type:1:string status:2:string observedGeneration:3:int64? lastTransitionTime:4:Time reason:5:string ' +
    'message:6:string',
  'meta.v1.Preconditions': 'uid(UID):1:string*? resourceVersion:2:string*?',
  'meta.v1.DeleteOptions':
    'gracePeriodSeconds:1:int64*? preconditions:2:Preconditions*? orphanDependents:3:bool*? ' +
    'propagationPolicy:4:string*? dryRun:5:string[]? ' +
    'ignoreStoreReadErrorWithClusterBreakingPotential:6:bool*?',
};

/** runtime.TypeMeta, the first field of the protobuf envelope (k8s.io/apimachinery/pkg/runtime). */
// prettier-ignore
export const RUNTIME: SchemaTable = {
  'runtime.TypeMeta': 'apiVersion(APIVersion):1:string? kind:2:string?',
};
