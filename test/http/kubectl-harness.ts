/**
 * What tests that run the real `kubectl` share: a full cluster behind an HTTP front on a free
 * port, a kubeconfig and a fresh discovery cache in a temporary folder, and ways to run kubectl
 * either against a frozen clock or while the test moves the virtual clock on.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import test from 'ava';
import { Cluster, type ClusterOptions } from '../../src/cluster/cluster.js';
import { writeKubeconfig } from '../../src/http/kubeconfig.js';
import { startApiFront, type ApiFront, type ApiFrontOptions } from '../../src/http/server.js';

/** True when an executable `command` is on PATH. */
export function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether the real kubectl is installed (`.ci/run` installs Debian's kubernetes-client). */
export const hasKubectl = onPath('kubectl');

/** Declares a test that runs kubectl: serial (a file's tests share one cluster), skipped when kubectl is not installed. */
export const kubectlTest = hasKubectl ? test.serial : test.serial.skip;

/** What one kubectl run printed. */
export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A running cluster with its HTTP front, and kubectl pointed at it. */
export interface KubectlFixture {
  cluster: Cluster;
  front: ApiFront;
  /** The temporary folder holding the kubeconfig, the cache and any manifest a test writes. */
  dir: string;
  /** Runs kubectl with the clock frozen (the cluster does not move while it runs). */
  kubectl(...args: string[]): Promise<KubectlRun>;
  /**
   * Runs kubectl while the test moves the virtual clock on by `stepMs` every few real
   * milliseconds, for commands that wait for the cluster (`rollout status`, `drain`, `-w`).
   * The clock stops moving once kubectl exits, or after `maxVirtualMs`.
   */
  kubectlAdvancing(options: { stepMs: number; maxVirtualMs: number }, ...args: string[]): Promise<KubectlRun>;
  /** Writes `text` to `<dir>/<name>` and answers the path. */
  writeManifest(name: string, text: string): Promise<string>;
  /** Stops the front and the cluster. */
  close(): Promise<void>;
}

/** Options of {@link startKubectlFixture}. */
export interface KubectlFixtureOptions {
  cluster?: ClusterOptions;
  /** Virtual milliseconds to run the cluster before the front opens (nodes Ready, system pods up). */
  warmUpMs?: number;
  /** Extra options for the front (everything but api, clock and port); logs and component states come from the cluster, as the CLI wires them. */
  front?: Partial<Omit<ApiFrontOptions, 'api' | 'clock' | 'port'>>;
}

/** Starts a full cluster (seed 1 unless told otherwise), its front on a free port and a kubeconfig. */
export async function startKubectlFixture(options: KubectlFixtureOptions = {}): Promise<KubectlFixture> {
  const cluster = new Cluster({ seed: 1, components: 'full', ...options.cluster });
  cluster.clock.advance(options.warmUpMs ?? 60_000);
  const front = await startApiFront({
    logs: cluster,
    componentStates: (name) => cluster.component(name)?.state,
    ...options.front,
    api: cluster.api,
    clock: cluster.clock,
    port: 0,
  });
  const dir = await mkdtemp(join(tmpdir(), 'k8s-playground-kubectl-'));
  const written = await writeKubeconfig(join(dir, 'kubeconfig'), front.url);
  if (written !== undefined) throw new Error(written);

  let cacheRuns = 0;
  const run = (args: readonly string[]): { done: Promise<KubectlRun>; exited: () => boolean } => {
    let finished = false;
    // A fresh discovery cache per call, so that no run depends on what an earlier one cached.
    cacheRuns += 1;
    const cache = join(dir, `cache-${cacheRuns}`);
    const done = new Promise<KubectlRun>((resolve) => {
      execFile(
        'kubectl',
        ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', cache, ...args],
        { timeout: 30_000, env: { ...process.env, KUBECONFIG: '', KUBECTL_EXTERNAL_DIFF: '' } },
        (error, stdout, stderr) => {
          finished = true;
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
          resolve({ code, stdout, stderr });
        },
      );
    });
    return { done, exited: () => finished };
  };

  return {
    cluster,
    front,
    dir,
    kubectl: (...args) => run(args).done,
    async kubectlAdvancing({ stepMs, maxVirtualMs }, ...args) {
      const child = run(args);
      let moved = 0;
      while (!child.exited() && moved < maxVirtualMs) {
        // Real time only lets kubectl and the front talk; the cluster moves by the test's steps.
        await delay(15);
        cluster.clock.advance(stepMs);
        moved += stepMs;
      }
      return child.done;
    },
    async writeManifest(name, text) {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    async close() {
      await front.close();
      cluster.dispose();
    },
  };
}

/** The fixture a test file's tests share, and kubectl run against it. */
export interface SharedKubectlFixture {
  /** The started fixture (in tests and hooks that run after `before`). */
  fixture(): KubectlFixture;
  /** Runs kubectl with the clock frozen. */
  kubectl(...args: string[]): Promise<KubectlRun>;
}

/**
 * Registers the hooks of a file of kubectl tests: `before` starts a fixture (only when kubectl is
 * installed) and runs `setUp` on it; `after.always` closes it.
 */
export function useKubectlFixture(
  options: KubectlFixtureOptions = {},
  setUp?: (fixture: KubectlFixture) => void | Promise<void>,
): SharedKubectlFixture {
  let started: KubectlFixture | undefined;
  test.before(async () => {
    if (!hasKubectl) return;
    started = await startKubectlFixture(options);
    await setUp?.(started);
  });
  test.after.always(async () => {
    await started?.close();
  });
  const fixture = (): KubectlFixture => {
    if (started === undefined) throw new Error('the kubectl fixture has not started');
    return started;
  };
  return { fixture, kubectl: (...args) => fixture().kubectl(...args) };
}

/** Splits a kubectl table into rows of cells (runs of 2+ spaces separate columns). */
export function tableRows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.trim().split(/ {2,}/));
}
