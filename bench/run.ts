/**
 * `npm run bench`: the performance figures of DESIGN.md's budget, printed one per line. Wall-clock
 * figures: they vary with the machine and its load. The cluster runs go in child processes so each
 * peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchLine } from './types.js';
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

const only = process.argv[2];
if (only === undefined || only === 'cluster') {
  print(benchCluster(100, 1_000));
  print(benchCluster(1_000, 10_000));
}
if (only === undefined) {
  print(benchClock());
  print(benchEtcd());
  print(benchApiServer());
}
