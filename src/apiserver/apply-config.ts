/**
 * Reading a server-side apply request's configuration and checking it as kube-apiserver does:
 * YAML or JSON text (or an already decoded object), decoded into a map; a manager is required;
 * the configuration must be of the resource's group, version and kind, carry no managedFields,
 * and name the object (and namespace) of the URL.
 */
import { load } from 'js-yaml';
import type { JsonObject, JsonValue } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import { badRequest, invalid } from '../api/status.js';
import { required } from '../api/field-errors.js';
import { isMap } from '../api/patch/go-values.js';
import type { ResourceInfo } from './registry.js';

/** The Go type name json.Unmarshal reports for a decoded value of the wrong kind. */
function goTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/** Decodes the body of an apply patch: `error decoding YAML: …` (400) when it is not a map. */
export function decodeApplyConfig(patch: unknown): Result<JsonObject> {
  // Decoded JSON; YAML may also give Dates, which the JSON round trip at the end makes strings.
  let value = patch as JsonValue | undefined;
  if (typeof patch === 'string' || patch instanceof Uint8Array) {
    const text = typeof patch === 'string' ? patch : Buffer.from(patch).toString('utf8');
    if (text.trim() === '') return ok({});
    try {
      value = load(text, { maxAliases: 100 }) as JsonValue | undefined;
    } catch (error) {
      const e = error as { reason?: string; mark?: { line?: number }; message?: string };
      const line = e.mark?.line === undefined ? '' : `line ${e.mark.line + 1}: `;
      return fail(badRequest(`error decoding YAML: error converting YAML to JSON: yaml: ${line}${e.reason ?? e.message ?? 'invalid document'}`));
    }
  }
  if (value === null || value === undefined) return ok({});
  if (!isMap(value)) {
    return fail(
      badRequest(
        `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goTypeName(value)} into Go value of type map[string]interface {}`,
      ),
    );
  }
  return ok(JSON.parse(JSON.stringify(value)) as JsonObject);
}

/** PatchOptions validation: an apply names its field manager. */
export function checkApplyManager(fieldManager: string | undefined): Result<string> {
  if (fieldManager !== undefined && fieldManager !== '') return ok(fieldManager);
  return fail(invalid('meta.k8s.io', 'PatchOptions', '', [required('fieldManager', 'is required for apply patch')]));
}

/**
 * The configuration is of the resource's kind (versionCheckManager: `invalid object type:
 * apps/v1, Kind=Deployment`), has no managedFields, and names the URL's object and namespace.
 */
export function checkApplyConfig(info: ResourceInfo, version: string, config: JsonObject, name: string, namespace: string): Result<JsonObject> {
  const apiVersion = typeof config['apiVersion'] === 'string' ? config['apiVersion'] : '';
  const kind = typeof config['kind'] === 'string' ? config['kind'] : '';
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const configVersion = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (group !== info.group || configVersion !== version || kind !== info.kind) {
    return fail(badRequest(`invalid object type: ${group}/${configVersion}, Kind=${kind}`));
  }
  const metadata = isMap(config['metadata']) ? config['metadata'] : {};
  if (metadata['managedFields'] !== undefined && metadata['managedFields'] !== null) return fail(badRequest('metadata.managedFields must be nil'));
  const ownName = metadata['name'];
  if (typeof ownName === 'string' && ownName !== '' && ownName !== name) {
    return fail(badRequest(`the name of the object (${ownName}) does not match the name on the URL (${name})`));
  }
  const ownNamespace = metadata['namespace'];
  if (info.namespaced && typeof ownNamespace === 'string' && ownNamespace !== '' && ownNamespace !== namespace) {
    return fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  const withName: JsonObject = { ...metadata, name };
  if (info.namespaced) withName['namespace'] = namespace;
  else delete withName['namespace'];
  return ok({ ...config, metadata: withName });
}
