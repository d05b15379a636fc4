/**
 * ConfigMaps and Secrets (ValidateConfigMap, ValidateSecret and their updates): data keys, a
 * 1 MiB size limit, the keys each Secret type requires, and `immutable: true`.
 */
import { jsonEqual } from '../../api/equal.js';
import type { FieldError } from '../../api/field-errors.js';
import { forbiddenField, invalidValue, key, required, tooLong } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { asObject, boolAt, objectAt, stringAt } from './access.js';
import { metaOf, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { isConfigMapKey, nameIsDNSSubdomain } from './names.js';

/** core.MaxSecretSize: 1 MiB. */
const MAX_SIZE = 1024 * 1024;
const IMMUTABLE = 'field is immutable when `immutable` is set';

/** The byte length a base64 value decodes to, or a Go-style decoding error. */
function base64Length(value: string): number | string {
  const bad = value.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return `illegal base64 data at input byte ${bad}`;
  if (value.length % 4 !== 0) return `illegal base64 data at input byte ${value.length - (value.length % 4)}`;
  return Buffer.from(value, 'base64').length;
}

/** The members of `bag` that are strings; others are reported. */
function stringEntries(errs: Errors, object: Json, bag: string): [string, string][] {
  const o = objectAt(errs, object, '', bag);
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(o ?? {})) {
    if (typeof v === 'string') out.push([k, v]);
    else if (v !== undefined && v !== null) errs.push(invalidValue(key(bag, k), v, 'must be a string'));
  }
  return out;
}

function validateKey(errs: Errors, bag: string, k: string): void {
  for (const msg of isConfigMapKey(k)) errs.push(invalidValue(key(bag, k), k, msg));
}

/** ValidateConfigMap. */
export function validateConfigMapCreate(errs: Errors, cm: Json): void {
  validateObjectMeta(errs, metaOf(errs, cm), nameIsDNSSubdomain);
  boolAt(errs, cm, '', 'immutable');
  const binary = stringEntries(errs, cm, 'binaryData');
  const binaryKeys = new Set(binary.map(([k]) => k));
  let size = 0;
  for (const [k, v] of stringEntries(errs, cm, 'data')) {
    validateKey(errs, 'data', k);
    if (binaryKeys.has(k)) errs.push(invalidValue(key('data', k), k, 'duplicate of key present in binaryData'));
    size += Buffer.byteLength(v);
  }
  for (const [k, v] of binary) {
    validateKey(errs, 'binaryData', k);
    const length = base64Length(v);
    if (typeof length === 'string') errs.push(invalidValue(key('binaryData', k), v, length));
    else size += length;
  }
  if (size > MAX_SIZE) errs.push(tooLong('', '', MAX_SIZE));
}

function checkImmutable(errs: Errors, object: Json, old: Json, bags: string[]): void {
  if (old.immutable !== true) return;
  if (object.immutable !== true) errs.push(forbiddenField('immutable', IMMUTABLE));
  for (const bag of bags) if (!jsonEqual(object[bag] ?? null, old[bag] ?? null)) errs.push(forbiddenField(bag, IMMUTABLE));
}

/** ValidateConfigMapUpdate: nothing in data may change once `immutable` is true. */
export function validateConfigMapUpdate(errs: Errors, cm: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, cm), metaOf([], old));
  checkImmutable(errs, cm, old, ['data', 'binaryData']);
  validateConfigMapCreate(errs, cm);
}

function jsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    const first = text.trimStart()[0];
    return first === undefined ? 'unexpected end of JSON input' : `invalid character '${first}' looking for beginning of value`;
  }
}

/** The keys a Secret type requires (the switch in ValidateSecret). */
function validateSecretType(errs: Errors, type: string, data: Map<string, string>, meta: Json): void {
  const requireKey = (k: string): FieldError => required(key('data', k), '');
  switch (type) {
    case 'kubernetes.io/service-account-token': {
      const annotations = asObject(meta.annotations);
      if (!annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required(key('metadata.annotations', 'kubernetes.io/service-account.name'), ''));
      }
      break;
    }
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const k = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      const value = data.get(k);
      if (value === undefined) errs.push(requireKey(k));
      else {
        const error = jsonError(Buffer.from(value, 'base64').toString('utf8'));
        if (error) errs.push(invalidValue(key('data', k), '<secret contents redacted>', error));
      }
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!data.has('username') && !data.has('password')) errs.push(requireKey('username'), requireKey('password'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data.get('ssh-privatekey')) errs.push(requireKey('ssh-privatekey'));
      break;
    case 'kubernetes.io/tls':
      if (!data.has('tls.crt')) errs.push(requireKey('tls.crt'));
      if (!data.has('tls.key')) errs.push(requireKey('tls.key'));
      break;
    default:
      break;
  }
}

/** ValidateSecret. `stringData` counts as data: the API server merges it into data first. */
export function validateSecretCreate(errs: Errors, secret: Json): void {
  const meta = metaOf(errs, secret);
  validateObjectMeta(errs, meta, nameIsDNSSubdomain);
  boolAt(errs, secret, '', 'immutable');
  const data = new Map<string, string>();
  let size = 0;
  for (const [k, v] of stringEntries(errs, secret, 'data')) {
    validateKey(errs, 'data', k);
    const length = base64Length(v);
    if (typeof length === 'string') errs.push(invalidValue(key('data', k), '<secret contents redacted>', length));
    else size += length;
    data.set(k, v);
  }
  for (const [k, v] of stringEntries(errs, secret, 'stringData')) {
    if (!data.has(k)) validateKey(errs, 'data', k);
    size += Buffer.byteLength(v);
    data.set(k, Buffer.from(v).toString('base64'));
  }
  if (size > MAX_SIZE) errs.push(tooLong('data', '', MAX_SIZE));
  validateSecretType(errs, stringAt(errs, secret, '', 'type') ?? '', data, meta);
}

/** ValidateSecretUpdate: the type never changes; data is frozen once `immutable` is true. */
export function validateSecretUpdate(errs: Errors, secret: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, secret), metaOf([], old));
  validateImmutableField(errs, secret.type || 'Opaque', old.type || 'Opaque', 'type');
  checkImmutable(errs, secret, old, ['data']);
  validateSecretCreate(errs, secret);
}
