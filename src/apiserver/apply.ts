/**
 * The apply patch (server-side apply, `application/apply-patch+yaml`): the configuration is
 * merged into the live object under field ownership, recorded in `metadata.managedFields`, and
 * the result goes down the create path (object missing) or the update path (validation,
 * generation, optimistic concurrency), dry run included.
 */
import type { JsonObject, KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail } from '../api/result.js';
import { rfc3339 } from '../api/time.js';
import type { PatchOptions } from './types.js';
import type { ResourceInfo } from './registry.js';
import { apiVersionOf } from './registry.js';
import type { ServerContext } from './server-context.js';
import { readObject } from './server-context.js';
import { createObject } from './create.js';
import { updateObject } from './update.js';
import type { ManagerIdentity } from './managed-fields.js';
import { decodeManagedFields, encodeManagedFields } from './managed-fields.js';
import { checkApplyConfig, checkApplyManager, decodeApplyConfig } from './apply-config.js';
import type { ApplyFieldsOptions } from './apply-fields.js';
import { applyFields, conflictsOutside } from './apply-fields.js';
import { applyConflictStatus } from './apply-conflicts.js';
import { KUBECTL_APPLY_MANAGER, fieldsStillAsLastApplied, withLastAppliedUpdated } from './apply-last-applied.js';

/** Applies `patch` (the configuration) to object `name`, creating it when it does not exist. */
export function applyObject(
  ctx: ServerContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  patch: unknown,
  options: PatchOptions = {},
): Result<KubeObject> {
  const manager = checkApplyManager(options.fieldManager);
  if (!manager.ok) return manager;
  const ns = info.namespaced ? namespace : '';
  const decoded = decodeApplyConfig(patch);
  if (!decoded.ok) return decoded;
  const checked = checkApplyConfig(info, info.version, decoded.value, name, ns);
  if (!checked.ok) return checked;
  const config = checked.value;

  const read = readObject(ctx, info, ns, name);
  if (!read.ok) return read;
  const stored = read.value?.object;
  const live: KubeObject = stored ?? { apiVersion: apiVersionOf(info), kind: info.kind, metadata: info.namespaced ? { name, namespace: ns } : { name } };
  const managers = decodeManagedFields(live.metadata.managedFields) ?? [];
  const applier: ManagerIdentity = { manager: manager.value, operation: 'Apply', apiVersion: apiVersionOf(info) };
  const fieldOptions: ApplyFieldsOptions = { kind: info.kind, hasStatus: info.hasStatus, force: options.force === true, time: rfc3339(ctx.clock.now()) };

  let applied = applyFields(live, config, managers, applier, fieldOptions);
  if (!applied.ok && applier.manager === KUBECTL_APPLY_MANAGER) {
    // Fields client-side apply set and nobody changed since are kubectl's to take.
    const allowed = stored && fieldsStillAsLastApplied(stored, info.kind, info.hasStatus);
    if (allowed !== undefined) {
      const remaining = conflictsOutside(applied.conflicts, allowed);
      applied = remaining.length === 0 ? applyFields(live, config, managers, applier, { ...fieldOptions, force: true }) : { ok: false, conflicts: remaining };
    }
  }
  if (!applied.ok) return fail(applyConflictStatus(applied.conflicts));

  let object = applied.object;
  if (applier.manager === KUBECTL_APPLY_MANAGER) object = withLastAppliedUpdated(object, config);
  const result = object as unknown as KubeObject;
  result.metadata = { ...result.metadata, managedFields: encodeManagedFields(applied.managers) };
  const writeOptions = options.dryRun === true ? { dryRun: true } : {};
  if (stored === undefined) return createObject(ctx, info, ns, result, writeOptions);
  const wanted = (config['metadata'] as JsonObject)['resourceVersion'];
  result.metadata.resourceVersion = typeof wanted === 'string' && wanted !== '' ? wanted : stored.metadata.resourceVersion;
  return updateObject(ctx, info, ns, result, writeOptions);
}
