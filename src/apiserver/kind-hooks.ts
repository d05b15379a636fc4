/**
 * Kind-specific steps around the generic write path, as the REST storages of those kinds add
 * them: Services get a ClusterIP and NodePorts, Jobs get their generated selector, and
 * ResourceQuotas get the status the quota controller would give them (admission/quota-status.ts).
 */
import type { KubeObject } from '../api/types.js';
import type { FieldError } from '../api/field-errors.js';
import type { ResourceInfo } from './registry.js';
import type { ServerContext } from './server-context.js';
import type { Claims } from './service-allocation.js';
import { allocateForService, releaseDropped } from './service-allocation.js';
import { generateJobSelector } from './defaulting/index.js';
import { syncQuotaStatus } from './admission/quota-status.js';

/** What a prepare step claimed and what it found wrong. */
export interface Prepared {
  claims: Claims;
  errors: FieldError[];
}

const NOTHING: Prepared = { claims: { ips: [], ports: [] }, errors: [] };

/** Runs before validation of a new object (a mutable copy). */
export function prepareForCreate(ctx: ServerContext, info: ResourceInfo, object: KubeObject): Prepared {
  if (info.kind === 'Service') return allocateForService(object, undefined, ctx.allocators);
  if (info.kind === 'Job') {
    const generated = generateJobSelector(object, object.metadata.uid ?? '');
    object.spec = generated.spec;
    object.metadata = generated.metadata;
  }
  if (info.kind === 'ResourceQuota' && info.group === '') syncQuotaStatus(ctx, object);
  return NOTHING;
}

/** Runs before validation of an update (a mutable copy of the new object). */
export function prepareForUpdate(ctx: ServerContext, info: ResourceInfo, object: KubeObject, current: KubeObject): Prepared {
  if (info.kind === 'Service') return allocateForService(object, current, ctx.allocators);
  if (info.kind === 'ResourceQuota' && info.group === '') syncQuotaStatus(ctx, object, current);
  return NOTHING;
}

/** Runs after a write commits: frees what the previous state held and the new one does not. */
export function afterCommit(ctx: ServerContext, info: ResourceInfo, previous: KubeObject | undefined, next: KubeObject | undefined): void {
  if (info.kind === 'Service' && previous) releaseDropped(previous, next, ctx.allocators);
}
