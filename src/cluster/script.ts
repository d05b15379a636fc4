/**
 * `--script FILE`: timed commands, one per line, `<sim-time> <command> [args]` (`30s scale
 * deployment/web 5`, `2m delete pod/web-abc12`). Times are simulated time since the start; blank
 * lines and `#` comments are skipped. The whole file is checked before anything runs.
 */
import { parseDuration } from '../api/duration.js';
import { splitCommandLine } from './command-line.js';
import { COMMANDS, findCommand } from './commands/index.js';

/** One command of a script. */
export interface ScriptStep {
  /** Simulated ms after the start. */
  atMs: number;
  /** The command line without its time. */
  command: string;
  /** 1-based line in the file. */
  line: number;
}

/** A parsed script, or the problems found (`file:line: message`). */
export type ParsedScript = { ok: true; steps: ScriptStep[] } | { ok: false; errors: string[] };

/** Parses a script; steps come out in time order (file order for equal times). */
export function parseScript(text: string, file: string): ParsedScript {
  const steps: ScriptStep[] = [];
  const errors: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${file}:${index + 1}`;
    const split = splitCommandLine(line);
    if (!split.ok) {
      errors.push(`${where}: ${split.message}`);
      return;
    }
    const [time, name, ...rest] = split.words;
    const atMs = parseDuration(time!);
    if (atMs === undefined) {
      errors.push(`${where}: "${time}" is not a time: start the line with a simulated time such as 30s, 2m or 1h30m`);
      return;
    }
    if (name === undefined) {
      errors.push(`${where}: a command must follow the time`);
      return;
    }
    const commandName = name === 'kubectl' ? rest[0] : name;
    if (commandName === undefined || findCommand(commandName) === undefined) {
      errors.push(`${where}: unknown command "${commandName ?? ''}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
      return;
    }
    steps.push({ atMs, command: line.slice(line.indexOf(time!) + time!.length).trim(), line: index + 1 });
  });
  if (errors.length > 0) return { ok: false, errors };
  steps.sort((a, b) => a.atMs - b.atMs || a.line - b.line);
  return { ok: true, steps };
}
