/**
 * normalizeDesiredReplicasWithBehaviors (horizontal.go) for an HPA with spec.behavior: scale-up
 * and scale-down stabilization windows over the recent recommendations, then the scaling
 * policies (Pods / Percent per period, selectPolicy Max / Min / Disabled) over the recent scale
 * events.
 */
import type { ConditionSetting, TimestampedRecommendation } from './normalize.js';

/** autoscaling/v2 HPAScalingPolicy. */
export interface HpaScalingPolicy {
  type?: string;
  value?: number;
  periodSeconds?: number;
}

/** autoscaling/v2 HPAScalingRules (defaulted by the API server when spec.behavior is set). */
export interface HpaScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: HpaScalingPolicy[];
}

/** autoscaling/v2 HorizontalPodAutoscalerBehavior. */
export interface HpaBehavior {
  scaleUp?: HpaScalingRules;
  scaleDown?: HpaScalingRules;
}

/** A rescale the controller made (timestampedScaleEvent): its change in replicas and when. */
export interface ScaleEvent {
  replicaChange: number;
  timestamp: number;
}

/** The scale events of one HPA, up and down. */
export interface ScaleEvents {
  up: ScaleEvent[];
  down: ScaleEvent[];
}

function changeInPeriod(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.reduce((sum, e) => (e.timestamp > cutoff ? sum + e.replicaChange : sum), 0);
}

function limit(current: number, events: ScaleEvents, rules: HpaScalingRules, now: number, up: boolean): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const minChange = rules.selectPolicy === 'Min';
  // Scaling up, the smallest change is the lowest limit; scaling down, it is the highest.
  const pickLowest = up === minChange;
  let result = pickLowest ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const policy of rules.policies ?? []) {
    const period = policy.periodSeconds ?? 0;
    const start = current - changeInPeriod(period, events.up, now) + changeInPeriod(period, events.down, now);
    const value = policy.value ?? 0;
    let proposed: number;
    if (policy.type === 'Pods') proposed = up ? start + value : start - value;
    else proposed = up ? Math.ceil(start * (1 + value / 100)) : Math.trunc(start * (1 - value / 100));
    result = pickLowest ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** stabilizeRecommendationWithBehaviors: the stabilized count and the AbleToScale reason and message should it differ. */
function stabilize(history: TimestampedRecommendation[], behavior: HpaBehavior, current: number, desired: number, now: number, defaultDownWindowMs: number): [number, string, string] {
  const upCutoff = now - (behavior.scaleUp?.stabilizationWindowSeconds ?? 0) * 1000;
  const downWindow = behavior.scaleDown?.stabilizationWindowSeconds;
  const downCutoff = now - (downWindow === undefined ? defaultDownWindowMs : downWindow * 1000);
  let upRecommendation = desired;
  let downRecommendation = desired;
  let oldIndex = -1;
  history.forEach((rec, i) => {
    if (rec.timestamp > upCutoff) upRecommendation = Math.min(rec.recommendation, upRecommendation);
    if (rec.timestamp > downCutoff) downRecommendation = Math.max(rec.recommendation, downRecommendation);
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
  });
  let recommendation = Math.max(current, upRecommendation);
  recommendation = Math.min(recommendation, downRecommendation);
  const entry = { recommendation: desired, timestamp: now };
  if (oldIndex >= 0) history[oldIndex] = entry;
  else history.push(entry);
  return desired >= current
    ? [recommendation, 'ScaleUpStabilized', 'recent recommendations were lower than current one, applying the lowest recent recommendation']
    : [recommendation, 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation'];
}

/** normalizeDesiredReplicasWithBehaviors: the replica count to scale to, and the conditions to set. */
export function normalizeDesiredReplicasWithBehaviors(
  history: TimestampedRecommendation[],
  events: ScaleEvents,
  behavior: HpaBehavior,
  arg: { current: number; desired: number; min: number; max: number; now: number; defaultDownWindowMs: number },
): { replicas: number; conditions: ConditionSetting[] } {
  const { current, min, max, now } = arg;
  const [stabilized, stabilizedReason, stabilizedMessage] = stabilize(history, behavior, current, arg.desired, now, arg.defaultDownWindowMs);
  const ableToScale: ConditionSetting =
    stabilized !== arg.desired ? ['AbleToScale', 'True', stabilizedReason, stabilizedMessage] : ['AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size'];
  let replicas = stabilized;
  let reason = 'DesiredWithinRange';
  let message = 'the desired count is within the acceptable range';
  if (stabilized > current) {
    const upLimit = Math.max(limit(current, events, behavior.scaleUp ?? {}, now, true), current);
    const allowed = Math.min(max, upLimit);
    if (stabilized > allowed) {
      replicas = allowed;
      [reason, message] = max > upLimit
        ? ['ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']
        : ['TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
    }
  } else if (stabilized < current) {
    const downLimit = Math.min(limit(current, events, behavior.scaleDown ?? {}, now, false), current);
    const allowed = Math.max(min, downLimit);
    if (stabilized < allowed) {
      replicas = allowed;
      [reason, message] = min < downLimit
        ? ['ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate']
        : ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
    }
  }
  return { replicas, conditions: [ableToScale, ['ScalingLimited', replicas === stabilized ? 'False' : 'True', reason, message]] };
}

/** storeScaleEvent: records a rescale, dropping events older than the direction's longest policy period. */
export function storeScaleEvent(events: ScaleEvents, behavior: HpaBehavior, previous: number, next: number, now: number): void {
  const up = next > previous;
  const rules = (up ? behavior.scaleUp : behavior.scaleDown) ?? {};
  const longest = Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds ?? 0)) * 1000;
  const list = up ? events.up : events.down;
  const kept = list.filter((e) => e.timestamp > now - longest);
  list.length = 0;
  list.push(...kept, { replicaChange: Math.abs(next - previous), timestamp: now });
}
