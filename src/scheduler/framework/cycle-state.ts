/**
 * framework.CycleState: what one scheduling attempt of one pod carries from extension point to
 * extension point — each filter plugin's PreFilter state (or its Skip), each score plugin's
 * PreScore state, and plugin data that lives until binding (VolumeBinding's chosen volumes).
 */

/** The state of one scheduling attempt. */
export class CycleState {
  /** PreFilter states, by the framework's filter plugin index. */
  filterStates: unknown[] = [];
  /** Filter plugins whose PreFilter returned Skip (CycleState.SkipFilterPlugins). */
  skipFilter: boolean[] = [];
  /** The indexes of the filter plugins that run (not skipped), in order. */
  activeFilters: number[] = [];
  /** PreScore states, by the framework's score plugin index. */
  scoreStates: unknown[] = [];
  /** Score plugins whose PreScore returned Skip (CycleState.SkipScorePlugins). */
  skipScore: boolean[] = [];
  /** Data a plugin keeps from Filter to Reserve and PreBind, by plugin name. */
  readonly data = new Map<string, unknown>();

  /** A copy whose filter states can be changed independently (the states are cloned by `cloneFilterState`). */
  clone(cloneFilterState: (index: number, state: unknown) => unknown): CycleState {
    const copy = new CycleState();
    copy.filterStates = this.filterStates.map((state, i) => (this.skipFilter[i] ? state : cloneFilterState(i, state)));
    copy.skipFilter = this.skipFilter;
    copy.activeFilters = this.activeFilters;
    for (const [k, v] of this.data) copy.data.set(k, v);
    return copy;
  }
}
