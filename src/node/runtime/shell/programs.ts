/**
 * Looks a command up among the simulated programs and runs it. Shells (`sh -c`, `bash -ec`) run
 * their script in a child interpreter; a command the simulation does not know runs until stopped
 * in a container (a server, most likely) and succeeds at once inside an exec probe.
 */
import { commandNotFoundMessage } from '../messages.js';
import { APPLICATIONS } from './applications.js';
import { COREUTILS, INSTANT_SUCCESS } from './coreutils.js';
import type { Program, ProgramContext, ProgramResult } from './program.js';
import { exited, runsForever } from './program.js';

/** Shells the simulation interprets. */
export const SHELL_NAMES: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const INSTANT = new Set<string>(INSTANT_SUCCESS);

/** The final component of a command path. */
export function commandName(command: string): string {
  return command.slice(command.lastIndexOf('/') + 1);
}

/** Whether the image can run shell `name` at all. */
export function shellAvailable(name: string, ctx: Pick<ProgramContext, 'image'>): boolean {
  if (!ctx.image.hasShell) return false;
  return name === 'sh' || name === 'ash' || name === 'dash' ? true : ctx.image.hasBash;
}

/** `sh [-ex] -c SCRIPT [$0 [args…]]`, `sh FILE`, or a bare `sh` reading stdin. */
function shell(name: string, args: readonly string[], ctx: ProgramContext): ProgramResult {
  if (!shellAvailable(name, ctx)) return exited(127, '', `${commandNotFoundMessage(ctx.shellName, name)}\n`);
  let commandMode = false;
  let errexit = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a.startsWith('--')) continue;
    if (!/^[-+]./.test(a)) break;
    if (a.slice(1) === 'o') {
      if (args[++i] === 'errexit') errexit = a[0] === '-';
      continue;
    }
    if (a.includes('c')) commandMode = true;
    if (a.includes('e')) errexit = a[0] === '-';
  }
  const operands = args.slice(i);
  const kind = name === 'bash' ? 'bash' : 'sh';
  if (commandMode) {
    if (operands[0] === undefined) return exited(2, '', `${kind}: -c: option requires an argument\n`);
    return ctx.runShell(kind, operands[0], operands.slice(1), errexit);
  }
  // A script file the simulation cannot read: assume it starts something that serves, as PID 1 shell.
  if (operands.length > 0) return ctx.mode === 'probe' ? exited(0) : runsForever('ignores', '', true);
  if (ctx.stdin !== '') return ctx.runShell(kind, ctx.stdin, [], errexit);
  return ctx.interactive ? runsForever('ignores') : exited(0);
}

/** The program for `name`, if the simulation knows it. */
function lookup(name: string): Program | undefined {
  const known = COREUTILS[name] ?? APPLICATIONS[name];
  if (known) return known;
  if (INSTANT.has(name)) return () => exited(0);
  if (/entrypoint(\.sh)?$/.test(name)) return APPLICATIONS['docker-entrypoint.sh'];
  return undefined;
}

/** Runs `argv` (command and arguments) in `ctx`. */
export function runProgram(argv: readonly string[], ctx: ProgramContext): ProgramResult {
  const [command, ...args] = argv;
  if (command === undefined) return exited(0);
  const name = commandName(command);
  if (SHELL_NAMES.has(name)) return shell(name, args, ctx);
  if (name === 'busybox' && args.length > 0) return runProgram(args, ctx);
  const program = lookup(name);
  if (program) return program(args, ctx);
  return ctx.mode === 'probe' ? exited(0) : runsForever();
}
