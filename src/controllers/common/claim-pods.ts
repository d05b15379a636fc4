/**
 * controller.PodControllerRefManager.ClaimPods: a controller adopts orphan pods that match its
 * selector and releases the pods it owns that no longer match, by patching their ownerReferences.
 * It never adopts while it is itself being deleted.
 */
import type { KubeObject, OwnerReference } from '../../api/types.js';
import type { Selector } from '../../api/label-selector.js';
import { matches } from '../../api/label-selector.js';
import type { ApiClient } from '../../apiserver/types.js';
import { getControllerOf } from '../../client/index-funcs.js';
import { newControllerRef } from './owner-references.js';

/**
 * The objects `owner` controls among `candidates` (pods, or ReplicaSets for a Deployment) after
 * adopting matching orphans and releasing non-matching owned ones through `resource` patches.
 * `canAdopt` is checked once, before the first adoption (the real RecheckDeletionTimestamp).
 */
export function claimObjects(
  api: ApiClient,
  resource: string,
  owner: Readonly<KubeObject>,
  selector: Selector,
  candidates: readonly KubeObject[],
  canAdopt: () => boolean = () => owner.metadata.deletionTimestamp == null,
): KubeObject[] {
  const claimed: KubeObject[] = [];
  const uid = owner.metadata.uid ?? '';
  let adoptionAllowed: boolean | undefined;
  for (const obj of candidates) {
    const ref = getControllerOf(obj);
    const labelsMatch = matches(selector, obj.metadata.labels);
    if (ref !== undefined) {
      if (ref.uid !== uid) continue;
      if (labelsMatch) {
        claimed.push(obj);
        continue;
      }
      if (owner.metadata.deletionTimestamp != null) continue;
      release(api, resource, obj, uid);
      continue;
    }
    if (!labelsMatch || obj.metadata.deletionTimestamp != null || owner.metadata.deletionTimestamp != null) continue;
    adoptionAllowed ??= canAdopt();
    if (!adoptionAllowed) continue;
    const adopted = adopt(api, resource, obj, newControllerRef(owner));
    if (adopted !== undefined) claimed.push(adopted);
  }
  return claimed;
}

function adopt(api: ApiClient, resource: string, obj: KubeObject, ref: OwnerReference): KubeObject | undefined {
  const patch = {
    metadata: { ownerReferences: [ref], uid: obj.metadata.uid },
  };
  const result = api.patch(resource, obj.metadata.namespace ?? '', obj.metadata.name ?? '', 'strategic', patch);
  return result.ok ? result.value : undefined;
}

function release(api: ApiClient, resource: string, obj: KubeObject, ownerUid: string): void {
  const patch = { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: obj.metadata.uid } };
  api.patch(resource, obj.metadata.namespace ?? '', obj.metadata.name ?? '', 'strategic', patch);
}
