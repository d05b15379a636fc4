/**
 * What the ReplicaSet controller reads of a pod on every sync (active, controller, ready since
 * when), worked out once per stored version of the pod. Cached pods are frozen and never change,
 * so the facts of one object stay true; a new version of the pod is a new object. A sync of a
 * ReplicaSet with 10,000 pods then costs a few property reads per pod instead of searches through
 * owner references and conditions.
 */
import { cachedParseTime } from '../common/cached-parsing.js';
import { getControllerOf } from '../../client/index-funcs.js';
import { isPodActive, isPodReady, podCondition } from '../common/pod-conditions.js';
import type { Pod } from './types.js';

/** The facts of one pod version. */
export interface PodFacts {
  /** controller.IsPodActive. */
  readonly active: boolean;
  /** The uid of its controller, if it has one. */
  readonly controllerUid: string | undefined;
  /** podutil.IsPodReady. */
  readonly ready: boolean;
  /** When the Ready condition turned True (epoch ms), for a ready pod. */
  readonly readySince: number | undefined;
}

const cache = new WeakMap<Pod, PodFacts>();

/** The facts of `pod`, computed on first use. */
export function podFacts(pod: Pod): PodFacts {
  let facts = cache.get(pod);
  if (facts === undefined) {
    const ready = isPodReady(pod);
    facts = {
      active: isPodActive(pod),
      controllerUid: getControllerOf(pod)?.uid,
      ready,
      readySince: ready ? cachedParseTime(podCondition(pod, 'Ready')?.lastTransitionTime) : undefined,
    };
    cache.set(pod, facts);
  }
  return facts;
}

/** podutil.IsPodAvailable from the facts: ready for at least `minReadySeconds` at `now`. */
export function isAvailable(facts: PodFacts, minReadySeconds: number, now: number): boolean {
  if (!facts.ready) return false;
  if (minReadySeconds <= 0) return true;
  return facts.readySince !== undefined && facts.readySince + minReadySeconds * 1000 <= now;
}
