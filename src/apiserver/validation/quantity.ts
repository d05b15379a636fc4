/**
 * A minimal resource.Quantity for validation: parse (`500m`, `1Gi`, `2e3`), compare, and print in
 * canonical form (Quantity.String()) for messages such as `must be less than or equal to cpu
 * limit of 1`. Private to validation until a shared src/api/quantity.ts exists.
 */

/** The error text of resource.ParseQuantity for a malformed quantity. */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** A parsed quantity: its value in base units and the format it prints in. */
export interface Quantity {
  value: number;
  format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent';
}

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** Parses a quantity from JSON (a string or a number); a string error message when it is not one. */
export function parseQuantity(input: unknown): Quantity | string {
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { value: input, format: 'DecimalSI' } : QUANTITY_FORMAT_ERROR;
  }
  if (typeof input !== 'string') return QUANTITY_FORMAT_ERROR;
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(input.trim() === input ? input : '');
  if (!m) return QUANTITY_FORMAT_ERROR;
  const [, num = '', suffix = ''] = m;
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(num)) return 'unable to parse numeric part of quantity';
  const base = Number(num);
  if (suffix in BINARY) return { value: base * 2 ** BINARY[suffix]!, format: 'BinarySI' };
  if (suffix in DECIMAL) return { value: base * 10 ** DECIMAL[suffix]!, format: 'DecimalSI' };
  const exp = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  if (exp) return { value: base * 10 ** Number(exp[1]), format: 'DecimalExponent' };
  return "unable to parse quantity's suffix";
}

const DECIMAL_STEPS: [number, string][] = [
  [18, 'E'],
  [15, 'P'],
  [12, 'T'],
  [9, 'G'],
  [6, 'M'],
  [3, 'k'],
  [0, ''],
  [-3, 'm'],
  [-6, 'u'],
  [-9, 'n'],
];

function decimalString(value: number): string {
  const nano = BigInt(Math.ceil(Math.abs(value) * 1e9 - 1e-6));
  if (nano === 0n) return '0';
  const sign = value < 0 ? '-' : '';
  for (const [exp, suffix] of DECIMAL_STEPS) {
    const unit = 10n ** BigInt(exp + 9);
    if (nano % unit === 0n) return `${sign}${nano / unit}${suffix}`;
  }
  return `${sign}${nano}n`;
}

/** The canonical form Quantity.String() prints: `1`, `500m`, `1Gi`, `1536Mi`. */
export function quantityString(q: Quantity): string {
  const { value } = q;
  if (q.format === 'BinarySI' && Number.isInteger(value) && Math.abs(value) >= 1024) {
    for (const [suffix, power] of Object.entries(BINARY).reverse()) {
      const unit = 2 ** power;
      if (value % unit === 0) return `${value / unit}${suffix}`;
    }
    return String(value);
  }
  return decimalString(value);
}
