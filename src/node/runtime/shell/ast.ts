/**
 * The syntax tree of the small POSIX-shell subset the simulated container understands: lists with
 * `;` `&` `&&` `||`, pipelines, simple commands with assignments and redirections, `if`, `while`,
 * `until`, `for` and `{ …; }` / `( … )` groups. Words keep their quoting so that expansion can split
 * fields the way a shell does.
 */

/** A piece of a word: literal text, a parameter (`$X`, `${X:-d}`), a command substitution or arithmetic. */
export type Segment =
  | { readonly type: 'literal'; readonly text: string; readonly quoted: boolean }
  | { readonly type: 'parameter'; readonly expression: string; readonly quoted: boolean }
  | { readonly type: 'command'; readonly script: string; readonly quoted: boolean }
  | { readonly type: 'arithmetic'; readonly expression: string; readonly quoted: boolean };

/** A shell word: segments that expand to zero or more fields. */
export interface Word {
  readonly segments: readonly Segment[];
}

/** `>`, `>>`, `<`, `>&`, `<&` or `&>` with the file descriptor it applies to. */
export interface Redirect {
  readonly fd: number;
  readonly op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>';
  readonly target: Word;
}

/** `NAME=value` or `NAME+=value` before a command (or alone). */
export interface Assignment {
  readonly name: string;
  readonly append: boolean;
  readonly value: Word;
}

/** A command name with arguments, assignments and redirections. */
export interface SimpleCommand {
  readonly type: 'simple';
  readonly assignments: readonly Assignment[];
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}

/** `if … then … [elif … then …] [else …] fi`. */
export interface IfCommand {
  readonly type: 'if';
  readonly clauses: readonly { readonly condition: List; readonly body: List }[];
  readonly elseBody: List | undefined;
  readonly redirects: readonly Redirect[];
}

/** `while … do … done` or `until … do … done`. */
export interface LoopCommand {
  readonly type: 'loop';
  readonly until: boolean;
  readonly condition: List;
  readonly body: List;
  readonly redirects: readonly Redirect[];
}

/** `for NAME [in words]; do … done`. */
export interface ForCommand {
  readonly type: 'for';
  readonly name: string;
  readonly items: readonly Word[] | undefined;
  readonly body: List;
  readonly redirects: readonly Redirect[];
}

/** `{ …; }` (same shell) or `( … )` (subshell). */
export interface GroupCommand {
  readonly type: 'group';
  readonly subshell: boolean;
  readonly body: List;
  readonly redirects: readonly Redirect[];
}

/** Any command. */
export type Command = SimpleCommand | IfCommand | LoopCommand | ForCommand | GroupCommand;

/** Commands joined by `|`, optionally negated with `!`. */
export interface Pipeline {
  readonly negated: boolean;
  readonly commands: readonly Command[];
}

/** Pipelines joined by `&&` and `||`. */
export interface AndOrList {
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: Pipeline }[];
}

/** One entry of a list, run in the background when it ended with `&`. */
export interface ListItem {
  readonly andOr: AndOrList;
  readonly background: boolean;
}

/** A sequence of and-or lists separated by `;`, `&` or newlines. */
export type List = readonly ListItem[];
