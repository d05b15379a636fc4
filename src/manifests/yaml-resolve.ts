/**
 * How kubectl types a YAML scalar: go-yaml v2's `resolve` (sigs.k8s.io/yaml/goyaml.v2,
 * resolve.go), which implements YAML 1.1 plain-scalar rules with Go's number syntax:
 *
 * - booleans: `y Y yes Yes YES true True TRUE on On ON` and `n N no No NO false False FALSE off Off OFF`;
 * - null: empty, `~`, `null Null NULL`;
 * - ints: Go `strconv.ParseInt(s, 0, 64)` after removing every `_`, so `0755` and `0o755` are
 *   both octal 493, `0x1F` is 31, `0b101` is 5, `1_000` is 1000; `08` is not octal and becomes
 *   the float 8; beyond int64 a uint64, beyond that (hex/octal/binary only) a `*big.Int`;
 * - floats: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` and `.inf .nan` in three
 *   spellings; no sexagesimal (`12:30` stays a string), and an out-of-range float stays a string;
 * - timestamps (`2024-01-01`, `2001-12-14t21:59:43.10-05:00`) are recognised but, decoded into
 *   `interface{}`, go-yaml v2 keeps the original text: they are plain strings in the JSON;
 * - quoted and block scalars are strings unless explicitly tagged; `!!str`, `!!int`, `!!float`,
 *   `!!bool`, `!!null`, `!!timestamp` force a type (a mismatch is an error), `!!binary` is base64
 *   decoded, any other tag (`!foo`, `!`) leaves the text as a string.
 */
import { GoBigInt, GoFloat, GoUint, type YamlScalar } from './yaml-value.js';

/** A resolved scalar, or go-yaml's message (without the `yaml: ` prefix) when a tag does not fit. */
export type ResolvedScalar = { ok: true; value: YamlScalar } | { ok: false; message: string };

const STR = '!!str';
const BOOL = '!!bool';
const INT = '!!int';
const FLOAT = '!!float';
const NULL = '!!null';
const TIMESTAMP = '!!timestamp';
const BINARY = '!!binary';
/** The tag go-yaml gives the plain scalar `<<` (a merge key when used as a mapping key). */
export const MERGE_TAG = '!!merge';

const RESOLVABLE = new Set(['', STR, BOOL, INT, FLOAT, NULL, TIMESTAMP]);

const RESOLVE_MAP = new Map<string, { tag: string; value: YamlScalar }>();
function define(tag: string, value: YamlScalar, spellings: string): void {
  for (const s of spellings.split(' ')) RESOLVE_MAP.set(s, { tag, value });
}
define(BOOL, true, 'y Y yes Yes YES true True TRUE on On ON');
define(BOOL, false, 'n N no No NO false False FALSE off Off OFF');
define(NULL, null, '~ null Null NULL');
RESOLVE_MAP.set('', { tag: NULL, value: null });
define(FLOAT, new GoFloat(NaN), '.nan .NaN .NAN');
define(FLOAT, new GoFloat(Infinity), '.inf .Inf .INF +.inf +.Inf +.INF');
define(FLOAT, new GoFloat(-Infinity), '-.inf -.Inf -.INF');
define(MERGE_TAG, '<<', '<<');

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;

/** `!!int` for `!!int`, `!<tag:yaml.org,2002:int>` and the long form; other tags unchanged. */
export function shortTag(tag: string): string {
  const verbatim = /^!<(.*)>$/.exec(tag);
  const name = verbatim?.[1] ?? tag;
  return name.startsWith('tag:yaml.org,2002:') ? `!!${name.slice('tag:yaml.org,2002:'.length)}` : name;
}

type GoParse = { ok: true; value: bigint } | { ok: false; range: false } | { ok: false; range: true; value: bigint };

/** strconv.ParseUint(s, 0, 64): Go's `0b`, `0o`, `0x` prefixes and a leading `0` for octal. */
function parseUint(s: string): GoParse {
  let base = 10;
  let digits = s;
  if (s.startsWith('0')) {
    const prefix = s.length >= 3 ? s[1]?.toLowerCase() : undefined;
    base = prefix === 'b' ? 2 : prefix === 'x' ? 16 : 8;
    digits = prefix === 'b' || prefix === 'o' || prefix === 'x' ? s.slice(2) : s.slice(1);
  }
  const valid = { 2: /^[01]+$/, 8: /^[0-7]*$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  if (s === '' || !valid?.test(digits)) return { ok: false, range: false };
  const value = BigInt((base === 2 ? '0b' : base === 8 ? '0o' : base === 16 ? '0x' : '') + (digits || '0'));
  return value > MAX_UINT64 ? { ok: false, range: true, value } : { ok: true, value };
}

/** strconv.ParseInt(s, 0, 64). */
function parseInt64(s: string): GoParse {
  const negative = s.startsWith('-');
  const unsigned = parseUint(negative || s.startsWith('+') ? s.slice(1) : s);
  if (!unsigned.ok) return unsigned;
  const value = negative ? -unsigned.value : unsigned.value;
  return value > MAX_INT64 || value < -MAX_INT64 - 1n ? { ok: false, range: true, value } : { ok: true, value };
}

/** A finite float64, or undefined (Go's ParseFloat fails on overflow). */
function parseFloat64(s: string): GoFloat | undefined {
  const value = Number(s);
  return Number.isFinite(value) ? new GoFloat(value) : undefined;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIMESTAMP_FORMATS =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/;

/** go-yaml's parseTimestamp: the four time.Parse layouts it accepts, with range checks. */
function isTimestamp(s: string): boolean {
  const m = TIMESTAMP_FORMATS.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  const [hour, minute, second] = [Number(m[4] ?? m[7] ?? 0), Number(m[5] ?? m[8] ?? 0), Number(m[6] ?? m[9] ?? 0)];
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour < 24 && minute < 60 && second < 60;
}

/** go-yaml v2 `resolve(tag, in)`: the resolved tag and value (before the tag-mismatch check). */
function resolve(tag: string, input: string): { tag: string; value: YamlScalar } {
  if (!RESOLVABLE.has(tag)) return { tag, value: input };
  if (tag === STR) return { tag: STR, value: input };
  const known = RESOLVE_MAP.get(input);
  if (known) return known;
  const first = input[0] ?? '';
  if (first === '.') {
    const float = DOT_FLOAT.test(input) ? parseFloat64(input) : undefined;
    return float ? { tag: FLOAT, value: float } : { tag: STR, value: input };
  }
  if (!/[-+0-9]/.test(first)) return { tag: STR, value: input };
  if (tag === TIMESTAMP && isTimestamp(input)) return { tag: TIMESTAMP, value: input };
  const plain = input.replaceAll('_', '');
  const int = parseInt64(plain);
  if (int.ok) return { tag: INT, value: Number(int.value) };
  const uint = parseUint(plain);
  if (uint.ok) return { tag: INT, value: new GoUint(uint.value) };
  const float = YAML_STYLE_FLOAT.test(plain) ? parseFloat64(plain) : undefined;
  if (float) return { tag: FLOAT, value: float };
  // Reached by hex, octal and binary literals (a long decimal parses as a float unless it overflows).
  if (!uint.ok && uint.range) return { tag: INT, value: new GoBigInt(uint.value) };
  return { tag: STR, value: input };
}

/** base64.StdEncoding.DecodeString (which skips `\r` and `\n`), as UTF-8 text; undefined if invalid. */
function decodeBinary(text: string): string | undefined {
  const data = text.replace(/[\r\n]/g, '');
  if (data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return undefined;
  return new TextDecoder().decode(Buffer.from(data, 'base64'));
}

/**
 * Types one scalar the way go-yaml v2 decodes it into `interface{}`.
 * `tag` is the explicit tag (short form) or undefined; `plain` is false for quoted and block scalars.
 */
export function resolveScalar(tag: string | undefined, text: string, plain: boolean): ResolvedScalar {
  if (tag === undefined) {
    return { ok: true, value: plain ? resolve('', text).value : text };
  }
  if (tag === BINARY) {
    const decoded = decodeBinary(text);
    return decoded === undefined ? { ok: false, message: '!!binary value contains invalid base64 data' } : { ok: true, value: decoded };
  }
  const resolved = resolve(tag, text);
  if (resolved.tag === tag || tag === STR || !RESOLVABLE.has(tag)) return { ok: true, value: resolved.value };
  if (tag === FLOAT && resolved.tag === INT && typeof resolved.value === 'number') {
    return { ok: true, value: new GoFloat(resolved.value) };
  }
  return { ok: false, message: `cannot decode ${resolved.tag} \`${text}\` as a ${tag}` };
}
