/**
 * `npm run bench`: the performance figures of DESIGN.md's budget, printed one per line. Wall-clock
 * figures: they vary with the machine and its load. The cluster runs go in child processes so each
 * peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchLine } from './types.js';
// Types only: importing http-bench for values would run it (it ends with a top-level `await main()`).
import type { HttpRun, Spread } from './http-bench.js';
import { benchClock } from './clock-bench.js';
import { benchEtcd } from './etcd-bench.js';
import { benchApiServer } from './apiserver-bench.js';

function print(lines: readonly BenchLine[]): void {
  for (const line of lines) {
    const value = line.value >= 100 ? Math.round(line.value).toLocaleString('en-US') : line.value.toFixed(2);
    console.log(`${line.name.padEnd(58)} ${value.padStart(14)} ${line.unit}`);
  }
}

interface ClusterRun {
  nodes: number;
  replicas: number;
  ready: number;
  wallSeconds: number;
  simulatedSeconds: number;
  storeWrites: number;
  peakRssMiB: number;
  floorRatio: number;
}

function benchCluster(nodes: number, replicas: number): BenchLine[] {
  const script = fileURLToPath(new URL('./cluster-bench.js', import.meta.url));
  const output = execFileSync(process.execPath, [script, String(nodes), String(replicas)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const run = JSON.parse(output.trim().split('\n').pop()!) as ClusterRun;
  const label = `${nodes.toLocaleString('en-US')} nodes, ${replicas.toLocaleString('en-US')} replicas`;
  return [
    { name: `${label}: all Ready (${run.ready} pods)`, value: run.wallSeconds, unit: 's wall' },
    { name: `${label}: simulated time`, value: run.simulatedSeconds, unit: 's simulated' },
    { name: `${label}: store writes`, value: run.storeWrites, unit: 'writes' },
    { name: `${label}: peak RSS`, value: run.peakRssMiB, unit: 'MiB' },
    { name: `${label}: ratio to the floor`, value: run.floorRatio, unit: '×' },
  ];
}

interface DashboardRun {
  firstFrameMs: number;
  keyMedianMs: number;
  keyMaxMs: number;
  idleCpuPercent: number;
  idleClusterCpuPercent: number;
  pods: number;
  podsFirstFrameMs: number;
  podsPaneKeyMs: number;
  podsFrameMedianMs: number;
  podsFrameMaxMs: number;
  podsRedrawMedianMs: number;
  podsRedrawMaxMs: number;
}

/** The dashboard's figures, from bench/dashboard-bench.ts in its own process (cold start, its own CPU). */
function benchDashboard(): BenchLine[] {
  const script = fileURLToPath(new URL('./dashboard-bench.js', import.meta.url));
  const env = { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '1' };
  const output = execFileSync(process.execPath, [script], { encoding: 'utf8', maxBuffer: 1 << 24, env });
  const run = JSON.parse(output.trim().split('\n').pop()!) as DashboardRun;
  const pods = `dashboard, ${run.pods.toLocaleString('en-US')} pods`;
  return [
    { name: 'dashboard: first frame after start (cold)', value: run.firstFrameMs, unit: 'ms' },
    { name: 'dashboard: key press to screen, median', value: run.keyMedianMs, unit: 'ms' },
    { name: 'dashboard: key press to screen, worst', value: run.keyMaxMs, unit: 'ms' },
    { name: 'dashboard: idle cluster at speed 1, CPU', value: run.idleCpuPercent, unit: '% of a core' },
    { name: '  (the same cluster without the dashboard)', value: run.idleClusterCpuPercent, unit: '% of a core' },
    { name: `${pods}: first frame`, value: run.podsFirstFrameMs, unit: 'ms' },
    { name: `${pods}: key 2 (Pods pane) to screen`, value: run.podsPaneKeyMs, unit: 'ms' },
    { name: `${pods}: one frame (j/k), median`, value: run.podsFrameMedianMs, unit: 'ms' },
    { name: `${pods}: one frame (j/k), worst`, value: run.podsFrameMaxMs, unit: 'ms' },
    { name: `${pods}: cluster-driven redraw, median`, value: run.podsRedrawMedianMs, unit: 'ms' },
    { name: `${pods}: cluster-driven redraw, worst`, value: run.podsRedrawMaxMs, unit: 'ms' },
  ];
}

/** The HTTP front's figures, from bench/http-bench.ts in its own process (it serves HTTP and runs kubectl). */
function benchHttp(): BenchLine[] {
  const script = fileURLToPath(new URL('./http-bench.js', import.meta.url));
  const output = execFileSync(process.execPath, [script, '1000'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const run = JSON.parse(output.trim().split('\n').pop()!) as HttpRun;
  const pods = `http, ${run.pods.toLocaleString('en-US')} pods`;
  const lines: BenchLine[] = [];
  const add = (name: string, figures: Spread, worst = false): void => {
    lines.push({ name: `${name}, median`, value: figures.median, unit: 'ms' }, { name: `${name}, p95`, value: figures.p95, unit: 'ms' });
    if (worst) lines.push({ name: `${name}, worst`, value: figures.max, unit: 'ms' });
  };
  add(`${pods}: GET pods (JSON list)`, run.json);
  add(`${pods}: GET pods (Table)`, run.table);
  add(`${pods}: GET pods (Table, limit=500 pages)`, run.tablePaged);
  if (run.kubectl === undefined) {
    console.log(`${`${pods}: kubectl get pods`.padEnd(58)} ${'skipped'.padStart(14)} (no kubectl on PATH)`);
  } else {
    lines.push(
      { name: `${pods}: kubectl get pods, cold cache (${run.kubectl.rows} rows)`, value: run.kubectl.coldMs, unit: 'ms wall' },
      { name: `${pods}: kubectl get pods, warm cache`, value: run.kubectl.warmMs, unit: 'ms wall' },
    );
  }
  add('http: write to watch event at 1 watcher', run.oneWatcher, true);
  add(`http: write to watch event at all of ${run.watchers} watchers`, run.manyWatchers, true);
  return lines;
}

const only = process.argv[2];
if (only === undefined || only === 'cluster') {
  print(benchCluster(100, 1_000));
  print(benchCluster(1_000, 10_000));
}
if (only === undefined || only === 'dashboard') print(benchDashboard());
if (only === undefined || only === 'http') print(benchHttp());
if (only === undefined) {
  print(benchClock());
  print(benchEtcd());
  print(benchApiServer());
}
