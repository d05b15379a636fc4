/**
 * DefaultBinder (Bind): writes the pod's Binding (`POST pods/<name>/binding`), which sets
 * `spec.nodeName` and PodScheduled=True on the API server.
 */
import type { BindPlugin, FrameworkHandle } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { PodInfo } from '../pod-info.js';
import { Names } from './names.js';

/** The DefaultBinder plugin. */
export class DefaultBinder implements BindPlugin {
  readonly name = Names.DefaultBinder;

  constructor(private readonly handle: FrameworkHandle) {}

  bind(_cycle: unknown, pod: PodInfo, nodeName: string): MaybeStatus {
    const name = pod.pod.metadata.name ?? '';
    const binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name, namespace: pod.namespace, uid: pod.uid },
      target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
    };
    const result = this.handle.api.create('pods/binding', pod.namespace, binding);
    return result.ok ? undefined : new Status('Error', [result.status.message ?? `binding ${pod.key} failed`], this.name);
  }
}
