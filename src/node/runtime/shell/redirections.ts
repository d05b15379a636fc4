/**
 * Where a command's output goes once its redirections are applied (`> F`, `>> F`, `2>&1`,
 * `&> /dev/null`, `< F`): to the enclosing output, to a file on the container's timeline (which is
 * how `echo … > /dev/termination-log` becomes the termination message), or nowhere.
 */
import type { FileTimeline } from '../file-timeline.js';
import type { LogSink, LogStream } from '../log-lines.js';
import { routedSink } from '../log-lines.js';

/**
 * A command's standard streams while it runs: its input text and the chunks it writes; `log` is
 * set while those streams lead to the container's own stdout/stderr (what `kubectl logs` shows).
 */
export interface Io {
  readonly stdin: string;
  readonly out: string[];
  readonly err: string[];
  readonly log?: LogSink | undefined;
}

type Destination =
  | { readonly kind: 'out' }
  | { readonly kind: 'err' }
  | { readonly kind: 'null' }
  | { readonly kind: 'file'; readonly path: string };

/** A redirection with its target already expanded. */
export interface ResolvedRedirect {
  readonly fd: number;
  readonly op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>';
  readonly target: string;
}

/** The streams of one command after its redirections. */
export interface Routing {
  readonly stdin: string | undefined;
  readonly stdout: Destination;
  readonly stderr: Destination;
}

const OUT: Destination = { kind: 'out' };
const ERR: Destination = { kind: 'err' };
const NULL: Destination = { kind: 'null' };

function destination(path: string): Destination {
  if (path === '/dev/null') return NULL;
  if (/^\/(dev\/stdout|dev\/fd\/1|proc\/(self|1)\/fd\/1)$/.test(path)) return OUT;
  if (/^\/(dev\/stderr|dev\/fd\/2|proc\/(self|1)\/fd\/2)$/.test(path)) return ERR;
  return { kind: 'file', path };
}

/**
 * Applies `redirects` in order, opening (creating or truncating) target files at `at` on the
 * timeline, and returns where stdin comes from and stdout/stderr go.
 */
export function route(redirects: readonly ResolvedRedirect[], files: FileTimeline, at: number): Routing {
  const fds = new Map<number, Destination>([
    [1, OUT],
    [2, ERR],
  ]);
  let stdin: string | undefined;
  const open = (path: string, append: boolean): Destination => {
    const d = destination(path);
    if (d.kind === 'file') files.write(d.path, at, '', append);
    return d;
  };
  for (const r of redirects) {
    switch (r.op) {
      case '<':
        stdin = files.content(r.target, at) ?? '';
        break;
      case '<&':
        break;
      case '>':
      case '>>':
        fds.set(r.fd, open(r.target, r.op === '>>'));
        break;
      case '&>':
      case '&>>': {
        const d = open(r.target, r.op === '&>>');
        fds.set(1, d);
        fds.set(2, d);
        break;
      }
      case '>&':
        if (/^\d+$/.test(r.target)) fds.set(r.fd, fds.get(Number(r.target)) ?? NULL);
        else if (r.target === '-') fds.set(r.fd, NULL);
        else {
          const d = open(r.target, false);
          fds.set(1, d);
          fds.set(2, d);
        }
        break;
    }
  }
  return { stdin, stdout: fds.get(1) ?? NULL, stderr: fds.get(2) ?? NULL };
}

/** Delivers what a command wrote (`out`, `err`) along `routing`; file writes are stamped `at` (when the file was opened). */
export function deliver(out: string, err: string, routing: Routing, io: Io, files: FileTimeline, at: number): void {
  send(out, routing.stdout, io, files, at);
  send(err, routing.stderr, io, files, at);
}

function send(text: string, d: Destination, io: Io, files: FileTimeline, at: number): void {
  if (text === '') return;
  if (d.kind === 'out') io.out.push(text);
  else if (d.kind === 'err') io.err.push(text);
  else if (d.kind === 'file') files.write(d.path, at, text, true);
}

function streamOf(d: Destination): LogStream | undefined {
  return d.kind === 'out' ? 'stdout' : d.kind === 'err' ? 'stderr' : undefined;
}

/** The container log as seen by a command run with `routing` (undefined when nothing of it reaches the log). */
export function routedLog(log: LogSink | undefined, routing: Routing): LogSink | undefined {
  if (log === undefined) return undefined;
  const stdout = streamOf(routing.stdout);
  const stderr = streamOf(routing.stderr);
  if (stdout === 'stdout' && stderr === 'stderr') return log;
  if (stdout === undefined && stderr === undefined) return undefined;
  return routedSink(log, (stream) => (stream === 'stdout' ? stdout : stderr));
}
