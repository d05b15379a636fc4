/**
 * Decodes a protobuf message into the JSON that Go's encoding/json would write for the same Go
 * struct: fields in struct order, `omitempty` zero values left out, nil pointers, slices and maps
 * without `omitempty` written as `null`, structs always written, map keys sorted, bytes as base64,
 * embedded structs inlined. So a protobuf body becomes exactly the object its JSON body would be.
 */
import { messageSpec, WELL_KNOWN, type FieldSpec, type MessageSpec } from './schema.js';
import { decodeWellKnown, type Decoded } from './well-known.js';
import { FIXED32, FIXED64, LENGTH_DELIMITED, toInt32, toInt64, toUint64, VARINT, WireReader } from './wire.js';

/** A field's values as read: converted scalars, or the bytes of messages and map entries. */
type Raw = string | number | boolean | Uint8Array;

const EMPTY = new Uint8Array(0);

/** The JSON object of a message of the qualified `type` (`core.v1.ConfigMap`). */
export function decodeMessage(type: string, bytes: Uint8Array): Decoded {
  if (WELL_KNOWN.has(type)) return decodeWellKnown(type, bytes);
  const spec = messageSpec(type);
  if (spec === undefined) return { ok: false, error: `no protobuf schema for ${type}` };
  const reader = new WireReader(bytes);
  const values = new Map<number, Raw[]>();
  while (!reader.done) {
    const tag = reader.tag(spec.goName);
    if (tag === undefined) return failed(reader);
    const field = spec.byNumber.get(tag.field);
    if (field === undefined) {
      if (!reader.skip(tag.wire)) return failed(reader);
      continue;
    }
    let list = values.get(field.number);
    if (list === undefined) values.set(field.number, (list = []));
    const error = readValues(reader, field, tag.wire, list);
    if (error !== undefined) return { ok: false, error };
  }
  return writeObject(spec, values);
}

function failed(reader: WireReader): Decoded {
  return { ok: false, error: reader.error ?? 'unexpected EOF' };
}

function expectedWire(field: FieldSpec): number {
  return field.scalar && !field.map ? wireOf(field.type) : LENGTH_DELIMITED;
}

/** The wire type a scalar type is written with; messages are length-delimited. */
function wireOf(type: string): number {
  switch (type) {
    case 'bool':
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
      return VARINT;
    case 'double':
      return FIXED64;
    case 'float':
      return FIXED32;
    default:
      return LENGTH_DELIMITED;
  }
}

/** Reads one occurrence of a field (several for a packed repeated scalar) onto `list`. */
function readValues(reader: WireReader, field: FieldSpec, wire: number, list: Raw[]): string | undefined {
  const expected = expectedWire(field);
  if (wire === LENGTH_DELIMITED && expected !== LENGTH_DELIMITED && field.repeated) {
    const packed = reader.bytes();
    if (packed === undefined) return reader.error;
    const inner = new WireReader(packed);
    while (!inner.done) {
      const value = readScalar(inner, field.type);
      if (value === undefined) return inner.error;
      list.push(value);
    }
    return undefined;
  }
  if (wire !== expected) return `proto: wrong wireType = ${wire} for field ${field.goName}`;
  const value = field.scalar && !field.map ? readScalar(reader, field.type) : reader.bytes();
  if (value === undefined) return reader.error;
  list.push(value);
  return undefined;
}

function readScalar(reader: WireReader, type: string): Raw | undefined {
  switch (type) {
    case 'string': {
      const b = reader.bytes();
      return b && Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8');
    }
    case 'bytes':
      return reader.bytes();
    case 'double':
      return reader.fixed(8)?.getFloat64(0, true);
    case 'float':
      return reader.fixed(4)?.getFloat32(0, true);
  }
  const v = reader.varint();
  if (v === undefined) return undefined;
  switch (type) {
    case 'bool':
      return v.lo !== 0 || v.hi !== 0;
    case 'int32':
      return toInt32(v);
    case 'uint32':
      return v.lo;
    case 'uint64':
      return toUint64(v);
    default:
      return toInt64(v);
  }
}

function concat(parts: readonly Raw[]): Uint8Array {
  // Repeated occurrences of a singular message field merge, as concatenated bytes do in protobuf.
  if (parts.length === 1) return parts[0] as Uint8Array;
  return Buffer.concat(parts as Uint8Array[]);
}

function writeObject(spec: MessageSpec, values: ReadonlyMap<number, Raw[]>): Decoded {
  const out: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const raws = values.get(field.number) ?? [];
    if (field.inline) {
      const inner = decodeMessage(field.type, raws.length === 0 ? EMPTY : concat(raws));
      if (!inner.ok) return inner;
      Object.assign(out, inner.value);
      continue;
    }
    const value = field.map ? writeMap(field, raws) : field.repeated ? writeList(field, raws) : writeSingle(field, raws);
    if (!value.ok) return value;
    if (value.value !== OMIT) out[field.json] = value.value;
  }
  return { ok: true, value: out };
}

/** Marks a field that Go's encoder leaves out. */
const OMIT = Symbol('omit');

function element(field: FieldSpec, raw: Raw): Decoded {
  if (!field.scalar) return decodeMessage(field.type, raw as Uint8Array);
  return { ok: true, value: raw instanceof Uint8Array ? base64(raw) : raw };
}

function writeList(field: FieldSpec, raws: readonly Raw[]): Decoded {
  if (raws.length === 0) return { ok: true, value: field.omitEmpty ? OMIT : null };
  const items: unknown[] = [];
  for (const raw of raws) {
    const item = element(field, raw);
    if (!item.ok) return item;
    items.push(item.value);
  }
  return { ok: true, value: items };
}

function writeMap(field: FieldSpec, raws: readonly Raw[]): Decoded {
  if (raws.length === 0) return { ok: true, value: field.omitEmpty ? OMIT : null };
  const entries = new Map<string, unknown>();
  for (const raw of raws) {
    const reader = new WireReader(raw as Uint8Array);
    let key = '';
    let value: Decoded | undefined;
    while (!reader.done) {
      const tag = reader.tag(`${field.goName}Entry`);
      if (tag === undefined) return failed(reader);
      if (tag.field === 1 && tag.wire === LENGTH_DELIMITED) {
        const k = readScalar(reader, 'string');
        if (k === undefined) return failed(reader);
        key = k as string;
      } else if (tag.field === 2) {
        if (tag.wire !== wireOf(field.scalar ? field.type : 'message')) {
          return { ok: false, error: `proto: wrong wireType = ${tag.wire} for field ${field.goName}` };
        }
        const v = field.scalar ? readScalar(reader, field.type) : reader.bytes();
        if (v === undefined) return failed(reader);
        value = element(field, v);
      } else if (!reader.skip(tag.wire)) return failed(reader);
    }
    value ??= field.scalar ? element(field, field.type === 'bytes' ? EMPTY : zero(field.type)) : decodeMessage(field.type, EMPTY);
    if (!value.ok) return value;
    entries.set(key, value.value);
  }
  const sorted: Record<string, unknown> = {};
  for (const key of [...entries.keys()].sort()) sorted[key] = entries.get(key);
  return { ok: true, value: sorted };
}

function writeSingle(field: FieldSpec, raws: readonly Raw[]): Decoded {
  if (!field.scalar) {
    if (raws.length > 0) return decodeMessage(field.type, concat(raws));
    if (field.pointer) return { ok: true, value: field.omitEmpty ? OMIT : null };
    // A struct value is always written, even with omitempty (a well-known one as its zero value's JSON).
    return decodeMessage(field.type, EMPTY);
  }
  const raw = raws[raws.length - 1];
  if (raw === undefined && (field.pointer || field.type === 'bytes')) return { ok: true, value: field.omitEmpty ? OMIT : null };
  const value = raw ?? zero(field.type);
  if (field.omitEmpty && !field.pointer && isZero(value)) return { ok: true, value: OMIT };
  return { ok: true, value: value instanceof Uint8Array ? base64(value) : value };
}

function zero(type: string): Raw {
  return type === 'string' ? '' : type === 'bool' ? false : 0;
}

function isZero(value: Raw): boolean {
  return value === '' || value === false || value === 0 || (value instanceof Uint8Array && value.length === 0);
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}
