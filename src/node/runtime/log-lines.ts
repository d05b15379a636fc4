/**
 * What a simulated program writes to stdout and stderr, with when: the lines `kubectl logs` shows.
 * Times are milliseconds after the program started. A line's text may depend on the wall-clock
 * moment it is written (servers stamp their own lines), so it can be a function of that moment:
 * tables of such lines are shared by every container of an image and rendered only when read.
 */
import { renderTimeMarks } from './shell/date.js';

/** A line's text, or how to write it at an epoch-milliseconds instant. */
export type LogText = string | ((atEpochMs: number) => string);

/** A line's text as written at `atEpochMs`: its function called, or its `date` marks printed. */
export function renderLogText(text: LogText, atEpochMs: number): string {
  return typeof text === 'string' ? renderTimeMarks(text, atEpochMs) : text(atEpochMs);
}

/** Which stream a line went to (the CRI log's `stdout`/`stderr` tag). */
export type LogStream = 'stdout' | 'stderr';

/** One chunk of output (usually one line with its newline). */
export interface LogLine {
  /** Milliseconds after the program started. */
  readonly atMs: number;
  readonly stream: LogStream;
  readonly text: LogText;
}

/** Output that repeats forever: a loop whose every iteration prints the same lines. */
export interface LogRepeat {
  /** When the first repetition starts, after the program started. */
  readonly fromMs: number;
  /** How long one iteration takes (> 0). */
  readonly periodMs: number;
  /** The lines of one iteration, `atMs` after the iteration starts. */
  readonly lines: readonly LogLine[];
}

/** Everything a program writes: a finite part, then possibly a repeating part, or more to work out. */
export interface ProgramOutput {
  readonly lines: readonly LogLine[];
  readonly repeat?: LogRepeat;
  /** Set when `lines` stop where the simulation stopped evaluating, not where the program stops writing. */
  readonly more?: LogContinuation;
}

/** What a program goes on writing beyond its first evaluation (a loop whose lines change every round). */
export interface LogContinuation {
  /** The output's lines are complete up to this time after the program started. */
  readonly completeUntilMs: number;
  /** Runs the program again from its start, as far as `untilMs` after it: everything it writes by then. */
  rerun(untilMs: number): ContinuedOutput;
}

/** A rerun's output: complete up to `completeUntilMs` (Infinity: all of it). */
export interface ContinuedOutput {
  readonly lines: readonly LogLine[];
  readonly repeat?: LogRepeat;
  readonly completeUntilMs: number;
}

/** Where a running shell sends what reaches its standard streams (times since the container started). */
export interface LogSink {
  write(stream: LogStream, atMs: number, text: LogText): void;
  repeat(repeat: LogRepeat): void;
}

/** A sink that collects into a program's output. */
export class OutputCollector implements LogSink {
  readonly lines: LogLine[] = [];
  repeated: LogRepeat | undefined;

  write(stream: LogStream, atMs: number, text: LogText): void {
    this.lines.push({ atMs, stream, text });
  }

  repeat(repeat: LogRepeat): void {
    this.repeated ??= repeat;
  }
}

/** `sink` seen through a redirection: each stream goes to `route(stream)`, or nowhere. */
export function routedSink(sink: LogSink, route: (stream: LogStream) => LogStream | undefined): LogSink {
  return {
    write: (stream, atMs, text) => {
      const to = route(stream);
      if (to !== undefined) sink.write(to, atMs, text);
    },
    repeat: (repeat) => {
      const lines: LogLine[] = [];
      for (const line of repeat.lines) {
        const to = route(line.stream);
        if (to !== undefined) lines.push(to === line.stream ? line : { ...line, stream: to });
      }
      if (lines.length > 0) sink.repeat({ ...repeat, lines });
    },
  };
}

/** `lines` moved `offsetMs` later (the same array when the offset is 0). */
function shiftLines(lines: readonly LogLine[], offsetMs: number): readonly LogLine[] {
  return offsetMs === 0 ? lines : lines.map((line) => ({ ...line, atMs: line.atMs + offsetMs }));
}

const joined = new WeakMap<readonly LogLine[], WeakMap<readonly LogLine[], readonly LogLine[]>>();

/**
 * `first`, then `second` from the moment of `first`'s last line (an entrypoint script's lines,
 * then those of the server it execs). Memoised on the two arrays, so that every container of an
 * image shares one table.
 */
export function concatLines(first: readonly LogLine[], second: readonly LogLine[]): readonly LogLine[] {
  if (first.length === 0) return second;
  if (second.length === 0) return first;
  let bySecond = joined.get(first);
  if (bySecond === undefined) {
    bySecond = new WeakMap();
    joined.set(first, bySecond);
  }
  let both = bySecond.get(second);
  if (both === undefined) {
    both = [...first, ...shiftLines(second, first[first.length - 1]!.atMs)];
    bySecond.set(second, both);
  }
  return both;
}

/** Plain text lines (each gets its newline) written `atMs` apart from `startMs`, to one stream. */
export function textLines(stream: LogStream, startMs: number, stepMs: number, texts: readonly LogText[]): LogLine[] {
  return texts.map((text, i) => ({ atMs: startMs + i * stepMs, stream, text: typeof text === 'string' ? `${text}\n` : (at: number) => `${text(at)}\n` }));
}

const outputs = new WeakMap<readonly LogLine[], ProgramOutput>();

/** The output made of `lines` alone, shared per table. */
export function outputOf(lines: readonly LogLine[]): ProgramOutput {
  let output = outputs.get(lines);
  if (output === undefined) {
    output = { lines };
    outputs.set(lines, output);
  }
  return output;
}

/** The first index of `lines` (sorted by time) written after `atMs`. */
export function firstLineAfter(lines: readonly LogLine[], atMs: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.atMs <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A rerun's output as the log keeps it: lines sorted by time, the oldest maybe dropped. */
interface ContinuedCache {
  readonly output: ProgramOutput;
  readonly completeUntilMs: number;
  readonly trimmed: boolean;
}

const continued = new WeakMap<LogContinuation, ContinuedCache>();
/** A rerun goes this much further than a read needs (at least; or half the time so far), so a follower reruns rarely. */
const MIN_LOOKAHEAD_MS = 60_000;

/**
 * `output` as far as `untilMs` after the program started: itself while its lines are complete
 * that far, otherwise its rerun, cached per program (only once a log is read that far: most
 * containers never need one). Of what comes before `untilMs`, the cache keeps the last `keep`
 * lines (what a read can see); a continued output's lines are sorted by time and has no `more`.
 */
export function outputUpTo(output: ProgramOutput, untilMs: number, keep: number): ProgramOutput {
  const more = output.more;
  if (more === undefined || untilMs <= more.completeUntilMs) return output;
  const cached = continued.get(more);
  if (cached !== undefined && untilMs <= cached.completeUntilMs && (!cached.trimmed || firstLineAfter(cached.output.lines, untilMs) >= keep)) return cached.output;
  const run = more.rerun(untilMs + Math.max(MIN_LOOKAHEAD_MS, untilMs / 2));
  const lines = [...run.lines].sort((a, b) => a.atMs - b.atMs);
  const from = Math.max(0, firstLineAfter(lines, untilMs) - keep);
  const kept = from > 0 ? lines.slice(from) : lines;
  const entry: ContinuedCache = { output: run.repeat ? { lines: kept, repeat: run.repeat } : { lines: kept }, completeUntilMs: run.completeUntilMs, trimmed: from > 0 };
  continued.set(more, entry);
  return entry.output;
}
