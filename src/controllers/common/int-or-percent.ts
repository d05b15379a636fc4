/**
 * intstr.GetScaledValueFromIntOrPercent: `maxSurge`, `maxUnavailable` and friends are a number or
 * a percentage of a total (`"25%"` of 10 is 3 rounded up, 2 rounded down).
 */

/** An int or a percentage string. */
export type IntOrPercent = number | string;

/** The value of `value` scaled against `total`; undefined for a malformed value. */
export function scaledValueFromIntOrPercent(value: IntOrPercent | undefined | null, total: number, roundUp: boolean): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  const match = /^(-?[0-9]+)%$/.exec(value);
  if (match === null) return undefined; // a string must be a percentage
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
