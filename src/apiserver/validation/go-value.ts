/**
 * Go's `%#v` rendering of the composite bad values kube-apiserver (v1.32) prints in field errors:
 * `v1.LabelSelector{…}`, `intstr.IntOrString{…}`, `core.ServicePort{…}`. The shared formatter in
 * src/api/field-errors.ts prints strings, numbers, string maps and string slices; errors about these
 * values carry the rendered text as `goValue`, which is printed in place of `badValue`.
 */
import type { FieldError } from '../../api/field-errors.js';
import { notSupported } from '../../api/field-errors.js';
import { asObject } from './access.js';

/** `field.Invalid` with a `%#v` value: `Invalid value: <rendered>[: <detail>]`. */
export function invalidGo(field: string, rendered: string, detail: string): FieldError {
  return { type: 'Invalid', field, goValue: rendered, detail };
}

/** `field.Duplicate` with a `%#v` value: `Duplicate value: <rendered>[: <detail>]`. */
export function duplicateGo(field: string, rendered: string, detail = ''): FieldError {
  return detail ? { type: 'Duplicate', field, goValue: rendered, detail } : { type: 'Duplicate', field, goValue: rendered };
}

/** `field.NotSupported` with a `%#v` value: `Unsupported value: <rendered>: supported values: "a", "b"`. */
export function notSupportedGo(field: string, rendered: string, supported: readonly string[]): FieldError {
  return { type: 'NotSupported', field, goValue: rendered, detail: notSupported(field, rendered, supported).detail };
}

/** `map[string]string{"a":"b", "c":"d"}` (keys sorted, as fmt prints maps), or `map[string]string(nil)`. */
export function goStringMap(map: unknown): string {
  const o = asObject(map);
  if (!o) return 'map[string]string(nil)';
  const entries = Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(o[k]))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** `[]string{"a", "b"}` or `[]string(nil)`. */
export function goStringSlice(values: unknown): string {
  if (!Array.isArray(values) || values.length === 0) return Array.isArray(values) ? '[]string{}' : '[]string(nil)';
  return `[]string{${values.map((v) => JSON.stringify(String(v))).join(', ')}}`;
}

/** `[]int32{1, 2}`. */
export function goInt32Slice(values: number[]): string {
  return `[]int32{${values.join(', ')}}`;
}

/** `intstr.IntOrString{Type:0, IntVal:5, StrVal:""}` or `…{Type:1, IntVal:0, StrVal:"25%"}`. */
export function goIntOrString(value: number | string | undefined): string {
  return typeof value === 'string'
    ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`
    : `intstr.IntOrString{Type:0, IntVal:${value ?? 0}, StrVal:""}`;
}

/**
 * `(*T)(nil)`, or a pointer with an address. Real addresses differ on every request; these are
 * stable stand-ins in the same shape (`0xc000…`), derived from the type and a slot number.
 */
export function goPointer(type: string, present: boolean, slot = 0): string {
  if (!present) return `(*${type})(nil)`;
  let hash = 0;
  for (const ch of type) hash = (hash * 31 + ch.charCodeAt(0)) % 0x8000;
  return `(*${type})(0xc000${(0x100000 + (hash + slot) * 0x20).toString(16)})`;
}

function goRequirement(raw: unknown): string {
  const r = asObject(raw) ?? {};
  const values = Array.isArray(r.values) ? goStringSlice(r.values) : '[]string(nil)';
  return `v1.LabelSelectorRequirement{Key:${JSON.stringify(String(r.key ?? ''))}, Operator:${JSON.stringify(String(r.operator ?? ''))}, Values:${values}}`;
}

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`, or `null`. */
export function goLabelSelector(raw: unknown): string {
  const s = asObject(raw);
  if (!s) return 'null';
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions.map(goRequirement).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** metav1.Time as its String(): `2025-01-01 00:00:00 +0000 UTC`; absent prints `null`. */
export function goTime(value: unknown): string {
  if (typeof value !== 'string') return 'null';
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return JSON.stringify(value);
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}
