/**
 * A stored object as YAML lines for the details pane (`kubectl get -o yaml` shape: the object as the
 * API server stores it, without `metadata.managedFields`, which kubectl hides too unless asked).
 */
import { dump } from 'js-yaml';
import type { KubeObject } from '../../api/types.js';

/** The object without `metadata.managedFields` (a shallow copy when it has them). */
function withoutManagedFields(object: unknown): unknown {
  if (object === null || typeof object !== 'object') return object;
  const metadata = (object as { metadata?: unknown }).metadata;
  if (metadata === null || typeof metadata !== 'object' || !('managedFields' in metadata)) return object;
  const { managedFields: _hidden, ...rest } = metadata as Record<string, unknown>;
  return { ...object, metadata: rest };
}

/** The object dumped as YAML, one string per line (no trailing empty line). */
export function objectYaml(object: KubeObject | unknown): string[] {
  const text = dump(withoutManagedFields(object), { noRefs: true, lineWidth: -1 });
  return text.replace(/\n$/, '').split('\n');
}
