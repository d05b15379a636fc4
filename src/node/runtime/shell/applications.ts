/**
 * Programs beyond the basic utilities: network clients (`wget`, `curl`, `nc`, `nslookup`, `ping`),
 * language interpreters (`perl -e` finishes, `python app.py` serves), the servers official images
 * start (`nginx`, `redis-server`, `mysqld` …), `stress` with its OOM rule, and the wrappers that
 * exec another program (`docker-entrypoint.sh`, `tini`, `gosu`, `env`, `nohup`, `timeout`).
 */
import { parseSleepOperand } from '../duration.js';
import { entrypointLines, serverStartupLines } from '../image-logs.js';
import { concatLines, outputOf } from '../log-lines.js';
import type { Program, ProgramContext, ProgramResult } from './program.js';
import { DEFAULT_SIGTERM_MS, exited, runsForever, splitOptions } from './program.js';

/** How long a request to a service takes in the simulation. */
export const HTTP_REQUEST_MS = 300;
/** How long a DNS lookup or port check takes. */
export const LOOKUP_MS = 50;
/** How long an interpreter takes to evaluate a one-liner (`perl -e`, `python -c`). */
export const ONE_LINER_MS = 1000;

const wget: Program = (args, ctx) => {
  const { options, operands } = splitOptions(args, new Set(['-O', '--output-document', '-T', '--timeout', '-t', '--tries', '-U', '--header', '-P']));
  const url = operands[0];
  if (url === undefined) return exited(1, '', 'wget: missing URL\n');
  const output = options.get('-O') ?? options.get('--output-document');
  const headers = options.has('-S') || options.has('--server-response') ? '  HTTP/1.1 200 OK\n' : '';
  if (output !== '-' && !options.has('--spider')) {
    const file = output ?? (url.replace(/^[a-z]+:\/\/[^/]*/, '').split('/').pop() || 'index.html');
    ctx.files.write(file, ctx.now + HTTP_REQUEST_MS, '');
  }
  return exited(0, '', headers, HTTP_REQUEST_MS);
};

const curl: Program = (args, ctx) => {
  const { options } = splitOptions(args, new Set(['-o', '--output', '-w', '--write-out', '-X', '--request', '-H', '--header', '-d', '--data', '-m', '--max-time', '--connect-timeout', '-u', '-A', '--retry']));
  const output = options.get('-o') ?? options.get('--output');
  if (output !== undefined && output !== '-') ctx.files.write(output, ctx.now + HTTP_REQUEST_MS, '');
  const writeOut = (options.get('-w') ?? options.get('--write-out') ?? '').replace(/%\{http_code\}|%\{response_code\}/g, '200').replace(/\\n/g, '\n');
  return exited(0, writeOut, '', HTTP_REQUEST_MS);
};

const ping: Program = (args) => {
  const { options } = splitOptions(args, new Set(['-c', '-w', '-W', '-i', '-s']));
  const count = options.get('-c');
  const deadline = options.get('-w');
  if (count !== undefined) return exited(0, '', '', Math.max(0, Number(count) - 1) * 1000 + LOOKUP_MS);
  if (deadline !== undefined) return exited(0, '', '', Number(deadline) * 1000);
  return runsForever(DEFAULT_SIGTERM_MS, '', false);
};

const nc: Program = (args) => {
  const { options } = splitOptions(args, new Set(['-w', '-p', '-e']));
  return options.has('-l') ? runsForever() : exited(0, '', '', LOOKUP_MS);
};

/** perl/ruby: `-e CODE` (in any option cluster ending in e) runs a one-liner; a script file serves; no script reads stdin. */
const scriptingLanguage =
  (evalFlag: RegExp): Program =>
  (args, ctx) => {
    if (args.some((a) => a === '-v' || a === '--version' || a === '-V')) return exited(0, 'version\n');
    if (args.some((a) => evalFlag.test(a))) return exited(0, '', '', ONE_LINER_MS);
    return scriptOrStdin(args, ctx);
  };

function scriptOrStdin(args: readonly string[], ctx: ProgramContext): ProgramResult {
  const script = args.find((a) => !a.startsWith('-'));
  if (script !== undefined) return ctx.mode === 'probe' ? exited(0) : runsForever();
  return ctx.interactive ? waitsForInput() : exited(0);
}

/** An interactive interpreter with stdin attached: it waits for input and serves nothing. */
const waitsForInput = (): ProgramResult => runsForever(DEFAULT_SIGTERM_MS, '', false);

const python: Program = (args, ctx) => {
  if (args.some((a) => a === '-V' || a === '--version')) return exited(0, 'Python 3\n');
  if (args.includes('-c')) return exited(0, '', '', ONE_LINER_MS);
  if (args.includes('-m')) return ctx.mode === 'probe' ? exited(0) : runsForever();
  return scriptOrStdin(args, ctx);
};

const node: Program = (args, ctx) => {
  if (args.some((a) => a === '-v' || a === '--version')) return exited(0, 'v22\n');
  if (args.some((a) => a === '-e' || a === '--eval' || a === '-p' || a === '--print')) return exited(0, '', '', ONE_LINER_MS);
  return scriptOrStdin(args, ctx);
};

const php: Program = (args, ctx) => {
  if (args.includes('-S')) return runsForever();
  if (args.includes('-r')) return exited(0, '', '', ONE_LINER_MS);
  if (args.includes('-a')) return ctx.interactive ? waitsForInput() : exited(0, 'Interactive shell\n\n');
  return scriptOrStdin(args, ctx);
};

/** A server: runs until stopped, except for the flags that only print or check something; `name` picks its start-up lines. */
const server =
  (sigtermMs = DEFAULT_SIGTERM_MS, oneShotFlags: readonly string[] = ['-v', '-V', '--version', '-h', '--help'], name?: string): Program =>
  (args, ctx) => {
    if (args.some((a) => oneShotFlags.includes(a))) return exited(0);
    const lines = name === undefined ? [] : serverStartupLines(name, ctx.image);
    if (lines.length === 0) return runsForever(sigtermMs);
    return { status: 0, durationMs: 0, forever: true, sigterm: sigtermMs, stdout: '', serves: true, output: outputOf(lines) };
  };

/** stress's sizes: a number with an optional b/k/m/g suffix, powers of 1024. */
function stressBytes(text: string): number {
  const match = /^(\d+)([bkmgBKMG]?)$/.exec(text);
  if (!match) return 256 * 1024 * 1024;
  const power = { '': 0, b: 0, k: 1, m: 2, g: 3 }[match[2]!.toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
  return Number(match[1]) * 1024 ** power;
}

/** How long `stress --vm` takes to push a container over its memory limit. */
export const STRESS_OOM_MS = 1000;

const stress: Program = (args, ctx) => {
  const { options } = splitOptions(args, new Set(['--vm', '-m', '--vm-bytes', '--cpu', '-c', '--io', '-i', '--hdd', '-d', '--timeout', '-t', '--vm-hang', '--vm-stride', '--hdd-bytes', '--backoff']));
  const workers = (...names: string[]): number => names.reduce((n, name) => n + Number(options.get(name) ?? 0), 0);
  const vm = workers('--vm', '-m');
  const hogs = vm + workers('--cpu', '-c', '--io', '-i', '--hdd', '-d');
  const info = `stress: info: [1] dispatching hogs: ${workers('--cpu', '-c')} cpu, ${workers('--io', '-i')} io, ${vm} vm, ${workers('--hdd', '-d')} hdd\n`;
  const limit = ctx.memoryLimitBytes;
  if (vm > 0 && limit !== undefined && vm * stressBytes(options.get('--vm-bytes') ?? '256M') > limit) {
    return { status: 137, durationMs: STRESS_OOM_MS, stdout: info, oomKilled: true, sigterm: 'ignores' };
  }
  const timeout = options.get('--timeout') ?? options.get('-t');
  const timeoutMs = timeout === undefined ? undefined : parseSleepOperand(timeout);
  if (timeoutMs !== undefined && timeoutMs !== Infinity) return { status: 0, durationMs: timeoutMs, stdout: `${info}stress: info: [1] successful run completed in ${Math.round(timeoutMs / 1000)}s\n`, sigterm: 'ignores' };
  return hogs === 0 ? exited(1, '', 'stress: FAIL: [1] (1) no hogs specified\n') : runsForever('ignores', info);
};

/** The check official database entrypoints make before starting the server. */
function missingDatabasePassword(program: string, ctx: ProgramContext): string | undefined {
  if (ctx.envIncomplete) return undefined;
  const set = (name: string): boolean => (ctx.env.get(name) ?? '') !== '';
  if ((program === 'mysqld' || program === 'mariadbd') && !['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD', 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', 'MARIADB_RANDOM_ROOT_PASSWORD'].some(set)) {
    return '[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n';
  }
  if (program === 'postgres' && !set('POSTGRES_PASSWORD') && ctx.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
    return 'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n';
  }
  return undefined;
}

/** `docker-entrypoint.sh`-style scripts: set up, then exec their arguments (or the server, when the first one is a flag). */
const entrypointScript: Program = (args, ctx) => {
  if (args.length === 0 || args[0]!.startsWith('-')) return runsForever();
  const program = args[0]!.split('/').pop()!;
  const complaint = missingDatabasePassword(program, ctx);
  if (complaint !== undefined) return exited(1, '', complaint, 500);
  const child = ctx.run(args);
  const notes = entrypointLines(program, ctx.image);
  if (notes.length === 0 || child.durationMs > 0 || !child.forever) return child;
  // Notes come only before a catalog server (nginx, postgres, mysqld), whose output is start-up lines alone.
  return { ...child, output: outputOf(concatLines(notes, child.output?.lines ?? [])) };
};

/** Init processes that forward SIGTERM to their child, which then dies even if it would ignore it as PID 1. */
const initProcess: Program = (args, ctx) => {
  const { operands } = splitOptions(args, new Set(['-p', '-l', '-e', '-k']));
  const child = ctx.run(operands);
  return { ...child, sigterm: child.sigterm === 'ignores' || child.sigterm === undefined ? DEFAULT_SIGTERM_MS : child.sigterm };
};

/** `env [-i] [-u NAME] [NAME=value]... [command]`: with a command, runs it; otherwise prints the environment. */
const env: Program = (args, ctx) => {
  let i = 0;
  while (i < args.length && (args[i]!.startsWith('-') || args[i]!.includes('='))) i += args[i] === '-u' ? 2 : 1;
  if (i < args.length) return ctx.run(args.slice(i));
  return exited(0, [...ctx.env].map(([k, v]) => `${k}=${v}\n`).join(''));
};

const timeout: Program = (args, ctx) => {
  const { operands } = splitOptions(args, new Set(['-s', '--signal', '-k', '--kill-after']));
  const limit = parseSleepOperand(operands[0] ?? '');
  if (limit === undefined) return exited(125, '', `timeout: invalid time interval '${operands[0] ?? ''}'\n`);
  const result = ctx.run(operands.slice(1));
  if (limit !== Infinity && (result.forever || result.durationMs > limit)) return { status: 124, durationMs: limit, stdout: result.stdout, stderr: result.stderr };
  return result;
};

const execRest =
  (skip = 0): Program =>
  (args, ctx) =>
    ctx.run(args.slice(skip));

/** Application programs by command name. */
export const APPLICATIONS: Readonly<Record<string, Program>> = {
  wget,
  curl,
  ping,
  nc,
  netcat: nc,
  nslookup: () => exited(0, '', '', LOOKUP_MS),
  dig: () => exited(0, '', '', LOOKUP_MS),
  host: () => exited(0, '', '', LOOKUP_MS),
  perl: scriptingLanguage(/^-[a-zA-Z]*[eE]$/),
  ruby: scriptingLanguage(/^-e$/),
  python,
  python3: python,
  python2: python,
  node,
  php,
  nginx: server(DEFAULT_SIGTERM_MS, ['-v', '-V', '-h', '-t', '-T', '-s'], 'nginx'),
  'redis-server': server(DEFAULT_SIGTERM_MS, undefined, 'redis-server'),
  memcached: server(),
  mongod: server(500),
  mysqld: server(2000),
  mariadbd: server(2000),
  postgres: server(500),
  httpd: server(DEFAULT_SIGTERM_MS, ['-v', '-V', '-h', '-t', '-S']),
  'httpd-foreground': server(),
  'apache2-foreground': server(),
  'php-fpm': server(),
  'rabbitmq-server': server(1000),
  haproxy: server(),
  traefik: server(),
  registry: server(),
  java: server(1000),
  pause: server(0),
  'hello-app': server(),
  hello: () => exited(0, '\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n'),
  'peer-finder': () => exited(0, '', '', ONE_LINER_MS),
  jshell: (_args, ctx) => (ctx.interactive ? waitsForInput() : exited(0)),
  stress,
  'docker-entrypoint.sh': entrypointScript,
  'entrypoint.sh': entrypointScript,
  'docker-php-entrypoint': entrypointScript,
  tini: initProcess,
  'dumb-init': initProcess,
  'su-exec': execRest(1),
  gosu: execRest(1),
  nohup: execRest(),
  nice: execRest(),
  stdbuf: execRest(),
  env,
  timeout,
};
