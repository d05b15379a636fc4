/**
 * The context programs run in: the container's shared environment (files, image, limits), the
 * moment they start, their variables and stdin, and how they start child programs and shells.
 */
import type { ProgramContext, ProgramResult } from './program.js';
import { runProgram } from './programs.js';

/** What every program in a container shares: its files, image, limits and how it was started. */
export type ShellEnvironment = Pick<ProgramContext, 'files' | 'image' | 'mode' | 'memoryLimitBytes' | 'interactive' | 'hostname' | 'envIncomplete'>;

/** The evaluation budget shared by a container's shells (a safety net against endless scripts); see budget.ts. */
export interface StepBudget {
  steps: number;
  readonly maxSteps: number;
  /** Set for a rerun as far as this container time: `while` loops then go on for as long as they take time. */
  readonly untilMs?: number;
  /** How many shells are running (0: the next one is the outermost). */
  depth: number;
  /** The earliest container time at which a limit cut short a script that would have gone on. */
  cutAt?: number;
  /** A cut that a longer evaluation would not undo (a loop that takes no time). */
  final?: boolean;
}

/** Parameters of one shell. */
export interface ShellSetup {
  readonly name: string;
  readonly start: number;
  readonly vars: ReadonlyMap<string, string>;
  /** `$0`, `$1`, … */
  readonly positional: readonly string[];
  readonly errexit: boolean;
  readonly environment: ShellEnvironment;
  readonly budget: StepBudget;
}

/** Runs a shell script (the interpreter's entry point, injected to keep the import graph acyclic). */
export type ScriptRunner = (script: string, setup: ShellSetup, stdin: string, execSingle: boolean) => ProgramResult;

/** A program context at `now`; its `runShell` and `run` start child programs at the same moment. */
class Context implements ProgramContext {
  readonly files: ProgramContext['files'];
  readonly image: ProgramContext['image'];
  readonly mode: ProgramContext['mode'];
  readonly memoryLimitBytes: number | undefined;
  readonly interactive: boolean;
  readonly hostname: string;
  readonly envIncomplete: boolean;

  constructor(
    private readonly environment: ShellEnvironment,
    readonly now: number,
    readonly env: ReadonlyMap<string, string>,
    readonly stdin: string,
    readonly shellName: string,
    private readonly budget: StepBudget,
    private readonly runScript: ScriptRunner,
  ) {
    this.files = environment.files;
    this.image = environment.image;
    this.mode = environment.mode;
    this.memoryLimitBytes = environment.memoryLimitBytes;
    this.interactive = environment.interactive;
    this.hostname = environment.hostname;
    this.envIncomplete = environment.envIncomplete;
  }

  runShell(shell: string, script: string, positional: readonly string[], errexit: boolean): ProgramResult {
    const setup: ShellSetup = {
      name: shell,
      start: this.now,
      vars: this.env,
      positional: positional.length > 0 ? positional : [shell],
      errexit,
      environment: this.environment,
      budget: this.budget,
    };
    return this.runScript(script, setup, this.stdin, true);
  }

  run(argv: readonly string[]): ProgramResult {
    return runProgram(argv, this);
  }
}

/** A program context at `now` for a container's programs. */
export function createContext(
  environment: ShellEnvironment,
  now: number,
  env: ReadonlyMap<string, string>,
  stdin: string,
  shellName: string,
  budget: StepBudget,
  runScript: ScriptRunner,
): ProgramContext {
  return new Context(environment, now, env, stdin, shellName, budget, runScript);
}
