/**
 * syncNodes: carries out a plan's creates and deletes, at most BURST_REPLICAS of each, creating in
 * slow-start batches. Expectations are set before the first write and lowered for writes that
 * failed or were skipped, so the next sync waits only for what will really be observed.
 */
import type { ControllerExpectations } from '../common/expectations.js';
import { newControllerRef } from '../common/owner-references.js';
import { podFromTemplate, type PodControl } from '../common/pod-control.js';
import { slowStartBatch } from '../common/slow-start-batch.js';
import { daemonPodTemplate, templateGeneration, withNodeNameAffinity } from './daemon-pods.js';
import { BURST_REPLICAS } from './timings.js';
import type { DaemonSet } from './types.js';

/** The writers syncNodes uses. */
export interface SyncNodesDeps {
  podControl: PodControl;
  expectations: ControllerExpectations;
}

/** Creates daemon pods for `nodesNeedingDaemonPods` and deletes `podsToDelete`; false when any write failed. */
export function syncNodes(
  deps: SyncNodesDeps,
  ds: Readonly<DaemonSet>,
  key: string,
  podsToDelete: readonly string[],
  nodesNeedingDaemonPods: readonly string[],
  hash: string,
): boolean {
  const createDiff = Math.min(nodesNeedingDaemonPods.length, BURST_REPLICAS);
  const deleteDiff = Math.min(podsToDelete.length, BURST_REPLICAS);
  deps.expectations.expect(key, createDiff, deleteDiff);
  const namespace = ds.metadata.namespace ?? '';
  const template = daemonPodTemplate(ds, templateGeneration(ds), hash);
  const ref = newControllerRef(ds);
  let okAll = true;
  const { skipped } = slowStartBatch(createDiff, (i) => {
    const spec = withNodeNameAffinity(template.spec ?? {}, nodesNeedingDaemonPods[i]!);
    const pod = podFromTemplate({ ...template, spec }, namespace, ref, { generateNamePrefix: ds.metadata.name ?? '' });
    const created = deps.podControl.createPod(ds, pod);
    if (created.ok) return true;
    deps.expectations.creationObserved(key);
    okAll = false;
    return false;
  });
  for (let i = 0; i < skipped; i++) deps.expectations.creationObserved(key);
  for (let i = 0; i < deleteDiff; i++) {
    const deleted = deps.podControl.deletePod(ds, namespace, podsToDelete[i]!);
    if (deleted.ok) continue;
    deps.expectations.deletionObserved(key);
    if (deleted.status.code !== 404) okAll = false;
  }
  return okAll;
}
