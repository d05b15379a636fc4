/**
 * `date`, as busybox and GNU coreutils print it with TZ unset (UTC, C locale). A run plan is
 * shared by every start of a container, so the shell cannot know the wall-clock moment a `date`
 * runs: it writes a time mark instead (the moment in container time, and the format), which the
 * log renders once the container's start is known. A mark that reaches the log is made relative
 * to the line it is in, so a loop printing `$(date)` repeats identical text every round.
 */
import type { Program } from './program.js';
import { exited, splitOptions } from './program.js';

const OPEN = '\uE000';
const SEP = '\uE001';
const CLOSE = '\uE002';
const MARK = /\uE000([^\uE001]*)\uE001([^\uE002]*)\uE002/g;

/** `date`'s default format (`Fri Apr  1 11:42:23 UTC 2022`). */
const DEFAULT_DATE_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, width = 2, fill = '0'): string => String(n).padStart(width, fill);

/** strftime over UTC, with the specifiers scripts use. */
export function formatDate(format: string, epochMs: number): string {
  const d = new Date(epochMs);
  const ms = ((epochMs % 1000) + 1000) % 1000;
  const hour = d.getUTCHours();
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return format.replace(/%(:?)([a-zA-Z%])/g, (whole, colon: string, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return pad(d.getUTCFullYear() % 100);
      case 'C': return pad(Math.floor(d.getUTCFullYear() / 100));
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'd': return pad(d.getUTCDate());
      case 'e': return pad(d.getUTCDate(), 2, ' ');
      case 'H': return pad(hour);
      case 'k': return pad(hour, 2, ' ');
      case 'I': return pad(hour % 12 || 12);
      case 'l': return pad(hour % 12 || 12, 2, ' ');
      case 'p': return hour < 12 ? 'AM' : 'PM';
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 's': return String(Math.floor(epochMs / 1000));
      case 'N': return pad(Math.floor(ms * 1e6), 9);
      case 'F': return formatDate('%Y-%m-%d', epochMs);
      case 'T': return formatDate('%H:%M:%S', epochMs);
      case 'R': return formatDate('%H:%M', epochMs);
      case 'D': return formatDate('%m/%d/%y', epochMs);
      case 'c': return formatDate(DEFAULT_DATE_FORMAT.replace('%Z ', ''), epochMs);
      case 'Z': return 'UTC';
      case 'z': return colon ? '+00:00' : '+0000';
      case 'a': return DAYS[d.getUTCDay()]!.slice(0, 3);
      case 'A': return DAYS[d.getUTCDay()]!;
      case 'b':
      case 'h': return MONTHS[d.getUTCMonth()]!.slice(0, 3);
      case 'B': return MONTHS[d.getUTCMonth()]!;
      case 'j': return pad(Math.floor((epochMs - yearStart) / 86_400_000) + 1, 3);
      case 'u': return String(d.getUTCDay() || 7);
      case 'w': return String(d.getUTCDay());
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return whole;
    }
  });
}

/** A time mark: the moment `atMs` (container time, or relative to a log line) printed with `format`. */
function timeMark(atMs: number, format: string): string {
  return `${OPEN}${atMs}${SEP}${format}${CLOSE}`;
}

/** `text` with its marks made relative to a line written at `atMs` (container time). */
export function relativeTimeMarks(text: string, atMs: number): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(MARK, (_, at: string, format: string) => timeMark(Number(at) - atMs, format));
}

/**
 * `text` with every mark printed, its marks relative to `baseEpochMs`: the moment of the log line
 * it is, or the container's start for what the container wrote elsewhere (a termination message,
 * an exec probe's output).
 */
export function renderTimeMarks(text: string, baseEpochMs: number): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(MARK, (_, at: string, format: string) => formatDate(format, baseEpochMs + Number(at)));
}

/** The format `-I[FMT]` / `--iso-8601[=FMT]` stands for (GNU writes the offset `+00:00`, busybox `+0000`). */
function isoFormat(precision: string, gnu: boolean): string {
  const zone = gnu ? '%:z' : '%z';
  switch (precision) {
    case 'hours': return `%Y-%m-%dT%H${zone}`;
    case 'minutes': return `%Y-%m-%dT%H:%M${zone}`;
    case 'seconds': return `%Y-%m-%dT%H:%M:%S${zone}`;
    case 'ns': return `%Y-%m-%dT%H:%M:%S,%N${zone}`;
    default: return '%Y-%m-%d';
  }
}

/** `date [-u] [-R] [-I[FMT]] [-d STRING] [+FORMAT]`: the virtual time now (or the one given), in UTC. */
export const date: Program = (args, ctx) => {
  const gnu = ctx.image.userland !== 'busybox';
  let format = DEFAULT_DATE_FORMAT;
  const rest: string[] = [];
  for (const a of args) {
    const iso = /^(?:-I|--iso-8601=?)(.*)$/.exec(a);
    if (iso) format = isoFormat(iso[1]!, gnu);
    else rest.push(a);
  }
  const { options, operands } = splitOptions(rest, new Set(['-d', '--date', '-D', '-r']));
  if (options.has('-R') || options.has('--rfc-2822') || options.has('--rfc-email')) format = '%a, %d %b %Y %H:%M:%S %z';
  const plus = operands.find((o) => o.startsWith('+'));
  if (plus !== undefined) format = plus.slice(1);
  const given = options.get('-d') ?? options.get('--date');
  if (given !== undefined) {
    const epochMs = given.startsWith('@') ? Number(given.slice(1)) * 1000 : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(given) ? given : `${given}Z`);
    if (Number.isNaN(epochMs)) return exited(1, '', `date: invalid date '${given}'\n`);
    return exited(0, `${formatDate(format, epochMs)}\n`);
  }
  return exited(0, `${timeMark(ctx.now, format)}\n`);
};
