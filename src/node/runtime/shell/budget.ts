/**
 * How far the simulated shell evaluates a script. The first evaluation (when a container is
 * planned) stops a `while` loop after {@link MAX_LOOP_ITERATIONS} rounds and every script after
 * {@link MAX_STEPS} commands, noting when it cut. A loop whose lines change every round goes on
 * in the log all the same: reading the log later reruns the script as far as the read needs, with
 * a budget scaled to that time — loops then go on for as long as their rounds take time.
 */
import type { StepBudget } from './context.js';

/** At most this many commands are evaluated per container in the first evaluation. */
const MAX_STEPS = 20_000;
/** A `while`/`until` loop running more rounds than this (or, in a rerun, this many rounds that take no time) is cut. */
const MAX_LOOP_ITERATIONS = 100;
/** A `for` loop stops after this many items. */
export const MAX_FOR_ITEMS = 10_000;
/** Simulated time beyond which the first evaluation stops (one year). */
const HORIZON_MS = 365 * 86_400_000;
/** A rerun never evaluates more commands than this, however far it goes (nothing hangs). */
const MAX_RERUN_STEPS = 5_000_000;

/** The budget of a container's first evaluation. */
export function firstBudget(): StepBudget {
  return { steps: 0, maxSteps: MAX_STEPS, depth: 0 };
}

/**
 * The budget of a rerun as far as `untilMs` (container time), from what the first evaluation
 * spent (`steps` by `cutAt`): the same pace, with room to spare.
 */
export function rerunBudget(steps: number, cutAt: number, untilMs: number): StepBudget {
  const perMs = steps / Math.max(cutAt, 1);
  return { steps: 0, maxSteps: Math.min(MAX_RERUN_STEPS, MAX_STEPS + Math.ceil(2 * perMs * untilMs)), untilMs, depth: 0 };
}

/** Notes a cut at container time `at`. */
function cut(budget: StepBudget, at: number, final: boolean): void {
  budget.cutAt = Math.min(budget.cutAt ?? Infinity, at);
  if (final) budget.final = true;
}

/** Counts one command starting at `at`; false when the budget is spent (the script then counts as endless). */
export function mayRun(budget: StepBudget, at: number): boolean {
  if (++budget.steps > budget.maxSteps) {
    cut(budget, at, budget.untilMs !== undefined);
    return false;
  }
  if (at > (budget.untilMs ?? HORIZON_MS)) {
    if (budget.untilMs !== undefined) cut(budget, at, false);
    return false;
  }
  return true;
}

/**
 * Whether a `while` loop must stop before round `round` (counted from 0), `idle` of the last
 * rounds having taken no time; notes the cut.
 */
export function loopCut(budget: StepBudget, at: number, round: number, idle: number): boolean {
  if (idle >= MAX_LOOP_ITERATIONS || (budget.untilMs === undefined && round >= MAX_LOOP_ITERATIONS)) {
    cut(budget, at, idle >= MAX_LOOP_ITERATIONS);
    return true;
  }
  return false;
}
