/**
 * Strict base64 checking as Go's `encoding/base64` StdEncoding decodes (how kube-apiserver
 * decodes Secret `data`): the position of the first byte that makes the input undecodable.
 */

const ALPHABET = /[A-Za-z0-9+/]/;

function isNewline(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

/** The byte offset Go reports as `illegal base64 data at input byte N`, or undefined when `text` decodes. */
export function base64ErrorOffset(text: string): number | undefined {
  let si = 0;
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === text.length) return j === 0 ? undefined : si - j;
      const c = text[si]!;
      si++;
      if (ALPHABET.test(c)) continue;
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== '=' || j < 2) return si - 1;
      if (j === 2) {
        while (si < text.length && isNewline(text[si])) si++;
        if (si === text.length) return text.length;
        if (text[si] !== '=') return si - 1;
        si++;
      }
      while (si < text.length && isNewline(text[si])) si++;
      return si < text.length ? si : undefined;
    }
  }
}
