/**
 * The apimachinery types whose JSON is not an object of their protobuf fields, because their Go
 * types marshal themselves: Time and MicroTime (RFC 3339 strings, `null` when zero), Duration
 * (`1m30s`), Quantity (`500m`), IntOrString (`8080` or `"http"`), FieldsV1 and RawExtension
 * (embedded JSON).
 */
import { LENGTH_DELIMITED, toInt32, toInt64, VARINT, WireReader, type Varint } from './wire.js';

/** A decoded JSON value, or the reason decoding failed. */
export type Decoded = { ok: true; value: unknown } | { ok: false; error: string };

/** Go's zero `time.Time` (January 1, year 1) in Unix seconds. */
const ZERO_TIME_SECONDS = -62135596800;

/** The JSON of a well-known message from its bytes (none: its Go zero value). */
export function decodeWellKnown(type: string, bytes: Uint8Array): Decoded {
  const fields = readFields(bytes, type);
  if (!(fields instanceof Map)) return { ok: false, error: fields };
  const int = (n: number): Varint => {
    const v = fields.get(n);
    return v === undefined || v instanceof Uint8Array ? { lo: 0, hi: 0 } : v;
  };
  const data = (n: number): Uint8Array | undefined => {
    const v = fields.get(n);
    return v instanceof Uint8Array ? v : undefined;
  };
  switch (type) {
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime': {
      const seconds = toInt64(int(1));
      const nanos = toInt32(int(2));
      if (bytes.length === 0 || (seconds === ZERO_TIME_SECONDS && nanos === 0)) return { ok: true, value: null };
      return { ok: true, value: formatTime(seconds, nanos, type === 'meta.v1.MicroTime') };
    }
    case 'meta.v1.Duration':
      return { ok: true, value: formatDuration(toInt64(int(1))) };
    case 'resource.Quantity':
      return { ok: true, value: text(data(1)) || '0' };
    case 'intstr.IntOrString':
      return { ok: true, value: toInt64(int(1)) === 1 ? text(data(3)) : toInt32(int(2)) };
    case 'meta.v1.FieldsV1':
    case 'runtime.RawExtension': {
      const raw = data(1);
      if (raw === undefined || raw.length === 0) return { ok: true, value: null };
      try {
        return { ok: true, value: JSON.parse(text(raw)) as unknown };
      } catch (error) {
        return { ok: false, error: `${type.slice(type.lastIndexOf('.') + 1)}: ${(error as Error).message}` };
      }
    }
    default:
      return { ok: false, error: `no decoder for ${type}` };
  }
}

function text(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? '' : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

/** The last value of each varint and length-delimited field (others are skipped). */
function readFields(bytes: Uint8Array, type: string): Map<number, Varint | Uint8Array> | string {
  const reader = new WireReader(bytes);
  const fields = new Map<number, Varint | Uint8Array>();
  const goName = type.slice(type.lastIndexOf('.') + 1);
  while (!reader.done) {
    const tag = reader.tag(goName);
    if (tag === undefined) return reader.error ?? '';
    let value: Varint | Uint8Array | undefined;
    if (tag.wire === VARINT) value = reader.varint();
    else if (tag.wire === LENGTH_DELIMITED) value = reader.bytes();
    else if (reader.skip(tag.wire)) continue;
    if (value === undefined) return reader.error ?? '';
    fields.set(tag.field, value);
  }
  return fields;
}

/** metav1.Time (`2006-01-02T15:04:05Z`) or metav1.MicroTime (`2006-01-02T15:04:05.000000Z`), in UTC. */
export function formatTime(seconds: number, nanos: number, micro: boolean): string {
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (!micro) return `${iso}Z`;
  return `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

/** Go's `time.Duration.String()`: `0s`, `1.5s`, `2m0s`, `1h0m0s`, `300ms`, `1.2µs`, `5ns`. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);
  const frac = (value: number, unit: number): string => {
    const whole = Math.floor(value / unit);
    const rest = value % unit;
    if (rest === 0) return String(whole);
    return `${whole}.${String(rest).padStart(String(unit).length - 1, '0').replace(/0+$/, '')}`;
  };
  if (abs < 1e3) return `${sign}${abs}ns`;
  if (abs < 1e6) return `${sign}${frac(abs, 1e3)}µs`;
  if (abs < 1e9) return `${sign}${frac(abs, 1e6)}ms`;
  const hours = Math.floor(abs / 3.6e12);
  const minutes = Math.floor((abs % 3.6e12) / 6e10);
  const seconds = `${frac(abs % 6e10, 1e9)}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}
