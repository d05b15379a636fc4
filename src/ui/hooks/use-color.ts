/** Whether the dashboard may use colour: no when NO_COLOR is set (https://no-color.org), as the whole tree reads it from context. */
import { createContext, useContext } from 'react';

/** True unless NO_COLOR is set to a non-empty value. */
export function colorAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env['NO_COLOR'] ?? '') === '';
}

/** The dashboard's colour setting; App provides it. */
export const ColorContext = createContext<boolean>(colorAllowed());

/** Whether to colour; components pass `undefined` colours when not. */
export function useColor(): boolean {
  return useContext(ColorContext);
}
