/**
 * defaultStatefulSetControl.updateStatefulSet, as a plan: the ordered writes one sync makes and the
 * status they lead to. OrderedReady (monotonic) creates pods in ordinal order, each only once its
 * predecessors are Running and Ready, deletes surplus pods from the highest ordinal down one at a
 * time, and stops at the first pod it must wait for; Parallel does all of it at once. A rolling
 * update then deletes the highest-ordinal pod not at the update revision (down to the partition),
 * one at a time, waiting for the replacement to be available.
 */
import type { KubeObject } from '../../api/types.js';
import type { ControllerRevision } from '../common/controller-history.js';
import { isClaimOwnerUpToDate, podClaimIsStale, withClaimOwnerRefs } from './pvc-retention.js';
import {
  allowsBurst,
  endOrdinal,
  getOrdinal,
  identityMatches,
  isCreated,
  isFailed,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  isUnavailable,
  newStatefulSetPod,
  persistentVolumeClaims,
  podInOrdinalRange,
  podRevision,
  startOrdinal,
  storageMatches,
  withIdentity,
  withRevision,
  withStorage,
} from './stateful-set-utils.js';
import { countReplicas, type ComputedStatus } from './status.js';
import type { StatefulPod, StatefulSet } from './types.js';

/** One write of the plan, in StatefulPodControl's terms. */
export type StatefulSetAction =
  /** CreateStatefulPod: the missing claims, then the pod. */
  | { type: 'createPod'; pod: StatefulPod; claims: KubeObject[] }
  /** createMissingPersistentVolumeClaims for a Pending pod. */
  | { type: 'createClaims'; pod: StatefulPod; claims: KubeObject[] }
  /** UpdateStatefulPod: missing claims, claims whose owner references change, then the pod itself. */
  | { type: 'updatePod'; pod: StatefulPod; claims: KubeObject[]; claimUpdates: KubeObject[] }
  /** UpdatePodClaimForRetentionPolicy for a condemned pod. */
  | { type: 'updateClaims'; pod: StatefulPod; claimUpdates: KubeObject[] }
  /** DeleteStatefulPod. */
  | { type: 'deletePod'; pod: StatefulPod };

/** What one sync does. */
export interface StatefulSetPlan {
  actions: StatefulSetAction[];
  status: ComputedStatus;
}

/** What the plan reads. */
export interface StatefulSetUpdateInput {
  set: Readonly<StatefulSet>;
  currentSet: Readonly<StatefulSet>;
  updateSet: Readonly<StatefulSet>;
  currentRevision: Readonly<ControllerRevision>;
  updateRevision: Readonly<ControllerRevision>;
  collisionCount: number;
  pods: readonly StatefulPod[];
  claim: (name: string) => KubeObject | undefined;
  now: number;
}

/** newVersionedStatefulSetPod: ordinals below the partition keep the current revision. */
function newVersionedPod(input: StatefulSetUpdateInput, ordinal: number): StatefulPod {
  const { currentSet, updateSet } = input;
  const strategy = currentSet.spec?.updateStrategy;
  const partition = strategy?.rollingUpdate?.partition;
  const useCurrent =
    (strategy?.type === 'RollingUpdate' && strategy.rollingUpdate === undefined && ordinal < (currentSet.status?.currentReplicas ?? 0)) ||
    (strategy?.rollingUpdate !== undefined && ordinal < (partition ?? 0));
  if (useCurrent) return withRevision(newStatefulSetPod(currentSet, ordinal), input.currentRevision.metadata.name ?? '');
  return withRevision(newStatefulSetPod(updateSet, ordinal), input.updateRevision.metadata.name ?? '');
}

function claimsOf(input: StatefulSetUpdateInput, set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>) {
  const wanted = [...persistentVolumeClaims(set, getOrdinal(pod)).values()];
  const existing = wanted.map((c) => input.claim(c.metadata.name ?? ''));
  return { missing: wanted.filter((_, i) => existing[i] === undefined), existing };
}

function retentionUpdates(input: StatefulSetUpdateInput, set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>): KubeObject[] {
  const updates: KubeObject[] = [];
  for (const claim of claimsOf(input, set, pod).existing) {
    if (claim !== undefined && !isClaimOwnerUpToDate(claim, set, pod)) updates.push(withClaimOwnerRefs(claim, set, pod));
  }
  return updates;
}

/** processReplica: true when a monotonic sync must stop here. */
function processReplica(input: StatefulSetUpdateInput, plan: StatefulSetPlan, monotonic: boolean, pod: StatefulPod): boolean {
  const { set, updateSet } = input;
  const minReady = set.spec?.minReadySeconds ?? 0;
  if (isFailed(pod) || isSucceeded(pod)) {
    if (pod.metadata.deletionTimestamp == null) plan.actions.push({ type: 'deletePod', pod });
    return true;
  }
  if (!isCreated(pod)) {
    const { missing, existing } = claimsOf(input, set, pod);
    if (podClaimIsStale(set, pod, existing)) return true;
    plan.actions.push({ type: 'createPod', pod, claims: missing });
    if (monotonic) return true;
  }
  if (isPending(pod)) {
    const { missing } = claimsOf(input, set, pod);
    if (missing.length > 0) plan.actions.push({ type: 'createClaims', pod, claims: missing });
  }
  if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, input.now))) return true;
  const claimUpdates = isCreated(pod) ? retentionUpdates(input, updateSet, pod) : [];
  if (identityMatches(set, pod) && storageMatches(set, pod) && claimUpdates.length === 0) return false;
  const fixed = withStorage(updateSet, withIdentity(updateSet, pod));
  const storageFixed = !storageMatches(set, pod);
  plan.actions.push({ type: 'updatePod', pod: fixed, claims: storageFixed ? claimsOf(input, updateSet, pod).missing : [], claimUpdates });
  return false;
}

/** processCondemned: true when a monotonic sync must stop here. */
function processCondemned(input: StatefulSetUpdateInput, plan: StatefulSetPlan, monotonic: boolean, pod: StatefulPod, firstUnhealthy: StatefulPod | undefined): boolean {
  const minReady = input.set.spec?.minReadySeconds ?? 0;
  if (isTerminating(pod)) return monotonic;
  if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, input.now))) return true;
  plan.actions.push({ type: 'deletePod', pod });
  return true;
}

/** Runs `fn` over `pods`: in order, stopping at the first that says stop (monotonic), or over all (burst). */
function runForAll(pods: readonly StatefulPod[], monotonic: boolean, fn: (pod: StatefulPod) => boolean): boolean {
  for (const pod of pods) if (fn(pod) && monotonic) return true;
  return false;
}

/** updateStatefulSet. */
export function planStatefulSetUpdate(input: StatefulSetUpdateInput): StatefulSetPlan {
  const { set, now } = input;
  const minReady = set.spec?.minReadySeconds ?? 0;
  const status: ComputedStatus = {
    observedGeneration: set.metadata.generation ?? 0,
    replicas: 0,
    readyReplicas: 0,
    availableReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    currentRevision: input.currentRevision.metadata.name ?? '',
    updateRevision: input.updateRevision.metadata.name ?? '',
    collisionCount: input.collisionCount,
  };
  const plan: StatefulSetPlan = { actions: [], status };
  countReplicas(status, input.pods, minReady, now);

  const start = startOrdinal(set);
  const replicaCount = Math.max(0, endOrdinal(set) - start + 1);
  const slots: (StatefulPod | undefined)[] = new Array(replicaCount).fill(undefined);
  const condemned: StatefulPod[] = [];
  for (const pod of input.pods) {
    if (podInOrdinalRange(pod, set)) slots[getOrdinal(pod) - start] = pod;
    else if (getOrdinal(pod) >= 0) condemned.push(pod);
  }
  const replicas = slots.map((pod, i) => pod ?? newVersionedPod(input, start + i));
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));

  let firstUnhealthy: StatefulPod | undefined = replicas.find((p) => isUnavailable(p, minReady, now));
  if (firstUnhealthy === undefined) {
    for (let i = condemned.length - 1; i >= 0; i--) {
      if (isUnavailable(condemned[i]!, minReady, now)) {
        firstUnhealthy = condemned[i];
        break;
      }
    }
  }
  const finish = (): StatefulSetPlan => {
    countReplicas(status, [...replicas, ...condemned], minReady, now);
    return plan;
  };
  if (set.metadata.deletionTimestamp != null) return plan;

  const monotonic = !allowsBurst(set);
  if (runForAll(replicas, monotonic, (pod) => processReplica(input, plan, monotonic, pod))) return finish();
  const fixClaims = (pod: StatefulPod): boolean => {
    const claimUpdates = retentionUpdates(input, input.updateSet, pod);
    if (claimUpdates.length > 0) plan.actions.push({ type: 'updateClaims', pod, claimUpdates });
    return false;
  };
  runForAll(condemned, monotonic, fixClaims);
  if (runForAll(condemned, monotonic, (pod) => processCondemned(input, plan, monotonic, pod, firstUnhealthy))) return finish();
  finish();

  if (set.spec?.updateStrategy?.type === 'OnDelete') return plan;
  const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = replicas.length - 1; target >= updateMin; target--) {
    const pod = replicas[target]!;
    if (podRevision(pod) !== status.updateRevision && !isTerminating(pod)) {
      plan.actions.push({ type: 'deletePod', pod });
      status.currentReplicas--;
      return plan;
    }
    if (isUnavailable(pod, minReady, now)) return plan;
  }
  return plan;
}
