/**
 * The selected row of one of the resource panes, moved by the key table's `cursor.*` keys while the
 * pane is focused; it publishes the selected object through `onSelect` whenever it changes.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useInput, useStdin } from 'ink';
import { commandFor, keyNames } from '../keys.js';
import type { Selection } from '../pane.js';

const MOVES: Record<string, (page: number) => number> = {
  'cursor.up': () => -1,
  'cursor.down': () => 1,
  'cursor.pageUp': (page) => -page,
  'cursor.pageDown': (page) => page,
};

/** The selected index (undefined when there are no rows). */
export function useRowCursor(count: number, page: number, focused: boolean, selectionAt: (index: number) => Selection | undefined, onSelect: (s: Selection | undefined) => void): number | undefined {
  const [index, setIndex] = useState(0);
  const published = useRef<string | undefined>(undefined);
  const publish = (s: Selection | undefined): void => {
    const id = s === undefined ? '' : `${s.kind}/${s.namespace ?? ''}/${s.name}`;
    if (published.current === id) return;
    published.current = id;
    onSelect(s);
  };
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      let delta = 0;
      for (const name of keyNames(input, key)) {
        const move = MOVES[commandFor(name)?.id ?? ''];
        if (move !== undefined) delta += move(Math.max(1, page));
      }
      if (delta === 0 || count === 0) return;
      const next = Math.max(0, Math.min(count - 1, Math.min(index, count - 1) + delta));
      setIndex(next);
      // Published at once, so that a command key in the same burst of input acts on the new row.
      publish(selectionAt(next));
    },
    { isActive: focused && isRawModeSupported === true },
  );
  const selected = count === 0 ? undefined : Math.min(index, count - 1);
  const selection = selected === undefined ? undefined : selectionAt(selected);
  // A layout effect runs within the commit, so no key can arrive between the frame and the publication.
  useLayoutEffect(() => publish(selection));
  return selected;
}
