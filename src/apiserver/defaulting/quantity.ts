/**
 * resource.Quantity (k8s.io/apimachinery/pkg/api/resource): parsing, comparing and the canonical
 * text the API server writes back. A quantity survives a round trip through kube-apiserver in
 * canonical form, which is why `cpu: 0.5` comes back as `500m` and `memory: 1.5Gi` as `1536Mi`.
 *
 * Values are held exactly as a count of nano-units (10⁻⁹), the finest precision Quantity keeps:
 * finer input is rounded up, away from zero, as ParseQuantity does.
 */

/** How a quantity was written, which decides how it is printed back (resource.Format). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity: its exact value in nano-units and the format it was written in. */
export interface Quantity {
  nanos: bigint;
  format: QuantityFormat;
}

const NANOS_PER_UNIT = 1_000_000_000n;
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_POWER = new Map(Object.entries(BINARY_SUFFIXES).map(([s, p]) => [p, s]));
const NUMBER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/;
const EXPONENT = /^[eE]([+-]?[0-9]+)$/;
/** Exponents beyond this are refused rather than expanded into enormous integers. */
const MAX_EXPONENT = 400;

/** Divides rounding away from zero (inf.RoundUp). */
function divideAwayFromZero(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  if (quotient * divisor === value) return quotient;
  return value < 0n ? quotient - 1n : quotient + 1n;
}

/**
 * Parses a quantity as kube-apiserver does (`1`, `0.5`, `100m`, `1Gi`, `1e3`, `+2k`). A number is
 * read through its decimal text, as a JSON number in a manifest is. Undefined when invalid.
 */
export function parseQuantity(input: string | number): Quantity | undefined {
  const text = typeof input === 'number' ? String(input) : input;
  const match = NUMBER.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', suffix = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  let exponent: number;
  let binaryPower = 0;
  let format: QuantityFormat;
  const exponentMatch = EXPONENT.exec(suffix);
  if (suffix in DECIMAL_SUFFIXES) {
    exponent = DECIMAL_SUFFIXES[suffix]!;
    format = 'DecimalSI';
  } else if (suffix in BINARY_SUFFIXES) {
    exponent = 0;
    binaryPower = BINARY_SUFFIXES[suffix]!;
    format = 'BinarySI';
  } else if (exponentMatch) {
    exponent = Number(exponentMatch[1]);
    if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
    format = 'DecimalExponent';
  } else {
    return undefined;
  }
  let digits = BigInt(`${whole}${fraction}` || '0');
  if (sign === '-') digits = -digits;
  digits *= 1024n ** BigInt(binaryPower);
  const shift = exponent - fraction.length + 9;
  const nanos = shift >= 0 ? digits * 10n ** BigInt(shift) : divideAwayFromZero(digits, 10n ** BigInt(-shift));
  return { nanos, format };
}

/** The quantity rounded up (away from zero) to milli-units, as SetDefaults_ResourceList does. */
export function roundUpToMilli(quantity: Quantity): Quantity {
  return { ...quantity, nanos: divideAwayFromZero(quantity.nanos, 1_000_000n) * 1_000_000n };
}

function decimalText(nanos: bigint, format: QuantityFormat): string {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const remainder = exponent % 3;
  if (remainder === 1 || remainder === -2) {
    mantissa *= 10n;
    exponent -= 1;
  } else if (remainder === 2 || remainder === -1) {
    mantissa *= 100n;
    exponent -= 2;
  }
  const suffix = format === 'DecimalSI' ? DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) : undefined;
  if (suffix !== undefined) return `${mantissa}${suffix}`;
  return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
}

/** The canonical text of a quantity (Quantity.String()): `500m`, `1536Mi`, `2k`, `1e3`, `0`. */
export function formatQuantity(quantity: Quantity): string {
  const { nanos } = quantity;
  if (nanos === 0n) return '0';
  if (quantity.format !== 'BinarySI') return decimalText(nanos, quantity.format);
  const small = nanos > -1024n * NANOS_PER_UNIT && nanos < 1024n * NANOS_PER_UNIT;
  if (small || nanos % NANOS_PER_UNIT !== 0n) return decimalText(nanos, 'DecimalSI');
  let amount = nanos / NANOS_PER_UNIT;
  let power = 0;
  while (power < 6 && amount % 1024n === 0n) {
    amount /= 1024n;
    power++;
  }
  return `${amount}${BINARY_SUFFIX_BY_POWER.get(power) ?? ''}`;
}

/** The canonical text of a quantity value, or the value unchanged when it does not parse. */
export function canonicalQuantity(value: unknown): unknown {
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const parsed = parseQuantity(value);
  return parsed ? formatQuantity(parsed) : value;
}

/**
 * SetDefaults_ResourceList: every quantity of a ResourceList (`limits`, `requests`, `capacity`, …)
 * rounded up to milli-units and written canonically. Values that do not parse are left for
 * validation to report.
 */
export function defaultResourceList(list: unknown): void {
  if (typeof list !== 'object' || list === null || Array.isArray(list)) return;
  const members = list as Record<string, unknown>;
  for (const [name, value] of Object.entries(members)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const parsed = parseQuantity(value);
    if (parsed) members[name] = formatQuantity(roundUpToMilli(parsed));
  }
}
