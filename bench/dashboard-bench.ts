/**
 * The dashboard budget of DESIGN.md: first frame ≤ 1 s, a frame with 10,000 pods ≤ 30 ms, a key
 * press on screen ≤ 100 ms, an idle cluster ≤ 2 % of a core. The App renders through ink into a
 * fake 120×40 terminal (debug mode: every frame written at once, no frame-rate cap). Prints one JSON
 * line; run it in its own process (bench/run.ts does) so module loading is cold and the CPU is its own.
 *
 *   node dist/bench/dashboard-bench.js
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { benchDeployment } from './workload.js';
import { Cluster } from '../src/cluster/cluster.js';

// React's development build is slow and chalk decides colours when it loads: both before `import()`.
process.env['NODE_ENV'] ??= 'production';
process.env['FORCE_COLOR'] ??= '1';

const COLUMNS = 120;
const ROWS = 40;
const PODS = 10_000;
const IDLE_MS = 5_000;

/** A terminal that keeps the last frame ink wrote. */
class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly columns = COLUMNS;
  readonly rows = ROWS;
  frame = '';
  frames = 0;
  write = (text: string): boolean => {
    this.frame = text;
    this.frames++;
    return true;
  };
}

/** A keyboard: `write` delivers keys the way ink reads a raw-mode TTY. */
class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const data = this.data;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** One mounted dashboard. */
interface Mounted {
  stdout: FakeStdout;
  stdin: FakeStdin;
  unmount(): void;
}

/** Loads React, ink and the App (after the environment above is set: that is why they are `import()`ed). */
async function loadModules(): Promise<{ mount: (cluster: Cluster) => Mounted }> {
  const { createElement } = await import('react');
  const { render } = await import('ink');
  const { App } = await import('../src/ui/App.js');
  return {
    mount(cluster) {
      const stdout = new FakeStdout();
      const stdin = new FakeStdin();
      const streams = { stdout, stderr: new FakeStdout(), stdin } as unknown as Record<'stdout' | 'stderr' | 'stdin', never>;
      const instance = render(createElement(App, { cluster, color: true }), { ...streams, debug: true, exitOnCtrlC: false, patchConsole: false });
      return { stdout, stdin, unmount: () => instance.unmount() };
    },
  };
}

/** Waits (yielding to the event loop, never sleeping a fixed time) until `done`; the wall ms it took, or NaN after `timeoutMs`. */
async function until(done: () => boolean, timeoutMs = 5_000): Promise<number> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > timeoutMs) return Number.NaN;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return performance.now() - start;
}

/**
 * Wall ms from writing `key` until ink writes a frame (`draw`) or until the screen shows a change
 * (`change`); NaN when that never happens.
 */
async function keyToScreen(app: Mounted, key: string, wait: 'draw' | 'change' = 'change'): Promise<number> {
  const before = app.stdout.frame;
  const frames = app.stdout.frames;
  const start = performance.now();
  app.stdin.write(key);
  const done = wait === 'draw' ? () => app.stdout.frames > frames : () => app.stdout.frame !== before;
  const waited = await until(done, 2_000);
  return Number.isNaN(waited) ? waited : performance.now() - start;
}

/**
 * Wall ms of the redraw that follows `trigger`, found as the event-loop turn during which ink wrote
 * the frame (a redraw is synchronous, so one turn holds all of it: the pane reading the cluster,
 * React, layout and output); NaN when no frame comes.
 */
async function redrawTime(app: Mounted, trigger: () => void): Promise<number> {
  const frames = app.stdout.frames;
  trigger();
  let last = performance.now();
  const deadline = last + 2_000;
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    const now = performance.now();
    if (app.stdout.frames > frames) return now - last;
    if (now > deadline) return Number.NaN;
    last = now;
  }
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
}

function max(values: readonly number[]): number {
  return values.some((v) => Number.isNaN(v)) ? Number.NaN : Math.max(...values);
}

function runningPods(cluster: Cluster): number {
  const listed = cluster.api.list('pods', 'default');
  if (!listed.ok) return 0;
  return listed.value.items.filter((pod) => (pod['status'] as { phase?: string } | undefined)?.phase === 'Running').length;
}

/** Cold start: load React, ink and the App, assemble a cluster, and wait for the first frame. */
async function firstFrame(): Promise<{ firstFrameMs: number; moduleLoadMs: number; mount: (cluster: Cluster) => Mounted }> {
  const start = performance.now();
  const modules = await loadModules();
  const moduleLoadMs = performance.now() - start;
  const cluster = new Cluster({ seed: 'bench', components: 'full' });
  const app = modules.mount(cluster);
  await until(() => app.stdout.frame.trim() !== '');
  const firstFrameMs = performance.now() - start;
  app.unmount();
  cluster.dispose();
  return { firstFrameMs, moduleLoadMs, mount: modules.mount };
}

/** Key presses on a fresh, paused cluster: switching panes and opening and closing help. */
async function keys(mount: (cluster: Cluster) => Mounted): Promise<number[]> {
  const cluster = new Cluster({ seed: 'bench', components: 'full' });
  cluster.clock.runUntilIdle({ maxDuration: 60_000 });
  const app = mount(cluster);
  await until(() => app.stdout.frame.trim() !== '');
  cluster.clock.pause();
  const latencies: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const key of ['2', '1', '?', '\u001B']) latencies.push(await keyToScreen(app, key));
  }
  app.unmount();
  cluster.dispose();
  return latencies;
}

/** Percent of a core the process used over IDLE_MS of real time. */
async function cpuOver(ms: number): Promise<number> {
  const before = process.cpuUsage();
  await delay(ms);
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / 1000 / ms) * 100;
}

/** CPU of an idle cluster with the clock at speed 1: alone, then with the dashboard showing it. */
async function idleCpu(mount: (cluster: Cluster) => Mounted): Promise<{ cluster: number; dashboard: number }> {
  const cluster = new Cluster({ seed: 'bench', components: 'full' });
  cluster.clock.runUntilIdle({ maxDuration: 60_000 });
  cluster.clock.play(1);
  await delay(500);
  const alone = await cpuOver(IDLE_MS);
  const app = mount(cluster);
  await delay(500);
  const shown = await cpuOver(IDLE_MS);
  app.unmount();
  cluster.dispose();
  return { cluster: alone, dashboard: shown };
}

/** 10,000 Running pods on 100 nodes: the first frame, the Pods pane, and one frame per selection move. */
async function tenThousandPods(mount: (cluster: Cluster) => Mounted): Promise<{ readySeconds: number; running: number; firstFrameMs: number; paneKeyMs: number; frames: number[]; redraws: number[] }> {
  const start = performance.now();
  const cluster = new Cluster({ seed: 'bench', workers: 100, components: 'full' });
  cluster.clock.runUntilIdle({ maxDuration: 60_000 });
  const created = cluster.api.create('deployments', 'default', benchDeployment(PODS));
  if (!created.ok) throw new Error(created.status.message);
  let running = 0;
  for (let slice = 0; slice < 600 && running < PODS; slice++) {
    cluster.clock.runUntilIdle({ maxDuration: 1_000 });
    running = runningPods(cluster);
  }
  const readySeconds = (performance.now() - start) / 1000;
  cluster.clock.pause();
  const mounted = performance.now();
  const app = mount(cluster);
  await until(() => app.stdout.frame.trim() !== '');
  const firstFrameMs = performance.now() - mounted;
  const paneKeyMs = await keyToScreen(app, '2');
  const frames: number[] = [];
  for (let i = 0; i < 20; i++) frames.push(await keyToScreen(app, i % 2 === 0 ? 'j' : 'k', 'draw'));
  // The cluster moves on one simulated second: the next frame tick redraws the pane from the API.
  const redraws: number[] = [];
  for (let i = 0; i < 10; i++) redraws.push(await redrawTime(app, () => cluster.clock.advance(1_000)));
  app.unmount();
  cluster.dispose();
  return { readySeconds, running, firstFrameMs, paneKeyMs, frames, redraws };
}

const cold = await firstFrame();
const keyLatencies = await keys(cold.mount);
const idle = await idleCpu(cold.mount);
const big = await tenThousandPods(cold.mount);
console.log(
  JSON.stringify({
    firstFrameMs: cold.firstFrameMs,
    moduleLoadMs: cold.moduleLoadMs,
    keyMedianMs: median(keyLatencies),
    keyMaxMs: max(keyLatencies),
    idleCpuPercent: idle.dashboard,
    idleClusterCpuPercent: idle.cluster,
    pods: big.running,
    podsReadySeconds: big.readySeconds,
    podsFirstFrameMs: big.firstFrameMs,
    podsPaneKeyMs: big.paneKeyMs,
    podsFrameMedianMs: median(big.frames),
    podsFrameMaxMs: max(big.frames),
    podsRedrawMedianMs: median(big.redraws),
    podsRedrawMaxMs: max(big.redraws),
  }),
);
process.exit(0);
