/**
 * The dashboard's view state — which pane, what is open over it, the filter, the status line, the
 * selection — kept in a ref so that several keys arriving in one input see each other's effect,
 * with a re-render after each change.
 */
import { useCallback, useRef, useState } from 'react';
import type { KeyCommand, PaneId } from '../keys.js';
import type { Selection } from '../pane.js';
import type { StatusMessage } from '../components/Footer.js';

/** Everything the view shows besides the cluster. */
export interface ViewState {
  pane: PaneId;
  /** The object whose details are open (Enter), or undefined. */
  details: Selection | undefined;
  help: boolean;
  /** Namespace filter ('' = all). */
  filter: string;
  /** The filter being typed after `/`, or undefined. */
  filterDraft: string | undefined;
  /** A dangerous command waiting for y/n, and its question. */
  confirm: { question: string; command: KeyCommand } | undefined;
  status: StatusMessage | undefined;
  /** Index into the strip's stoppable components. */
  component: number;
  /** What the focused pane has selected (does not redraw by itself). */
  selection: Selection | undefined;
}

const initial: ViewState = {
  pane: 'nodes',
  details: undefined,
  help: false,
  filter: '',
  filterDraft: undefined,
  confirm: undefined,
  status: undefined,
  component: 0,
  selection: undefined,
};

/** The view state, a ref to its latest value, and `update` (which redraws unless `quiet`). */
export function useView(): { view: ViewState; viewRef: { current: ViewState }; update: (patch: Partial<ViewState>, quiet?: boolean) => void } {
  const viewRef = useRef<ViewState>(initial);
  const [, redraw] = useState(0);
  const update = useCallback((patch: Partial<ViewState>, quiet = false) => {
    viewRef.current = { ...viewRef.current, ...patch };
    if (!quiet) redraw((n) => n + 1);
  }, []);
  return { view: viewRef.current, viewRef, update };
}
