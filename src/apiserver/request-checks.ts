/**
 * Checks on a request before any object logic: the body is an object of the resource's kind in a
 * served version, and its namespace agrees with the request's.
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import type { Status } from '../api/status.js';
import { fail, ok } from '../api/result.js';
import { badRequest, noKindMatch } from '../api/status.js';
import type { ResourceInfo } from './registry.js';
import { apiVersionOf, resourceForKind } from './registry.js';
import { base64ErrorOffset } from '../api/base64.js';

/** A body that is not an object of this resource's kind in a served version is refused. */
export function checkObjectShape(info: ResourceInfo, input: KubeObject): Status | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return badRequest('the body of the request was not a JSON object');
  if (typeof input.metadata !== 'object' || input.metadata === null || Array.isArray(input.metadata)) {
    return badRequest('Object \'metadata\' is missing or is not an object');
  }
  const apiVersion = typeof input.apiVersion === 'string' && input.apiVersion !== '' ? input.apiVersion : apiVersionOf(info);
  const kind = typeof input.kind === 'string' && input.kind !== '' ? input.kind : info.kind;
  const served = resourceForKind(apiVersion, kind);
  if (!served) {
    return kind === info.kind ? noKindMatch(kind, apiVersion) : badRequest(`${kind} in version "${apiVersion}" cannot be handled as a ${info.kind}`);
  }
  if (served !== info) return badRequest(`${kind} in version "${apiVersion}" cannot be handled as a ${info.kind}`);
  return checkDecodable(info, input, apiVersion);
}

/** Byte fields travel as base64 (Secret `data`, ConfigMap `binaryData`); the decoder refuses anything else. */
function checkDecodable(info: ResourceInfo, input: KubeObject, apiVersion: string): Status | undefined {
  const field = info.kind === 'Secret' ? input.data : info.kind === 'ConfigMap' ? input.binaryData : undefined;
  if (typeof field !== 'object' || field === null) return undefined;
  for (const value of Object.values(field)) {
    if (typeof value !== 'string') continue;
    const offset = base64ErrorOffset(value);
    if (offset !== undefined) {
      return badRequest(`${info.kind} in version "${apiVersion}" cannot be handled as a ${info.kind}: illegal base64 data at input byte ${offset}`);
    }
  }
  return undefined;
}

/**
 * The namespace a create works in: the request's, which the object's must match; '' for
 * cluster-scoped kinds, whose objects never carry one.
 */
export function createNamespace(info: ResourceInfo, requested: string, input: KubeObject): Result<string> {
  if (!info.namespaced) return ok('');
  const own = typeof input.metadata.namespace === 'string' ? input.metadata.namespace : '';
  if (requested !== '' && own !== '' && own !== requested) {
    return fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  const namespace = requested || own;
  return namespace === '' ? fail(badRequest('an empty namespace may not be set during creation')) : ok(namespace);
}
