/**
 * What controllers parse again on every sync, parsed once: label selectors (per frozen selector
 * object: a cached workload keeps its selector through status updates) and RFC 3339 timestamps
 * (per string: objects stamped within one second share theirs).
 */
import { labelSelectorAsSelector, type LabelSelector, type Selector } from '../../api/label-selector.js';
import type { ParseResult } from '../../api/parse-result.js';
import { parseTime } from '../../api/time.js';

const selectors = new WeakMap<LabelSelector, ParseResult<Selector>>();

/** labelSelectorAsSelector, remembered for frozen selectors (cached objects are deep-frozen). */
export function cachedLabelSelector(ls: LabelSelector | null | undefined): ParseResult<Selector> {
  if (ls === null || ls === undefined || !Object.isFrozen(ls)) return labelSelectorAsSelector(ls);
  let result = selectors.get(ls);
  if (result === undefined) {
    result = labelSelectorAsSelector(ls);
    selectors.set(ls, result);
  }
  return result;
}

const MAX_TIMES = 1024;
const times = new Map<string, number | undefined>();

/** parseTime, remembered per string (a bounded cache, emptied when full). */
export function cachedParseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (times.has(value)) return times.get(value);
  const ms = parseTime(value);
  if (times.size >= MAX_TIMES) times.clear();
  times.set(value, ms);
  return ms;
}
