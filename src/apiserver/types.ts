/**
 * The kube-apiserver's client-facing contract. Every component (controllers, scheduler, kubelets,
 * the manifests applier, the HTTP front, the dashboard) talks to the cluster only through this.
 * Calls are synchronous and return `Result`s; watch events arrive later, through the clock.
 */
import type { KubeList, KubeObject, WatchEventType } from '../api/types.js';
import type { Result } from '../api/result.js';
import type { Status } from '../api/status.js';

/**
 * Names a resource the way kubectl does: `pods`, `deployments`, `deployments.apps`, or a
 * subresource-less kind lookup is done with `ApiServer.resourceForKind`. `create` also accepts
 * the subresource `pods/binding` (a v1 Binding; answers a metav1.Status, Success 201).
 */
export type ResourceName = string;

/** Options shared by reads. `namespace` '' means all namespaces (or a cluster-scoped resource). */
export interface ListOptions {
  /** A label selector string: `app=web,tier in (a,b),!legacy`. */
  labelSelector?: string;
  /** A field selector string: `spec.nodeName=node-1,status.phase!=Running`. */
  fieldSelector?: string;
  /** LIST: at most this many matching objects per page (0 or absent: all); see list-paging.ts. */
  limit?: number;
  /** LIST: the `metadata.continue` token of the previous page. */
  continue?: string;
  /** LIST: '' (the latest), '0' (any: the current state) or a revision; WATCH: start after it. */
  resourceVersion?: string;
  /** LIST: how `resourceVersion` applies: 'Exact' or 'NotOlderThan' (needs `resourceVersion`). */
  resourceVersionMatch?: string;
}

/** Options for a watch: events strictly after `resourceVersion` ('' or absent: synthetic ADDED for all, then live). */
export interface WatchOptions extends ListOptions {
  resourceVersion?: string;
}

/** Options for writes. */
export interface WriteOptions {
  /** Validate and return the would-be result without storing it. */
  dryRun?: boolean;
  fieldManager?: string;
}

/**
 * Options for update: `subresource: 'status'` writes only status (and ignores spec changes);
 * `'scale'` is a write through the scale subresource (recorded as such in managedFields).
 */
export interface UpdateOptions extends WriteOptions {
  subresource?: 'status' | 'scale';
}

/** Options for patch: `force` lets a server-side apply take fields other managers own instead of failing with 409. */
export interface PatchOptions extends UpdateOptions {
  force?: boolean;
  /**
   * The served version the patch is written against (the URL's, e.g. autoscaling `v1`): the live
   * object is converted to it, patched, and converted back, as kube-apiserver patches.
   */
  version?: string;
}

/**
 * The patch formats kube-apiserver accepts. `apply` is server-side apply
 * (`application/apply-patch+yaml`): the patch is the applied configuration, as YAML or JSON
 * text or as a decoded object; it needs a `fieldManager`, and creates the object when it is
 * missing (a caller that must tell a create from an update checks existence first: the calls
 * are synchronous, so nothing can happen in between).
 */
export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

/** metav1.DeleteOptions, with the fields the playground honours. */
export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** One event of a watch. For ERROR the object is a Status (410 Expired when the revision was compacted). */
export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject | Status;
}

/** A running watch. */
export interface WatchHandle {
  stop(): void;
}

/** The verbs of kube-apiserver, as in-process calls. */
export interface ApiClient {
  create(resource: ResourceName, namespace: string, object: KubeObject, options?: WriteOptions): Result<KubeObject>;
  get(resource: ResourceName, namespace: string, name: string): Result<KubeObject>;
  list(resource: ResourceName, namespace: string, options?: ListOptions): Result<KubeList>;
  update(resource: ResourceName, namespace: string, object: KubeObject, options?: UpdateOptions): Result<KubeObject>;
  patch(
    resource: ResourceName,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    options?: PatchOptions,
  ): Result<KubeObject>;
  delete(resource: ResourceName, namespace: string, name: string, options?: DeleteOptions): Result<KubeObject>;
  watch(
    resource: ResourceName,
    namespace: string,
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
  ): Result<WatchHandle>;
}
