/**
 * The pods an owner manages, read through the pod informer's `podControllerUID` index (its own pods
 * and the orphans of its namespace, never the whole namespace) and claimed: matching orphans are
 * adopted, owned pods that stopped matching are released (controller.PodControllerRefManager).
 */
import type { KubeObject } from '../../api/types.js';
import type { Selector } from '../../api/label-selector.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { Lister } from '../../client/lister.js';
import { orphanPodIndexKeyForNamespace, POD_CONTROLLER_UID_INDEX } from '../../client/index-funcs.js';
import { claimObjects } from './claim-pods.js';

/** The candidate pods of `owner`: those it controls plus the orphans of its namespace. */
export function candidatePods<T extends KubeObject>(pods: Lister<T>, owner: Readonly<KubeObject>): T[] {
  const owned = pods.byIndex(POD_CONTROLLER_UID_INDEX, owner.metadata.uid ?? '');
  const orphans = pods.byIndex(POD_CONTROLLER_UID_INDEX, orphanPodIndexKeyForNamespace(owner.metadata.namespace ?? ''));
  return orphans.length === 0 ? owned : [...owned, ...orphans];
}

/** ClaimPods over the candidates of `owner`; `filter` narrows the candidates first (e.g. StatefulSet membership). */
export function claimPodsForOwner<T extends KubeObject>(
  api: ApiClient,
  pods: Lister<T>,
  owner: Readonly<KubeObject>,
  selector: Selector,
  filter?: (pod: T) => boolean,
): T[] {
  let candidates = candidatePods(pods, owner);
  if (filter !== undefined) candidates = candidates.filter(filter);
  return claimObjects(api, 'pods', owner, selector, candidates) as T[];
}
