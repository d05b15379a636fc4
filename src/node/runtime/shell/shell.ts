/**
 * The simulated shell evaluating a parsed script in simulated time: each command advances the
 * shell's clock by what its program takes, file effects land on the container's timeline, `exit`
 * ends the script, and a command that never finishes (a server, `sleep infinity`, an endless loop)
 * makes the script run forever. Nothing is executed; the budget (budget.ts) keeps every evaluation short.
 */
import type { AndOrList, Command, List, Pipeline, Redirect, SimpleCommand } from './ast.js';
import type { BuiltinHost } from './builtins.js';
import { runBuiltin } from './builtins.js';
import { loopCut, MAX_FOR_ITEMS, mayRun } from './budget.js';
import type { ScriptRunner, ShellSetup } from './context.js';
import { createContext } from './context.js';
import type { ExpansionHost } from './expand.js';
import { BLOCKS_FOREVER, expandFields, expandString } from './expand.js';
import type { Flow } from './flow.js';
import { FOREVER, next } from './flow.js';
import type { ProgramResult, RunMode, SigtermBehaviour } from './program.js';
import { DEFAULT_SIGTERM_MS } from './program.js';
import { runProgram } from './programs.js';
import type { Io, ResolvedRedirect } from './redirections.js';
import { deliver, routedLog, route } from './redirections.js';
import { IterationTap, logOutput, stderrOnly } from './log-output.js';
import { Variables } from './variables.js';

/** One running shell (`sh -c`, a subshell, a pipeline stage); `runScript` starts child shells. */
export class Shell implements ExpansionHost, BuiltinHost {
  t: number;
  status = 0;
  errexit: boolean;
  trapsTerm = false;
  execLast = false;
  execSigterm: SigtermBehaviour | undefined;
  /** Whether what the shell is blocked on accepts connections. */
  serving = false;
  readonly vars: Variables;
  positional: string[];
  backgroundEnd = 0;
  readonly interactive: boolean;
  readonly mode: RunMode;
  private substitutionStatus: number | undefined;

  constructor(
    private readonly setup: ShellSetup,
    private readonly runScript: ScriptRunner,
  ) {
    this.t = setup.start;
    this.vars = new Variables(setup.vars);
    this.positional = [...setup.positional];
    this.errexit = setup.errexit;
    this.interactive = setup.environment.interactive;
    this.mode = setup.environment.mode;
  }

  parameter(name: string): string | undefined {
    if (/^\d+$/.test(name)) return this.positional[Number(name)];
    switch (name) {
      case '?': return String(this.status);
      case '$': return '1';
      case '#': return String(this.positional.length - 1);
      case '@':
      case '*': return this.positional.slice(1).join(' ');
      case '!': return '';
      case '-': return this.errexit ? 'e' : '';
      default: return this.vars.get(name);
    }
  }

  setParameter(name: string, value: string): void {
    this.vars.set(name, value);
  }

  substitute(script: string): string | typeof BLOCKS_FOREVER {
    const setup = { ...this.setup, start: this.t, vars: this.vars, positional: this.positional, errexit: this.errexit };
    const result = this.runScript(script, setup, '', false);
    if (result.forever) return BLOCKS_FOREVER;
    this.t += result.durationMs;
    this.substitutionStatus = result.status;
    return result.stdout ?? '';
  }

  /** A subshell starting now with a copy of this shell's variables. */
  private fork(errexit: boolean): Shell {
    return new Shell({ ...this.setup, start: this.t, vars: this.vars, positional: this.positional, errexit }, this.runScript);
  }

  list(list: List, io: Io, condition: boolean): Flow {
    let flow: Flow = next(this.status);
    for (const item of list) {
      if (item.background) {
        this.backgroundEnd = Math.max(this.backgroundEnd, this.runInBackground(item.andOr, io));
        flow = next(0);
        continue;
      }
      flow = this.andOr(item.andOr, io, condition);
      if (flow.kind !== 'next') return flow;
      this.status = flow.status;
    }
    return flow;
  }

  private andOr(andOr: AndOrList, io: Io, condition: boolean): Flow {
    let ran = this.pipeline(andOr.first, io, condition || andOr.rest.length > 0);
    for (const [index, { op, pipeline }] of andOr.rest.entries()) {
      if (ran.kind !== 'next') break;
      if ((op === '&&') !== (ran.status === 0)) continue;
      ran = this.pipeline(pipeline, io, condition || index < andOr.rest.length - 1);
    }
    return ran;
  }

  /** Starts `andOr` in the background; returns when it ends (Infinity: never). */
  private runInBackground(andOr: AndOrList, io: Io): number {
    const child = this.fork(false);
    const flow = child.andOr(andOr, { stdin: '', out: io.out, err: io.err, log: io.log }, true);
    this.serving ||= child.serving;
    return flow.kind === 'forever' ? Infinity : child.t;
  }

  private pipeline(pipeline: Pipeline, io: Io, condition: boolean): Flow {
    let flow: Flow;
    if (pipeline.commands.length === 1) flow = this.command(pipeline.commands[0]!, io, condition || pipeline.negated);
    else {
      let stdin = io.stdin;
      let end = this.t;
      flow = next(0);
      for (const [index, command] of pipeline.commands.entries()) {
        const stage = this.fork(false);
        const last = index === pipeline.commands.length - 1;
        const stageIo: Io = { stdin, out: last ? io.out : [], err: io.err, log: last ? io.log : stderrOnly(io.log) };
        const ran = stage.command(command, stageIo, true);
        this.serving ||= stage.serving;
        if (ran.kind === 'forever' || ran.kind === 'oom') return ran;
        end = Math.max(end, stage.t);
        stdin = stageIo.out.join('');
        flow = next(ran.kind === 'next' || ran.kind === 'exit' ? ran.status : 0);
      }
      this.t = end;
    }
    if (flow.kind !== 'next') return flow;
    const status = pipeline.negated ? (flow.status === 0 ? 1 : 0) : flow.status;
    this.status = status;
    if (this.errexit && !condition && status !== 0) return { kind: 'exit', status };
    return next(status);
  }

  private command(command: Command, io: Io, condition: boolean): Flow {
    if (!mayRun(this.setup.budget, this.t)) return FOREVER;
    switch (command.type) {
      case 'simple':
        return this.simple(command, io, condition);
      case 'if':
        return this.redirected(command.redirects, io, (inner) => {
          for (const clause of command.clauses) {
            const tested = this.list(clause.condition, inner, true);
            if (tested.kind !== 'next') return tested;
            if (tested.status === 0) return this.list(clause.body, inner, condition);
          }
          return command.elseBody ? this.list(command.elseBody, inner, condition) : next(0);
        });
      case 'loop':
        return this.redirected(command.redirects, io, (outer) => {
          const tap = outer.log && new IterationTap(outer.log);
          const inner: Io = tap ? { stdin: outer.stdin, out: outer.out, err: outer.err, log: tap } : outer;
          return this.loop(() => {
            const tested = this.list(command.condition, inner, true);
            if (tested.kind !== 'next') return tested;
            return (tested.status === 0) !== command.until ? this.list(command.body, inner, condition) : { kind: 'break', levels: 1 };
          }, (round, idle) => loopCut(this.setup.budget, this.t, round, idle), true, tap);
        });
      case 'for':
        return this.redirected(command.redirects, io, (inner) => {
          const items: string[] = [];
          for (const word of command.items ?? []) {
            const fields = expandFields(word, this);
            if (fields === BLOCKS_FOREVER) return FOREVER;
            items.push(...fields);
          }
          const values = command.items ? items : this.positional.slice(1);
          let index = 0;
          return this.loop(() => {
            if (index >= values.length) return { kind: 'break', levels: 1 };
            this.vars.set(command.name, values[index++]!);
            return this.list(command.body, inner, condition);
          }, (round) => round > MAX_FOR_ITEMS, false);
        });
      case 'group':
        return this.redirected(command.redirects, io, (inner) => {
          if (!command.subshell) return this.list(command.body, inner, condition);
          const sub = this.fork(this.errexit);
          const flow = sub.list(command.body, inner, condition);
          this.t = sub.t;
          return flow.kind === 'exit' ? next(flow.status) : flow;
        });
    }
  }

  /**
   * Runs loop rounds until one breaks or `limit` (given the round and how many rounds in a row
   * took no time) says stop; `iteration` returns the body's flow. A `while` loop whose round
   * changes no variable and no file's existence will repeat identically: it is endless.
   */
  private loop(iteration: () => Flow, limit: (round: number, idle: number) => boolean, detectSteadyState: boolean, tap?: IterationTap): Flow {
    let status = 0;
    let idle = 0;
    const files = this.setup.environment.files;
    for (let i = 0; !limit(i, idle); i++) {
      const before = `${this.vars.version}/${files.existenceVersion}/${this.status}`;
      const start = this.t;
      tap?.begin(this.t);
      const flow = iteration();
      idle = this.t === start ? idle + 1 : 0;
      if (detectSteadyState && flow.kind === 'next' && i > 0 && before === `${this.vars.version}/${files.existenceVersion}/${this.status}`) {
        // Every later iteration does what this one did: its lines repeat for as long as the loop runs.
        tap?.repeatFrom(this.t);
        return FOREVER;
      }
      if (flow.kind === 'break') return flow.levels > 1 ? { kind: 'break', levels: flow.levels - 1 } : next(status);
      if (flow.kind === 'continue') {
        if (flow.levels > 1) return { kind: 'continue', levels: flow.levels - 1 };
        continue;
      }
      if (flow.kind !== 'next') return flow;
      status = flow.status;
    }
    return FOREVER;
  }

  private redirected(redirects: readonly Redirect[], io: Io, body: (inner: Io) => Flow): Flow {
    if (redirects.length === 0) return body(io);
    const resolved: ResolvedRedirect[] = [];
    for (const r of redirects) {
      const target = expandString(r.target, this);
      if (target === BLOCKS_FOREVER) return FOREVER;
      resolved.push({ fd: r.fd, op: r.op, target });
    }
    const at = this.t;
    const files = this.setup.environment.files;
    const routing = route(resolved, files, at);
    const inner: Io = { stdin: routing.stdin ?? io.stdin, out: [], err: [], log: routedLog(io.log, routing) };
    const flow = body(inner);
    deliver(inner.out.join(''), inner.err.join(''), routing, io, files, at);
    return flow;
  }

  private simple(command: SimpleCommand, io: Io, condition: boolean): Flow {
    this.substitutionStatus = undefined;
    const argv: string[] = [];
    for (const word of command.words) {
      const fields = expandFields(word, this);
      if (fields === BLOCKS_FOREVER) return FOREVER;
      argv.push(...fields);
    }
    const assigned = new Map<string, string>();
    for (const a of command.assignments) {
      const value = expandString(a.value, this);
      if (value === BLOCKS_FOREVER) return FOREVER;
      assigned.set(a.name, a.append ? (this.vars.get(a.name) ?? '') + value : value);
    }
    if (argv.length === 0) {
      for (const [name, value] of assigned) this.vars.set(name, value);
      return this.redirected(command.redirects, io, () => next(this.substitutionStatus ?? 0));
    }
    return this.redirected(command.redirects, io, (inner) => this.invoke(argv, assigned, inner, condition));
  }

  private invoke(argv: readonly string[], assigned: ReadonlyMap<string, string>, io: Io, condition: boolean): Flow {
    const builtin = runBuiltin(this, argv, assigned, io, condition);
    if (builtin) return builtin;
    const result = this.runExternal(argv, assigned, io);
    if (this.execLast) this.execSigterm = result.sigterm ?? DEFAULT_SIGTERM_MS;
    return this.absorb(result, io);
  }

  runExternal(argv: readonly string[], assigned: ReadonlyMap<string, string>, io: Io): ProgramResult {
    const env = assigned.size === 0 ? this.vars : new Map([...this.vars, ...assigned]);
    return runProgram(argv, createContext(this.setup.environment, this.t, env, io.stdin, this.setup.name, this.setup.budget, this.runScript));
  }

  absorb(result: ProgramResult, io: Io): Flow {
    if (result.stdout) io.out.push(result.stdout);
    if (result.stderr) io.err.push(result.stderr);
    if (io.log !== undefined) logOutput(io.log, result, this.t);
    if (result.forever) {
      this.serving ||= result.serves ?? true;
      return FOREVER;
    }
    this.t += result.durationMs;
    return result.oomKilled ? { kind: 'oom' } : next(result.status);
  }
}
