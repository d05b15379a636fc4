/**
 * Reads a manifest file the way `kubectl apply -f` reads it (k8s.io/cli-runtime's
 * StreamVisitor over k8s.io/apimachinery's YAMLOrJSONDecoder), as a pure function of the text:
 *
 * - the format is sniffed, not taken from the extension: text starting with `{` is a JSON stream
 *   (Go's json.Decoder); if its first value fails, kubectl falls back to YAML (YAML is a superset)
 *   and, if that fails too, reports the JSON error;
 * - YAML is split into documents on `---` lines first (see yaml-reader.ts), then each document is
 *   decoded by sigs.k8s.io/yaml = go-yaml v2 + conversion to JSON (yaml-resolve.ts,
 *   yaml-compose.ts, yaml-to-json.ts say what that means for `yes`, `0755`, dates, `<<` …);
 * - empty and comment-only documents are skipped; Lists are expanded (manifest-objects.ts).
 *
 * Where kubectl stops at the first broken document, this goes on: a broken document loses only
 * itself. Errors carry 1-based `line`/`column` in the whole file. The limits below are refused
 * with a message, never by running out of memory: an alias bomb is caught before expansion.
 */
import type { KubeObject } from '../api/types.js';
import { decodeJsonStream } from './json-stream.js';
import { objectsOfDocument, type DecodedDocument } from './manifest-objects.js';
import { marshalJSON } from './go-format.js';
import { splitYamlDocuments } from './yaml-reader.js';
import { yamlDocumentToJson } from './yaml-to-json.js';

/** Largest manifest file read, in bytes: the API server's request body limit (3 MiB). */
export const MAX_FILE_BYTES = 3 * 1024 * 1024;
/** Most documents (YAML documents or JSON values) one file may hold. */
export const MAX_DOCUMENTS_PER_FILE = 1000;
/** Deepest nesting of mappings and sequences, aliases expanded. */
export const MAX_NESTING_DEPTH = 100;
/** Most aliases (`*name`) one YAML document may use. */
export const MAX_ALIASES_PER_DOCUMENT = 100;
/** Most nodes one file may expand to (aliases expanded), so an alias bomb is refused, not built. */
export const MAX_EXPANDED_NODES = 1_000_000;

/** An object read from a manifest, with where it came from. */
export interface ParsedObject {
  object: KubeObject;
  /** 0-based index of the document in the file (counting documents with content only). */
  documentIndex: number;
  /** 1-based line where the object starts (its document's first node, or its List item). */
  line: number;
}

/** Why (part of) a manifest could not be read. */
export interface ManifestError {
  file: string;
  line?: number;
  column?: number;
  documentIndex?: number;
  message: string;
}

/** Everything read from one manifest file. */
export interface ParsedManifest {
  objects: ParsedObject[];
  errors: ManifestError[];
}

/** 1-based line and column of offsets in a text. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; column: number } {
    let [low, high] = [0, this.starts.length - 1];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }
}

/** Where kubectl's YAML decoder resumes after a failed JSON value: past blanks, through one newline. */
function resumeAfterJson(text: string, from: number): number | undefined {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\n') return i + 1;
    if (!/\s/.test(text[i] ?? '')) return i;
  }
  return undefined;
}

/** A failed JSON value, reported instead of the YAML error if the text is not YAML either. */
type JsonFailure = { message: string; offset: number };

/** Reads one file's documents in order, collecting objects and errors with positions in the whole text. */
class ManifestReader {
  readonly objects: ParsedObject[] = [];
  readonly errors: ManifestError[] = [];
  private readonly lines: LineIndex;
  private budget = MAX_EXPANDED_NODES;
  private documentIndex = 0;

  constructor(
    private readonly file: string,
    private readonly source: string,
  ) {
    this.lines = new LineIndex(source);
  }

  /**
   * Reads the text as a JSON stream. Returns where YAML reading should take over (kubectl
   * switches to YAML when the first or second value fails), undefined when reading is over, or
   * `tooMany` when the file holds more values than allowed.
   */
  readJson(): { yamlFrom: number; jsonError: JsonFailure } | undefined | 'tooMany' {
    const limits = { maxDepth: MAX_NESTING_DEPTH, maxDocuments: MAX_DOCUMENTS_PER_FILE, nodeBudget: this.budget };
    const stream = decodeJsonStream(this.source, limits);
    if (stream.tooManyDocuments) return 'tooMany';
    this.budget -= stream.nodes;
    for (const { value, start, end, offsets } of stream.documents) {
      const json = (): string => this.source.slice(start, end);
      this.add({ value, json, offset: start, offsetOf: (o) => offsets.get(o) });
    }
    const error = stream.error;
    if (!error) return undefined;
    const yamlFrom = !error.limit && stream.documents.length <= 1 ? resumeAfterJson(this.source, stream.end) : undefined;
    if (yamlFrom !== undefined) return { yamlFrom, jsonError: error };
    this.fail(error.message, error.offset);
    return undefined;
  }

  /** Reads YAML documents from `from`; the first one's error is replaced by `jsonError` if given. */
  readYaml(from: number, jsonError?: JsonFailure): 'tooMany' | undefined {
    const chunks = splitYamlDocuments(this.source, from);
    if (this.documentIndex + chunks.length > MAX_DOCUMENTS_PER_FILE) return 'tooMany';
    for (const [i, chunk] of chunks.entries()) {
      if (chunk.separatorError !== undefined) {
        this.fail(chunk.separatorError, chunk.start);
        continue;
      }
      const limits = { maxAliases: MAX_ALIASES_PER_DOCUMENT, maxDepth: MAX_NESTING_DEPTH, nodeBudget: this.budget, nodeLimit: MAX_EXPANDED_NODES };
      const result = yamlDocumentToJson(this.source.slice(chunk.start, chunk.end), limits);
      if (!result.ok) {
        if (i === 0 && jsonError) this.fail(jsonError.message, jsonError.offset);
        else this.fail(result.message, chunk.start + (result.offset ?? 0));
        continue;
      }
      this.budget -= result.nodes;
      if (result.value === null) {
        this.documentIndex++;
        continue;
      }
      const { value, offsets } = result;
      const offsetOf = (o: object): number | undefined => {
        const offset = offsets.get(o);
        return offset === undefined ? undefined : chunk.start + offset;
      };
      this.add({ value, json: () => marshalJSON(value), offset: chunk.start + result.rootOffset, offsetOf });
    }
    return undefined;
  }

  /** Records an error of the current document, which is then done. */
  private fail(message: string, offset: number | undefined): void {
    const where = offset === undefined ? {} : this.lines.at(offset);
    this.errors.push({ file: this.file, ...where, documentIndex: this.documentIndex++, message });
  }

  /** Records the objects (and object errors) of the current document, which is then done. */
  private add(document: DecodedDocument): void {
    const documentIndex = this.documentIndex++;
    for (const found of objectsOfDocument(document)) {
      if ('object' in found) {
        this.objects.push({ object: found.object, documentIndex, line: this.lines.at(found.offset ?? document.offset).line });
      } else {
        const where = found.offset === undefined ? {} : this.lines.at(found.offset);
        this.errors.push({ file: this.file, ...where, documentIndex, message: found.message });
      }
    }
  }
}

/** A file refused as a whole. */
function refused(file: string, message: string): ParsedManifest {
  return { objects: [], errors: [{ file, message }] };
}

/** Parses one manifest file's text; `fileName` is only used in errors. */
export function parseManifest(text: string, fileName: string): ParsedManifest {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILE_BYTES) return refused(fileName, `the file is too large: ${bytes} bytes, limit is ${MAX_FILE_BYTES}`);
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const reader = new ManifestReader(fileName, source);
  const json = /^\s*\{/.test(source) ? reader.readJson() : { yamlFrom: 0, jsonError: undefined };
  const outcome = typeof json === 'object' ? reader.readYaml(json.yamlFrom, json.jsonError) : json;
  if (outcome === 'tooMany') return refused(fileName, `the file holds too many documents: more than ${MAX_DOCUMENTS_PER_FILE}`);
  return { objects: reader.objects, errors: reader.errors };
}
