/**
 * namespacedResourcesDeleter (pkg/controller/namespace/deletion): empties a terminating namespace
 * of every namespaced resource the API server serves, reports progress in the namespace's
 * conditions, and, once nothing is left, removes the `kubernetes` finalizer so the API server can
 * delete the namespace.
 */
import type { KubeObject } from '../../api/types.js';
import { parseTime } from '../../api/time.js';
import type { ApiClient } from '../../apiserver/types.js';
import { RESOURCES, type ResourceInfo } from '../../apiserver/registry.js';
import type { Clock } from '../../clock/types.js';
import { updatedConditions, type NamespaceCondition } from './conditions.js';
import { FINALIZER_ESTIMATE_SECONDS } from './timings.js';

/** v1.FinalizerKubernetes. */
export const FINALIZER_KUBERNETES = 'kubernetes';

/** What a deletion pass ended with: finished, objects still going (wait about `estimateSeconds`), or an error to retry. */
export type DeletionOutcome = { kind: 'done' } | { kind: 'remaining'; estimateSeconds: number } | { kind: 'error'; message: string };

interface ResourceOutcome {
  estimateSeconds: number;
  remaining: number;
  finalizers: Map<string, number>;
  error?: string;
}

/** The namespaced resources to empty: every one the API server serves (all support delete). */
export function namespacedResources(): ResourceInfo[] {
  return RESOURCES.filter((info) => info.namespaced);
}

/** `pods.` / `deployments.apps`: how the conditions name a resource (`gvr.Resource + "." + gvr.Group`). */
function resourceLabel(info: ResourceInfo): string {
  return `${info.resource}.${info.group}`;
}

/** schema.GroupVersionResource.String(): `/v1, Resource=pods`. */
function gvrString(info: ResourceInfo): string {
  return `${info.group}/${info.version}, Resource=${info.resource}`;
}

function specFinalizers(ns: Readonly<KubeObject>): string[] {
  return ((ns['spec'] as { finalizers?: string[] } | undefined)?.finalizers) ?? [];
}

/** Runs namespace deletion passes. */
export class NamespacedResourcesDeleter {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  /** Delete: one pass over the namespace `name`, read live from the API server. */
  delete(name: string): DeletionOutcome {
    const got = this.api.get('namespaces', '', name);
    if (!got.ok) return got.status.code === 404 ? { kind: 'done' } : { kind: 'error', message: got.status.message ?? '' };
    let ns = got.value;
    if (ns.metadata.deletionTimestamp == null) return { kind: 'done' };
    const marked = this.ensureTerminating(ns);
    if (marked === undefined) return { kind: 'done' };
    if ('error' in marked) return { kind: 'error', message: marked.error };
    ns = marked.ns;
    if (!specFinalizers(ns).includes(FINALIZER_KUBERNETES)) return { kind: 'done' };

    const content = this.deleteAllContent(ns);
    if (content.kind !== 'done') return content;
    return this.finalize(ns);
  }

  /** updateNamespaceStatusFunc: phase Terminating, if the API server did not set it already. */
  private ensureTerminating(ns: KubeObject): { ns: KubeObject } | { error: string } | undefined {
    const status = (ns['status'] as { phase?: string } | undefined) ?? {};
    if (status.phase === 'Terminating') return { ns };
    const updated = this.api.update('namespaces', '', { ...ns, status: { ...status, phase: 'Terminating' } }, { subresource: 'status' });
    if (updated.ok) return { ns: updated.value };
    return updated.status.code === 404 ? undefined : { error: updated.status.message ?? '' };
  }

  /** deleteAllContent: every resource emptied, the conditions updated, the longest wait returned. */
  private deleteAllContent(ns: KubeObject): DeletionOutcome {
    const name = ns.metadata.name ?? '';
    const deletedAt = parseTime(ns.metadata.deletionTimestamp) ?? this.clock.now();
    const remainingByResource = new Map<string, number>();
    const remainingByFinalizer = new Map<string, number>();
    const errors: string[] = [];
    let estimate = 0;
    for (const info of namespacedResources()) {
      const outcome = this.deleteAllContentForResource(info, name, deletedAt);
      if (outcome.error !== undefined) errors.push(outcome.error);
      estimate = Math.max(estimate, outcome.estimateSeconds);
      if (outcome.remaining > 0) {
        remainingByResource.set(resourceLabel(info), outcome.remaining);
        for (const [finalizer, n] of outcome.finalizers) remainingByFinalizer.set(finalizer, (remainingByFinalizer.get(finalizer) ?? 0) + n);
      }
    }
    const conditions = ((ns['status'] as { conditions?: NamespaceCondition[] } | undefined)?.conditions) ?? [];
    const next = updatedConditions(conditions, { remainingByResource, remainingByFinalizer, deleteErrors: errors }, this.clock.now());
    if (next !== undefined) {
      // A failed condition write is only logged upstream; the next pass writes it again.
      this.api.update('namespaces', '', { ...ns, status: { ...(ns['status'] as object), conditions: next } }, { subresource: 'status' });
    }
    if (errors.length > 0) return { kind: 'error', message: errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]` };
    return estimate > 0 ? { kind: 'remaining', estimateSeconds: estimate } : { kind: 'done' };
  }

  /** deleteAllContentForGroupVersionResource: delete each object (Background), then count what is left. */
  private deleteAllContentForResource(info: ResourceInfo, namespace: string, deletedAt: number): ResourceOutcome {
    const estimate = info.resource === 'pods' ? this.estimateGracefulTerminationForPods(namespace, deletedAt) : 0;
    const nothing: ResourceOutcome = { estimateSeconds: estimate, remaining: 0, finalizers: new Map() };
    const listed = this.api.list(info.resource, namespace);
    if (!listed.ok) return { ...nothing, error: listed.status.message ?? '' };
    for (const item of listed.value.items) {
      const deleted = this.api.delete(info.resource, namespace, item.metadata.name ?? '', { propagationPolicy: 'Background' });
      if (!deleted.ok && deleted.status.code !== 404) return { ...nothing, error: deleted.status.message ?? '' };
    }
    const left = this.api.list(info.resource, namespace);
    if (!left.ok) return { ...nothing, error: left.status.message ?? '' };
    const items = left.value.items;
    if (items.length === 0) return { estimateSeconds: 0, remaining: 0, finalizers: new Map() };
    const finalizers = new Map<string, number>();
    for (const item of items) for (const f of item.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    if (estimate !== 0) return { estimateSeconds: estimate, remaining: items.length, finalizers };
    if (finalizers.size > 0) return { estimateSeconds: FINALIZER_ESTIMATE_SECONDS, remaining: items.length, finalizers };
    return { estimateSeconds: 0, remaining: items.length, finalizers, error: `unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(info)}` };
  }

  /**
   * estimateGracefulTermination for pods: the longest grace period of the namespace's unfinished
   * pods, or 0 once that long has passed since the namespace was deleted.
   */
  private estimateGracefulTerminationForPods(namespace: string, deletedAt: number): number {
    const listed = this.api.list('pods', namespace);
    if (!listed.ok) return 0;
    let estimate = 0;
    for (const pod of listed.value.items) {
      const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const grace = (pod['spec'] as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds;
      if (grace !== undefined && grace > estimate) estimate = grace;
    }
    return this.clock.now() - deletedAt >= estimate * 1000 ? 0 : estimate;
  }

  /**
   * finalizeNamespace: the `kubernetes` finalizer removed from spec.finalizers. Upstream writes the
   * `namespaces/<name>/finalize` subresource; this API server has none, and lets a plain update
   * change spec.finalizers.
   */
  private finalize(ns: KubeObject): DeletionOutcome {
    const latest = this.api.get('namespaces', '', ns.metadata.name ?? '');
    if (!latest.ok) return latest.status.code === 404 ? { kind: 'done' } : { kind: 'error', message: latest.status.message ?? '' };
    const finalizers = specFinalizers(latest.value).filter((f) => f !== FINALIZER_KUBERNETES);
    const updated = this.api.update('namespaces', '', { ...latest.value, spec: { ...(latest.value['spec'] as object), finalizers } });
    if (updated.ok || updated.status.code === 404) return { kind: 'done' };
    return { kind: 'error', message: updated.status.message ?? '' };
  }
}
