/**
 * How control leaves a command in the simulated shell: on to the next one with a status, out of
 * the script (`exit`, `set -e`), out of loops (`break`, `continue`), or never (it runs forever, or
 * the container is OOM-killed).
 */

/** The control flow after a command. */
export type Flow =
  | { readonly kind: 'next' | 'exit'; readonly status: number }
  | { readonly kind: 'forever' | 'oom' }
  | { readonly kind: 'break' | 'continue'; readonly levels: number };

/** The command never finishes. */
export const FOREVER: Flow = { kind: 'forever' };

/** Carry on with `status`. */
export function next(status: number): Flow {
  return { kind: 'next', status };
}
