/**
 * helper.DefaultNormalizeScore: scales scores to 0..MaxNodeScore by the highest one, optionally
 * reversed (fewer is better). All-zero scores stay 0, or become MaxNodeScore when reversed.
 */
import { MAX_NODE_SCORE } from '../framework/interface.js';

/** Normalises `scores` in place. */
export function defaultNormalizeScore(scores: number[], reverse: boolean, maxPriority = MAX_NODE_SCORE): void {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let score = Math.trunc((maxPriority * scores[i]!) / maxCount);
    if (reverse) score = maxPriority - score;
    scores[i] = score;
  }
}
