/**
 * How a shell's output reaches the container log with its times: each program's lines at the
 * moment it runs, a pipeline's inner stderr, a script's lines relative to its start, and a loop
 * whose iterations all print the same thing turned into a repeating part (`while true; do echo
 * hi; sleep 5; done` prints "hi" every 5 s for as long as the container runs). What `date` printed
 * is a time mark, made relative to the line it lands in.
 */
import type { LogLine, LogRepeat, LogSink, LogStream, LogText, OutputCollector } from '../log-lines.js';
import { routedSink } from '../log-lines.js';
import { relativeTimeMarks } from './date.js';
import type { ProgramResult } from './program.js';

/** Only the stderr of a pipeline's inner stages reaches the log (their stdout feeds the next stage). */
export function stderrOnly(log: LogSink | undefined): LogSink | undefined {
  return log && routedSink(log, (stream) => (stream === 'stderr' ? stream : undefined));
}

/** Sends what a program wrote, started at `at`, to the container log. */
export function logOutput(log: LogSink, result: ProgramResult, at: number): void {
  const output = result.output;
  if (output === undefined) {
    if (result.stdout) log.write('stdout', at, relativeTimeMarks(result.stdout, at));
    if (result.stderr) log.write('stderr', at, relativeTimeMarks(result.stderr, at));
    return;
  }
  for (const line of output.lines) log.write(line.stream, at + line.atMs, line.text);
  if (output.repeat !== undefined) log.repeat({ ...output.repeat, fromMs: at + output.repeat.fromMs });
}

/** A script's collected output, in times since `start` (undefined when it wrote nothing). */
export function collectedOutput(collector: OutputCollector, start: number): ProgramResult['output'] {
  const repeat = collector.repeated && { ...collector.repeated, fromMs: collector.repeated.fromMs - start };
  if (collector.lines.length === 0 && repeat === undefined) return undefined;
  const lines = start === 0 ? collector.lines : collector.lines.map((line) => ({ ...line, atMs: line.atMs - start }));
  return repeat === undefined ? { lines } : { lines, repeat };
}

/** Passes a loop's output on and remembers what its current iteration wrote, in case it repeats. */
export class IterationTap implements LogSink {
  private start = 0;
  private lines: LogLine[] = [];

  constructor(private readonly log: LogSink) {}

  begin(at: number): void {
    this.start = at;
    this.lines = [];
  }

  write(stream: LogStream, atMs: number, text: LogText): void {
    this.lines.push({ atMs: atMs - this.start, stream, text });
    this.log.write(stream, atMs, text);
  }

  repeat(repeat: LogRepeat): void {
    this.log.repeat(repeat);
  }

  /** The iteration that just ended at `end` repeats from then on (a loop that takes no time would flood: not modelled). */
  repeatFrom(end: number): void {
    const periodMs = end - this.start;
    if (periodMs > 0 && this.lines.length > 0) this.log.repeat({ fromMs: end, periodMs, lines: this.lines });
  }
}
