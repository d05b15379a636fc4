/**
 * A stored object as YAML lines for the details pane (`kubectl get -o yaml` shape: the object as the
 * API server stores it).
 */
import { dump } from 'js-yaml';
import type { KubeObject } from '../../api/types.js';

/** The object dumped as YAML, one string per line (no trailing empty line). */
export function objectYaml(object: KubeObject | unknown): string[] {
  const text = dump(object, { noRefs: true, lineWidth: -1 });
  return text.replace(/\n$/, '').split('\n');
}
