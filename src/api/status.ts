/**
 * metav1.Status and the constructors kube-apiserver uses for its errors
 * (k8s.io/apimachinery/pkg/api/errors), with the same messages, reasons and codes.
 */
import type { FieldError } from './field-errors.js';
import { aggregateMessage, causeReason, errorBody } from './field-errors.js';

/** One cause of a failure, e.g. a field that failed validation. */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** metav1.StatusDetails. `kind` is the resource for NotFound/AlreadyExists/Conflict, the Kind for Invalid. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** metav1.Status: what every failed API call returns. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  /**
   * metav1.Status embeds ListMeta: a 410 for an expired continue carries a fresh `continue` token.
   * Other keys read as undefined, so code reading `event.object.metadata.name` on an object-or-Status compiles.
   */
  metadata: { continue?: string; resourceVersion?: string; [key: string]: string | undefined };
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** The group and plural resource an error is about (schema.GroupResource). */
export interface GroupResource {
  group: string;
  resource: string;
}

/** `deployments.apps`, or `pods` for the core group (GroupResource.String()). */
export function qualifiedResource(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

/** `Deployment.apps`, or `Pod` for the core group (GroupKind.String()). */
export function qualifiedKind(group: string, kind: string): string {
  return group === '' ? kind : `${kind}.${group}`;
}

function failure(code: number, reason: string, message: string, details?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return status;
}

/** 404 `pods "web" not found`. */
export function notFound(gr: GroupResource, name: string): Status {
  return failure(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, { name, group: gr.group, kind: gr.resource });
}

/** 409 `deployments.apps "web" already exists`. */
export function alreadyExists(gr: GroupResource, name: string): Status {
  return failure(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** The message kube-apiserver gives when an update carries a stale resourceVersion. */
export const OBJECT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

/** 409 `Operation cannot be fulfilled on pods "web": <why>`. */
export function conflict(gr: GroupResource, name: string, why: string = OBJECT_MODIFIED): Status {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** 422 `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be …`. */
export function invalid(group: string, kind: string, name: string, errors: readonly FieldError[]): Status {
  const causes: StatusCause[] = errors.map((e) => ({ reason: causeReason(e), message: errorBody(e), field: e.field }));
  return failure(422, 'Invalid', `${qualifiedKind(group, kind)} "${name}" is invalid: ${aggregateMessage(errors)}`, {
    name,
    group,
    kind,
    causes,
  });
}

/** 400 BadRequest with a free-text message. */
export function badRequest(message: string): Status {
  return failure(400, 'BadRequest', message);
}

/** 403 `pods "web" is forbidden: <why>` (admission refusals). */
export function forbidden(gr: GroupResource, name: string, why: string): Status {
  const subject = name === '' ? qualifiedResource(gr) : `${qualifiedResource(gr)} "${name}"`;
  return failure(403, 'Forbidden', `${subject} is forbidden: ${why}`, { name, group: gr.group, kind: gr.resource });
}

/** 405 `create is not supported on resources of kind "x"`. */
export function methodNotSupported(gr: GroupResource, verb: string): Status {
  return failure(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind ${JSON.stringify(qualifiedResource(gr))}`, {
    group: gr.group,
    kind: gr.resource,
  });
}

/** 410 Expired: a watch or list asked for a revision that has been compacted away. */
export function resourceExpired(message: string): Status {
  return failure(410, 'Expired', message);
}

/** 413: the object is larger than etcd accepts. */
export function requestEntityTooLarge(message: string): Status {
  return failure(413, 'RequestEntityTooLarge', message);
}

/** 429 TooManyRequests (eviction blocked by a disruption budget, rate limits). */
export function tooManyRequests(message: string, retryAfterSeconds?: number): Status {
  return failure(429, 'TooManyRequests', message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
}

/** 500 InternalError, e.g. storage unavailable. */
export function internalError(message: string): Status {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ reason: '', message }] });
}

/**
 * 500 with no reason: what a client sees when kube-apiserver cannot reach etcd (the raw etcd
 * error, e.g. `etcdserver: request timed out`; kubectl prints `Error from server: …`).
 */
export function storageError(message: string): Status {
  return failure(500, '', message);
}

/** 503 ServiceUnavailable. */
export function serviceUnavailable(message: string): Status {
  return failure(503, 'ServiceUnavailable', message);
}

/** 404 for a kind the server does not serve: `no matches for kind "X" in version "Y"`. */
export function noKindMatch(kind: string, apiVersion: string): Status {
  return failure(404, 'NotFound', `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`);
}

/** True if `value` is a metav1.Status. */
export function isStatus(value: unknown): value is Status {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
}
