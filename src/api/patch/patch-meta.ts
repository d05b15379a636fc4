/**
 * The strategic-merge metadata of the built-in kinds: for each field, its `patchStrategy` and
 * `patchMergeKey` struct tags from k8s.io/api (v1.32), as data. A type lists only the fields
 * that carry tags or lead to fields that do; everything else merges as a plain map, and lists
 * without a strategy are replaced wholesale.
 */

/** The tags of one field, and the type of its value (or of its list elements). */
export interface FieldPatchMeta {
  readonly patchStrategy?: 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';
  readonly patchMergeKey?: string;
  readonly type?: string;
}

const byName = (type?: string): FieldPatchMeta => ({ patchStrategy: 'merge', patchMergeKey: 'name', ...(type ? { type } : {}) });
const byType: FieldPatchMeta = { patchStrategy: 'merge', patchMergeKey: 'type' };
const byIp: FieldPatchMeta = { patchStrategy: 'merge', patchMergeKey: 'ip' };
const template: FieldPatchMeta = { type: 'PodTemplateSpec' };
const withConditions: Record<string, FieldPatchMeta> = { conditions: byType };

const CONTAINER: Record<string, FieldPatchMeta> = {
  ports: { patchStrategy: 'merge', patchMergeKey: 'containerPort' },
  env: byName(),
  volumeMounts: { patchStrategy: 'merge', patchMergeKey: 'mountPath' },
  volumeDevices: { patchStrategy: 'merge', patchMergeKey: 'devicePath' },
};

/** Tagged fields per Go type name. */
export const PATCH_TYPES: Readonly<Record<string, Readonly<Record<string, FieldPatchMeta>>>> = {
  ObjectMeta: { ownerReferences: { patchStrategy: 'merge', patchMergeKey: 'uid' }, finalizers: { patchStrategy: 'merge' } },
  PodTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' } },
  PodSpec: {
    containers: byName('Container'),
    initContainers: byName('Container'),
    ephemeralContainers: byName('Container'),
    volumes: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
    imagePullSecrets: byName(),
    hostAliases: byIp,
    topologySpreadConstraints: { patchStrategy: 'merge', patchMergeKey: 'topologyKey' },
    schedulingGates: byName(),
    resourceClaims: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
  },
  Container: CONTAINER,
  PodStatus: { conditions: byType, podIPs: byIp, hostIPs: byIp },
  NodeSpec: { podCIDRs: { patchStrategy: 'merge' } },
  NodeStatus: { conditions: byType, addresses: byType },
  ServiceSpec: { ports: { patchStrategy: 'merge', patchMergeKey: 'port' } },
  DeploymentSpec: { template, strategy: { patchStrategy: 'retainKeys' } },
  WorkloadSpec: { template },
  JobTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'WorkloadSpec' } },
  CronJobSpec: { jobTemplate: { type: 'JobTemplateSpec' } },
  StatusWithConditions: withConditions,
};

const meta: FieldPatchMeta = { type: 'ObjectMeta' };
const status: FieldPatchMeta = { type: 'StatusWithConditions' };

/** The root type of each kind: the fields under `apiVersion`/`kind`. Unknown kinds have only `metadata`. */
export const PATCH_KINDS: Readonly<Record<string, Readonly<Record<string, FieldPatchMeta>>>> = {
  Pod: { metadata: meta, spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  PodTemplate: { metadata: meta, template },
  Node: { metadata: meta, spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } },
  Service: { metadata: meta, spec: { type: 'ServiceSpec' }, status },
  ServiceAccount: { metadata: meta, secrets: byName() },
  Namespace: { metadata: meta, status },
  PersistentVolumeClaim: { metadata: meta, status },
  Deployment: { metadata: meta, spec: { type: 'DeploymentSpec' }, status },
  ReplicaSet: { metadata: meta, spec: { type: 'WorkloadSpec' }, status },
  ReplicationController: { metadata: meta, spec: { type: 'WorkloadSpec' }, status },
  StatefulSet: { metadata: meta, spec: { type: 'WorkloadSpec' }, status },
  DaemonSet: { metadata: meta, spec: { type: 'WorkloadSpec' }, status },
  Job: { metadata: meta, spec: { type: 'WorkloadSpec' }, status },
  CronJob: { metadata: meta, spec: { type: 'CronJobSpec' } },
  PodDisruptionBudget: { metadata: meta, status },
  HorizontalPodAutoscaler: { metadata: meta, status },
};

const UNKNOWN_KIND: Readonly<Record<string, FieldPatchMeta>> = { metadata: meta };

/** A position in the type tree while merging: the tagged fields of the current map, if known. */
export type PatchType = Readonly<Record<string, FieldPatchMeta>> | undefined;

/** The root type of a kind. */
export function rootPatchType(kind: string): PatchType {
  return PATCH_KINDS[kind] ?? UNKNOWN_KIND;
}

/** The tags of `field` in the map of type `type` (`LookupPatchMetadata`); `{}` for untagged fields. */
export function lookupPatchMeta(type: PatchType, field: string): FieldPatchMeta {
  return type?.[field] ?? {};
}

/** The type of the value of a field (or of its list elements). */
export function fieldType(meta: FieldPatchMeta): PatchType {
  return meta.type === undefined ? undefined : PATCH_TYPES[meta.type];
}

/** Splits `merge,retainKeys` into the list/map strategy and the retainKeys flag (`extractRetainKeysPatchStrategy`). */
export function splitStrategy(meta: FieldPatchMeta): { strategy: '' | 'merge' | 'replace'; retainKeys: boolean } {
  switch (meta.patchStrategy) {
    case 'merge':
      return { strategy: 'merge', retainKeys: false };
    case 'replace':
      return { strategy: 'replace', retainKeys: false };
    case 'retainKeys':
      return { strategy: '', retainKeys: true };
    case 'merge,retainKeys':
      return { strategy: 'merge', retainKeys: true };
    default:
      return { strategy: '', retainKeys: false };
  }
}

/**
 * The strategy of a field of a kind, by its path of field names (list elements are not
 * counted): `patchStrategyFor('Deployment', 'spec.template.spec.containers')` gives
 * `{ patchStrategy: 'merge', patchMergeKey: 'name' }`; an untagged or unknown field gives `{}`.
 */
export function patchStrategyFor(kind: string, path: string | readonly string[]): { patchStrategy?: string; patchMergeKey?: string } {
  const names = typeof path === 'string' ? path.split('.') : path;
  let type = rootPatchType(kind);
  let found: FieldPatchMeta = {};
  for (const name of names) {
    found = lookupPatchMeta(type, name);
    type = fieldType(found);
  }
  const { patchStrategy, patchMergeKey } = found;
  return { ...(patchStrategy ? { patchStrategy } : {}), ...(patchMergeKey ? { patchMergeKey } : {}) };
}
