/**
 * A container instance's log file, as the kubelet reads it for `kubectl logs`. Nothing is stored:
 * the lines are derived from the instance's run plan (what its process writes, when) between its
 * start and its exit, and rendered only when read. Like the kubelet's rotation
 * (containerLogMaxSize 10Mi: only the current file is read), a read sees at most the last
 * {@link MAX_LOG_LINES} lines, so a chatty loop never makes a read grow without bound. A program
 * whose output goes on beyond its first evaluation (a loop printing a counter) is worked out as
 * far as the read needs (log-lines.ts).
 */
import type { ContainerRecord } from './container-store.js';
import type { LogStream, LogText } from './runtime/log-lines.js';
import { firstLineAfter, outputUpTo, renderLogText } from './runtime/log-lines.js';

/** The last lines a read can see (the kubelet keeps one 10 MiB file current; ~100-byte lines). */
export const MAX_LOG_LINES = 100_000;

/** One line of the log file, rendered. */
export interface ContainerLogEntry {
  /** Epoch milliseconds (virtual). */
  readonly at: number;
  readonly stream: LogStream;
  /** The text, with its newline unless the program wrote a partial line. */
  readonly text: string;
}

/** When `record` stops writing: its exit, or never. */
function endOf(record: ContainerRecord): number {
  return record.exitAt ?? Infinity;
}

/** Splits one written chunk into lines (each keeps its `\n`; a trailing partial line stays as it is). */
function pushLines(into: ContainerLogEntry[], at: number, stream: LogStream, text: string): void {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end + 1;
    into.push({ at, stream, text: text.slice(start, stop) });
    start = stop;
  }
}

/**
 * The lines `record` wrote after `after` (exclusive; undefined: from its start) up to `upTo`
 * (inclusive) and not after its exit, in order; at most the last `cap`.
 */
export function containerLogEntries(record: ContainerRecord, after: number | undefined, upTo: number, cap = MAX_LOG_LINES): ContainerLogEntry[] {
  const planned = record.plan.output;
  if (planned === undefined) return [];
  const last = Math.min(upTo, endOf(record));
  const start = record.startedAt;
  const output = outputUpTo(planned, last - start, MAX_LOG_LINES);
  const entries: ContainerLogEntry[] = [];
  const take = (at: number, stream: LogStream, text: LogText): void => {
    if (at > last || (after !== undefined && at <= after)) return;
    pushLines(entries, at, stream, renderLogText(text, at));
  };
  if (output === planned) for (const line of output.lines) take(start + line.atMs, line.stream, line.text);
  else {
    // A continued output is sorted by time: only the window the read can see is rendered.
    const lines = output.lines;
    const end = firstLineAfter(lines, last - start);
    const from = Math.max(after === undefined ? 0 : firstLineAfter(lines, after - start), end - cap);
    for (let i = from; i < end; i++) take(start + lines[i]!.atMs, lines[i]!.stream, lines[i]!.text);
  }
  const repeat = output.repeat;
  if (repeat !== undefined && repeat.lines.length > 0) {
    const repeatStart = start + repeat.fromMs;
    if (last >= repeatStart) {
      const lastRound = Math.floor((last - repeatStart) / repeat.periodMs);
      let firstRound = after === undefined ? 0 : Math.max(0, Math.floor((after - repeatStart) / repeat.periodMs));
      // Rounds older than the cap cannot be seen: skip them without rendering.
      firstRound = Math.max(firstRound, lastRound - Math.ceil(cap / repeat.lines.length) - 1);
      for (let round = firstRound; round <= lastRound; round++) {
        const roundStart = repeatStart + round * repeat.periodMs;
        for (const line of repeat.lines) take(roundStart + line.atMs, line.stream, line.text);
      }
    }
  }
  entries.sort((a, b) => a.at - b.at);
  return entries.length > cap ? entries.slice(entries.length - cap) : entries;
}

/** When `record` next writes after `after`, if it ever does (for following a log; undefined also when not yet worked out). */
export function nextLogTime(record: ContainerRecord, after: number): number | undefined {
  const planned = record.plan.output;
  if (planned === undefined) return undefined;
  const start = record.startedAt;
  const output = outputUpTo(planned, Math.min(after, endOf(record)) - start + 1, MAX_LOG_LINES);
  let next = Infinity;
  if (output === planned) {
    for (const line of output.lines) {
      const at = start + line.atMs;
      if (at > after && at < next) next = at;
    }
  } else {
    const line = output.lines[firstLineAfter(output.lines, after - start)];
    if (line !== undefined) next = start + line.atMs;
  }
  const repeat = output.repeat;
  if (repeat !== undefined && repeat.lines.length > 0) {
    const repeatStart = start + repeat.fromMs;
    const round = Math.max(0, Math.floor((after - repeatStart) / repeat.periodMs));
    for (const r of [round, round + 1]) {
      for (const line of repeat.lines) {
        const at = repeatStart + r * repeat.periodMs + line.atMs;
        if (at > after && at < next) next = at;
      }
    }
  }
  return next === Infinity || next > endOf(record) ? undefined : next;
}

/** `2025-01-01T10:00:00.123000000Z`: the kubelet's timestamp (RFC 3339 with nanoseconds, always nine digits). */
export function logTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000000Z');
}
