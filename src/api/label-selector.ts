/**
 * Label selectors as k8s.io/apimachinery/pkg/labels and metav1.LabelSelector define them: the
 * string syntax (`labels.Parse`), the API object (`LabelSelectorAsSelector`), matching, and the
 * canonical string kubectl prints (SELECTOR columns). Selectors are compiled once; matching a
 * pod's labels is a few property reads.
 */
import { isQualifiedName, isValidLabelValue } from './label-validation.js';
import type { ParseResult } from './parse-result.js';
import { parseError, parsed } from './parse-result.js';
import { lexLabelSelector } from './label-selector-lexer.js';
import type { Token } from './label-selector-lexer.js';

/** selection.Operator, with upstream's spellings. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** labels.Requirement: one term of a selector. */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/** Labels of an object (metadata.labels), possibly absent. */
export type Labels = Readonly<Record<string, string>> | undefined;

/** A compiled labels.Selector: requirements ANDed together, sorted by key. */
export interface Selector {
  readonly requirements: readonly Requirement[];
  /** True for `labels.Nothing()` (a nil metav1.LabelSelector): matches no object at all. */
  readonly matchesNothing: boolean;
  /** The compiled matcher; prefer the `matches` function. */
  readonly test: (labels: Labels) => boolean;
}

/** metav1.LabelSelectorRequirement. */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

/** metav1.LabelSelector, the API object (`spec.selector` of workloads). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const INTEGER = /^[+-]?[0-9]+$/;

/** `labels.Everything()`: matches every object, prints as "". */
export const everything: Selector = Object.freeze({ requirements: Object.freeze([]), matchesNothing: false, test: () => true });

/** `labels.Nothing()`: matches no object, prints as "". */
export const nothing: Selector = Object.freeze({ requirements: Object.freeze([]), matchesNothing: true, test: () => false });

/** True if the selector matches these labels (`Selector.Matches`). */
export function matches(selector: Selector, labels: Labels): boolean {
  return selector.test(labels);
}

/** True if the selector selects everything (`Selector.Empty`); `nothing` is not empty. */
export function isEmptySelector(selector: Selector): boolean {
  return !selector.matchesNothing && selector.requirements.length === 0;
}

function compileRequirement(r: Requirement): (labels: Labels) => boolean {
  const { key, values } = r;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==': {
      if (values.length === 1) {
        const only = values[0];
        return (l) => l !== undefined && l[key] === only && Object.hasOwn(l, key);
      }
      const set = new Set(values);
      return (l) => {
        const v = l?.[key];
        return typeof v === 'string' && set.has(v) && Object.hasOwn(l!, key);
      };
    }
    case 'notin':
    case '!=': {
      const set = new Set(values);
      return (l) => l === undefined || !Object.hasOwn(l, key) || !set.has(l[key]!);
    }
    case 'exists':
      return (l) => l !== undefined && Object.hasOwn(l, key);
    case '!':
      return (l) => l === undefined || !Object.hasOwn(l, key);
    case 'gt':
    case 'lt': {
      const wanted = values.length === 1 && INTEGER.test(values[0]!) ? BigInt(values[0]!) : undefined;
      const greater = r.operator === 'gt';
      return (l) => {
        if (wanted === undefined || l === undefined || !Object.hasOwn(l, key) || !INTEGER.test(l[key]!)) return false;
        const have = BigInt(l[key]!);
        return greater ? have > wanted : have < wanted;
      };
    }
  }
}

/** Builds a selector from requirements (`internalSelector.Add`): sorts them by key and compiles them. */
export function selectorFromRequirements(requirements: readonly Requirement[]): Selector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const tests = sorted.map(compileRequirement);
  let test: (labels: Labels) => boolean;
  if (tests.length === 0) test = () => true;
  else if (tests.length === 1) test = tests[0]!;
  else test = (labels) => tests.every((t) => t(labels));
  return Object.freeze({ requirements: Object.freeze(sorted), matchesNothing: false, test });
}

/** `labels.SelectorFromSet`: every label must be equal; an empty or missing set selects everything. */
export function selectorFromSet(set: Labels | null): Selector {
  if (!set) return everything;
  return selectorFromRequirements(Object.entries(set).map(([key, value]) => ({ key, operator: '=', values: [value] })));
}

/** Go's `%#v` of a []string, as field errors print a bad value list. */
function goStringSlice(values: readonly string[] | null): string {
  if (values === null) return '[]string(nil)';
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** labels.NewRequirement's validation: the problems, printed as field errors. */
function requirementErrors(key: string, operator: Operator, values: readonly string[] | null): string[] {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(`key: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
  const list = values ?? [];
  const bad = (detail: string): number => errs.push(`values: Invalid value: ${goStringSlice(values)}: ${detail}`);
  if ((operator === 'in' || operator === 'notin') && list.length === 0) bad("for 'in', 'notin' operators, values set can't be empty");
  if ((operator === '=' || operator === '==' || operator === '!=') && list.length !== 1) bad('exact-match compatibility requires one single value');
  if ((operator === 'exists' || operator === '!') && list.length !== 0) bad('values set must be empty for exists and does not exist');
  if (operator === 'gt' || operator === 'lt') {
    if (list.length !== 1) bad("for 'Gt', 'Lt' operators, exactly one value is required");
    list.forEach((v, i) => {
      if (!INTEGER.test(v)) errs.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
    });
  }
  list.forEach((v, i) => {
    const valueErrs = isValidLabelValue(v);
    if (valueErrs.length > 0) errs.push(`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${valueErrs.join('; ')}`);
  });
  return errs;
}

/** utilerrors.NewAggregate(...).Error(): one message bare, several in brackets, duplicates dropped. */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
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

/**
 * `labels.Parse`: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`,
 * comma means AND, whitespace is allowed between tokens. "" selects everything. Errors carry
 * upstream's text, e.g. `unable to parse requirement: <nil>: Invalid value: "a b": …`.
 */
export function parseSelector(selector: string): ParseResult<Selector> {
  const p = new Parser(lexLabelSelector(selector));
  const requirements: Requirement[] = [];
  for (;;) {
    const t = p.lookahead(true);
    if (t.kind === 'end') return parsed(selectorFromRequirements(requirements));
    if (t.kind !== 'identifier' && t.kind !== '!') return parseError(`found '${t.literal}', expected: !, identifier, or 'end of string'`);
    const step = parseRequirement(p);
    if (!step.ok) return parseError(`unable to parse requirement: ${step.message}`);
    requirements.push(step.requirement);
    const after = p.consume(true);
    if (after.kind === 'end') return parsed(selectorFromRequirements(requirements));
    if (after.kind !== ',') return parseError(`found '${after.literal}', expected: ',' or 'end of string'`);
    const t2 = p.lookahead(true);
    if (t2.kind !== 'identifier' && t2.kind !== '!') return parseError(`found '${t2.literal}', expected: identifier after ','`);
  }
}

const EXPRESSION_OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * `metav1.LabelSelectorAsSelector`: null/undefined gives `nothing` (selects no object), an empty
 * selector `{}` gives `everything`; otherwise matchLabels and matchExpressions ANDed.
 */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): ParseResult<Selector> {
  if (ls === null || ls === undefined) return parsed(nothing);
  const matchLabels = Object.entries(ls.matchLabels ?? {});
  const expressions = ls.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return parsed(everything);
  const requirements: Requirement[] = [];
  for (const [key, value] of matchLabels) {
    const errs = requirementErrors(key, '=', [value]);
    if (errs.length > 0) return parseError(aggregate(errs));
    requirements.push({ key, operator: '=', values: [value] });
  }
  for (const expr of expressions) {
    const operator = EXPRESSION_OPERATORS[expr.operator];
    if (operator === undefined) return parseError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    const values = expr.values && expr.values.length > 0 ? [...expr.values] : null;
    const errs = requirementErrors(expr.key, operator, values);
    if (errs.length > 0) return parseError(aggregate(errs));
    requirements.push({ key: expr.key, operator, values: values ?? [] });
  }
  return parsed(selectorFromRequirements(requirements));
}

const OPERATOR_TEXT: Record<Operator, string> = { in: ' in ', notin: ' notin ', '=': '=', '==': '==', '!=': '!=', gt: '>', lt: '<', exists: '', '!': '' };

/** `Requirement.String()`: `!k`, `k`, `k=v`, `k in (a,b)` (values sorted for display). */
export function requirementToString(r: Requirement): string {
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  const values = r.values.length === 1 ? r.values[0]! : [...r.values].sort().join(',');
  const set = r.operator === 'in' || r.operator === 'notin';
  return `${r.key}${OPERATOR_TEXT[r.operator]}${set ? `(${values})` : values}`;
}

/** `Selector.String()`: the canonical form, requirements sorted by key and joined by ","; "" for everything and nothing. */
export function selectorToString(selector: Selector): string {
  return selector.requirements.map(requirementToString).join(',');
}

/** `metav1.FormatLabelSelector`, what kubectl prints in SELECTOR columns: `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  const result = labelSelectorAsSelector(ls);
  if (!result.ok) return '<error>';
  const text = selectorToString(result.value);
  return text === '' ? '<none>' : text;
}

/** `labels.FormatLabels`: `k=v,…` sorted by key, or `<none>` (e.g. a Service's selector, `--show-labels`). */
export function formatLabels(labels: Labels | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  const text = keys.map((k) => `${k}=${labels![k]}`).join(',');
  return text === '' ? '<none>' : text;
}
