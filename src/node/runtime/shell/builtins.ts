/**
 * The shell's own commands, which change the shell rather than run a program: `exit`, `break`,
 * `set -e`, `export`, `shift`, `trap … TERM` (the shell then stops on SIGTERM), `wait`, `read`,
 * `eval`, `exec` (the program replaces the shell, and with it PID 1's SIGTERM behaviour).
 */
import type { Io } from './redirections.js';
import type { List } from './ast.js';
import type { Flow } from './flow.js';
import { FOREVER, next } from './flow.js';
import { parseScript } from './parser.js';
import type { ProgramResult, RunMode, SigtermBehaviour } from './program.js';
import { DEFAULT_SIGTERM_MS } from './program.js';

/** The parts of a running shell its builtins read and change. */
export interface BuiltinHost {
  t: number;
  status: number;
  errexit: boolean;
  trapsTerm: boolean;
  execSigterm: SigtermBehaviour | undefined;
  positional: string[];
  backgroundEnd: number;
  readonly vars: Map<string, string>;
  readonly interactive: boolean;
  readonly mode: RunMode;
  list(list: List, io: Io, condition: boolean): Flow;
  /** Runs an external program (no builtins) with extra variables. */
  runExternal(argv: readonly string[], assigned: ReadonlyMap<string, string>, io: Io): ProgramResult;
  /** Takes a program's output, time and end into the shell. */
  absorb(result: ProgramResult, io: Io): Flow;
}

function set(host: BuiltinHost, args: readonly string[]): Flow {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      host.positional = [host.positional[0] ?? 'sh', ...args.slice(i + 1)];
      break;
    }
    if (a === '-o' || a === '+o') {
      if (args[++i] === 'errexit') host.errexit = a === '-o';
    } else if (/^[-+]/.test(a) && a.includes('e')) host.errexit = a[0] === '-';
  }
  return next(0);
}

const NO_OPS = new Set(['cd', 'alias', 'unalias', 'hash', 'type', 'shopt', 'source', '.', 'builtin', 'let', 'ulimit', 'umask']);
const DECLARATIONS = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);

/** Runs `argv` if it is a builtin; undefined when it is not. */
export function runBuiltin(host: BuiltinHost, argv: readonly string[], assigned: ReadonlyMap<string, string>, io: Io, condition: boolean): Flow | undefined {
  const [name, ...args] = argv;
  if (name === undefined) return undefined;
  if (NO_OPS.has(name)) return next(0);
  if (DECLARATIONS.has(name)) {
    for (const a of args) if (a.includes('=') && !a.startsWith('-')) host.vars.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    return next(0);
  }
  switch (name) {
    case 'exit':
    case 'return':
      return { kind: 'exit', status: args[0] !== undefined ? Number(args[0]) & 255 || 0 : host.status };
    case 'break':
    case 'continue':
      return { kind: name, levels: Math.max(1, Number(args[0] ?? 1) || 1) };
    case 'set':
      return set(host, args);
    case 'unset':
      for (const a of args) host.vars.delete(a);
      return next(0);
    case 'shift':
      host.positional.splice(1, Number(args[0] ?? 1) || 1);
      return next(0);
    case 'trap':
      if (args[0] !== '-' && args.slice(1).some((s) => /^(SIG)?TERM$|^15$/.test(s))) host.trapsTerm = true;
      return next(0);
    case 'wait':
      if (host.backgroundEnd === Infinity) return FOREVER;
      host.t = Math.max(host.t, host.backgroundEnd);
      return next(0);
    case 'read': {
      if (io.stdin === '') return host.interactive ? FOREVER : next(1);
      const words = (io.stdin.split('\n')[0] ?? '').split(/\s+/);
      const names = args.filter((a) => !a.startsWith('-'));
      names.forEach((n, i) => host.vars.set(n, i === names.length - 1 ? words.slice(i).join(' ') : (words[i] ?? '')));
      return next(0);
    }
    case 'eval': {
      const parsed = parseScript(args.join(' '));
      if (!parsed.ok) return host.mode === 'probe' ? next(0) : FOREVER;
      return host.list(parsed.list, io, condition);
    }
    case 'exec': {
      if (args.length === 0) return next(0);
      const result = host.runExternal(args, assigned, io);
      host.execSigterm = result.sigterm ?? DEFAULT_SIGTERM_MS;
      const flow = host.absorb(result, io);
      return flow.kind === 'next' ? { kind: 'exit', status: flow.status } : flow;
    }
    case 'command':
      if (args[0] === '-v' || args.length === 0) return next(0);
      return runBuiltin(host, args, assigned, io, condition) ?? host.absorb(host.runExternal(args, assigned, io), io);
    default:
      return undefined;
  }
}
