/**
 * What a simulated program is: a pure function from its arguments and context to what it would do
 * (exit status, output, how long it takes, whether it runs forever), with its file effects written
 * to the container's timeline at the moment it runs.
 */
import type { FileTimeline } from '../file-timeline.js';
import type { ImageFacts } from '../image-catalog.js';
import type { ProgramOutput } from '../log-lines.js';

/** How a program handles SIGTERM when it is PID 1: milliseconds until it exits, or `ignores`. */
export type SigtermBehaviour = number | 'ignores';

/** The outcome of running one program. */
export interface ProgramResult {
  readonly status: number;
  /** Simulated time it takes (0: at once). Irrelevant when `forever`. */
  readonly durationMs: number;
  readonly stdout?: string;
  readonly stderr?: string;
  /** It never ends by itself. */
  readonly forever?: boolean;
  /** The kernel OOM-kills the container when the program ends (exit code 137). */
  readonly oomKilled?: boolean;
  /** As PID 1, what SIGTERM does to it (default: exits within 100 ms). */
  readonly sigterm?: SigtermBehaviour;
  /** While it runs, it accepts connections (a server); false for `sleep`, `tail -f`, shell loops. Default true. */
  readonly serves?: boolean;
  /**
   * What it writes, with when (`kubectl logs`), when that is more than `stdout` then `stderr` at
   * its start: a shell's commands over time, a server's start-up lines.
   */
  readonly output?: ProgramOutput;
}

/** Whether programs run as the container's main process or inside an exec probe. */
export type RunMode = 'container' | 'probe';

/** What a running program can see and do. */
export interface ProgramContext {
  /** Milliseconds since the container started, when the program starts. */
  readonly now: number;
  readonly files: FileTimeline;
  readonly env: ReadonlyMap<string, string>;
  /** True when env comes partly from `envFrom` or unresolved references (names may be missing from `env`). */
  readonly envIncomplete: boolean;
  readonly stdin: string;
  readonly image: ImageFacts;
  readonly mode: RunMode;
  /** The container's memory limit, if any. */
  readonly memoryLimitBytes: number | undefined;
  /** stdin is attached (or a tty allocated): interactive programs wait for input instead of exiting. */
  readonly interactive: boolean;
  readonly hostname: string;
  /** The shell running this program (for its "not found" wording). */
  readonly shellName: string;
  /** Runs `script` in a child shell (`sh -c`), starting now. */
  runShell(shell: string, script: string, positional: readonly string[], errexit: boolean): ProgramResult;
  /** Runs another command line, starting now (`timeout`, `env`, `nohup`, entrypoint scripts). */
  run(argv: readonly string[]): ProgramResult;
}

/** A simulated program. */
export type Program = (args: readonly string[], ctx: ProgramContext) => ProgramResult;

/** Default time a server takes to exit after SIGTERM. */
export const DEFAULT_SIGTERM_MS = 100;

/** A program that ends with `status` after `durationMs`, having written `stdout`/`stderr`. */
export function exited(status = 0, stdout = '', stderr = '', durationMs = 0): ProgramResult {
  return { status, durationMs, stdout, stderr };
}

/** A program that runs until it is stopped; it serves connections unless it ignores SIGTERM (sleep, tail, shells). */
export function runsForever(sigterm: SigtermBehaviour = DEFAULT_SIGTERM_MS, stdout = '', serves = sigterm !== 'ignores'): ProgramResult {
  return { status: 0, durationMs: 0, forever: true, sigterm, stdout, serves };
}

/** Splits arguments into `-x`/`--long` options and operands (stopping option parsing at `--`). */
export function splitOptions(args: readonly string[], withValue: ReadonlySet<string> = new Set()): { options: Map<string, string>; operands: string[] } {
  const options = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options.set(a.slice(0, eq), a.slice(eq + 1));
      else if (withValue.has(a)) options.set(a, args[++i] ?? '');
      else options.set(a, '');
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const flag = `-${a[j]}`;
        if (withValue.has(flag)) {
          options.set(flag, j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? ''));
          break;
        }
        options.set(flag, '');
      }
    } else operands.push(a);
  }
  return { options, operands };
}
