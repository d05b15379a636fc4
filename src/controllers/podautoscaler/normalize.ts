/**
 * normalizeDesiredReplicas for an HPA without spec.behavior (horizontal.go): the highest
 * recommendation of the downscale stabilization window, then the min/max and scale-up limits,
 * with the AbleToScale and ScalingLimited conditions they explain themselves with.
 */
import { SCALE_UP_LIMIT_FACTOR, SCALE_UP_LIMIT_MINIMUM } from './timings.js';

/** A recommendation and when it was made (timestampedRecommendation). */
export interface TimestampedRecommendation {
  recommendation: number;
  timestamp: number;
}

/** A condition to set: type, status, reason, message. */
export type ConditionSetting = [type: string, status: string, reason: string, message: string];

/**
 * stabilizeRecommendation: the highest recommendation within the window (including this one);
 * `history` is updated in place, reusing an expired slot as upstream does.
 */
export function stabilizeRecommendation(history: TimestampedRecommendation[], prenormalized: number, now: number, windowMs: number): number {
  let max = prenormalized;
  let oldIndex = -1;
  const cutoff = now - windowMs;
  history.forEach((rec, i) => {
    if (rec.timestamp < cutoff) oldIndex = i;
    else if (rec.recommendation > max) max = rec.recommendation;
  });
  const entry = { recommendation: prenormalized, timestamp: now };
  if (oldIndex >= 0) history[oldIndex] = entry;
  else history.push(entry);
  return max;
}

/** convertDesiredReplicasWithRules: the allowed count, and the ScalingLimited reason and message. */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): [replicas: number, reason: string, message: string] {
  const scaleUpLimit = Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
  let maximumAllowed: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maximumAllowed = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximumAllowed = max;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < min) return [min, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
  if (desired > maximumAllowed) return [maximumAllowed, reason, message];
  return [desired, 'DesiredWithinRange', 'the desired count is within the acceptable range'];
}

/** normalizeDesiredReplicas: the replica count to scale to, and the conditions to set. */
export function normalizeDesiredReplicas(
  history: TimestampedRecommendation[],
  current: number,
  prenormalized: number,
  min: number,
  max: number,
  now: number,
  windowMs: number,
): { replicas: number; conditions: ConditionSetting[] } {
  const stabilized = stabilizeRecommendation(history, prenormalized, now, windowMs);
  const ableToScale: ConditionSetting =
    stabilized !== prenormalized
      ? ['AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation']
      : ['AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size'];
  const [replicas, reason, message] = convertDesiredReplicasWithRules(current, stabilized, min, max);
  return { replicas, conditions: [ableToScale, ['ScalingLimited', replicas === stabilized ? 'False' : 'True', reason, message]] };
}
