/**
 * The actions behind the key table, bound to one dashboard: view changes through `update`, cluster
 * commands through `runCommand` (the same commands as `--script`), clock control on the cluster's clock.
 */
import type { Cluster } from '../cluster/cluster.js';
import { runCommand } from '../cluster/commands/index.js';
import { PANES, SPEEDS, STEP_MS, type CommandContext } from './keys.js';
import { STOPPABLE_COMPONENTS } from './render/control-plane.js';
import type { ViewState } from './hooks/use-view.js';

/** What a context needs from the dashboard. */
export interface ContextDeps {
  cluster: Cluster;
  viewRef: { current: ViewState };
  update(patch: Partial<ViewState>): void;
  /** Redraws at once (after a command changed the cluster). */
  bump(): void;
  quit(): void;
}

/** The components the strip can select, as the cluster has them. */
export function stoppableComponents(cluster: Cluster): string[] {
  return STOPPABLE_COMPONENTS.filter((name) => cluster.component(name) !== undefined);
}

/** The speed `delta` steps away from `speed` in {@link SPEEDS}. */
export function nextSpeed(speed: number, delta: 1 | -1): number {
  const index = SPEEDS.findIndex((s) => s >= speed);
  const at = index < 0 ? SPEEDS.length - 1 : index;
  const next = Math.max(0, Math.min(SPEEDS.length - 1, (SPEEDS[at] === speed ? at : delta > 0 ? at - 1 : at) + delta));
  return SPEEDS[next] ?? speed;
}

/** A command context reading the latest view state. */
export function commandContext(deps: ContextDeps): CommandContext {
  const { cluster, viewRef, update, bump } = deps;
  const clock = cluster.clock;
  const say = (ok: boolean, text: string): void => update({ status: { ok, text } });
  const components = stoppableComponents(cluster);
  return {
    cluster,
    get selection() {
      return viewRef.current.selection;
    },
    get component() {
      return components[viewRef.current.component % Math.max(1, components.length)];
    },
    showPane: (pane) => update({ pane, details: undefined, help: false, selection: undefined }),
    cyclePane: (delta) => {
      const index = PANES.findIndex((p) => p.id === viewRef.current.pane);
      const next = PANES[(index + delta + PANES.length) % PANES.length];
      if (next !== undefined) update({ pane: next.id, details: undefined, help: false, selection: undefined });
    },
    cycleComponent: (delta) => update({ component: (viewRef.current.component + delta + components.length) % Math.max(1, components.length) }),
    openFilter: () => update({ filterDraft: viewRef.current.filter }),
    openDetails: () => {
      const selection = viewRef.current.selection;
      if (selection === undefined) say(false, 'nothing selected');
      else update({ details: selection });
    },
    back: () => {
      const view = viewRef.current;
      if (view.help) update({ help: false });
      else if (view.details !== undefined) update({ details: undefined });
      else update({ status: undefined });
    },
    togglePause: () => {
      if (clock.mode === 'paused') clock.play();
      else clock.pause();
      say(true, clock.mode === 'paused' ? 'paused' : `playing at ${clock.speed}×`);
      bump();
    },
    changeSpeed: (delta) => {
      clock.setSpeed(nextSpeed(clock.speed, delta));
      say(true, `speed ${clock.speed}×${clock.mode === 'paused' ? ' (paused)' : ''}`);
      bump();
    },
    step: () => {
      clock.step(STEP_MS);
      say(true, `stepped ${STEP_MS / 1000}s (paused)`);
      bump();
    },
    toggleHelp: () => update({ help: !viewRef.current.help }),
    quit: deps.quit,
    run: (line) => {
      const result = runCommand(cluster, line);
      say(result.ok, result.message);
      bump();
    },
    say,
  };
}
