/**
 * The lexer and parser of k8s.io/apimachinery/pkg/labels (`labels.Parse`), with its error texts.
 * `parseSelector` in label-selector.ts builds the selector from what this returns.
 */
import { isQualifiedName } from './label-validation.js';
import type { Operator, Requirement } from './label-requirement.js';
import { aggregate, requirementErrors } from './label-requirement.js';
import type { ParseResult } from './parse-result.js';
import { parseError, parsed } from './parse-result.js';

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

/** A scanned token: its kind (the symbol itself for operators) and its literal text. */
interface Token {
  kind: 'end' | 'error' | 'identifier' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<';
  literal: string;
}

const SYMBOLS = new Set(['(', ')', ',', '!', '=', '==', '!=', '>', '<']);

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isSpecialSymbol(ch: string): boolean {
  return ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';
}

/** Scans the whole selector into tokens, ending with an `end` token. */
function lexLabelSelector(s: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos]!)) pos++;
    if (pos >= s.length) {
      tokens.push({ kind: 'end', literal: '' });
      return tokens;
    }
    if (isSpecialSymbol(s[pos]!)) {
      let buffer = '';
      let last: Token | undefined;
      while (pos < s.length && isSpecialSymbol(s[pos]!)) {
        const candidate = buffer + s[pos]!;
        if (SYMBOLS.has(candidate)) {
          buffer = candidate;
          last = { kind: candidate as Token['kind'], literal: candidate };
          pos++;
        } else if (last !== undefined) {
          break;
        } else {
          buffer = candidate;
          pos++;
        }
      }
      tokens.push(last ?? { kind: 'error', literal: `error expected: keyword found '${buffer}'` });
      continue;
    }
    const start = pos;
    while (pos < s.length && !isSpecialSymbol(s[pos]!) && !isWhitespace(s[pos]!)) pos++;
    const word = s.slice(start, pos);
    tokens.push({ kind: word === 'in' || word === 'notin' ? word : 'identifier', literal: word });
  }
}

/** A parser over the scanned tokens, following labels.Parser (values context turns `in`/`notin` into identifiers). */
class Parser {
  private position = 0;
  constructor(private readonly items: Token[]) {}

  lookahead(values: boolean): Token {
    return this.asContext(this.items[this.position]!, values);
  }
  consume(values: boolean): Token {
    return this.asContext(this.items[this.position++]!, values);
  }
  private asContext(t: Token, values: boolean): Token {
    return values && (t.kind === 'in' || t.kind === 'notin') ? { kind: 'identifier', literal: t.literal } : t;
  }
}

/** A message, or a requirement parsed by Parser.parseRequirement. */
type Step = { ok: true; requirement: Requirement } | { ok: false; message: string };

function parseRequirement(p: Parser): Step {
  let t = p.consume(true);
  let operator: Operator | undefined;
  if (t.kind === '!') {
    operator = '!';
    t = p.consume(true);
  }
  if (t.kind !== 'identifier') return { ok: false, message: `found '${t.literal}', expected: identifier` };
  const key = t.literal;
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) return { ok: false, message: `<nil>: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}` };
  const next = p.lookahead(true).kind;
  if (next === 'end' || next === ',') operator = operator === '!' ? '!' : 'exists';
  let values: string[] = [];
  if (operator === undefined) {
    const op = p.consume(false);
    const binary: Partial<Record<Token['kind'], Operator>> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' };
    operator = binary[op.kind];
    if (operator === undefined) return { ok: false, message: `found '${op.literal}', expected: ${BINARY_OPERATORS.join(', ')}` };
    const v = operator === 'in' || operator === 'notin' ? parseValues(p) : parseExactValue(p);
    if (typeof v === 'string') return { ok: false, message: v };
    values = [...v].sort();
  }
  const errs = requirementErrors(key, operator, values);
  if (errs.length > 0) return { ok: false, message: aggregate(errs) };
  return { ok: true, requirement: { key, operator, values } };
}

function parseValues(p: Parser): Set<string> | string {
  const open = p.consume(true);
  if (open.kind !== '(') return `found '${open.literal}' expected: '('`;
  const first = p.lookahead(true);
  if (first.kind === ')') {
    p.consume(true);
    return new Set(['']);
  }
  if (first.kind !== 'identifier' && first.kind !== ',') return `found '${first.literal}', expected: ',', ')' or identifier`;
  const set = new Set<string>();
  for (;;) {
    const t = p.consume(true);
    if (t.kind === 'identifier') {
      set.add(t.literal);
      const t2 = p.lookahead(true);
      if (t2.kind === ',') continue;
      if (t2.kind === ')') break;
      return `found '${t2.literal}', expected: ',' or ')'`;
    } else if (t.kind === ',') {
      if (set.size === 0) set.add('');
      const t2 = p.lookahead(true);
      if (t2.kind === ')') {
        set.add('');
        break;
      }
      if (t2.kind === ',') {
        p.consume(true);
        set.add('');
      }
    } else {
      return `found '${t.literal}', expected: ',', or identifier`;
    }
  }
  if (p.consume(true).kind !== ')') return `found '${first.literal}', expected: ')'`;
  return set;
}

function parseExactValue(p: Parser): Set<string> | string {
  const ahead = p.lookahead(true).kind;
  if (ahead === 'end' || ahead === ',') return new Set(['']);
  const t = p.consume(true);
  if (t.kind === 'identifier') return new Set([t.literal]);
  return `found '${t.literal}', expected: identifier`;
}

/** The requirements of a selector string, in written order, or upstream's error text (`Parser.parse`). */
export function parseRequirements(selector: string): ParseResult<Requirement[]> {
  const p = new Parser(lexLabelSelector(selector));
  const requirements: Requirement[] = [];
  for (;;) {
    const t = p.lookahead(true);
    if (t.kind === 'end') return parsed(requirements);
    if (t.kind !== 'identifier' && t.kind !== '!') return parseError(`found '${t.literal}', expected: !, identifier, or 'end of string'`);
    const step = parseRequirement(p);
    if (!step.ok) return parseError(`unable to parse requirement: ${step.message}`);
    requirements.push(step.requirement);
    const after = p.consume(true);
    if (after.kind === 'end') return parsed(requirements);
    if (after.kind !== ',') return parseError(`found '${after.literal}', expected: ',' or 'end of string'`);
    const t2 = p.lookahead(true);
    if (t2.kind !== 'identifier' && t2.kind !== '!') return parseError(`found '${t2.literal}', expected: identifier after ','`);
  }
}
