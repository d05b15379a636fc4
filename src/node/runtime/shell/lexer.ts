/**
 * Splits shell text into words, operators and redirections, keeping each word's quoting. Covers
 * what container commands use: quotes, backslashes, `$X`, `${…}`, `$(…)`, backquotes, `$((…))`,
 * comments, line continuations and bash array literals (`A=(x y)`). Here-documents are not
 * supported: such a script is reported as unsupported and the container is treated as unknown.
 */
import type { Redirect, Segment, Word } from './ast.js';

/** A lexical token. `plain` is the word's text when it has no quoting or expansion (reserved words, names). */
export type Token =
  | { readonly kind: 'word'; readonly word: Word; readonly plain: string | undefined }
  | { readonly kind: 'op'; readonly op: ';' | '&' | '|' | '&&' | '||' | ';;' | '(' | ')' | '\n' }
  | { readonly kind: 'redirect'; readonly fd: number | undefined; readonly op: Redirect['op'] };

/**
 * Raised inside the lexer and parser for text they do not handle; `parseScript` turns it into a
 * value, so it never leaves the shell package.
 */
export class UnsupportedShellSyntax extends Error {}

const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const SPECIAL_PARAMETERS = new Set(['?', '$', '#', '@', '*', '!', '-']);

/** The index of the bracket closing the one at `open` (skipping quoted text), or -1. */
export function matchingBracket(src: string, open: number, openChar = '(', closeChar = ')'): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === "'") {
      i = src.indexOf("'", i + 1);
      if (i < 0) return -1;
    } else if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (c === openChar) depth++;
    else if (c === closeChar && --depth === 0) return i;
  }
  return -1;
}

class Lexer {
  private pos = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly src: string) {}

  run(): Token[] {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      const two = src.slice(this.pos, this.pos + 2);
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (two === '\\\n') this.pos += 2;
      else if (c === '#') while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      else if (two === '&&' || two === '||' || two === ';;') this.op(two, 2);
      else if (two === '&>') this.redirect(undefined, src[this.pos + 2] === '>' ? '&>>' : '&>');
      else if (two === '|&') this.op('|', 2);
      else if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') this.op(c, 1);
      else if (c === '<' || c === '>') this.redirect(undefined);
      else {
        const fd = /^(\d+)[<>]/.exec(src.slice(this.pos, this.pos + 12));
        if (fd) {
          this.pos += fd[1]!.length;
          this.redirect(Number(fd[1]));
        } else this.word();
      }
    }
    return this.tokens;
  }

  private op(op: string, length: number): void {
    this.tokens.push({ kind: 'op', op: op as Extract<Token, { kind: 'op' }>['op'] });
    this.pos += length;
  }

  private redirect(fd: number | undefined, fixed?: Redirect['op']): void {
    const src = this.src;
    if (fixed) {
      this.pos += fixed.length;
      this.tokens.push({ kind: 'redirect', fd, op: fixed });
      return;
    }
    const rest = src.slice(this.pos, this.pos + 3);
    let op: Redirect['op'];
    if (rest.startsWith('<<<')) [op, this.pos] = ['<', this.pos + 3];
    else if (rest.startsWith('<<')) throw new UnsupportedShellSyntax('here-documents are not supported');
    else if (rest.startsWith('>>')) [op, this.pos] = ['>>', this.pos + 2];
    else if (rest.startsWith('>&') || rest.startsWith('<&')) [op, this.pos] = [rest.slice(0, 2) as '>&' | '<&', this.pos + 2];
    else if (rest.startsWith('>|') || rest.startsWith('<>')) [op, this.pos] = [rest[0] as '>' | '<', this.pos + 2];
    else [op, this.pos] = [rest[0] as '>' | '<', this.pos + 1];
    this.tokens.push({ kind: 'redirect', fd, op });
  }

  private word(): void {
    const src = this.src;
    const segments: Segment[] = [];
    const literal = (text: string, quoted: boolean): void => {
      const last = segments[segments.length - 1];
      if (last?.type === 'literal' && last.quoted === quoted) segments[segments.length - 1] = { type: 'literal', text: last.text + text, quoted };
      else segments.push({ type: 'literal', text, quoted });
    };
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (WORD_END.has(c)) {
        const soFar = segments.length === 1 && segments[0]!.type === 'literal' && !segments[0]!.quoted ? segments[0]!.text : '';
        if (c !== '(' || !/^[A-Za-z_]\w*\+?=$/.test(soFar)) break;
        const end = matchingBracket(src, this.pos);
        if (end < 0) throw new UnsupportedShellSyntax('unterminated array');
        literal(src.slice(this.pos, end + 1), false);
        this.pos = end + 1;
      } else if (c === '\\') {
        const next = src[this.pos + 1];
        if (next !== '\n') literal(next ?? '\\', true);
        this.pos += 2;
      } else if (c === "'") {
        const end = src.indexOf("'", this.pos + 1);
        if (end < 0) throw new UnsupportedShellSyntax('unterminated quote');
        literal(src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
      } else if (c === '"') this.doubleQuoted(segments, literal);
      else if (c === '$') this.dollar(segments, literal, false);
      else if (c === '`') this.backquote(segments, false);
      else {
        literal(c, false);
        this.pos++;
      }
    }
    const plain = segments.every((s) => s.type === 'literal' && !s.quoted) ? segments.map((s) => (s as { text: string }).text).join('') : undefined;
    this.tokens.push({ kind: 'word', word: { segments }, plain });
  }

  private doubleQuoted(segments: Segment[], literal: (text: string, quoted: boolean) => void): void {
    const src = this.src;
    const before = segments.length;
    this.pos++;
    while (src[this.pos] !== '"') {
      if (this.pos >= src.length) throw new UnsupportedShellSyntax('unterminated quote');
      const c = src[this.pos]!;
      if (c === '\\' && '$`"\\\n'.includes(src[this.pos + 1] ?? '')) {
        if (src[this.pos + 1] !== '\n') literal(src[this.pos + 1]!, true);
        this.pos += 2;
      } else if (c === '$') this.dollar(segments, literal, true);
      else if (c === '`') this.backquote(segments, true);
      else {
        literal(c, true);
        this.pos++;
      }
    }
    if (segments.length === before) literal('', true);
    this.pos++;
  }

  private dollar(segments: Segment[], literal: (text: string, quoted: boolean) => void, quoted: boolean): void {
    const src = this.src;
    const next = src[this.pos + 1] ?? '';
    if (next === '(') {
      const end = matchingBracket(src, this.pos + 1);
      if (end < 0) throw new UnsupportedShellSyntax('unterminated $(');
      const inner = src.slice(this.pos + 2, end);
      if (inner.startsWith('(') && inner.endsWith(')')) segments.push({ type: 'arithmetic', expression: inner.slice(1, -1), quoted });
      else segments.push({ type: 'command', script: inner, quoted });
      this.pos = end + 1;
    } else if (next === '{') {
      const end = matchingBracket(src, this.pos + 1, '{', '}');
      if (end < 0) throw new UnsupportedShellSyntax('unterminated ${');
      segments.push({ type: 'parameter', expression: src.slice(this.pos + 2, end), quoted });
      this.pos = end + 1;
    } else if (/[A-Za-z_]/.test(next)) {
      const name = /^[A-Za-z_]\w*/.exec(src.slice(this.pos + 1))![0];
      segments.push({ type: 'parameter', expression: name, quoted });
      this.pos += 1 + name.length;
    } else if (/[0-9]/.test(next) || SPECIAL_PARAMETERS.has(next)) {
      segments.push({ type: 'parameter', expression: next, quoted });
      this.pos += 2;
    } else {
      literal('$', quoted);
      this.pos++;
    }
  }

  private backquote(segments: Segment[], quoted: boolean): void {
    const src = this.src;
    let end = this.pos + 1;
    while (end < src.length && src[end] !== '`') end += src[end] === '\\' ? 2 : 1;
    if (end >= src.length) throw new UnsupportedShellSyntax('unterminated backquote');
    segments.push({ type: 'command', script: src.slice(this.pos + 1, end).replace(/\\([`$\\])/g, '$1'), quoted });
    this.pos = end + 1;
  }
}

/** The tokens of `src`; throws `UnsupportedShellSyntax` (caught by `parseScript`). */
export function tokenize(src: string): Token[] {
  return new Lexer(src).run();
}
