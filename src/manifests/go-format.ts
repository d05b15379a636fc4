/**
 * Go's own renderings that kubectl's manifest errors embed: `strconv.Quote`,
 * `strconv.FormatFloat(f, 'g', -1, bits)`, `fmt`'s `%#v` of decoded YAML values
 * (`map[interface {}]interface {}{"a":interface {}(nil)}`), and `encoding/json.Marshal`
 * (sorted keys, HTML-safe escapes) for the `Object 'Kind' is missing in '…'` message.
 */
import type { JsonValue } from '../api/types.js';
import { GoBigInt, GoFloat, GoUint, YamlSeq, type YamlScalar, type YamlValue } from './yaml-value.js';

import { goQuote } from '../api/go-quote.js';

export { goQuote };

/** strconv.FormatFloat(f, 'g', -1, bitSize): shortest digits, exponent form below 1e-4 and from 1e6. */
export function formatFloatG(f: number, bitSize: 32 | 64): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const x = bitSize === 32 ? Math.fround(f) : f;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let exponential = x.toExponential();
  if (bitSize === 32) {
    for (let digits = 1; digits <= 9; digits++) {
      exponential = x.toExponential(digits - 1);
      if (Math.fround(Number(exponential)) === x) break;
    }
  }
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exponential);
  if (!m) return String(x);
  const [sign, lead = '', rest = '', exp] = [m[1], m[2], m[3], Number(m[4])];
  const digits = lead + rest.replace(/0+$/, '');
  if (exp < -4 || exp >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A big.Int as `%#v` prints a pointer to it: `&big.Int{neg:false, abs:big.nat{0x1, 0x2}}`. */
function bigIntSyntax(value: bigint): string {
  let abs = value < 0n ? -value : value;
  const words: string[] = [];
  while (abs > 0n) {
    words.push(`0x${(abs & 0xffffffffffffffffn).toString(16)}`);
    abs >>= 64n;
  }
  return `&big.Int{neg:${value < 0n}, abs:big.nat{${words.join(', ')}}}`;
}

/** Go's fmtsort order for `interface{}` keys of one map: by type, then by value. */
function compareKeys(a: YamlScalar, b: YamlScalar): number {
  const rank = (k: YamlScalar): number =>
    k === null ? 0 : typeof k === 'boolean' ? 1 : typeof k === 'number' ? 2 : k instanceof GoFloat ? 3 : typeof k === 'string' ? 5 : 4;
  const byType = rank(a) - rank(b);
  if (byType !== 0) return byType;
  const va = a instanceof GoFloat || a instanceof GoUint || a instanceof GoBigInt ? a.value : a;
  const vb = b instanceof GoFloat || b instanceof GoUint || b instanceof GoBigInt ? b.value : b;
  return va === vb ? 0 : (va ?? 0) < (vb ?? 0) ? -1 : 1;
}

/**
 * `fmt.Sprintf("%#v", v)` of a value go-yaml decoded into `interface{}`. Inside maps and slices
 * a nil prints as `interface {}(nil)`; on its own (`inInterface` false) as `<nil>`.
 */
export function goSyntax(value: YamlValue, inInterface = false): string {
  if (value === null) return inInterface ? 'interface {}(nil)' : '<nil>';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof GoFloat) return formatFloatG(value.value, 64);
  if (value instanceof GoUint) return `0x${value.value.toString(16)}`;
  if (value instanceof GoBigInt) return bigIntSyntax(value.value);
  if (value instanceof YamlSeq) return `[]interface {}{${value.items.map((item) => goSyntax(item, true)).join(', ')}}`;
  const entries = [...value.entries.values()].sort((a, b) => compareKeys(a.key, b.key));
  return `map[interface {}]interface {}{${entries.map((e) => `${goSyntax(e.key, true)}:${goSyntax(e.value, true)}`).join(', ')}}`;
}

/** The `%s` of a Go type name in sigs.k8s.io/yaml's unsupported-key message. */
export function goTypeName(value: YamlScalar): string {
  if (value === null) return '%!s(<nil>)';
  if (value instanceof GoUint) return 'uint64';
  if (value instanceof GoBigInt) return '*big.Int';
  if (value instanceof GoFloat) return 'float64';
  return typeof value === 'number' ? 'int' : typeof value === 'boolean' ? 'bool' : 'string';
}

const HTML_UNSAFE: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** A JSON string literal as encoding/json writes it. */
function marshalString(s: string): string {
  const wellFormed = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return JSON.stringify(wellFormed).replace(/[<>&\u2028\u2029]/g, (c) => HTML_UNSAFE[c] ?? c);
}

/** encoding/json.Marshal of a decoded JSON value: compact, object keys sorted. */
export function marshalJSON(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return marshalString(value);
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(marshalJSON).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${marshalString(k)}:${marshalJSON(value[k])}`).join(',')}}`;
}
