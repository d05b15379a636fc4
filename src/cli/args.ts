/**
 * The command line, as the CLI contract in the README describes it. Parsing never exits: bad
 * usage comes back as a message for exit code 2.
 */
import { parseArgs } from 'node:util';
import { parseDuration } from '../api/duration.js';
import { parseQuantity } from '../api/quantity.js';

/** Everything the command line can ask for. */
export interface CliOptions {
  dir: string;
  headless: boolean;
  untilSettled: boolean;
  forMs?: number;
  timeoutMs: number;
  dump?: string;
  json: boolean;
  speed: number;
  seed: string;
  /** Worker nodes (a control-plane node is always added). */
  nodes: number;
  /** Each node's CPU capacity, as a quantity (`4`, `3500m`). */
  nodeCpu: string;
  /** Each node's memory capacity, as a quantity (`8Gi`). */
  nodeMemory: string;
  /** Timing profile: Kubernetes' own (`real`) or shortened (`fast`). */
  profile: 'real' | 'fast';
  /** Timed commands to run. */
  script?: string;
  /** Copy the package's sample manifests into `dir` when it is empty. */
  examples: boolean;
  help: boolean;
  version: boolean;
  /** Port of the HTTP front real kubectl talks to (127.0.0.1 only). */
  apiPort: number;
  /** Serve no HTTP front. */
  noApi: boolean;
  /** Where the kubeconfig for the HTTP front is written. */
  kubeconfig: string;
}

/** The outcome of parsing: options, or a usage error. */
export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string };

const SPEC = {
  headless: { type: 'boolean' },
  'until-settled': { type: 'boolean' },
  for: { type: 'string' },
  timeout: { type: 'string' },
  dump: { type: 'string' },
  json: { type: 'boolean' },
  speed: { type: 'string' },
  seed: { type: 'string' },
  nodes: { type: 'string' },
  'node-cpu': { type: 'string' },
  'node-memory': { type: 'string' },
  profile: { type: 'string' },
  script: { type: 'string' },
  examples: { type: 'boolean' },
  'api-port': { type: 'string' },
  'no-api': { type: 'boolean' },
  kubeconfig: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Parses `argv` (without the node and script paths). */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) return { ok: false, message: `expected at most one directory, got: ${positionals.join(' ')}` };

  const problems: string[] = [];
  const duration = (flag: string, text: string | undefined, fallback?: number): number | undefined => {
    if (text === undefined) return fallback;
    const ms = parseDuration(text);
    if (ms === undefined) problems.push(`invalid --${flag} "${text}": expected a duration such as 90s, 10m or 1h30m`);
    return ms ?? fallback;
  };
  const number = (flag: string, text: string | undefined, fallback: number, valid: (n: number) => boolean): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || !valid(n)) {
      problems.push(`invalid --${flag} "${text}"`);
      return fallback;
    }
    return n;
  };

  const quantity = (flag: string, text: string | undefined, fallback: string): string => {
    if (text === undefined) return fallback;
    const parsed = parseQuantity(text);
    if (!parsed.ok || parsed.value.nanos <= 0n) {
      problems.push(`invalid --${flag} "${text}": expected a positive quantity such as 4, 3500m or 8Gi`);
      return fallback;
    }
    return text;
  };

  const options: CliOptions = {
    dir: positionals[0] ?? 'manifests',
    headless: values.headless ?? false,
    untilSettled: values['until-settled'] ?? false,
    timeoutMs: duration('timeout', values.timeout, 10 * 60 * 1000)!,
    json: values.json ?? false,
    speed: number('speed', values.speed, 1, (n) => n > 0 && n <= 1000),
    seed: values.seed ?? '1',
    nodes: number('nodes', values.nodes, 3, (n) => Number.isInteger(n) && n >= 0 && n <= 5000),
    nodeCpu: quantity('node-cpu', values['node-cpu'], '4'),
    nodeMemory: quantity('node-memory', values['node-memory'], '8Gi'),
    profile: 'real',
    examples: values.examples ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    apiPort: number('api-port', values['api-port'], 6443, (n) => Number.isInteger(n) && n >= 0 && n <= 65535),
    noApi: values['no-api'] ?? false,
    kubeconfig: values.kubeconfig ?? '.k8s-playground/kubeconfig',
  };
  if (values.profile !== undefined) {
    if (values.profile === 'real' || values.profile === 'fast') options.profile = values.profile;
    else problems.push(`invalid --profile "${values.profile}": expected real or fast`);
  }
  if (values.script !== undefined) options.script = values.script;
  const forMs = duration('for', values.for);
  if (forMs !== undefined) options.forMs = forMs;
  if (values.dump !== undefined) options.dump = values.dump;
  if ((options.untilSettled || options.forMs !== undefined) && !options.headless) {
    problems.push('--until-settled and --for need --headless');
  }
  if (options.untilSettled && options.forMs !== undefined) problems.push('--until-settled and --for cannot be used together');
  return problems.length > 0 ? { ok: false, message: problems.join('\n') } : { ok: true, options };
}

export { parseDuration } from '../api/duration.js';

/** The `--help` text. */
export const USAGE = `Usage: k8s-playground [options] [DIR]

A whole Kubernetes cluster simulated in one process. Applies the manifests in DIR
(default ./manifests: *.yaml, *.yml and *.json, recursively).

Options:
  --headless            no dashboard: print one line per cluster event
  --until-settled       with --headless: run as fast as possible until nothing is pending,
                        print kubectl-style tables and exit (0 settled, 1 timed out)
  --for DURATION        with --headless: run DURATION of simulated time, print tables, exit 0
  --timeout DURATION    simulated time limit for --until-settled (default 10m)
  --dump FILE           write every stored object to FILE as a Kubernetes List (JSON)
  --json                with --headless: one JSON object per line
  --script FILE         timed commands, one per line: <sim-time> <command> [args]
                        (e.g. "30s scale deployment/web 5", "2m cordon node-1")
  --nodes N             worker nodes (default 3; a control-plane node is always added)
  --node-cpu Q          CPU of each node (default 4)
  --node-memory Q       memory of each node (default 8Gi)
  --profile P           timings: real (Kubernetes' own, default) or fast (shorter waits)
  --speed X             simulated seconds per real second (default 1)
  --seed S              seed of every random choice (default 1)
  --api-port PORT       port of the Kubernetes API for real kubectl, on 127.0.0.1 (default 6443)
  --no-api              serve no Kubernetes API over HTTP
  --kubeconfig FILE     kubeconfig written for kubectl (default .k8s-playground/kubeconfig)
  --examples            copy the package's sample manifests into DIR when DIR is empty
  -h, --help            show this help
  -v, --version         print the version

Exit codes: 0 ok, 1 not settled before the timeout, 2 bad usage or unreadable input.
`;
