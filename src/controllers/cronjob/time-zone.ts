/**
 * Time zones for CronJob schedules (time.LoadLocation): UTC by default, IANA names through the
 * host's time-zone database (Intl). Fixed zones such as `Etc/GMT-9` are exact; zones with daylight
 * saving time follow the offset in force at each instant.
 */
import type { ParseResult } from '../../api/parse-result.js';
import { parseError, parsed } from '../../api/parse-result.js';

/** A loaded location. */
export interface TimeZone {
  name: string;
  /** The zone's offset from UTC at the instant `utcMs`, in minutes (east positive). */
  offsetMinutes(utcMs: number): number;
}

/** time.UTC. */
export const UTC: TimeZone = Object.freeze({ name: 'UTC', offsetMinutes: () => 0 });

const cache = new Map<string, TimeZone>();

/** time.LoadLocation: '' and 'UTC' are UTC; other names must be known IANA zones ('Local' is refused). */
export function loadLocation(name: string): ParseResult<TimeZone> {
  if (name === '' || name === 'UTC') return parsed(UTC);
  if (name === 'Local') return parseError(`unknown time zone ${name}`);
  const cached = cache.get(name);
  if (cached !== undefined) return parsed(cached);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return parseError(`unknown time zone ${name}`);
  }
  const zone: TimeZone = {
    name,
    offsetMinutes(utcMs: number): number {
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const wall = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
      return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
    },
  };
  cache.set(name, zone);
  return parsed(zone);
}

/** The wall-clock time of `utcMs` in `zone`, as epoch milliseconds read as UTC fields. */
export function toWallClock(utcMs: number, zone: TimeZone): number {
  return utcMs + zone.offsetMinutes(utcMs) * 60_000;
}

/** The instant a wall-clock time in `zone` denotes (the earlier one around a transition). */
export function fromWallClock(wallMs: number, zone: TimeZone): number {
  const guess = wallMs - zone.offsetMinutes(wallMs) * 60_000;
  return wallMs - zone.offsetMinutes(guess) * 60_000;
}

/** time.RFC3339 of `utcMs` in `zone`: `2025-01-01T09:00:00+09:00`, or `Z` for a zero offset. */
export function formatRfc3339(utcMs: number, zone: TimeZone): string {
  const offset = zone.offsetMinutes(utcMs);
  const wall = new Date(Math.floor((utcMs + offset * 60_000) / 1000) * 1000).toISOString().replace('.000Z', '');
  if (offset === 0) return `${wall}Z`;
  const sign = offset > 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
