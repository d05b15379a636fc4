import test from 'ava';
import { normalizeDesiredReplicasWithBehaviors, storeScaleEvent, type HpaBehavior, type ScaleEvents } from '../../src/controllers/podautoscaler/behavior.js';
import { convertDesiredReplicasWithRules, normalizeDesiredReplicas, type TimestampedRecommendation } from '../../src/controllers/podautoscaler/normalize.js';

const WINDOW = 300_000;

test('without behavior a scale-up goes at most to max(2 × current, 4)', (t) => {
  t.deepEqual(convertDesiredReplicasWithRules(1, 16, 1, 10), [4, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']);
  t.deepEqual(convertDesiredReplicasWithRules(4, 16, 1, 10), [8, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']);
  t.deepEqual(convertDesiredReplicasWithRules(8, 16, 1, 10), [10, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count']);
  t.deepEqual(convertDesiredReplicasWithRules(3, 0, 1, 10), [1, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count']);
  t.deepEqual(convertDesiredReplicasWithRules(3, 5, 1, 10), [5, 'DesiredWithinRange', 'the desired count is within the acceptable range']);
});

test('without behavior a scale-down takes the highest recommendation of the last 5 minutes', (t) => {
  const history: TimestampedRecommendation[] = [];
  t.is(normalizeDesiredReplicas(history, 6, 6, 1, 10, 0, WINDOW).replicas, 6);
  const held = normalizeDesiredReplicas(history, 6, 1, 1, 10, 299_000, WINDOW);
  t.is(held.replicas, 6);
  t.deepEqual(held.conditions[0], ['AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation']);
  t.is(normalizeDesiredReplicas(history, 6, 1, 1, 10, 301_000, WINDOW).replicas, 1);
  t.is(history.length, 2, 'an expired recommendation slot is reused');
});

/** What the API server defaults `behavior: {}` to. */
const DEFAULT_BEHAVIOR: HpaBehavior = {
  scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
  scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
};

test('with the default behavior a scale-up adds at most max(4 pods, 100%) per 15 s, counting recent rescales', (t) => {
  const events: ScaleEvents = { up: [], down: [] };
  const history: TimestampedRecommendation[] = [];
  const first = normalizeDesiredReplicasWithBehaviors(history, events, DEFAULT_BEHAVIOR, { current: 1, desired: 20, min: 1, max: 10, now: 0, defaultDownWindowMs: WINDOW });
  t.is(first.replicas, 5);
  t.deepEqual(first.conditions[1], ['ScalingLimited', 'True', 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']);
  storeScaleEvent(events, DEFAULT_BEHAVIOR, 1, 5, 0);
  t.is(normalizeDesiredReplicasWithBehaviors(history, events, DEFAULT_BEHAVIOR, { current: 5, desired: 20, min: 1, max: 10, now: 10_000, defaultDownWindowMs: WINDOW }).replicas, 5, 'the period already used its 4 pods');
  const later = normalizeDesiredReplicasWithBehaviors(history, events, DEFAULT_BEHAVIOR, { current: 5, desired: 20, min: 1, max: 10, now: 16_000, defaultDownWindowMs: WINDOW });
  t.deepEqual([later.replicas, later.conditions[1]?.[2]], [10, 'TooManyReplicas']);
});

test('with the default behavior a scale-down waits out the 5 minute window', (t) => {
  const events: ScaleEvents = { up: [], down: [] };
  const history: TimestampedRecommendation[] = [];
  normalizeDesiredReplicasWithBehaviors(history, events, DEFAULT_BEHAVIOR, { current: 8, desired: 8, min: 1, max: 10, now: 0, defaultDownWindowMs: WINDOW });
  const held = normalizeDesiredReplicasWithBehaviors(history, events, DEFAULT_BEHAVIOR, { current: 8, desired: 2, min: 1, max: 10, now: 100_000, defaultDownWindowMs: WINDOW });
  t.deepEqual([held.replicas, held.conditions[0]?.[2]], [8, 'ScaleDownStabilized']);
  t.is(normalizeDesiredReplicasWithBehaviors(history, events, DEFAULT_BEHAVIOR, { current: 8, desired: 2, min: 1, max: 10, now: 301_000, defaultDownWindowMs: WINDOW }).replicas, 2);
});
