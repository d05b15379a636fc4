/**
 * Runs a shell script in simulated time (shell.ts evaluates it) and turns the run into a program
 * result. The outermost shell of a container whose script was cut short while it printed (a loop
 * whose lines change every round, beyond the first evaluation's budget) gets a continuation: the
 * log reruns it, deterministically, as far as a read needs.
 */
import type { ContinuedOutput, LogContinuation } from '../log-lines.js';
import { OutputCollector } from '../log-lines.js';
import { firstBudget, rerunBudget } from './budget.js';
import type { ShellEnvironment, ShellSetup } from './context.js';
import { createContext } from './context.js';
import { collectedOutput } from './log-output.js';
import { isSingleSimpleCommand, parseScript } from './parser.js';
import type { ProgramContext, ProgramResult } from './program.js';
import { DEFAULT_SIGTERM_MS, exited, runsForever } from './program.js';
import type { Io } from './redirections.js';
import { Shell } from './shell.js';

/**
 * Runs `script` as `sh -c` would, starting at `setup.start`. With `execSingle`, a script that is one
 * simple command is exec'd (as sh, dash and bash do), so that command's SIGTERM behaviour is the
 * shell's; otherwise the shell ignores SIGTERM as PID 1 unless it traps it.
 */
function runShellScript(script: string, setup: ShellSetup, stdin: string, execSingle: boolean): ProgramResult {
  const parsed = parseScript(script);
  if (!parsed.ok) return setup.environment.mode === 'probe' ? exited(0) : runsForever();
  const budget = setup.budget;
  // The outermost shell of a container's first evaluation keeps the files as they were, in case it must run again.
  const rerunnable = budget.depth === 0 && budget.untilMs === undefined && setup.environment.mode === 'container';
  const pristineFiles = rerunnable ? setup.environment.files.fork() : undefined;
  budget.depth++;
  const shell = new Shell(setup, runShellScript);
  shell.execLast = execSingle && isSingleSimpleCommand(parsed.list);
  // An exec probe's output is only its message: it keeps no timed log.
  const collector = setup.environment.mode === 'container' ? new OutputCollector() : undefined;
  const io: Io = { stdin, out: [], err: [], log: collector };
  const flow = shell.list(parsed.list, io, false);
  budget.depth--;
  const sigterm = shell.execSigterm ?? (shell.trapsTerm ? DEFAULT_SIGTERM_MS : 'ignores');
  const stdout = io.out.join('');
  const stderr = io.err.join('');
  const durationMs = shell.t - setup.start;
  let output = collector && collectedOutput(collector, setup.start);
  if (flow.kind === 'forever' && pristineFiles !== undefined && output !== undefined && budget.cutAt !== undefined && budget.cutAt > setup.start && !budget.final) {
    output = { ...output, more: continuation(script, { ...setup, environment: { ...setup.environment, files: pristineFiles } }, stdin, execSingle) };
  }
  // Literals rather than a spread of the shared fields plus new ones: that spread is V8's slow path.
  if (flow.kind === 'forever') return { stdout, stderr, sigterm, serves: shell.serving, durationMs, status: 0, forever: true, output };
  if (flow.kind === 'oom') return { stdout, stderr, sigterm, serves: shell.serving, durationMs, status: 137, oomKilled: true, output };
  const status = flow.kind === 'next' || flow.kind === 'exit' ? flow.status & 255 : shell.status;
  return { stdout, stderr, sigterm, serves: shell.serving, durationMs, status, output };
}

/**
 * How the log goes on past the first evaluation of `script` (cut at `setup.budget.cutAt`): a rerun
 * from the same start, on a copy of the files as they were, as far as the read needs.
 */
function continuation(script: string, setup: ShellSetup, stdin: string, execSingle: boolean): LogContinuation {
  const { steps, cutAt = 0 } = setup.budget;
  return {
    completeUntilMs: cutAt - setup.start,
    rerun(untilMs: number): ContinuedOutput {
      const budget = rerunBudget(steps, cutAt - setup.start, setup.start + untilMs);
      const environment = { ...setup.environment, files: setup.environment.files.fork() };
      const output = runShellScript(script, { ...setup, environment, budget }, stdin, execSingle).output;
      const completeUntilMs = budget.final || budget.cutAt === undefined ? Infinity : untilMs;
      return { lines: output?.lines ?? [], ...(output?.repeat && { repeat: output.repeat }), completeUntilMs };
    },
  };
}

/** A program context at `now` for a container's main process or an exec probe (a fresh evaluation budget). */
export function createProgramContext(environment: ShellEnvironment, now: number, env: ReadonlyMap<string, string>): ProgramContext {
  return createContext(environment, now, env, '', 'sh', firstBudget(), runShellScript);
}
