/**
 * CronJob schedules as github.com/robfig/cron/v3 ParseStandard reads them: five fields (minute,
 * hour, day of month, month, day of week) of lists, ranges, steps and names, the `@hourly`…
 * `@yearly` descriptors, `@every <duration>`, and a `TZ=`/`CRON_TZ=` prefix; and SpecSchedule.Next,
 * the first matching second after a time, in the schedule's zone.
 */
import type { ParseResult } from '../../api/parse-result.js';
import { parseError, parsed } from '../../api/parse-result.js';
import { fromWallClock, loadLocation, toWallClock, UTC, type TimeZone } from './time-zone.js';

/** A parsed schedule. */
export interface CronSchedule {
  /** Schedule.Next: the first activation strictly after `utcMs` (0 when there is none within five years). */
  next(utcMs: number): number;
}

interface Field {
  bits: boolean[];
  star: boolean;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

function mustParseInt(expr: string): ParseResult<number> {
  if (!/^[+-]?[0-9]+$/.test(expr)) return parseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  return n < 0 ? parseError(`negative number (${n}) not allowed: ${expr}`) : parsed(n);
}

function intOrName(expr: string, names: Record<string, number> | undefined): ParseResult<number> {
  const named = names?.[expr.toLowerCase()];
  return named === undefined ? mustParseInt(expr) : parsed(named);
}

/** getRange: one `a-b/step` (or `*`) expression into `field`. */
function addRange(expr: string, b: Bounds, field: Field): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    [start, end, star] = [b.min, b.max, true];
  } else {
    const s = intOrName(lowAndHigh[0]!, b.names);
    if (!s.ok) return s.message;
    start = end = s.value;
    if (lowAndHigh.length === 2) {
      const e = intOrName(lowAndHigh[1]!, b.names);
      if (!e.ok) return e.message;
      end = e.value;
    } else if (lowAndHigh.length > 2) return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const s = mustParseInt(rangeAndStep[1]!);
    if (!s.ok) return s.message;
    step = s.value;
    if (lowAndHigh.length === 1) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
  if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  for (let i = start; i <= end; i += step) field.bits[i] = true;
  if (star) field.star = true;
  return undefined;
}

function getField(text: string, b: Bounds): ParseResult<Field> {
  const field: Field = { bits: [], star: false };
  for (const expr of text.split(',')) {
    const err = addRange(expr, b, field);
    if (err !== undefined) return parseError(err);
  }
  return parsed(field);
}

const all = (b: Bounds): Field => {
  const bits: boolean[] = [];
  for (let i = b.min; i <= b.max; i++) bits[i] = true;
  return { bits, star: true };
};
const only = (n: number): Field => ({ bits: Object.assign([], { [n]: true }), star: false });

interface SpecFields {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

const DESCRIPTORS: Record<string, () => SpecFields> = {
  '@yearly': () => ({ minute: only(0), hour: only(0), dom: only(1), month: only(1), dow: all(DOW) }),
  '@monthly': () => ({ minute: only(0), hour: only(0), dom: only(1), month: all(MONTHS), dow: all(DOW) }),
  '@weekly': () => ({ minute: only(0), hour: only(0), dom: all(DOM), month: all(MONTHS), dow: only(0) }),
  '@daily': () => ({ minute: only(0), hour: only(0), dom: all(DOM), month: all(MONTHS), dow: all(DOW) }),
  '@hourly': () => ({ minute: only(0), hour: all(HOURS), dom: all(DOM), month: all(MONTHS), dow: all(DOW) }),
};
DESCRIPTORS['@annually'] = DESCRIPTORS['@yearly']!;
DESCRIPTORS['@midnight'] = DESCRIPTORS['@daily']!;

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration, in milliseconds. */
export function parseGoDuration(text: string): ParseResult<number> {
  if (text === '0') return parsed(0);
  const match = /^([-+]?)((?:[0-9]*(?:\.[0-9]*)?(?:ns|us|µs|ms|s|m|h))+)$/.exec(text);
  if (match === null) return parseError(`time: invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const part of match[2]!.matchAll(/([0-9]*(?:\.[0-9]*)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * UNIT_MS[part[2]!]!;
  return parsed(match[1] === '-' ? -total : total);
}

function dayMatches(s: SpecFields, wall: Date): boolean {
  const domMatch = s.dom.bits[wall.getUTCDate()] === true;
  const dowMatch = s.dow.bits[wall.getUTCDay()] === true;
  return s.dom.star || s.dow.star ? domMatch && dowMatch : domMatch || dowMatch;
}

/** SpecSchedule.Next, computed on wall-clock time in `zone`. */
function specNext(s: SpecFields, zone: TimeZone, utcMs: number): number {
  let t = Math.floor(toWallClock(utcMs, zone) / 1000) * 1000 + 1000;
  let added = false;
  const yearLimit = new Date(t).getUTCFullYear() + 5;
  wrap: for (;;) {
    let d = new Date(t);
    if (d.getUTCFullYear() > yearLimit) return 0;
    while (s.month.bits[d.getUTCMonth() + 1] !== true) {
      added = true;
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      d = new Date(t);
      if (d.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(s, d)) {
      added = true;
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      d = new Date(t);
      if (d.getUTCDate() === 1) continue wrap;
    }
    while (s.hour.bits[d.getUTCHours()] !== true) {
      if (!added) {
        added = true;
        t = Math.floor(t / 3_600_000) * 3_600_000;
      }
      t += 3_600_000;
      d = new Date(t);
      if (d.getUTCHours() === 0) continue wrap;
    }
    while (s.minute.bits[d.getUTCMinutes()] !== true) {
      if (!added) {
        added = true;
        t = Math.floor(t / 60_000) * 60_000;
      }
      t += 60_000;
      d = new Date(t);
      if (d.getUTCMinutes() === 0) continue wrap;
    }
    // The standard parser's seconds field is always 0: move to the next minute and check again.
    if (d.getUTCSeconds() !== 0) {
      t = Math.floor(t / 60_000) * 60_000 + 60_000;
      continue wrap;
    }
    return fromWallClock(t, zone);
  }
}

/** cron.ParseStandard, in `defaultZone` unless the spec names its own with TZ= or CRON_TZ=. */
export function parseStandard(spec: string, defaultZone: TimeZone = UTC): ParseResult<CronSchedule> {
  if (spec.length === 0) return parseError('empty spec string');
  let zone = defaultZone;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const name = spec.slice(spec.indexOf('=') + 1, space < 0 ? undefined : space);
    const loaded = loadLocation(name);
    if (!loaded.ok) return parseError(`provided bad location ${name}: ${loaded.message}`);
    zone = loaded.value;
    spec = space < 0 ? '' : spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (spec.startsWith('@every ')) {
      const duration = parseGoDuration(spec.slice('@every '.length));
      if (!duration.ok) return parseError(`failed to parse duration ${spec}: ${duration.message}`);
      const delay = Math.max(1000, duration.value) - (Math.max(1000, duration.value) % 1000);
      return parsed({ next: (t: number) => Math.floor(t / 1000) * 1000 + delay });
    }
    const descriptor = DESCRIPTORS[spec];
    if (descriptor === undefined) return parseError(`unrecognized descriptor: ${spec}`);
    const fields = descriptor();
    return parsed({ next: (t: number) => specNext(fields, zone, t) });
  }
  const parts = spec.split(/\s+/).filter((f) => f !== '');
  if (parts.length !== 5) return parseError(`expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
  const fields: Partial<SpecFields> = {};
  const names = ['minute', 'hour', 'dom', 'month', 'dow'] as const;
  const bounds = [MINUTES, HOURS, DOM, MONTHS, DOW];
  for (let i = 0; i < 5; i++) {
    const field = getField(parts[i]!, bounds[i]!);
    if (!field.ok) return field;
    fields[names[i]!] = field.value;
  }
  const complete = fields as SpecFields;
  return parsed({ next: (t: number) => specNext(complete, zone, t) });
}
