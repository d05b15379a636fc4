/**
 * The dashboard's keyboard: each key name (see keys.ts) goes to the y/n question when one is
 * waiting, to the namespace filter while it is typed, and otherwise to its command in the key table
 * (dangerous ones ask first). Keys the panes handle (cursor moves) have no action here.
 */
import { useInput, useStdin } from 'ink';
import { commandFor, keyNames, type CommandContext } from '../keys.js';
import type { ViewState } from './use-view.js';

/** Handles one key name. */
export function dispatchKey(name: string, ctx: CommandContext, view: ViewState, update: (patch: Partial<ViewState>) => void): void {
  if (view.confirm !== undefined) {
    const { command, question } = view.confirm;
    update({ confirm: undefined });
    if (name === 'y' || name === 'Y') command.action?.(ctx);
    else ctx.say(false, `cancelled: ${question}`);
    return;
  }
  if (view.filterDraft !== undefined) {
    if (name === 'return') update({ filter: view.filterDraft.trim(), filterDraft: undefined, selection: undefined });
    else if (name === 'escape') update({ filterDraft: undefined });
    else if (name === 'backspace') update({ filterDraft: view.filterDraft.slice(0, -1) });
    else if (name === 'ctrl-c') ctx.quit();
    else if ([...name].length === 1) update({ filterDraft: view.filterDraft + name });
    return;
  }
  const command = commandFor(name);
  if (command?.action === undefined) return;
  if (view.help && command.id !== 'app.help' && command.id !== 'view.back' && command.id !== 'app.quit') return;
  const target = command.dangerous === true ? command.target?.(ctx) : undefined;
  if (target !== undefined) update({ confirm: { question: target, command } });
  else command.action(ctx);
}

/** Feeds every key typed to {@link dispatchKey}, one name at a time. */
export function useKeyDispatch(context: () => CommandContext, viewRef: { current: ViewState }, update: (patch: Partial<ViewState>) => void): void {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      const ctx = context();
      for (const name of keyNames(input, key)) dispatchKey(name, ctx, viewRef.current, update);
    },
    { isActive: isRawModeSupported === true },
  );
}
