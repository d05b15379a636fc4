/**
 * Splits a command line into words the way a shell would for simple input: whitespace separates,
 * single and double quotes group, a backslash escapes the next character.
 */

/** The words of `line`, or an error for an unterminated quote. */
export function splitCommandLine(line: string): { ok: true; words: string[] } | { ok: false; message: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) return { ok: false, message: `unterminated ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) words.push(word);
  return { ok: true, words };
}

/** Positional words and `--flag[=value]` / `-n value` options of a command. */
export interface CommandArgs {
  positionals: string[];
  flags: Map<string, string>;
}

/** Flags that take the next word as their value when written without `=`. */
const VALUE_FLAGS = new Set(['n', 'namespace', 'replicas', 'to-revision', 'grace-period', 'timeout', 'c', 'container', 'cpu', 'memory', 'labels', 'taints', 'from']);

/** Separates flags from positionals: `-n ns`, `--namespace=ns`, `--overwrite`. */
export function parseCommandArgs(words: readonly string[]): CommandArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(word);
    if (m === null || word === '-') {
      positionals.push(word);
      continue;
    }
    const name = m[1]!;
    if (m[2] !== undefined) flags.set(name, m[2]);
    else if (VALUE_FLAGS.has(name) && i + 1 < words.length) flags.set(name, words[++i]!);
    else flags.set(name, 'true');
  }
  return { positionals, flags };
}
