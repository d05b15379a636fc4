/**
 * The everyday utilities a container command or exec probe calls (busybox applets / GNU coreutils):
 * file actions that feed the file timeline (`touch`, `rm`, `cat`, `ls`, `cp`, `mv`, `tee`), `sleep`,
 * `test`, `date`, and output-only tools. They finish at once unless they sleep or follow a file.
 */
import { parseSleepOperand } from '../duration.js';
import { catMissingMessage, lsMissingMessage, rmMissingMessage } from '../messages.js';
import type { Program, ProgramContext } from './program.js';
import { exited, runsForever, splitOptions } from './program.js';
import { date } from './date.js';
import { evaluateTest } from './test-expression.js';

const lines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
const joinLines = (list: readonly string[]): string => (list.length === 0 ? '' : `${list.join('\n')}\n`);
const gnu = (ctx: ProgramContext): boolean => ctx.image.userland !== 'busybox';

function unescape(text: string): string {
  return text.replace(/\\(n|t|\\|r|a|b|f|v|0)/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', 0: '' })[c] ?? c);
}

const echo: Program = (args) => {
  let i = 0;
  let newline = true;
  let escapes = false;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
    if (args[i]!.includes('n')) newline = false;
    if (args[i]!.includes('e')) escapes = true;
  }
  const text = args.slice(i).join(' ');
  return exited(0, (escapes ? unescape(text) : text) + (newline ? '\n' : ''));
};

const printf: Program = (args) => {
  const [format = '', ...rest] = args;
  let out = '';
  let index = 0;
  do {
    out += unescape(format).replace(/%([-0-9.]*)([sdibcxf%])/g, (_, _flags: string, conversion: string) => {
      if (conversion === '%') return '%';
      const value = rest[index++] ?? '';
      if (conversion === 'd' || conversion === 'i') return String(Math.trunc(Number(value) || 0));
      if (conversion === 'x') return (Math.trunc(Number(value)) || 0).toString(16);
      if (conversion === 'f') return (Number(value) || 0).toFixed(6);
      return conversion === 'b' ? unescape(value) : value;
    });
  } while (index > 0 && index < rest.length);
  return exited(0, out);
};

const sleep: Program = (args) => {
  let total = 0;
  for (const operand of args) {
    const ms = parseSleepOperand(operand);
    if (ms === undefined) return exited(1, '', `sleep: invalid number '${operand}'\n`);
    total += ms;
  }
  if (args.length === 0) return exited(1, '', 'sleep: missing operand\n');
  return total === Infinity ? runsForever('ignores') : { status: 0, durationMs: total, sigterm: 'ignores' };
};

const cat: Program = (args, ctx) => {
  const { operands } = splitOptions(args);
  if (operands.length === 0) return ctx.interactive ? runsForever('ignores') : exited(0, ctx.stdin);
  let out = '';
  let err = '';
  for (const path of operands) {
    if (path === '-') out += ctx.stdin;
    else if (ctx.files.exists(path, ctx.now)) out += ctx.files.content(path, ctx.now) ?? '';
    else err += `${catMissingMessage(ctx.image.userland, path)}\n`;
  }
  return exited(err ? 1 : 0, out, err);
};

const ls: Program = (args, ctx) => {
  const { operands } = splitOptions(args);
  let out = '';
  let err = '';
  for (const path of operands) {
    if (ctx.files.exists(path, ctx.now)) out += `${path}\n`;
    else err += `${lsMissingMessage(ctx.image.userland, path)}\n`;
  }
  return exited(err ? (gnu(ctx) ? 2 : 1) : 0, out, err);
};

const touch: Program = (args, ctx) => {
  for (const path of splitOptions(args).operands) ctx.files.write(path, ctx.now, undefined, true);
  return exited();
};

const rm: Program = (args, ctx) => {
  const { options, operands } = splitOptions(args);
  const force = options.has('-f') || options.has('--force');
  const recursive = options.has('-r') || options.has('-R') || options.has('--recursive');
  let err = '';
  for (const path of operands) {
    if (!force && !ctx.files.exists(path, ctx.now)) err += `${rmMissingMessage(ctx.image.userland, path)}\n`;
    else ctx.files.remove(path, ctx.now, recursive);
  }
  return exited(err ? 1 : 0, '', err);
};

const copy =
  (move: boolean): Program =>
  (args, ctx) => {
    const { operands } = splitOptions(args);
    const target = operands[operands.length - 1];
    let err = '';
    for (const source of operands.slice(0, -1)) {
      if (!ctx.files.exists(source, ctx.now)) {
        err += gnu(ctx) ? `${move ? 'mv' : 'cp'}: cannot stat '${source}': No such file or directory\n` : `${move ? 'mv' : 'cp'}: can't stat '${source}': No such file or directory\n`;
        continue;
      }
      if (target !== undefined) ctx.files.write(target, ctx.now, ctx.files.content(source, ctx.now));
      if (move) ctx.files.remove(source, ctx.now, true);
    }
    return exited(err ? 1 : 0, '', err);
  };

const mkdir: Program = (args, ctx) => {
  for (const path of splitOptions(args, new Set(['-m'])).operands) ctx.files.write(path, ctx.now, undefined, true);
  return exited();
};

const tee: Program = (args, ctx) => {
  const { options, operands } = splitOptions(args);
  for (const path of operands) ctx.files.write(path, ctx.now, ctx.stdin, options.has('-a'));
  return exited(0, ctx.stdin);
};

const tail: Program = (args, ctx) => {
  const { options, operands } = splitOptions(args, new Set(['-n', '-c']));
  if (options.has('-f') || options.has('-F') || options.has('--follow')) return runsForever('ignores');
  const n = Number(options.get('-n') ?? 10);
  return exited(0, operands.length === 0 ? joinLines(lines(ctx.stdin).slice(-n)) : '');
};

const head: Program = (args, ctx) => {
  const { options } = splitOptions(args, new Set(['-n', '-c']));
  return exited(0, joinLines(lines(ctx.stdin).slice(0, Number(options.get('-n') ?? 10))));
};

const grep: Program = (args, ctx) => {
  const { options, operands } = splitOptions(args, new Set(['-e', '-m', '-A', '-B', '-C']));
  const pattern = options.get('-e') ?? operands.shift() ?? '';
  let matcher: (line: string) => boolean;
  try {
    const re = new RegExp(options.has('-F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern, options.has('-i') ? 'i' : '');
    matcher = (line) => re.test(line) !== options.has('-v');
  } catch {
    return exited(2, '', `grep: bad regex '${pattern}'\n`);
  }
  const matched = lines(ctx.stdin).filter(matcher);
  const out = options.has('-q') ? '' : options.has('-c') ? `${matched.length}\n` : joinLines(matched);
  return exited(matched.length > 0 ? 0 : 1, out);
};

/** awk programs of the forms `{print $2}`, `/re/{print $1, $3}`, `/re/`. Anything else prints nothing. */
const awk: Program = (args, ctx) => {
  const { operands } = splitOptions(args, new Set(['-F', '-v']));
  const program = /^\s*(?:\/((?:[^/\\]|\\.)*)\/)?\s*(?:\{\s*print\s*([^}]*)\})?\s*$/.exec(operands[0] ?? '');
  if (!program || (program[1] === undefined && program[2] === undefined)) return exited(0);
  const re = program[1] !== undefined ? new RegExp(program[1]) : undefined;
  const fields = (program[2] ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '');
  const out = lines(ctx.stdin)
    .filter((line) => !re || re.test(line))
    .map((line) => {
      const parts = line.trim().split(/\s+/);
      if (fields.length === 0) return line;
      return fields.map((f) => (f === '$0' ? line : /^\$\d+$/.test(f) ? (parts[Number(f.slice(1)) - 1] ?? '') : f.replace(/^"|"$/g, ''))).join(' ');
    });
  return exited(0, joinLines(out));
};

const seq: Program = (args) => {
  const numbers = args.filter((a) => !a.startsWith('-') || /^-\d/.test(a)).map(Number);
  const [first, step, last] = numbers.length >= 3 ? numbers : numbers.length === 2 ? [numbers[0]!, 1, numbers[1]!] : [1, 1, numbers[0] ?? 0];
  const out: string[] = [];
  for (let n = first!; step! > 0 ? n <= last! : n >= last!; n += step!) if (out.push(String(n)) > 100_000) break;
  return exited(0, joinLines(out));
};

const printenv: Program = (args, ctx) => {
  const names = splitOptions(args).operands;
  if (names.length === 0) return exited(0, joinLines([...ctx.env].map(([k, v]) => `${k}=${v}`)));
  const values = names.filter((n) => ctx.env.has(n)).map((n) => ctx.env.get(n)!);
  return exited(values.length === names.length || ctx.envIncomplete ? 0 : 1, joinLines(values));
};

const test: Program = (args, ctx) => ({
  durationMs: 0,
  ...evaluateTest('test', args, { fileExists: (p) => ctx.files.exists(p, ctx.now), variableSet: (n) => ctx.env.has(n) }, ctx.shellName),
});
const bracket =
  (command: '[' | '[['): Program =>
  (args, ctx) => ({
    durationMs: 0,
    ...evaluateTest(command, args, { fileExists: (p) => ctx.files.exists(p, ctx.now), variableSet: (n) => ctx.env.has(n) }, ctx.shellName),
  });

const passStdin: Program = (_args, ctx) => exited(0, ctx.stdin);
const constant =
  (stdout: string | ((ctx: ProgramContext) => string)): Program =>
  (_args, ctx) =>
    exited(0, typeof stdout === 'string' ? stdout : stdout(ctx));

/** Utilities by command name. */
export const COREUTILS: Readonly<Record<string, Program>> = {
  true: () => exited(0),
  ':': () => exited(0),
  false: () => exited(1),
  echo,
  printf,
  date,
  sleep,
  usleep: (args) => ({ status: 0, durationMs: Number(args[0] ?? 0) / 1000, sigterm: 'ignores' }),
  cat,
  ls,
  touch,
  rm,
  rmdir: rm,
  cp: copy(false),
  mv: copy(true),
  ln: (args, ctx) => touch([splitOptions(args).operands.pop() ?? ''], ctx),
  mkdir,
  tee,
  tail,
  head,
  grep,
  egrep: grep,
  awk,
  seq,
  printenv,
  test,
  '[': bracket('['),
  '[[': bracket('[['),
  yes: () => runsForever('ignores'),
  rev: (_args, ctx) => exited(0, joinLines(lines(ctx.stdin).map((l) => [...l].reverse().join('')))),
  wc: (args, ctx) => exited(0, `${args.includes('-l') ? lines(ctx.stdin).length : ctx.stdin.length}\n`),
  sort: (_args, ctx) => exited(0, joinLines(lines(ctx.stdin).sort())),
  uniq: (_args, ctx) => exited(0, joinLines(lines(ctx.stdin).filter((l, i, all) => i === 0 || all[i - 1] !== l))),
  sed: passStdin,
  tr: passStdin,
  cut: passStdin,
  hostname: constant((ctx) => `${ctx.hostname}\n`),
  whoami: constant('root\n'),
  id: constant('uid=0(root) gid=0(root) groups=0(root)\n'),
  pwd: constant('/\n'),
  uname: constant('Linux\n'),
  nproc: constant('2\n'),
  basename: (args) => exited(0, `${(args[0] ?? '').replace(/\/+$/, '').split('/').pop() ?? ''}\n`),
  dirname: (args) => exited(0, `${(args[0] ?? '').replace(/\/[^/]*\/?$/, '') || '/'}\n`),
};

/** Names that run at once and succeed, printing nothing the simulation needs. */
export const INSTANT_SUCCESS = [
  'chmod', 'chown', 'chgrp', 'sync', 'umask', 'find', 'stat', 'df', 'du', 'free', 'ps', 'uptime', 'mount',
  'umount', 'kill', 'killall', 'which', 'dd', 'tar', 'gzip', 'gunzip', 'zcat', 'base64', 'md5sum', 'sha1sum',
  'sha256sum', 'getent', 'install', 'mktemp', 'readlink', 'realpath', 'xargs', 'apk', 'apt-get', 'apt', 'yum',
  'dnf', 'pip', 'logger', 'clear', 'reset', 'sysctl', 'ulimit', 'setcap', 'update-ca-certificates',
] as const;
