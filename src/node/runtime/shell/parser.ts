/**
 * A recursive-descent parser for the shell subset in `ast.ts`. Text it does not handle (`case`,
 * functions, here-documents, syntax errors) yields `{ ok: false }`: the caller then treats the
 * container's command as unknown, which runs until it is stopped.
 */
import type { AndOrList, Assignment, Command, List, ListItem, Pipeline, Redirect, Word } from './ast.js';
import { tokenize, UnsupportedShellSyntax } from './lexer.js';
import type { Token } from './lexer.js';

/** A parsed script, or why it could not be parsed. */
export type ParsedScript = { readonly ok: true; readonly list: List } | { readonly ok: false; readonly reason: string };

const LIST_END_WORDS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', '}', 'esac']);
const UNSUPPORTED_WORDS = new Set(['case', 'function', 'select', '((']);
const ASSIGNMENT = /^([A-Za-z_]\w*)(\+?)=/;

class Parser {
  private i = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  program(): List {
    const list = this.list();
    if (this.i < this.tokens.length) throw new UnsupportedShellSyntax('unexpected token');
    return list;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.op === op;
  }

  private isWord(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.plain === text;
  }

  private expectWord(text: string): void {
    if (!this.isWord(text)) throw new UnsupportedShellSyntax(`expected ${text}`);
    this.i++;
  }

  private skipNewlines(): void {
    while (this.isOp('\n')) this.i++;
  }

  private atListEnd(): boolean {
    const t = this.peek();
    if (t === undefined) return true;
    if (t.kind === 'op') return t.op === ')' || t.op === ';;';
    return t.kind === 'word' && t.plain !== undefined && LIST_END_WORDS.has(t.plain);
  }

  private list(): List {
    const items: ListItem[] = [];
    this.skipNewlines();
    while (!this.atListEnd()) {
      const andOr = this.andOr();
      const background = this.isOp('&');
      items.push({ andOr, background });
      if (!background && !this.isOp(';') && !this.isOp('\n')) break;
      this.i++;
      this.skipNewlines();
    }
    return items;
  }

  private andOr(): AndOrList {
    const first = this.pipeline();
    const rest: { op: '&&' | '||'; pipeline: Pipeline }[] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.peek() as { op: '&&' | '||' }).op;
      this.i++;
      this.skipNewlines();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    const negated = this.isWord('!');
    if (negated) this.i++;
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.i++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return { negated, commands };
  }

  private command(): Command {
    const t = this.peek();
    if (t?.kind === 'op' && t.op === '(') {
      this.i++;
      const body = this.list();
      if (!this.isOp(')')) throw new UnsupportedShellSyntax('expected )');
      this.i++;
      return { type: 'group', subshell: true, body, redirects: this.redirects() };
    }
    const word = t?.kind === 'word' ? t.plain : undefined;
    if (word !== undefined && UNSUPPORTED_WORDS.has(word)) throw new UnsupportedShellSyntax(`${word} is not supported`);
    if (word === 'if') return this.ifCommand();
    if (word === 'while' || word === 'until') return this.loop(word === 'until');
    if (word === 'for') return this.forCommand();
    if (word === '{') {
      this.i++;
      const body = this.list();
      this.expectWord('}');
      return { type: 'group', subshell: false, body, redirects: this.redirects() };
    }
    return this.simple();
  }

  private ifCommand(): Command {
    const clauses: { condition: List; body: List }[] = [];
    let elseBody: List | undefined;
    this.expectWord('if');
    for (;;) {
      const condition = this.list();
      this.expectWord('then');
      clauses.push({ condition, body: this.list() });
      if (!this.isWord('elif')) break;
      this.i++;
    }
    if (this.isWord('else')) {
      this.i++;
      elseBody = this.list();
    }
    this.expectWord('fi');
    return { type: 'if', clauses, elseBody, redirects: this.redirects() };
  }

  private loop(until: boolean): Command {
    this.i++;
    const condition = this.list();
    this.expectWord('do');
    const body = this.list();
    this.expectWord('done');
    return { type: 'loop', until, condition, body, redirects: this.redirects() };
  }

  private forCommand(): Command {
    this.i++;
    const nameToken = this.peek();
    if (nameToken?.kind !== 'word' || nameToken.plain === undefined) throw new UnsupportedShellSyntax('bad for');
    this.i++;
    this.skipNewlines();
    let items: Word[] | undefined;
    if (this.isWord('in')) {
      this.i++;
      items = [];
      for (let t = this.peek(); t?.kind === 'word'; t = this.peek()) {
        items.push(t.word);
        this.i++;
      }
    }
    if (this.isOp(';') || this.isOp('\n')) this.i++;
    this.skipNewlines();
    this.expectWord('do');
    const body = this.list();
    this.expectWord('done');
    return { type: 'for', name: nameToken.plain, items, body, redirects: this.redirects() };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t?.kind === 'redirect'; t = this.peek()) out.push(this.redirect());
    return out;
  }

  private redirect(): Redirect {
    const t = this.peek() as Extract<Token, { kind: 'redirect' }>;
    const target = this.tokens[this.i + 1];
    if (target?.kind !== 'word') throw new UnsupportedShellSyntax('redirection without a target');
    this.i += 2;
    return { fd: t.fd ?? (t.op === '<' || t.op === '<&' ? 0 : 1), op: t.op, target: target.word };
  }

  private simple(): Command {
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (let t = this.peek(); t !== undefined && t.kind !== 'op'; t = this.peek()) {
      if (t.kind === 'redirect') {
        redirects.push(this.redirect());
        continue;
      }
      this.i++;
      const first = t.word.segments[0];
      const match = words.length === 0 && first?.type === 'literal' && !first.quoted ? ASSIGNMENT.exec(first.text) : null;
      if (match) {
        const rest = first!.type === 'literal' ? first!.text.slice(match[0].length) : '';
        const segments = [...(rest ? [{ type: 'literal' as const, text: rest, quoted: false }] : []), ...t.word.segments.slice(1)];
        assignments.push({ name: match[1]!, append: match[2] === '+', value: { segments } });
      } else words.push(t.word);
    }
    if (words.length === 1 && this.isOp('(')) throw new UnsupportedShellSyntax('functions are not supported');
    if (words.length + assignments.length + redirects.length === 0) throw new UnsupportedShellSyntax('empty command');
    return { type: 'simple', assignments, words, redirects };
  }
}

/** Parses `src`; never throws. */
export function parseScript(src: string): ParsedScript {
  try {
    return { ok: true, list: new Parser(tokenize(src)).program() };
  } catch (error) {
    if (error instanceof UnsupportedShellSyntax) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Whether `list` is one simple command, which `sh -c` runs by exec'ing it (so it becomes PID 1). */
export function isSingleSimpleCommand(list: List): boolean {
  const only = list.length === 1 ? list[0]! : undefined;
  return (
    only !== undefined &&
    !only.background &&
    only.andOr.rest.length === 0 &&
    !only.andOr.first.negated &&
    only.andOr.first.commands.length === 1 &&
    only.andOr.first.commands[0]!.type === 'simple'
  );
}
