/**
 * Field selectors as k8s.io/apimachinery/pkg/fields parses them (`fields.ParseSelector`):
 * `field=value`, `field==value`, `field!=value`, comma means AND, and `\,` `\=` `\\` escape those
 * characters in values. Which fields a kind accepts is in `field-labels.ts`.
 */
import type { ParseResult } from './parse-result.js';
import { parseError, parsed } from './parse-result.js';

/** One term of a field selector (`fields.Requirement`); `==` is stored as `=`. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** A parsed field selector: requirements ANDed, in upstream's (sorted) order. */
export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
}

/** Reads a selectable field of one object; an absent field compares as "". */
export type FieldGetter = (field: string) => string | undefined;

/** `fields.Everything()`. */
export const everythingFields: FieldSelector = Object.freeze({ requirements: Object.freeze([]) });

const OPERATORS = ['!=', '==', '='] as const;

/** Splits on commas that are not escaped; the backslashes stay in the terms (`splitTerms`). */
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** The first operator occurrence splits a term; fields cannot be escaped (`splitTerm`). */
function splitTerm(term: string): [string, (typeof OPERATORS)[number], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** `fields.EscapeValue`: escapes `\`, `,` and `=`. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** `fields.UnescapeValue`, with its error texts (an unescaped rune is printed as its code point, as Go's `%v` does). */
export function unescapeFieldValue(value: string): ParseResult<string> {
  if (!/[\\,=]/.test(value)) return parsed(value);
  let out = '';
  let inSlash = false;
  for (const c of value) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') return parseError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      return parseError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) return parseError('invalid field selector: invalid escape sequence: \\');
  return parsed(out);
}

/** `fields.ParseSelector`. "" selects everything; a term with empty field and value is dropped, as upstream's Transform does. */
export function parseFieldSelector(selector: string): ParseResult<FieldSelector> {
  const parts = splitTerms(selector).sort();
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) return parseError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, raw] = split;
    const value = unescapeFieldValue(raw);
    if (!value.ok) return value;
    if (field === '' && value.value === '') continue;
    requirements.push({ field, operator: op === '!=' ? '!=' : '=', value: value.value });
  }
  return parsed(requirements.length === 0 ? everythingFields : Object.freeze({ requirements: Object.freeze(requirements) }));
}

/** True if every requirement holds for the object whose fields `get` reads (`Selector.Matches`). */
export function matchesFields(selector: FieldSelector, get: FieldGetter): boolean {
  for (const r of selector.requirements) {
    const actual = get(r.field) ?? '';
    if ((actual === r.value) !== (r.operator === '=')) return false;
  }
  return true;
}

/** True if the selector does not restrict anything (`Selector.Empty`). */
export function isEmptyFieldSelector(selector: FieldSelector): boolean {
  return selector.requirements.length === 0;
}

/** The value an `=` term requires of `field`, if any (`RequiresExactMatch`): lets a server use an index, e.g. pods by `spec.nodeName`. */
export function requiresExactMatch(selector: FieldSelector, field: string): string | undefined {
  return selector.requirements.find((r) => r.field === field && r.operator === '=')?.value;
}

/** `Selector.String()`: `field=value,field!=value` with values escaped. */
export function fieldSelectorToString(selector: FieldSelector): string {
  return selector.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
}
