/**
 * Splits a YAML stream into documents the way kubectl's YAMLReader
 * (k8s.io/apimachinery/pkg/util/yaml) does, line by line, before any YAML is parsed: a line that
 * starts with `---` at column 0 ends the document, provided the rest of the line is blank or a
 * comment; anything else after `---` (`--- {a: 1}`, `----`) is kubectl's error
 * `invalid Yaml document separator: <rest>`. Splitting first means one broken document cannot
 * hide the others. A `---` inside a block scalar is indented, so it never splits.
 */

/** One document: `[start, end)` of the text, and the separator error that opened it, if any. */
export interface YamlChunk {
  start: number;
  end: number;
  separatorError?: string;
}

/** True when the text holds something besides blank lines and comments. */
export function hasYamlContent(text: string, start: number, end: number): boolean {
  let pos = start;
  while (pos < end) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline < 0 || newline > end ? end : newline;
    const line = text.slice(pos, lineEnd).trimStart();
    if (line !== '' && !line.startsWith('#')) return true;
    pos = lineEnd + 1;
  }
  return false;
}

/**
 * The documents of `text` from offset `from` (line breaks already `\n`): only those with content,
 * plus any opened by an invalid separator (which must be reported even when empty).
 */
export function splitYamlDocuments(text: string, from = 0): YamlChunk[] {
  const chunks: YamlChunk[] = [];
  let chunkStart = from;
  let pendingError: string | undefined;
  const close = (end: number): void => {
    if (pendingError !== undefined) chunks.push({ start: chunkStart, end, separatorError: pendingError });
    else if (hasYamlContent(text, chunkStart, end)) chunks.push({ start: chunkStart, end });
  };
  let pos = from;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline < 0 ? text.length : newline;
    if (text.startsWith('---', pos)) {
      const rest = text.slice(pos + 3, lineEnd).trim();
      close(pos);
      pendingError = rest === '' || rest.startsWith('#') ? undefined : `invalid Yaml document separator: ${rest}`;
      chunkStart = pendingError === undefined ? lineEnd + 1 : pos;
    }
    pos = lineEnd + 1;
  }
  close(text.length);
  return chunks;
}
