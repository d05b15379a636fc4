/**
 * resource.Quantity from k8s.io/apimachinery/pkg/api/resource: parsing (`ParseQuantity`), the
 * canonical string (`Quantity.String()`: 1536Mi stays `1536Mi`, 0.5 becomes `500m`, 1000M
 * becomes `1G`), comparison and the integer views the scheduler and kubelet use. Amounts are
 * kept exactly, as a BigInt count of nano-units (upstream rounds everything up to 1n).
 */
import type { ParseResult } from './parse-result.js';
import { parseError, parsed } from './parse-result.js';

/** How a quantity prints: `1e3`, `1Ki`, or `1k` (resource.Format). */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** A parsed quantity. `text` is the original string when upstream keeps it as the canonical form. */
export interface Quantity {
  readonly nanos: bigint;
  readonly format: QuantityFormat;
  readonly text?: string;
}

/** resource.ErrFormatWrong. */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** resource.ErrSuffix. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const NANO = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));
/** Exponents beyond this are refused as malformed: upstream accepts them, but they are never meaningful and would cost unbounded BigInt work. */
const MAX_EXPONENT = 1000;

/** The lexical parts of a quantity (`parseQuantityString`), or undefined when malformed. */
function split(str: string): { positive: boolean; num: string; denom: string; suffix: string } | undefined {
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos++;
  }
  while (pos < str.length && str[pos] === '0') pos++;
  const isDigit = (i: number): boolean => i < str.length && str[i]! >= '0' && str[i]! <= '9';
  let start = pos;
  while (isDigit(pos)) pos++;
  const num = str.slice(start, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    start = ++pos;
    while (isDigit(pos)) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(pos)) pos++;
  if (pos < str.length) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

/** `suffixHandler.interpret`. */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  const dec = DECIMAL_SUFFIXES[suffix];
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES[suffix];
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number(suffix.slice(1)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** Ceil of a non-negative a/b. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** Upstream's fast path decides whether the input string is kept verbatim as the canonical form. */
function keepsText(num: string, denom: string, base: 2 | 10, exponent: number): boolean {
  let precision: number;
  let scale: number;
  let mantissa = 1n;
  if (base === 10) {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  } else {
    scale = 0;
    if (denom.length > 0) return false;
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
  }
  if (precision < 0) return false;
  scale -= denom.length;
  if (scale < -9) return false;
  const shifted = num + denom;
  const value = BigInt(shifted);
  if (value * mantissa > MAX_INT64) return false;
  if (base === 2) return exponent % 10 === 0 && (value & 7n) !== 0n;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

const cache = new Map<string, ParseResult<Quantity>>();

/** `resource.ParseQuantity`: strict, no surrounding whitespace. Results are cached (quantities repeat across pods). */
export function parseQuantity(str: string): ParseResult<Quantity> {
  const hit = cache.get(str);
  if (hit) return hit;
  const result = parseUncached(str);
  if (cache.size >= 4096) cache.clear();
  cache.set(str, result);
  return result;
}

function parseUncached(str: string): ParseResult<Quantity> {
  if (str.length === 0) return parseError(QUANTITY_FORMAT_ERROR);
  if (str === '0') return parsed(Object.freeze({ nanos: 0n, format: 'DecimalSI', text: str }));
  const parts = split(str);
  if (!parts) return parseError(QUANTITY_FORMAT_ERROR);
  const unit = interpret(parts.suffix);
  if (!unit) return parseError(QUANTITY_SUFFIX_ERROR);
  if (Math.abs(unit.exponent) > MAX_EXPONENT) return parseError(QUANTITY_FORMAT_ERROR);
  const { num, denom, positive } = parts;
  let format = unit.format;
  const digits = BigInt(num + denom);
  const tenths = unit.base === 10 ? unit.exponent - denom.length + 9 : 9 - denom.length;
  let magnitude = unit.base === 2 ? digits << BigInt(unit.exponent) : digits;
  magnitude = tenths >= 0 ? magnitude * 10n ** BigInt(tenths) : ceilDiv(magnitude, 10n ** BigInt(-tenths));
  const text = keepsText(num, denom, unit.base, unit.exponent) ? str : undefined;
  if (text === undefined && format === 'BinarySI') {
    if (magnitude > MAX_INT64 * NANO) magnitude = MAX_INT64 * NANO;
    if (magnitude > 0n && magnitude < NANO) format = 'DecimalSI';
  }
  const nanos = positive ? magnitude : -magnitude;
  return parsed(Object.freeze(text === undefined ? { nanos, format } : { nanos, format, text }));
}

/** Parses a quantity as it appears in JSON (`Quantity.UnmarshalJSON`): a string with surrounding whitespace trimmed, or a number. */
export function quantityFromJson(value: unknown): ParseResult<Quantity> {
  if (typeof value === 'number' && Number.isFinite(value)) return parseQuantity(String(value));
  if (typeof value === 'string') return parseQuantity(value.trim());
  return parseError(QUANTITY_FORMAT_ERROR);
}

/** Moves factors of `factor` from `value` into the exponent. */
function removeFactors(value: bigint, factor: bigint): [bigint, number] {
  let times = 0;
  while (value !== 0n && value % factor === 0n) {
    value /= factor;
    times++;
  }
  return [value, times];
}

/** `Quantity.String()`: the canonical form (`CanonicalizeBytes`). */
export function quantityToString(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI' && ((q.nanos > -1024n * NANO && q.nanos < 1024n * NANO) || q.nanos % NANO !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    const [amount, exponent] = removeFactors(q.nanos / NANO, 1024n);
    return `${amount}${BINARY_SUFFIX_BY_EXPONENT.get(exponent * 10) ?? ''}`;
  }
  let [amount, exponent] = removeFactors(q.nanos, 10n);
  exponent -= 9;
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  return `${amount}${DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? ''}`;
}

/** Parses and prints back canonically, as the API server stores a quantity. */
export function canonicalQuantity(str: string): ParseResult<string> {
  const q = parseQuantity(str);
  return q.ok ? parsed(quantityToString(q.value)) : q;
}

/** The scale (power of ten) of the integer upstream holds for a quantity kept as written: `100m` → -3, `1e3` → 3, `1Ki` → 0. */
function writtenScale(text: string): number {
  const parts = split(text);
  const unit = parts && interpret(parts.suffix);
  return parts && unit && unit.base === 10 ? unit.exponent - parts.denom.length : 0;
}

/**
 * `Quantity.RoundUp(scale)`: the amount rounded up, away from zero, to a multiple of 10^scale
 * (`roundUpQuantity(q, -3)` is what SetDefaults_ResourceList does: `1500u` becomes `2m`). Like
 * upstream, a quantity written at that scale or a coarser one is returned as it is, keeping its
 * text (`+1`, `1E3`); any other prints canonically afterwards.
 */
export function roundUpQuantity(q: Quantity, scale: number): Quantity {
  if (q.text !== undefined && writtenScale(q.text) >= scale) return q;
  const unit = scale <= -9 ? 1n : 10n ** BigInt(scale + 9);
  const magnitude = ceilDiv(q.nanos < 0n ? -q.nanos : q.nanos, unit) * unit;
  const nanos = q.nanos < 0n ? -magnitude : magnitude;
  return nanos === q.nanos && q.text === undefined ? q : Object.freeze({ nanos, format: q.format });
}

/** Rounds nanos/unit up, away from zero. */
function scaled(nanos: bigint, unit: bigint): number {
  const magnitude = ceilDiv(nanos < 0n ? -nanos : nanos, unit);
  return Number(nanos < 0n ? -magnitude : magnitude);
}

/** `Quantity.Value()`: whole base units, rounded up away from zero (bytes, pods). */
export function quantityValue(q: Quantity): number {
  return scaled(q.nanos, NANO);
}

/** `Quantity.MilliValue()`: thousandths, rounded up away from zero; exact for CPU (`100m` → 100, `0.5` → 500). */
export function milliValue(q: Quantity): number {
  return scaled(q.nanos, 1_000_000n);
}

/** The amount in base units as a float (for display and ratios; use `milliValue`/`quantityValue` for arithmetic). */
export function quantityToNumber(q: Quantity): number {
  return Number(q.nanos) / 1e9;
}

/** `Quantity.Cmp`: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** `Quantity.Add`: the sum keeps the first operand's format unless it is zero. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return Object.freeze({ nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format });
}

/** `resource.NewQuantity(value, format)`: an integer amount of base units. */
export function newQuantity(value: number, format: QuantityFormat): Quantity {
  return Object.freeze({ nanos: BigInt(Math.trunc(value)) * NANO, format });
}

/** `resource.NewMilliQuantity(value, format)`: an integer amount of thousandths (`newMilliQuantity(500, 'DecimalSI')` prints `500m`). */
export function newMilliQuantity(milli: number, format: QuantityFormat): Quantity {
  return Object.freeze({ nanos: BigInt(Math.trunc(milli)) * 1_000_000n, format });
}
