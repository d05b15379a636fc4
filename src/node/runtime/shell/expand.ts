/**
 * Word expansion as a POSIX shell does it, for the simulated shell: parameters (`$X`, `${X:-d}`,
 * `${#X}`, `$?`, `$1`), command substitution, arithmetic, then field splitting of unquoted
 * results. Globbing is not done (patterns stay literal). Unsupported forms (`${a[i]}`,
 * `${x%pat}`) expand to the empty string.
 */
import type { Segment, Word } from './ast.js';

/** What expansion needs from the running shell. */
export interface ExpansionHost {
  /** A parameter's value: variable, positional (`1`) or special (`?`, `#`, `@`); undefined when unset. */
  parameter(name: string): string | undefined;
  setParameter(name: string, value: string): void;
  /** Runs `$(script)`; its trailing newlines are removed by the caller. `BLOCKS_FOREVER` when it never ends. */
  substitute(script: string): string | typeof BLOCKS_FOREVER;
}

/** Expansion of a command substitution that never finishes: the whole command blocks forever. */
export const BLOCKS_FOREVER: unique symbol = Symbol('blocks forever');

const PARAMETER = /^([A-Za-z_]\w*|\d+|[?$#@*!-])(?:(:?)([-=+?])([\s\S]*))?$/;

/** `$NAME` and `${NAME}` inside a default value (`${X:-$Y}`). */
function expandSimple(text: string, host: ExpansionHost): string {
  return text.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (_, a: string | undefined, b: string | undefined) => host.parameter((a ?? b)!) ?? '');
}

function parameter(expression: string, host: ExpansionHost): string {
  if (/^#[A-Za-z_]\w*$/.test(expression)) return String((host.parameter(expression.slice(1)) ?? '').length);
  const match = PARAMETER.exec(expression);
  if (!match) return '';
  const [, name, colon, op, word] = match;
  const value = host.parameter(name!);
  if (op === undefined) return value ?? '';
  const missing = value === undefined || (colon === ':' && value === '');
  switch (op) {
    case '-':
      return missing ? expandSimple(word!, host) : value!;
    case '=': {
      if (!missing) return value!;
      const assigned = expandSimple(word!, host);
      host.setParameter(name!, assigned);
      return assigned;
    }
    case '+':
      return missing ? '' : expandSimple(word!, host);
    default:
      return value ?? '';
  }
}

/** Integer arithmetic for `$((…))`: + - * / % comparisons && || ! and parentheses over variables. */
export function arithmetic(expression: string, host: Pick<ExpansionHost, 'parameter'>): number {
  const tokens = expression.match(/\d+|[A-Za-z_]\w*|&&|\|\||==|!=|<=|>=|[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const atom = (): number => {
    const t = tokens[i++];
    if (t === '(') {
      const v = binary(0);
      i++;
      return v;
    }
    if (t === '-') return -atom();
    if (t === '+') return atom();
    if (t === '!') return atom() === 0 ? 1 : 0;
    if (t === undefined) return 0;
    if (/^\d+$/.test(t)) return Number(t);
    return Math.trunc(Number(host.parameter(t) ?? 0)) || 0;
  };
  const LEVELS: readonly (readonly string[])[] = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '||': return a !== 0 || b !== 0 ? 1 : 0;
      case '&&': return a !== 0 && b !== 0 ? 1 : 0;
      case '==': return a === b ? 1 : 0;
      case '!=': return a !== b ? 1 : 0;
      case '<': return a < b ? 1 : 0;
      case '>': return a > b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0;
      case '>=': return a >= b ? 1 : 0;
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return b === 0 ? 0 : Math.trunc(a / b);
      default: return b === 0 ? 0 : a % b;
    }
  };
  const binary = (level: number): number => {
    if (level >= LEVELS.length) return atom();
    let value = binary(level + 1);
    while (i < tokens.length && LEVELS[level]!.includes(tokens[i]!)) {
      const op = tokens[i++]!;
      value = apply(op, value, binary(level + 1));
    }
    return value;
  };
  return binary(0);
}

/** The text one segment expands to (before field splitting). */
function segmentValue(segment: Segment, host: ExpansionHost): string | typeof BLOCKS_FOREVER {
  switch (segment.type) {
    case 'literal':
      return segment.text;
    case 'parameter':
      return parameter(segment.expression, host);
    case 'arithmetic':
      return String(arithmetic(segment.expression, host));
    case 'command': {
      const output = host.substitute(segment.script);
      return output === BLOCKS_FOREVER ? output : output.replace(/\n+$/, '');
    }
  }
}

/** Expands a word into fields (unquoted expansions split on blanks; an empty unquoted expansion vanishes). */
export function expandFields(word: Word, host: ExpansionHost): string[] | typeof BLOCKS_FOREVER {
  const fields: string[] = [];
  let current = '';
  let open = false;
  const close = (): void => {
    if (open) fields.push(current);
    current = '';
    open = false;
  };
  for (const segment of word.segments) {
    const value = segmentValue(segment, host);
    if (value === BLOCKS_FOREVER) return value;
    if (segment.type === 'literal' || segment.quoted) {
      current += value;
      open = true;
      continue;
    }
    const parts = value.split(/[ \t\n]+/).filter((p) => p !== '');
    if (/^[ \t\n]/.test(value)) close();
    parts.forEach((part, index) => {
      if (index > 0) close();
      current += part;
      open = true;
    });
    if (/[ \t\n]$/.test(value)) close();
  }
  close();
  return fields;
}

/** Expands a word into one string, without field splitting (assignments, redirection targets). */
export function expandString(word: Word, host: ExpansionHost): string | typeof BLOCKS_FOREVER {
  let out = '';
  for (const segment of word.segments) {
    const value = segmentValue(segment, host);
    if (value === BLOCKS_FOREVER) return value;
    out += value;
  }
  return out;
}
