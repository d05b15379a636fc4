/**
 * The 409 a server-side apply gets when it would change fields other managers own
 * (fieldmanager/internal/conflict.go NewConflictError): reason Conflict, one cause of type
 * FieldManagerConflict per field, and the message kubectl prints before its advice.
 */
import type { Status, StatusCause } from '../api/status.js';
import { compareText } from '../api/patch/list-order.js';
import type { FieldSet } from './managed-fields-set.js';
import { memberPaths, pathString } from './managed-fields-set.js';
import type { ManagedSet } from './managed-fields.js';

/** Fields another manager owns that an apply would change. */
export interface ApplyConflict {
  owner: ManagedSet;
  set: FieldSet;
}

/**
 * How a manager is named in conflicts (printManager): `"kubectl" with subresource "scale"
 * using apps/v1` for an updater (its identifier has no time), just `"name"` for an applier.
 */
function printManager(owner: ManagedSet): string {
  let text = JSON.stringify(owner.manager);
  if (owner.subresource !== undefined && owner.subresource !== '') text += ` with subresource ${JSON.stringify(owner.subresource)}`;
  return owner.operation === 'Update' ? `${text} using ${owner.apiVersion}` : text;
}

/** The 409 Status for `conflicts` (none empty). */
export function applyConflictStatus(conflicts: readonly ApplyConflict[]): Status {
  const byManager = conflicts
    .map((c) => ({ manager: printManager(c.owner), paths: memberPaths(c.set).map(pathString) }))
    .sort((a, b) => compareText(a.manager, b.manager));
  const causes: StatusCause[] = byManager.flatMap(({ manager, paths }) =>
    paths.map((field) => ({ reason: 'FieldManagerConflict', message: `conflict with ${manager}`, field })),
  );
  const count = causes.length;
  let message: string;
  const only = byManager[0];
  if (count === 1 && only !== undefined) {
    message = `Apply failed with 1 conflict: conflict with ${only.manager}: ${only.paths[0] ?? ''}`;
  } else {
    const lines = byManager.flatMap(({ manager, paths }) => [`conflicts with ${manager}:`, ...paths.map((p) => `- ${p}`)]);
    message = `Apply failed with ${count} conflicts: ${lines.join('\n')}`;
  }
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Conflict', details: { causes }, code: 409 };
}
