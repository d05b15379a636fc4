/**
 * ObjectMeta on create and update (k8s.io/apimachinery/pkg/api/validation/objectmeta.go plus
 * core's finalizer rule): name, generateName, labels, annotations, owner references, finalizers,
 * and the fields an update may never change.
 */
import { jsonEqual } from '../../api/equal.js';
import { child, forbiddenField, index, invalidValue, required, tooLong } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { asObject, boolAt, intAt, objectsAt, stringAt, stringMapAt, stringsAt } from './access.js';
import { goPointer, goTime, invalidGo } from './go-value.js';
import { validateLabels } from './labels.js';
import type { NameFn } from './names.js';
import { isDNS1123Label, isQualifiedName } from './names.js';

/** `field is immutable`. */
export const FIELD_IMMUTABLE = 'field is immutable';

/** The annotations size limit: 256 KiB of keys and values together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateImmutableField: `<path>: Invalid value: <new>: field is immutable` when old and new differ. */
export function validateImmutableField(errs: Errors, newValue: unknown, oldValue: unknown, path: string): void {
  if (!jsonEqual(newValue ?? null, oldValue ?? null)) errs.push(invalidValue(path, newValue ?? null, FIELD_IMMUTABLE));
}

/** ValidateNonnegativeField: `must be greater than or equal to 0`. */
export function validateNonnegative(errs: Errors, value: number | undefined, path: string): void {
  if (value !== undefined && value < 0) errs.push(invalidValue(path, value, 'must be greater than or equal to 0'));
}

/** ValidateAnnotations: keys are qualified names (case-insensitive); all of them fit in 256 KiB. */
export function validateAnnotations(errs: Errors, annotations: Record<string, string> | undefined, path: string): void {
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalidValue(path, k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(errs: Errors, finalizers: string[], path: string): void {
  finalizers.forEach((f, i) => {
    for (const msg of isQualifiedName(f)) errs.push(invalidValue(path, f, msg));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalidValue(index(path, i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalidValue(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
}

/** A metav1.OwnerReference as Go's %#v prints it. */
function goOwnerReference(ref: Json, slot: number): string {
  const s = (k: string): string => JSON.stringify(typeof ref[k] === 'string' ? ref[k] : '');
  const p = (k: string, i: number): string => goPointer('bool', ref[k] !== undefined && ref[k] !== null, slot * 2 + i);
  return `v1.OwnerReference{APIVersion:${s('apiVersion')}, Kind:${s('kind')}, Name:${s('name')}, UID:${s('uid')}, Controller:${p('controller', 0)}, BlockOwnerDeletion:${p('blockOwnerDeletion', 1)}}`;
}

function validateOwnerReferences(errs: Errors, meta: Json, path: string): void {
  const refsPath = child(path, 'ownerReferences');
  const refs = objectsAt(errs, meta, path, 'ownerReferences');
  let firstController = '';
  refs.forEach((ref, i) => {
    if (!ref) return;
    const p = index(refsPath, i);
    const apiVersion = stringAt(errs, ref, p, 'apiVersion') ?? '';
    const kind = stringAt(errs, ref, p, 'kind') ?? '';
    const name = stringAt(errs, ref, p, 'name') ?? '';
    const uid = stringAt(errs, ref, p, 'uid') ?? '';
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (version === '') errs.push(invalidValue(child(refsPath, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (kind === '') errs.push(invalidValue(child(refsPath, 'kind'), kind, 'must not be empty'));
    if (name === '') errs.push(invalidValue(child(refsPath, 'name'), name, 'must not be empty'));
    if (uid === '') errs.push(invalidValue(child(refsPath, 'uid'), uid, 'must not be empty'));
    if (apiVersion === 'v1' && kind === 'Event') errs.push(invalidGo(refsPath, goOwnerReference(ref, i), '/v1, Kind=Event is disallowed from being an owner'));
    if (boolAt(errs, ref, p, 'controller') === true) {
      const current = `${kind}/${name}`;
      if (firstController === '') firstController = current;
      else {
        const all = `[]v1.OwnerReference{${refs.map((r, j) => goOwnerReference(r ?? {}, j)).join(', ')}}`;
        errs.push(invalidGo(refsPath, all, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      }
    }
  });
}

/** The parts of ObjectMeta checked the same way on create and update. */
function validateCommon(errs: Errors, meta: Json, path: string): void {
  const namespace = stringAt(errs, meta, path, 'namespace');
  if (namespace) for (const msg of isDNS1123Label(namespace)) errs.push(invalidValue(child(path, 'namespace'), namespace, msg));
  const generation = intAt(errs, meta, path, 'generation');
  if (generation !== undefined && generation < 0) errs.push(invalidValue(child(path, 'generation'), generation, 'must be greater than or equal to 0'));
  validateLabels(errs, stringMapAt(errs, meta, path, 'labels'), child(path, 'labels'));
  validateAnnotations(errs, stringMapAt(errs, meta, path, 'annotations'), child(path, 'annotations'));
  validateOwnerReferences(errs, meta, path);
  validateFinalizers(errs, stringsAt(errs, meta, path, 'finalizers'), child(path, 'finalizers'));
}

/** Reads `metadata` as an object, reporting a non-object. */
export function metaOf(errs: Errors, object: Json, path = 'metadata'): Json {
  const meta = asObject(object.metadata);
  if (!meta && object.metadata !== undefined) errs.push(invalidValue(path, object.metadata, 'must be an object'));
  return meta ?? {};
}

/**
 * ValidateObjectMeta on create: name (or generateName) by the kind's rule, then the common parts.
 * Whether a namespace is required or forbidden is the API server's concern, not checked here.
 */
export function validateObjectMeta(errs: Errors, meta: Json, nameFn: NameFn, path = 'metadata'): void {
  const generateName = stringAt(errs, meta, path, 'generateName');
  if (generateName) for (const msg of nameFn(generateName, true)) errs.push(invalidValue(child(path, 'generateName'), generateName, msg));
  const name = stringAt(errs, meta, path, 'name');
  if (!name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(invalidValue(child(path, 'name'), name, msg));
  validateCommon(errs, meta, path);
}

/** ValidateObjectMetaUpdate: server-owned fields unchanged, generation not decremented, then the common parts. */
export function validateObjectMetaUpdate(errs: Errors, meta: Json, oldMeta: Json, path = 'metadata'): void {
  if (oldMeta.deletionTimestamp !== undefined) {
    const old = new Set(stringsAt([], oldMeta, path, 'finalizers'));
    const extra = stringsAt([], meta, path, 'finalizers').filter((f) => !old.has(f));
    if (extra.length > 0) {
      const list = [...new Set(extra)].sort().map((f) => JSON.stringify(f)).join(', ');
      errs.push(forbiddenField(child(path, 'finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers []string{${list}}`));
    }
  }
  const generation = typeof meta.generation === 'number' ? meta.generation : 0;
  const oldGeneration = typeof oldMeta.generation === 'number' ? oldMeta.generation : 0;
  if (generation < oldGeneration) errs.push(invalidValue(child(path, 'generation'), generation, 'must not be decremented'));
  for (const field of ['name', 'namespace', 'uid']) validateImmutableField(errs, meta[field] ?? '', oldMeta[field] ?? '', child(path, field));
  for (const field of ['creationTimestamp', 'deletionTimestamp']) {
    if (!jsonEqual(meta[field] ?? null, oldMeta[field] ?? null)) errs.push(invalidGo(child(path, field), goTime(meta[field]), FIELD_IMMUTABLE));
  }
  validateImmutableField(errs, meta.deletionGracePeriodSeconds ?? null, oldMeta.deletionGracePeriodSeconds ?? null, child(path, 'deletionGracePeriodSeconds'));
  validateCommon(errs, meta, path);
}

