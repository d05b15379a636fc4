/**
 * The bounds of a rolling update (deployment_util.go: ResolveFenceposts, MaxSurge,
 * MaxUnavailable, NewRSNewReplicas): maxSurge percentages round up, maxUnavailable percentages
 * round down, and when both come to 0 one pod may be unavailable, so the rollout can move.
 */
import { scaledValueFromIntOrPercent, type IntOrPercent } from '../common/int-or-percent.js';
import { specReplicas, type ReplicaSet } from '../replicaset/types.js';
import { deploymentReplicas, isRollingUpdate, RECREATE, ROLLING_UPDATE, type Deployment } from './types.js';

/** ResolveFenceposts: [maxSurge, maxUnavailable] for `desired` replicas (validation has refused malformed values). */
export function resolveFenceposts(surgeValue: IntOrPercent | undefined, unavailableValue: IntOrPercent | undefined, desired: number): [number, number] {
  const surge = scaledValueFromIntOrPercent(surgeValue ?? 0, desired, true) ?? 0;
  let unavailable = scaledValueFromIntOrPercent(unavailableValue ?? 0, desired, false) ?? 0;
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** MaxSurge: how many pods above the desired count a rolling update may run (0 for Recreate). */
export function maxSurge(d: Readonly<Deployment>): number {
  if (!isRollingUpdate(d)) return 0;
  const rollingUpdate = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(rollingUpdate?.maxSurge, rollingUpdate?.maxUnavailable, deploymentReplicas(d))[0];
}

/** MaxUnavailable: how many desired pods a rolling update may lack (never more than the replicas; 0 for Recreate). */
export function maxUnavailable(d: Readonly<Deployment>): number {
  const replicas = deploymentReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const rollingUpdate = d.spec?.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(rollingUpdate?.maxSurge, rollingUpdate?.maxUnavailable, replicas)[1], replicas);
}

/**
 * NewRSNewReplicas: the size the new ReplicaSet may grow to now. A rolling update adds pods up to
 * replicas + maxSurge over all ReplicaSets (never past the desired count); Recreate goes straight
 * to the desired count. Undefined for an unknown strategy.
 */
export function newRSNewReplicas(d: Readonly<Deployment>, allRSs: readonly (ReplicaSet | undefined)[], newRS: Readonly<ReplicaSet>): number | undefined {
  const replicas = deploymentReplicas(d);
  switch (d.spec?.strategy?.type) {
    case ROLLING_UPDATE: {
      const surge = scaledValueFromIntOrPercent(d.spec.strategy.rollingUpdate?.maxSurge ?? 0, replicas, true) ?? 0;
      const currentPodCount = allRSs.reduce((sum, rs) => sum + (rs === undefined ? 0 : specReplicas(rs)), 0);
      const maxTotalPods = replicas + surge;
      if (currentPodCount >= maxTotalPods) return specReplicas(newRS);
      const scaleUpCount = Math.min(maxTotalPods - currentPodCount, replicas - specReplicas(newRS));
      return specReplicas(newRS) + scaleUpCount;
    }
    case RECREATE:
      return replicas;
    default:
      return undefined;
  }
}
