/**
 * From one decoded document to Kubernetes objects, as kubectl's unstructured decoder and its
 * FlattenListVisitor do: any document with an `items` field is a list and is replaced by its
 * items (nested lists too); an item with neither `kind` nor `apiVersion` takes the list's
 * apiVersion and the list's kind minus `List` (`PodList` → `Pod`); an object without a kind is
 * `Object 'Kind' is missing in '<its JSON>'`, one without an apiVersion
 * `Object 'apiVersion' is missing in '<its JSON>'` (runtime.NewMissingKindErr / NewMissingVersionErr,
 * what `kubectl apply --validate=false` prints; with validation on kubectl says
 * `error validating data: kind not set` instead). The JSON quoted is the document as kubectl
 * sees it — encoding/json's compact form with sorted keys — cut after {@link MAX_QUOTED_JSON} characters.
 */
import type { JsonObject, JsonValue, KubeObject } from '../api/types.js';
import { marshalJSON } from './go-format.js';

/** How much of an object's JSON an error message quotes (kubectl quotes all of it). */
export const MAX_QUOTED_JSON = 4096;

/** An object found in a document, with the offset it starts at (when known). */
export interface FoundObject {
  object: KubeObject;
  offset: number | undefined;
}

/** A problem with one object of a document. */
export interface ObjectError {
  message: string;
  offset: number | undefined;
}

/** A decoded document: its value, its JSON as kubectl would quote it, and where its objects start. */
export interface DecodedDocument {
  value: JsonValue;
  /** The document's JSON text (the source for JSON streams, encoding/json's form for YAML). */
  json(): string;
  offset: number;
  /** Where an object of the value starts, when known. */
  offsetOf(object: object): number | undefined;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The name encoding/json gives a JSON value's type in an UnmarshalTypeError. */
function jsonType(value: JsonValue): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value === 'boolean' ? 'bool' : typeof value;
}

function quoted(json: string): string {
  return json.length > MAX_QUOTED_JSON ? `${json.slice(0, MAX_QUOTED_JSON)}...` : json;
}

function nonEmptyString(value: JsonValue | undefined): value is string {
  return typeof value === 'string' && value !== '';
}

/** The kind and apiVersion checks of the unstructured decoder; metadata defaults to `{}` like a decoded ObjectMeta. */
function checkObject(value: JsonValue, json: () => string, offset: number | undefined): FoundObject | ObjectError {
  if (!isObject(value) || !nonEmptyString(value['kind'])) return { message: `Object 'Kind' is missing in '${quoted(json())}'`, offset };
  if (!nonEmptyString(value['apiVersion'])) return { message: `Object 'apiVersion' is missing in '${quoted(json())}'`, offset };
  if (value['metadata'] === undefined || value['metadata'] === null) value['metadata'] = {};
  return { object: value as KubeObject, offset };
}

/** The objects of one document, Lists expanded, and the errors of those that are not objects. */
export function objectsOfDocument(document: DecodedDocument): (FoundObject | ObjectError)[] {
  const out: (FoundObject | ObjectError)[] = [];
  const visit = (value: JsonValue, json: () => string, offset: number | undefined): void => {
    if (!isObject(value) || !Object.hasOwn(value, 'items')) {
      out.push(checkObject(value, json, offset));
      return;
    }
    const items = value['items'] ?? null;
    if (items !== null && !Array.isArray(items)) {
      out.push({ message: `json: cannot unmarshal ${jsonType(items)} into Go struct field decodeList.items of type []json.RawMessage`, offset });
      return;
    }
    if (!nonEmptyString(value['kind'])) {
      out.push({ message: `Object 'Kind' is missing in '${quoted(json())}'`, offset });
      return;
    }
    const listKind = value['kind'];
    const listApiVersion = value['apiVersion'];
    for (const item of items ?? []) {
      const itemOffset = isObject(item) ? (document.offsetOf(item) ?? offset) : offset;
      if (item !== null && !isObject(item)) {
        out.push({ message: `json: cannot unmarshal ${jsonType(item)} into Go value of type map[string]interface {}`, offset: itemOffset });
        continue;
      }
      if (isObject(item) && !nonEmptyString(item['kind']) && !nonEmptyString(item['apiVersion'])) {
        item['kind'] = listKind.endsWith('List') ? listKind.slice(0, -'List'.length) : listKind;
        if (listApiVersion !== undefined) item['apiVersion'] = listApiVersion;
      }
      visit(item, () => marshalJSON(item), itemOffset);
    }
  };
  visit(document.value, document.json, document.offset);
  return out;
}
