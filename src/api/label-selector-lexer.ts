/**
 * The lexer of k8s.io/apimachinery/pkg/labels (`Lexer.Lex`): identifiers, the keywords `in` and
 * `notin`, and the operator symbols. Kept apart from the parser so each stays short.
 */

/** A scanned token: its kind (the symbol itself for operators) and its literal text. */
export interface Token {
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
export function lexLabelSelector(s: string): Token[] {
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
