/**
 * A pane's selected row: ↑/↓ and `j` move it while the pane is focused (`k` is the key table's
 * "kill node"; plain keys that arrive together, like "jj", count one by one), it stays within the rows, and the pane's `onSelect` is
 * called whenever the selected object changes.
 */
import { useEffect, useRef, useState } from 'react';
import { useInput, useStdin } from 'ink';
import type { Selection } from '../pane.js';

/** The selected index (undefined when there are no rows), driven by the keyboard when `focused`. */
export function useSelectedRow(count: number, focused: boolean, selectionAt: (index: number) => Selection | undefined, onSelect: (s: Selection | undefined) => void): number | undefined {
  const [index, setIndex] = useState(0);
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      let delta = 0;
      if (key.downArrow) delta = 1;
      else if (key.upArrow) delta = -1;
      else for (const ch of input) delta += ch === 'j' ? 1 : 0;
      if (delta !== 0) setIndex((i) => Math.max(0, Math.min(count - 1, i + delta)));
    },
    { isActive: focused && isRawModeSupported === true },
  );
  const selected = count === 0 ? undefined : Math.min(index, count - 1);
  const selection = selected === undefined ? undefined : selectionAt(selected);
  const published = useRef<string | undefined>(undefined);
  const id = selection === undefined ? undefined : `${selection.kind}/${selection.namespace ?? ''}/${selection.name}`;
  useEffect(() => {
    if (published.current === id) return;
    published.current = id;
    onSelect(selection);
  });
  return selected;
}
