/**
 * sigs.k8s.io/yaml's YAMLToJSON for one document, which is how kubectl reads YAML: go-yaml v2
 * decodes it (js-yaml parses, {@link composeDocument} applies go-yaml's semantics), then
 * `convertToJSONableObject` turns map keys into strings (ints with `strconv.Itoa`, floats with
 * `FormatFloat(f, 'g', -1, 32)`, bools as `true`/`false`; a nil or uint64 key is an error) and
 * `json.Marshal` refuses `.inf` and `.nan`. Messages carry kubectl's prefixes:
 * `error converting YAML to JSON: yaml: …` for decoding, `error converting YAML to JSON: …` after.
 *
 * Numbers become JS numbers: an integer beyond 2^53 loses precision here, where Go keeps int64
 * (kubectl itself later turns integers beyond int64 into float64, so both lose digits somewhere).
 */
import { parseEvents, type Event } from 'js-yaml';
import type { JsonObject, JsonValue } from '../api/types.js';
import { formatFloatG, goSyntax, goTypeName } from './go-format.js';
import { composeDocument, type ComposeLimits } from './yaml-compose.js';
import { GoBigInt, GoFloat, GoUint, YamlMap, YamlSeq, type YamlScalar, type YamlValue } from './yaml-value.js';

/** The prefix sigs.k8s.io/yaml puts on every conversion error. */
const PREFIX = 'error converting YAML to JSON: ';

/**
 * One document as JSON (`value` null for an empty or comment-only document), with where each
 * converted object started (`offsets`, for objects built from mappings) and how many nodes it
 * used of the file's budget; or an error with the offset it points at, when known.
 */
export type DocumentJson =
  | { ok: true; value: JsonValue; rootOffset: number; nodes: number; offsets: WeakMap<object, number> }
  | { ok: false; message: string; offset?: number };

type Converted = { ok: true; value: JsonValue } | { ok: false; message: string; offset?: number };

/** The JSON form of a scalar value (json.Marshal refuses non-finite floats). */
function scalarToJson(value: YamlScalar): Converted {
  if (value instanceof GoFloat) {
    if (!Number.isFinite(value.value)) return { ok: false, message: `json: unsupported value: ${formatFloatG(value.value, 64)}` };
    return { ok: true, value: value.value === 0 ? 0 : value.value };
  }
  if (value instanceof GoUint) return { ok: true, value: Number(value.value) };
  if (value instanceof GoBigInt) {
    const n = Number(value.value);
    if (!Number.isFinite(n)) return { ok: false, message: `strconv.ParseFloat: parsing "${value.value}": value out of range` };
    return { ok: true, value: n };
  }
  return { ok: true, value: value === 0 ? 0 : value };
}

/** The string sigs.k8s.io/yaml makes of a map key, or its error for keys JSON cannot have. */
function keyToString(key: YamlScalar, value: YamlValue): { ok: true; key: string } | { ok: false; message: string } {
  if (typeof key === 'string') return { ok: true, key };
  if (typeof key === 'number' || typeof key === 'boolean') return { ok: true, key: String(key) };
  if (key instanceof GoFloat) {
    const s = formatFloatG(key.value, 32);
    return { ok: true, key: s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s };
  }
  const shown = key === null ? '<nil>' : goSyntax(key);
  return { ok: false, message: `unsupported map key of type: ${goTypeName(key)}, key: ${shown}, value: ${goSyntax(value)}` };
}

/** Sets a key on a plain object; `__proto__` becomes an own property like any other key. */
function setKey(object: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** convertToJSONableObject + json.Marshal's checks; every alias occurrence becomes its own copy. */
function toJson(value: YamlValue, offsets: WeakMap<object, number>): Converted {
  if (value instanceof YamlSeq) {
    const items: JsonValue[] = [];
    for (const item of value.items) {
      const converted = toJson(item, offsets);
      if (!converted.ok) return converted;
      items.push(converted.value);
    }
    return { ok: true, value: items };
  }
  if (value instanceof YamlMap) {
    const object: JsonObject = {};
    offsets.set(object, value.offset);
    for (const entry of value.entries.values()) {
      const key = keyToString(entry.key, entry.value);
      if (!key.ok) return { ...key, offset: value.offset };
      const converted = toJson(entry.value, offsets);
      if (!converted.ok) return { ...converted, offset: converted.offset ?? value.offset };
      setKey(object, key.key, converted.value);
    }
    return { ok: true, value: object };
  }
  return scalarToJson(value);
}

/** Parses one YAML document (the text between `---` lines) and converts it as kubectl does. */
export function yamlDocumentToJson(text: string, limits: ComposeLimits): DocumentJson {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: limits.maxDepth });
  } catch (error) {
    // js-yaml's YAMLException carries `reason` and a 0-based `mark`; anything else is reported as is.
    const { reason, mark, message } = error as { reason?: string; mark?: { position?: number }; message?: string };
    return { ok: false, message: `${PREFIX}yaml: ${reason ?? message ?? String(error)}`, offset: mark?.position };
  }
  const composed = composeDocument(text, events, limits);
  if (!composed.ok) return { ok: false, message: `${PREFIX}yaml: ${composed.message}`, offset: composed.offset };
  const offsets = new WeakMap<object, number>();
  if (composed.root === undefined) return { ok: true, value: null, rootOffset: 0, nodes: 0, offsets };
  const converted = toJson(composed.root, offsets);
  if (!converted.ok) return { ok: false, message: PREFIX + converted.message, offset: converted.offset ?? composed.rootOffset };
  return { ok: true, value: converted.value, rootOffset: composed.rootOffset, nodes: composed.nodes, offsets };
}
