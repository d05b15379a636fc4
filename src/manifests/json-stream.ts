/**
 * A JSON stream read the way kubectl reads a manifest that starts with `{`: Go's json.Decoder,
 * one value after another (`{…}{…}` or one per line), with encoding/json's syntax messages
 * (`invalid character '}' looking for beginning of object key string`) wrapped as
 * k8s.io/apimachinery's `json: offset N: …` (N counts bytes), and `unexpected EOF` for a value
 * cut short. Each value keeps its source text (kubectl quotes it in `Object 'Kind' is missing`).
 */
import type { JsonObject, JsonValue } from '../api/types.js';
import { goQuote } from './go-format.js';

/** One decoded value: where it is in the text, and where each of its objects starts. */
export interface JsonDocument {
  value: JsonValue;
  start: number;
  end: number;
  offsets: WeakMap<object, number>;
}

/** The values decoded before the first failure; `end` is where decoding stopped. */
export interface JsonStream {
  documents: JsonDocument[];
  end: number;
  /** The first failure; `limit` when a limit was hit rather than a syntax error. */
  error?: { message: string; offset: number; limit: boolean };
  /** Set when more than `maxDocuments` values follow one another. */
  tooManyDocuments?: true;
  /** JSON values decoded, towards the file's node budget. */
  nodes: number;
}

/** Limits on what one stream may hold. */
export interface JsonStreamLimits {
  maxDepth: number;
  maxDocuments: number;
  nodeBudget: number;
}

/** Unwinds the recursive descent to `decodeJsonStream`, which turns it into a value. */
class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
    readonly limit = false,
  ) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** encoding/json's quoteChar: the offending byte as Go quotes it. */
function quoteChar(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '"') return `'"'`;
  const byte = Buffer.from(ch, 'utf8')[0] ?? 0;
  return `'${goQuote(String.fromCharCode(byte)).slice(1, -1)}'`;
}

class Decoder {
  pos = 0;
  nodes = 0;
  offsets = new WeakMap<object, number>();

  constructor(
    private readonly text: string,
    private readonly limits: JsonStreamLimits,
  ) {}

  skipSpace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos] ?? '')) this.pos++;
  }

  private fail(context: string): never {
    if (this.pos >= this.text.length) throw new SyntaxFailure('unexpected EOF', this.pos);
    const offset = Buffer.byteLength(this.text.slice(0, this.pos)) + 1;
    throw new SyntaxFailure(`json: offset ${offset}: invalid character ${quoteChar(this.text[this.pos] ?? '')} ${context}`, this.pos);
  }

  private next(): string {
    return this.text[this.pos] ?? '';
  }

  value(depth: number): JsonValue {
    this.skipSpace();
    if (++this.nodes > this.limits.nodeBudget) throw new SyntaxFailure(`the file holds too many JSON values (more than ${this.limits.nodeBudget})`, this.pos, true);
    const ch = this.next();
    if (ch === '{' || ch === '[') {
      if (depth >= this.limits.maxDepth) throw new SyntaxFailure(`nesting exceeded maxDepth (${this.limits.maxDepth})`, this.pos, true);
      return ch === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (ch === '"') return this.string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    for (const [word, literal] of [['true', true], ['false', false], ['null', null]] as const) {
      if (ch !== word[0]) continue;
      for (let i = 1; i < word.length; i++) {
        this.pos++;
        if (this.next() !== word[i]) this.fail(`in literal ${word} (expecting '${word[i]}')`);
      }
      this.pos++;
      return literal;
    }
    return this.fail('looking for beginning of value');
  }

  private object(depth: number): JsonObject {
    const object: JsonObject = {};
    this.offsets.set(object, this.pos);
    this.pos++;
    this.skipSpace();
    if (this.next() === '}') {
      this.pos++;
      return object;
    }
    for (;;) {
      this.skipSpace();
      if (this.next() !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.next() !== ':') this.fail('after object key');
      this.pos++;
      const value = this.value(depth);
      if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      else object[key] = value;
      this.skipSpace();
      const ch = this.next();
      this.pos++;
      if (ch === '}') return object;
      if (ch !== ',') {
        this.pos--;
        this.fail('after object key:value pair');
      }
    }
  }

  private array(depth: number): JsonValue[] {
    const items: JsonValue[] = [];
    this.pos++;
    this.skipSpace();
    if (this.next() === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value(depth));
      this.skipSpace();
      const ch = this.next();
      this.pos++;
      if (ch === ']') return items;
      if (ch !== ',') {
        this.pos--;
        this.fail('after array element');
      }
    }
  }

  private string(): string {
    const start = this.pos++;
    for (;;) {
      const ch = this.next();
      if (ch === '"') break;
      if (ch === '') this.fail('');
      if (ch < ' ') this.fail('in string literal');
      this.pos++;
      if (ch !== '\\') continue;
      const escape = this.next();
      if (escape === 'u') {
        for (let i = 0; i < 4; i++) {
          this.pos++;
          if (!/^[0-9a-fA-F]$/.test(this.next())) this.fail('in \\u hexadecimal character escape');
        }
      } else if (!'"\\/bfnrt'.includes(escape) || escape === '') this.fail('in string escape code');
      this.pos++;
    }
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private digits(): void {
    while (this.next() >= '0' && this.next() <= '9') this.pos++;
  }

  private number(): number {
    const start = this.pos;
    if (this.next() === '-') {
      this.pos++;
      if (!(this.next() >= '0' && this.next() <= '9')) this.fail('in numeric literal');
    }
    if (this.next() === '0') this.pos++;
    else this.digits();
    if (this.next() === '.') {
      this.pos++;
      if (!(this.next() >= '0' && this.next() <= '9')) this.fail('after decimal point in numeric literal');
      this.digits();
    }
    if (this.next() === 'e' || this.next() === 'E') {
      this.pos++;
      if (this.next() === '+' || this.next() === '-') this.pos++;
      if (!(this.next() >= '0' && this.next() <= '9')) this.fail('in exponent of numeric literal');
      this.digits();
    }
    const value = Number(this.text.slice(start, this.pos));
    return value === 0 ? 0 : value;
  }
}

/** Decodes values from `text` until its end or the first error. */
export function decodeJsonStream(text: string, limits: JsonStreamLimits): JsonStream {
  const decoder = new Decoder(text, limits);
  const documents: JsonDocument[] = [];
  let end = 0;
  for (;;) {
    decoder.skipSpace();
    if (decoder.pos >= text.length) return { documents, end, nodes: decoder.nodes };
    if (documents.length >= limits.maxDocuments) return { documents, end, tooManyDocuments: true, nodes: decoder.nodes };
    const start = decoder.pos;
    try {
      decoder.offsets = new WeakMap();
      const value = decoder.value(0);
      documents.push({ value, start, end: decoder.pos, offsets: decoder.offsets });
      end = decoder.pos;
    } catch (failure) {
      if (!(failure instanceof SyntaxFailure)) throw failure;
      return { documents, end, error: { message: failure.message, offset: failure.offset, limit: failure.limit }, nodes: decoder.nodes };
    }
  }
}
