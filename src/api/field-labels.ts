/**
 * The field labels each kind accepts in a `fieldSelector`, and how their values are read from an
 * object — kube-apiserver's field label conversion functions (pkg/apis/<group>/<version>/conversion.go)
 * and each registry's `ToSelectableFields`, as one table. Kinds that register no conversion accept
 * only `metadata.name` and `metadata.namespace` (runtime.DefaultMetaV1FieldSelectorConversion).
 */
import type { FieldGetter, FieldSelector } from './field-selector.js';
import type { ParseResult } from './parse-result.js';
import { parseError, parsed } from './parse-result.js';

type Reader = (object: Record<string, unknown>) => string;

/** The fields of one kind: how each is read, extra names accepted for them, and the refusal text. */
interface FieldLabelRules {
  readonly fields: Readonly<Record<string, Reader>>;
  readonly aliases?: Readonly<Record<string, string>>;
  readonly unsupported: (label: string) => string;
}

function read(object: unknown, path: readonly string[]): unknown {
  let value = object;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A string field; absent reads as "". */
const text =
  (...path: string[]): Reader =>
  (o) => {
    const v = read(o, path);
    return typeof v === 'string' ? v : '';
  };
/** A bool field printed as Go's strconv.FormatBool; absent is false. */
const bool =
  (...path: string[]): Reader =>
  (o) =>
    String(read(o, path) === true);
/** An integer field printed in decimal; absent is 0. */
const integer =
  (...path: string[]): Reader =>
  (o) => {
    const v = read(o, path);
    return typeof v === 'number' ? String(v) : '0';
  };

const name = text('metadata', 'name');
const namespace = text('metadata', 'namespace');
const notSupported = (label: string): string => `field label not supported: ${label}`;

/** runtime.DefaultMetaV1FieldSelectorConversion. */
const METADATA_ONLY: FieldLabelRules = {
  fields: { 'metadata.name': name, 'metadata.namespace': namespace },
  unsupported: (label) => `${JSON.stringify(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

/**
 * Field labels by group-qualified kind (`Pod`, `Job.batch`). Not listed, so metadata-only as
 * upstream: `ReplicaSet.apps` (its registry lists `status.replicas` but apps/v1 registers no
 * conversion, kubernetes/kubernetes#135136), Deployment, StatefulSet, DaemonSet, ConfigMap, ….
 */
export const FIELD_LABELS: Readonly<Record<string, FieldLabelRules>> = {
  Pod: {
    fields: {
      'metadata.name': name,
      'metadata.namespace': namespace,
      'spec.nodeName': text('spec', 'nodeName'),
      'spec.restartPolicy': text('spec', 'restartPolicy'),
      'spec.schedulerName': text('spec', 'schedulerName'),
      'spec.serviceAccountName': text('spec', 'serviceAccountName'),
      'spec.hostNetwork': bool('spec', 'hostNetwork'),
      'status.phase': text('status', 'phase'),
      'status.podIP': (o) => text('status', 'podIPs', '0', 'ip')(o) || text('status', 'podIP')(o),
      'status.nominatedNodeName': text('status', 'nominatedNodeName'),
    },
    aliases: { 'spec.host': 'spec.nodeName' },
    unsupported: notSupported,
  },
  Node: { fields: { 'metadata.name': name, 'spec.unschedulable': bool('spec', 'unschedulable') }, unsupported: notSupported },
  ReplicationController: {
    fields: { 'metadata.name': name, 'metadata.namespace': namespace, 'status.replicas': integer('status', 'replicas') },
    unsupported: notSupported,
  },
  Event: {
    fields: {
      'involvedObject.kind': text('involvedObject', 'kind'),
      'involvedObject.namespace': text('involvedObject', 'namespace'),
      'involvedObject.name': text('involvedObject', 'name'),
      'involvedObject.uid': text('involvedObject', 'uid'),
      'involvedObject.apiVersion': text('involvedObject', 'apiVersion'),
      'involvedObject.resourceVersion': text('involvedObject', 'resourceVersion'),
      'involvedObject.fieldPath': text('involvedObject', 'fieldPath'),
      reason: text('reason'),
      reportingComponent: text('reportingComponent'),
      source: (o) => text('source', 'component')(o) || text('reportingComponent')(o),
      type: text('type'),
      'metadata.namespace': namespace,
      'metadata.name': name,
    },
    unsupported: notSupported,
  },
  Namespace: { fields: { 'status.phase': text('status', 'phase'), 'metadata.name': name }, unsupported: notSupported },
  Secret: { fields: { type: text('type'), 'metadata.namespace': namespace, 'metadata.name': name }, unsupported: notSupported },
  Service: {
    fields: { 'metadata.namespace': namespace, 'metadata.name': name, 'spec.clusterIP': text('spec', 'clusterIP'), 'spec.type': text('spec', 'type') },
    unsupported: notSupported,
  },
  'Job.batch': {
    fields: { 'metadata.name': name, 'metadata.namespace': namespace, 'status.successful': integer('status', 'succeeded') },
    unsupported: (label) => `field label ${JSON.stringify(label)} not supported for batchv1.Job`,
  },
};

function rulesFor(group: string, kind: string): FieldLabelRules {
  return FIELD_LABELS[group === '' ? kind : `${kind}.${group}`] ?? METADATA_ONLY;
}

/** The field labels a kind accepts (not counting aliases such as a pod's `spec.host`). */
export function supportedFieldLabels(group: string, kind: string): readonly string[] {
  return Object.keys(rulesFor(group, kind).fields);
}

/**
 * Checks a parsed selector against the kind and converts aliases (`Scheme.ConvertFieldLabel`).
 * The error text is the one kube-apiserver answers with 400, e.g. `field label not supported: spec.foo`.
 */
export function convertFieldSelector(selector: FieldSelector, group: string, kind: string): ParseResult<FieldSelector> {
  const rules = rulesFor(group, kind);
  const requirements = [];
  for (const r of selector.requirements) {
    const field = rules.aliases?.[r.field] ?? r.field;
    if (!Object.hasOwn(rules.fields, field)) return parseError(rules.unsupported(r.field));
    requirements.push(field === r.field ? r : { ...r, field });
  }
  return parsed(Object.freeze({ requirements: Object.freeze(requirements) }));
}

/** Reads the selectable fields of one object of this kind (the registry's `ToSelectableFields`); unknown fields read as undefined. */
export function selectableFields(group: string, kind: string, object: object): FieldGetter {
  const { fields } = rulesFor(group, kind);
  return (field) => (Object.hasOwn(fields, field) ? fields[field]!(object as Record<string, unknown>) : undefined);
}
