/**
 * The `k8s-playground` command: parse the command line, assemble the cluster, apply the
 * manifests folder, and run headless (until settled, for a while, or live).
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cluster } from '../cluster/cluster.js';
import { formatReportLine, type ApplyReportLine } from '../manifests/apply-folder.js';
import { applyManifestFolderOnce, watchManifestFolder } from '../manifests/folder-watcher.js';
import { copyExamples } from '../manifests/examples.js';
import { parseCliArgs, USAGE } from './args.js';
import type { CliOptions } from './args.js';
import { clusterTables, dumpList } from './cluster-tables.js';
import { formatSimTime, streamEvents } from './event-lines.js';
import { runCommand } from '../cluster/commands/index.js';
import { parseScript, type ParsedScript, type ScriptStep } from '../cluster/script.js';
import type { FolderStatus } from '../ui/folder-status.js';
import { startApiFront, type ApiFront } from '../http/server.js';
import { writeKubeconfig } from '../http/kubeconfig.js';

/** Where output goes; the tests pass their own. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Runs the command; resolves to the exit code (0 ok, 1 not settled, 2 bad usage or unreadable input). */
export async function main(argv: readonly string[], output: Output = processOutput): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    output.err(`k8s-playground: ${parsed.message}\nRun 'k8s-playground --help' for usage.\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    output.out(USAGE);
    return 0;
  }
  if (options.version) {
    output.out(`k8s-playground ${await packageVersion()}\n`);
    return 0;
  }
  const dir = resolve(options.dir);
  const ready = await ensureDirectory(dir);
  if (ready) {
    output.err(`k8s-playground: ${ready}\n`);
    return 2;
  }
  if (options.examples) {
    const copied = await copyExamples(dir);
    if (!copied.ok) {
      output.err(`k8s-playground: ${copied.message}\n`);
      return 2;
    }
    if (copied.copied.length > 0) output.err(`k8s-playground: copied ${copied.copied.length} example manifest(s) into ${dir}\n`);
  }
  const batch = options.untilSettled || options.forMs !== undefined;
  if (!options.headless && !batch) return runWithDashboard(options, dir, output);
  return runHeadless(options, dir, output);
}

/** The dashboard: the cluster, the folder watcher and the clock playing at `--speed`, until the user quits. */
async function runWithDashboard(options: CliOptions, dir: string, output: Output): Promise<number> {
  if (options.script !== undefined) {
    output.err('k8s-playground: --script runs only with --headless in this version\n');
    return 2;
  }
  const cluster = new Cluster({
    seed: options.seed,
    workers: options.nodes,
    nodeCpu: options.nodeCpu,
    nodeMemory: options.nodeMemory,
    profile: options.profile,
    components: 'full',
    startTime: wallClockStart(),
  });
  const files = new Set<string>();
  const onReport = (line: ApplyReportLine): void => {
    files.add(line.file);
  };
  const front = await serveApi(cluster, options, output, false);
  if (front === 'failed') {
    cluster.dispose();
    return 2;
  }
  const watcher = watchManifestFolder(cluster.api, dir, { onReport, afterNamespaces: () => cluster.clock.advance(0) });
  const folder: FolderStatus = {
    dir: options.dir,
    files: () => files.size,
    errors: () => [...watcher.errors().values()].flat().filter((line) => !line.ok).map((line) => ({ file: line.file, text: formatReportLine(line) })),
  };
  cluster.clock.play(options.speed);
  // Loaded only here: headless runs never load ink and React.
  const { runDashboard } = await import('../ui/run-dashboard.js');
  await runDashboard({ cluster, folder });
  await watcher.close();
  await front?.close();
  if (options.dump) await writeFile(options.dump, `${JSON.stringify(dumpList(cluster.api), null, 2)}\n`);
  cluster.dispose();
  return 0;
}

async function runHeadless(options: CliOptions, dir: string, output: Output): Promise<number> {
  let steps: ScriptStep[] = [];
  if (options.script !== undefined) {
    const loaded = await loadScript(options.script);
    if (!loaded.ok) {
      output.err(`${loaded.errors.map((e) => `k8s-playground: ${e}`).join('\n')}\n`);
      return 2;
    }
    steps = loaded.steps;
  }
  const cluster = new Cluster({
    seed: options.seed,
    workers: options.nodes,
    nodeCpu: options.nodeCpu,
    nodeMemory: options.nodeMemory,
    profile: options.profile,
    components: 'full',
    ...(options.untilSettled || options.forMs !== undefined ? {} : { startTime: wallClockStart() }),
  });
  const start = cluster.clock.now();
  scheduleScript(cluster, steps, start, options.json, output);
  const stopEvents = streamEvents(cluster.api, cluster.clock, start, options.json, (line) => output.out(`${line}\n`));
  const onReport = (line: ApplyReportLine): void => {
    if (options.json) output.out(`${JSON.stringify(line)}\n`);
    else if (line.ok) output.out(`${formatReportLine(line)}\n`);
    else output.err(`${formatReportLine(line)}\n`);
  };
  const applyOptions = { onReport, afterNamespaces: () => cluster.clock.advance(0) };

  let exitCode = 0;
  if (options.untilSettled || options.forMs !== undefined) {
    await applyManifestFolderOnce(cluster.api, dir, applyOptions);
    if (options.untilSettled) {
      const result = cluster.clock.runUntilIdle({ maxDuration: options.timeoutMs });
      if (!result.idle) {
        output.err(`k8s-playground: not settled after ${options.timeoutMs / 1000}s of simulated time\n`);
        exitCode = 1;
      }
    } else {
      cluster.clock.advance(options.forMs ?? 0);
    }
    stopEvents();
    if (!options.json) output.out(`\n${clusterTables(cluster.api, cluster.clock.now())}`);
    if (options.dump) await writeFile(options.dump, `${JSON.stringify(dumpList(cluster.api), null, 2)}\n`);
    cluster.dispose();
    return exitCode;
  }

  // Ctrl-C is a clean stop from the moment anything is served or printed, not only once the clock plays.
  let interrupt = (): void => undefined;
  const interrupted = new Promise<void>((done) => (interrupt = done));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const front = await serveApi(cluster, options, output, true);
  if (front === 'failed') {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    stopEvents();
    cluster.dispose();
    return 2;
  }
  const watcher = watchManifestFolder(cluster.api, dir, applyOptions);
  await watcher.ready;
  cluster.clock.play(options.speed);
  await interrupted;
  await watcher.close();
  await front?.close();
  stopEvents();
  if (options.dump) await writeFile(options.dump, `${JSON.stringify(dumpList(cluster.api), null, 2)}\n`);
  cluster.dispose();
  return 0;
}

/**
 * Starts the HTTP front for real kubectl (unless `--no-api`) and writes its kubeconfig; headless
 * runs print the `export KUBECONFIG=…` line on stderr. 'failed' when the port or file is unusable.
 */
/**
 * Live runs start the simulated clock at the real time, to the second: kubectl computes some ages
 * itself (`describe`, `get -w` of events) against the wall clock. Runs that print a result
 * (`--until-settled`, `--for`) keep the fixed start so that the same folder and seed print the same.
 */
function wallClockStart(): number {
  return Math.floor(Date.now() / 1000) * 1000;
}

async function serveApi(cluster: Cluster, options: CliOptions, output: Output, headless: boolean): Promise<ApiFront | undefined | 'failed'> {
  if (options.noApi) return undefined;
  let front: ApiFront;
  try {
    front = await startApiFront({ api: cluster.api, clock: cluster.clock, port: options.apiPort, logs: cluster, componentStates: (name) => cluster.component(name)?.state });
  } catch (error) {
    output.err(`k8s-playground: cannot serve the Kubernetes API on 127.0.0.1:${options.apiPort}: ${(error as Error).message} (use --api-port or --no-api)\n`);
    return 'failed';
  }
  const kubeconfig = resolve(options.kubeconfig);
  const problem = await writeKubeconfig(kubeconfig, front.url);
  if (problem !== undefined) {
    output.err(`k8s-playground: ${problem}\n`);
    await front.close();
    return 'failed';
  }
  if (headless) output.err(`export KUBECONFIG=${kubeconfig}\n`);
  return front;
}

async function loadScript(file: string): Promise<ParsedScript> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`cannot read script ${file}: ${(error as Error).message}`] };
  }
  return parseScript(text, file);
}

/** Runs each script step at its simulated time and prints what it answered. */
function scheduleScript(cluster: Cluster, steps: readonly ScriptStep[], start: number, json: boolean, output: Output): void {
  // What a running command (a drain) prints after its first answer, as kubectl would go on printing.
  cluster.commandOutput.subscribe((line) => {
    const time = formatSimTime(line.at - start);
    if (json) output.out(`${JSON.stringify({ time, component: 'script', command: line.command, ok: line.stream === 'out', message: line.text })}\n`);
    else output.out(`${time} script ${line.command}: ${line.text}\n`);
  });
  for (const step of steps) {
    cluster.clock.setTimeout(() => {
      const result = runCommand(cluster, step.command);
      const time = formatSimTime(cluster.clock.now() - start);
      if (json) output.out(`${JSON.stringify({ time, component: 'script', command: step.command, ok: result.ok, message: result.message })}\n`);
      else for (const line of result.message.split('\n')) output.out(`${time} script ${step.command}: ${line}\n`);
    }, Math.max(0, start + step.atMs - cluster.clock.now()));
  }
}

/** Creates the manifests folder when missing; a message when it cannot be used. */
async function ensureDirectory(dir: string): Promise<string | undefined> {
  try {
    const info = await stat(dir);
    return info.isDirectory() ? undefined : `${dir} is not a directory`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return `cannot read ${dir}: ${(error as Error).message}`;
    try {
      await mkdir(dir, { recursive: true });
      return undefined;
    } catch (mkdirError) {
      return `cannot create ${dir}: ${(mkdirError as Error).message}`;
    }
  }
}

async function packageVersion(): Promise<string> {
  const path = fileURLToPath(new URL('../../../package.json', import.meta.url));
  const pkg = JSON.parse(await readFile(path, 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
