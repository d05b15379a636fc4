/**
 * Durations as the simulated container meets them: Go's `time.ParseDuration` (`1m30s`, `300ms`,
 * used by the playground annotations) and the `sleep` utility's operands (`10`, `1.5m`, `1d`,
 * `infinity`). All results are milliseconds.
 */

const GO_UNITS_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const GO_COMPONENT = /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h|d)/;

/**
 * `time.ParseDuration` (plus a `d` unit, and a bare number meaning seconds as `sleep` reads it):
 * `2m`, `1h30m`, `1.5s`, `30`. Undefined when the text is not a duration; never negative.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  let rest = s.startsWith('+') ? s.slice(1) : s;
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const match = GO_COMPONENT.exec(rest);
    if (!match) return undefined;
    const number = match[1]!;
    if (number === '' || number === '.') return undefined;
    total += Number(number) * GO_UNITS_MS[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return total;
}

const SLEEP_UNITS_MS: Readonly<Record<string, number>> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * One operand of `sleep` (GNU coreutils and busybox): a non-negative number with an optional
 * `s`/`m`/`h`/`d` suffix, or `inf`/`infinity` (Infinity). Undefined when `sleep` would reject it.
 */
export function parseSleepOperand(operand: string): number | undefined {
  if (/^inf(inity)?$/i.test(operand)) return Infinity;
  const match = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(operand);
  if (!match) return undefined;
  return Number(match[1]) * SLEEP_UNITS_MS[match[2]!]!;
}
