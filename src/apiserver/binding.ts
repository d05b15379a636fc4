/**
 * The pods/binding subresource (pkg/registry/core/pod/storage BindingREST, Kubernetes v1.32): how
 * kube-scheduler assigns a pod to a node. One guarded write sets `spec.nodeName`, merges the
 * binding's annotations and sets the PodScheduled condition to True; a pod already assigned,
 * being deleted or still gated is refused with a Conflict on `pods/binding`.
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import type { Status } from '../api/status.js';
import { badRequest, conflict, notFound, storageError } from '../api/status.js';
import type { FieldError } from '../api/field-errors.js';
import { aggregateMessage, notSupported, required } from '../api/field-errors.js';
import { rfc3339 } from '../api/time.js';
import { shallowCopy } from '../api/freeze.js';
import type { WriteOptions } from './types.js';
import { lookupResource, storageKey } from './registry.js';
import type { ServerContext } from './server-context.js';
import { readObject } from './server-context.js';
import { commitUpdate } from './update.js';

const PODS = lookupResource('pods')!;
const PODS_GR = { group: '', resource: 'pods' };
const BINDING_GR = { group: '', resource: 'pods/binding' };

/** metav1.ObjectReference as a Binding's target names a node. */
interface BindingTarget {
  apiVersion?: string;
  kind?: string;
  name?: string;
}

/** ValidatePodBinding: the target is a Node (or names no kind) and has a name. */
function validateBinding(target: BindingTarget): FieldError[] {
  const errors: FieldError[] = [];
  const kind = typeof target.kind === 'string' ? target.kind : '';
  if (kind !== '' && kind !== 'Node') errors.push(notSupported('target.kind', kind, ['Node', '<empty>']));
  if (typeof target.name !== 'string' || target.name === '') errors.push(required('target.name'));
  return errors;
}

/** A Binding in another shape than v1 Binding is refused as the decoder refuses it. */
function checkBindingShape(input: KubeObject): Status | undefined {
  if (typeof input !== 'object' || input === null || typeof input.metadata !== 'object' || input.metadata === null) {
    return badRequest("Object 'metadata' is missing or is not an object");
  }
  const apiVersion = typeof input.apiVersion === 'string' && input.apiVersion !== '' ? input.apiVersion : 'v1';
  const kind = typeof input.kind === 'string' && input.kind !== '' ? input.kind : 'Binding';
  return apiVersion === 'v1' && kind === 'Binding' ? undefined : badRequest(`${kind} in version "${apiVersion}" cannot be handled as a Binding`);
}

/** A storage precondition failure (storage.NewInvalidObjError) as InterpretUpdateError reports it. */
function preconditionFailed(key: string, name: string, what: string, wanted: string, actual: string): Status {
  return conflict(
    PODS_GR,
    name,
    `StorageError: invalid object, Code: 4, Key: ${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ${what} in precondition: ${wanted}, ${what} in object meta: ${actual}`,
  );
}

/**
 * podutil.UpdatePodCondition for PodScheduled=True: the condition is replaced whole (reason and
 * message go), lastProbeTime is null, and lastTransitionTime is now unless the status was already True.
 */
function scheduledConditions(conditions: unknown, now: string): unknown[] {
  const list = Array.isArray(conditions) ? [...(conditions as unknown[])] : [];
  const at = list.findIndex((c) => (c as { type?: unknown } | null)?.type === 'PodScheduled');
  const old = at >= 0 ? (list[at] as { status?: unknown; lastTransitionTime?: unknown }) : undefined;
  const lastTransitionTime = old?.status === 'True' && typeof old.lastTransitionTime === 'string' ? old.lastTransitionTime : now;
  const condition = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime };
  if (at >= 0) list[at] = condition;
  else list.push(condition);
  return list;
}

/** Why the pod cannot be bound (the errors setPodNodeAndMetadata returns from inside its update). */
function refusal(pod: KubeObject, name: string): string | undefined {
  const spec = (pod.spec ?? {}) as { nodeName?: unknown; schedulingGates?: unknown };
  if (pod.metadata.deletionTimestamp !== undefined) return `pod ${name} is being deleted, cannot be assigned to a host`;
  if (typeof spec.nodeName === 'string' && spec.nodeName !== '') return `pod ${name} is already assigned to node ${JSON.stringify(spec.nodeName)}`;
  if (Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) return `pod ${name} has non-empty .spec.schedulingGates`;
  return undefined;
}

/**
 * Creates a Binding in `namespace`: assigns the pod named by `metadata.name` to the node named by
 * `target.name`. Returns the metav1.Status kube-apiserver answers with (Success, 201).
 */
export function createBinding(ctx: ServerContext, namespace: string, input: KubeObject, options: WriteOptions = {}): Result<KubeObject> {
  const shape = checkBindingShape(input);
  if (shape) return fail(shape);
  const own = typeof input.metadata.namespace === 'string' ? input.metadata.namespace : '';
  if (namespace !== '' && own !== '' && own !== namespace) {
    return fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  const ns = namespace || own;
  if (ns === '') return fail(badRequest('an empty namespace may not be set during creation'));
  const name = typeof input.metadata.name === 'string' ? input.metadata.name : '';
  if (name === '') return fail(badRequest('Name parameter required.'));
  const target = (typeof input.target === 'object' && input.target !== null ? input.target : {}) as BindingTarget;
  const errors = validateBinding(target);
  // BindingREST returns the aggregate as a plain error, which kube-apiserver answers as a 500 without a reason.
  if (errors.length > 0) return fail(storageError(aggregateMessage(errors)));

  const read = readObject(ctx, PODS, ns, name);
  if (!read.ok) return read;
  if (!read.value) return fail(notFound(PODS_GR, name));
  const current = read.value;
  const pod = current.object;
  const key = storageKey(PODS, ns, name);
  const { uid, resourceVersion } = input.metadata;
  if (typeof uid === 'string' && uid !== '' && uid !== pod.metadata.uid) {
    return fail(preconditionFailed(key, name, 'UID', uid, pod.metadata.uid ?? ''));
  }
  if (typeof resourceVersion === 'string' && resourceVersion !== '' && resourceVersion !== pod.metadata.resourceVersion) {
    return fail(preconditionFailed(key, name, 'ResourceVersion', resourceVersion, pod.metadata.resourceVersion ?? ''));
  }
  const refused = refusal(pod, name);
  if (refused) return fail(conflict(BINDING_GR, name, refused));

  const annotations = input.metadata.annotations;
  // Copies that gain fields are made with shallowCopy, not spread (see there: shared hidden classes).
  const metadata = shallowCopy(pod.metadata);
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...pod.metadata.annotations, ...annotations };
  const status = (pod.status ?? {}) as { conditions?: unknown };
  const spec = shallowCopy((pod.spec ?? {}) as Record<string, unknown>);
  spec['nodeName'] = target.name;
  const boundStatus = shallowCopy(status);
  boundStatus.conditions = scheduledConditions(status.conditions, rfc3339(ctx.clock.now()));
  const bound = shallowCopy(pod);
  bound.metadata = metadata;
  bound['spec'] = spec;
  bound['status'] = boundStatus;
  const written = commitUpdate(ctx, PODS, current, bound, options);
  if (!written.ok) return written;
  return ok(bindingSucceeded());
}

/** The Status a successful binding returns: `Success` with the create handler's 201. */
function bindingSucceeded(): KubeObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}
