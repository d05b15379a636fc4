/**
 * What the catalog's server images print when they start, as their real images do: the official
 * `docker-entrypoint.sh` notes and the servers' own start-up lines (nginx's `[notice]`s, redis'
 * banner and "Ready to accept connections tcp", postgres' and mysqld's "ready for connections").
 * busybox, alpine and most images print nothing. Tables are built once per image variant and
 * shared; time stamps inside lines are rendered when the log is read.
 */
import { rfc3339Micro } from '../../api/time.js';
import type { ImageFacts } from './image-catalog.js';
import type { LogLine, LogText } from './log-lines.js';
import { textLines } from './log-lines.js';
import { formatDate } from './shell/date.js';

/** `.123`: the milliseconds of an instant. */
const millis = (ms: number): string => `.${String(ms % 1000).padStart(3, '0')}`;

/** `2024/11/21 04:10:00` (nginx's error log). */
const nginxTime = (ms: number): string => formatDate('%Y/%m/%d %T', ms);

/** `21 Nov 2024 04:10:00.123` (redis' log). */
const redisTime = (ms: number): string => `${formatDate('%d %b %Y %T', ms)}${millis(ms)}`;

/** `2024-11-21 04:10:00.123 UTC` (postgres' log_line_prefix `%m`). */
const postgresTime = (ms: number): string => `${formatDate('%F %T', ms)}${millis(ms)} UTC`;

/** `2024-11-21 04:10:00+00:00` (the mysql entrypoint's notes). */
const entrypointTime = (ms: number): string => formatDate('%F %T%:z', ms);

const stamped =
  (format: (ms: number) => string, text: string): LogText =>
  (ms) =>
    `${format(ms)}${text}`;

const NGINX_ENTRYPOINT = textLines('stdout', 0, 2, [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
]);

/** The nginx release a tag runs (a full version as it is; a minor line at its last patch). */
const NGINX_RELEASES: Readonly<Record<string, string>> = { '': '1.27.3', latest: '1.27.3', stable: '1.26.2', '1.27': '1.27.3', '1.26': '1.26.2', '1.25': '1.25.5', '1.24': '1.24.0', '1.23': '1.23.4' };

function nginxLines(image: ImageFacts): LogLine[] {
  const tag = image.tag.replace(/-.*$/, '');
  const version = NGINX_RELEASES[tag] ?? (/^\d+\.\d+\.\d+$/.test(tag) ? tag : '1.27.3');
  const compiler = image.tag.includes('alpine') ? 'gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ' : 'gcc 12.2.0 (Debian 12.2.0-14) ';
  const notice = (text: string): LogText => stamped(nginxTime, ` [notice] 1#1: ${text}`);
  return textLines('stderr', 5, 0, [
    notice('using the "epoll" event method'),
    notice(`nginx/${version}`),
    notice(`built by ${compiler}`),
    notice('OS: Linux 6.8.0-51-generic'),
    notice('getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
    notice('start worker processes'),
    notice('start worker process 29'),
    notice('start worker process 30'),
  ]);
}

function redisLines(): LogLine[] {
  const at = (role: string, mark: string, text: string): LogText => (ms) => `1:${role} ${redisTime(ms)} ${mark} ${text}`;
  return textLines('stdout', 0, 1, [
    at('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
    at('C', '*', 'Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started'),
    at('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
    at('M', '*', 'monotonic clock: POSIX clock_gettime'),
    at('M', '*', 'Running mode=standalone, port=6379.'),
    at('M', '*', 'Server initialized'),
    at('M', '*', 'Ready to accept connections tcp'),
  ]);
}

function postgresLines(): LogLine[] {
  const log = (pid: number, text: string): LogText => stamped(postgresTime, ` [${pid}] LOG:  ${text}`);
  const init = textLines('stdout', 0, 20, [
    'The files belonging to this database system will be owned by user "postgres".',
    'This user must also own the server process.',
    '',
    'The database cluster will be initialized with locale "en_US.utf8".',
    'The default database encoding has accordingly been set to "UTF8".',
    'The default text search configuration will be set to "english".',
    '',
    'Data page checksums are disabled.',
    '',
    'fixing permissions on existing directory /var/lib/postgresql/data ... ok',
    'creating subdirectories ... ok',
    'selecting dynamic shared memory implementation ... posix',
    'selecting default "max_connections" ... 100',
    'selecting default "shared_buffers" ... 128MB',
    'selecting default time zone ... Etc/UTC',
    'creating configuration files ... ok',
    'running bootstrap script ... ok',
    'performing post-bootstrap initialization ... ok',
    'syncing data to disk ... ok',
    '',
    'PostgreSQL init process complete; ready for start up.',
    '',
  ]);
  const server = textLines('stderr', 1500, 5, [
    log(1, 'starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit'),
    log(1, 'listening on IPv4 address "0.0.0.0", port 5432'),
    log(1, 'listening on IPv6 address "::", port 5432'),
    log(1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
    log(1, 'database system is ready to accept connections'),
  ]);
  return [...init, ...server];
}

function mysqlLines(): LogLine[] {
  const note = (text: string): LogText => stamped(entrypointTime, ` [Note] [Entrypoint]: ${text}`);
  // mysqld's error log stamps microseconds, as metav1.MicroTime prints them.
  const system = (code: string, text: string): LogText => stamped(rfc3339Micro, ` 0 [System] [${code}] [Server] ${text}`);
  const entrypoint = textLines('stdout', 0, 50, [
    note('Entrypoint script for MySQL Server 8.4.3-1.el9 started.'),
    note("Switching to dedicated user 'mysql'"),
    note('Entrypoint script for MySQL Server 8.4.3-1.el9 started.'),
    note('Initializing database files'),
  ]);
  const ready = textLines('stdout', 8000, 5, [note('MySQL init process done. Ready for start up.'), '']);
  const server = textLines('stderr', 8500, 100, [
    system('MY-015015', 'MySQL Server - start.'),
    system('MY-010116', '/usr/sbin/mysqld (mysqld 8.4.3) starting as process 1'),
    system('MY-013576', 'InnoDB initialization has started.'),
    system('MY-013577', 'InnoDB initialization has ended.'),
    system('MY-011323', "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock"),
    system('MY-010931', "/usr/sbin/mysqld: ready for connections. Version: '8.4.3'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."),
  ]);
  return [...entrypoint, ...ready, ...server];
}

const NONE: readonly LogLine[] = [];
const tables = new Map<string, readonly LogLine[]>();

function table(key: string, build: () => readonly LogLine[]): readonly LogLine[] {
  let lines = tables.get(key);
  if (lines === undefined) {
    lines = build();
    tables.set(key, lines);
  }
  return lines;
}

/** What `program` (a server the catalog knows) prints when it starts in `image`; shared per image variant. */
export function serverStartupLines(program: string, image: ImageFacts): readonly LogLine[] {
  switch (program) {
    case 'nginx':
      return table(`nginx:${image.tag}`, () => nginxLines(image));
    case 'redis-server':
      return table('redis-server', redisLines);
    default:
      return NONE;
  }
}

/**
 * What an official image's `docker-entrypoint.sh` prints before it execs `program` (postgres and
 * mysqld: the first-run initialisation and the server's own lines, which the entrypoint drives).
 */
export function entrypointLines(program: string, image: ImageFacts): readonly LogLine[] {
  if (!image.repository.startsWith('docker.io/library/')) return NONE;
  switch (program) {
    case 'nginx':
      return image.repository === 'docker.io/library/nginx' ? NGINX_ENTRYPOINT : NONE;
    case 'postgres':
      return table('postgres', postgresLines);
    case 'mysqld':
      return table('mysqld', mysqlLines);
    default:
      return NONE;
  }
}
