/**
 * Resolves the object a command names, as kubectl does: `deployment/web`, `deploy web`,
 * `deployments.apps/web`, with `-n NAMESPACE` (default `default`).
 */
import type { KubeObject } from '../../api/types.js';
import type { Status } from '../../api/status.js';
import type { ApiClient } from '../../apiserver/types.js';
import { lookupResource, type ResourceInfo } from '../../apiserver/registry.js';
import type { CommandArgs } from '../command-line.js';

/** A named object of a known resource. */
export interface ObjectRef {
  info: ResourceInfo;
  namespace: string;
  name: string;
  /** How many positionals the reference used (1 for `kind/name`, 2 for `kind name`). */
  consumed: number;
}

/** The namespace of a command: `-n`/`--namespace`, else `default`. */
export function commandNamespace(args: CommandArgs): string {
  return args.flags.get('n') ?? args.flags.get('namespace') ?? 'default';
}

/** Reads the reference at `positionals[at]` (and the next word when there is no slash). */
export function resolveObjectRef(args: CommandArgs, at = 0, defaultResource?: string): ObjectRef | { error: string } {
  const first = args.positionals[at];
  if (first === undefined) return { error: 'error: you must specify the type of resource and its name' };
  let resourceName: string;
  let name: string | undefined;
  let consumed: number;
  const slash = first.indexOf('/');
  if (slash >= 0) {
    resourceName = first.slice(0, slash);
    name = first.slice(slash + 1);
    consumed = 1;
  } else if (defaultResource !== undefined) {
    resourceName = defaultResource;
    name = first;
    consumed = 1;
  } else {
    resourceName = first;
    name = args.positionals[at + 1];
    consumed = 2;
  }
  const info = lookupResource(resourceName);
  if (info === undefined) return { error: `error: the server doesn't have a resource type "${resourceName}"` };
  if (name === undefined || name === '') return { error: `error: resource name may not be empty` };
  return { info, namespace: info.namespaced ? commandNamespace(args) : '', name, consumed };
}

/** `deployment.apps/web`: how kubectl names an object in its output. */
export function qualifiedName(info: ResourceInfo, name: string): string {
  return `${info.singular}${info.group === '' ? '' : `.${info.group}`}/${name}`;
}

/** `deployment.apps "web"`: how kubectl names an object in `deleted` lines. */
export function quotedName(info: ResourceInfo, name: string): string {
  return `${info.singular}${info.group === '' ? '' : `.${info.group}`} "${name}"`;
}

/** kubectl's line for a server error: `Error from server (NotFound): deployments.apps "web" not found`. */
export function serverError(status: Status): string {
  return `Error from server${status.reason ? ` (${status.reason})` : ''}: ${status.message ?? 'unknown error'}`;
}

/** Gets the object, or kubectl's error line (a string). */
export function getObject(api: ApiClient, ref: ObjectRef): KubeObject | string {
  const got = api.get(ref.info.resource, ref.namespace, ref.name);
  return got.ok ? got.value : serverError(got.status);
}
