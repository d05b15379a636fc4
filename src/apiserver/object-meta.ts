/**
 * Server-set metadata, as the generic registry sets it (k8s.io/apiserver/pkg/registry/rest
 * BeforeCreate/BeforeUpdate): uid, creationTimestamp, generateName, generation, and the fields a
 * client can never change.
 */
import type { KubeObject, ObjectMeta } from '../api/types.js';
import type { Random } from '../api/random.js';
import { rfc3339 } from '../api/time.js';
import { shallowCopy } from '../api/freeze.js';

/** Longest name prefix kept from `generateName` (63 − 5 random characters), as names.SimpleNameGenerator does. */
const MAX_GENERATED_BASE_LENGTH = 58;
const RANDOM_SUFFIX_LENGTH = 5;

/** `generateName` + 5 random characters from Kubernetes' alphabet. */
export function generateName(base: string, random: Random): string {
  return base.slice(0, MAX_GENERATED_BASE_LENGTH) + random.string(RANDOM_SUFFIX_LENGTH);
}

/** Metadata of a new object: a client's labels, annotations, owners and finalizers, plus server-set fields. */
export function metadataForCreate(
  input: ObjectMeta,
  namespace: string,
  now: number,
  random: Random,
  withGeneration: boolean,
): ObjectMeta {
  // Not `{ ...input }`: the copy gains fields and is frozen (see shallowCopy: shared hidden classes).
  const meta: ObjectMeta = shallowCopy(input);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName, random);
  if (namespace === '') delete meta.namespace;
  else meta.namespace = namespace;
  meta.uid = random.uuid();
  meta.creationTimestamp = rfc3339(now);
  if (withGeneration) meta.generation = 1;
  else delete meta.generation;
  return meta;
}

/**
 * Metadata of an updated object: the client's changes to labels, annotations, owners and
 * finalizers; everything the server owns copied from the stored object.
 */
export function metadataForUpdate(input: ObjectMeta, current: ObjectMeta): ObjectMeta {
  const meta: ObjectMeta = shallowCopy(input);
  meta.name = current.name;
  if (current.namespace === undefined) delete meta.namespace;
  else meta.namespace = current.namespace;
  meta.uid = current.uid;
  meta.creationTimestamp = current.creationTimestamp;
  copyOrDelete(meta, current, 'generateName');
  copyOrDelete(meta, current, 'generation');
  copyOrDelete(meta, current, 'deletionTimestamp');
  copyOrDelete(meta, current, 'deletionGracePeriodSeconds');
  meta.resourceVersion = current.resourceVersion;
  return meta;
}

function copyOrDelete(target: ObjectMeta, source: ObjectMeta, field: keyof ObjectMeta & string): void {
  if (source[field] === undefined) delete target[field];
  else target[field] = source[field];
}

/** The object with its resourceVersion set (a new top-level object and metadata; the rest is shared). */
export function withResourceVersion(object: KubeObject, revision: number): KubeObject {
  const metadata = shallowCopy(object.metadata);
  metadata.resourceVersion = String(revision);
  const next = shallowCopy(object);
  next.metadata = metadata;
  return next;
}

/** True when the object is being deleted (has a deletionTimestamp). */
export function isBeingDeleted(object: KubeObject): boolean {
  return object.metadata.deletionTimestamp !== undefined;
}
