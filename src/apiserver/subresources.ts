/**
 * The subresources reached through `create` (`POST .../pods/<name>/binding`, `.../eviction`),
 * named as kubectl and client-go name them: `pods/binding`, and `bindings`, the older
 * namespace-level endpoint kube-scheduler once used and `kubectl create -f binding.yaml` posts to.
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import type { WriteOptions } from './types.js';
import type { ServerContext } from './server-context.js';
import { createBinding } from './binding.js';
import { createEviction } from './eviction.js';

/** Creates on a subresource; undefined when `resource` names none (the caller resolves it as a resource). */
export function createOnSubresource(
  ctx: ServerContext,
  resource: string,
  namespace: string,
  object: KubeObject,
  options?: WriteOptions,
): Result<KubeObject> | undefined {
  switch (resource.toLowerCase()) {
    case 'pods/binding':
    case 'bindings':
      return createBinding(ctx, namespace, object, options);
    case 'pods/eviction':
      return createEviction(ctx, namespace, object, options);
    default:
      return undefined;
  }
}
