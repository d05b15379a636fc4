/**
 * The shapes every part of the playground shares: Kubernetes objects as plain JSON.
 * Objects are stored deep-frozen; readers get `Readonly` views and writers build new objects.
 */

/** Any JSON value, as it appears inside a Kubernetes object. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
/** A JSON object (a map of JSON values). */
export interface JsonObject {
  [key: string]: JsonValue | undefined;
}

/** metav1.OwnerReference. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** metav1.ObjectMeta, with the fields the playground reads or sets. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [key: string]: unknown;
}

/**
 * A Kubernetes object as plain JSON: `apiVersion`, `kind`, `metadata`, and whatever the kind
 * carries (`spec`, `status`, `data`, …). Typed views of particular kinds live next to their users.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** metav1.ListMeta. */
export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  /** How many more objects a paged list holds after this page (only when no selector filtered it). */
  remainingItemCount?: number;
}

/** A `<Kind>List` as the API server returns it. */
export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** The type of a watch event, as the API server streams it. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** A group/version/kind triple. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** `apps/v1` → { group: 'apps', version: 'v1' }; `v1` → { group: '', version: 'v1' }. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** `{group:'apps', version:'v1'}` → `apps/v1`; the core group gives `v1`. */
export function formatApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}
