/**
 * The HTTP front's figures: how long `get pods` takes over HTTP with 1,000 pods (the JSON list,
 * the Table kubectl asks for, the Table paged at kubectl's limit=500, and one real `kubectl get
 * pods` including its process start), and how long a watch event takes to reach HTTP clients
 * after a write (one watcher, then 100). The clock plays at 1× during the watch runs, as in the
 * CLI, so an event goes out when the clock next wakes. Prints one JSON line.
 *
 *   node dist/bench/http-bench.js [pods]
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { KubeObject } from '../src/api/types.js';
import { Cluster } from '../src/cluster/cluster.js';
import { startApiFront, type ApiFront } from '../src/http/server.js';
import { writeKubeconfig } from '../src/http/kubeconfig.js';
import { benchDeployment } from './workload.js';

const pods = Number(process.argv[2] ?? 1000);
const LIST_RUNS = 50;
const WATCH_WRITES = 200;
const CONCURRENT_WATCHERS = 100;
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** Median, 95th percentile and worst of some timings (ms). */
export interface Spread {
  median: number;
  p95: number;
  max: number;
}

/** What one run prints (one JSON line), read by bench/run.ts. */
export interface HttpRun {
  pods: number;
  setupSeconds: number;
  json: Spread;
  table: Spread;
  tablePaged: Spread;
  kubectl: { coldMs: number; warmMs: number; rows: number } | undefined;
  oneWatcher: Spread;
  manyWatchers: Spread;
  watchers: number;
}

function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

/** A cluster whose `default` namespace holds `pods` Running pods (one Deployment), nodes enough for them. */
function readyCluster(): Cluster {
  const cluster = new Cluster({ seed: 'bench', workers: Math.max(3, Math.ceil(pods / 50)), components: 'full' });
  cluster.clock.runUntilIdle({ maxDuration: 60_000 });
  const created = cluster.api.create('deployments', 'default', benchDeployment(pods));
  if (!created.ok) throw new Error(created.status.message);
  for (let slice = 0; slice < 600; slice++) {
    cluster.clock.runUntilIdle({ maxDuration: 1_000 });
    const listed = cluster.api.list('pods', 'default', { labelSelector: 'app=web' });
    if (listed.ok && listed.value.items.length === pods && listed.value.items.every(isRunning)) break;
  }
  return cluster;
}

/** Whether an executable `command` is on PATH. */
function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function isRunning(pod: KubeObject): boolean {
  return (pod['status'] as { phase?: string } | undefined)?.phase === 'Running';
}

/** Wall ms of one GET, body read to the end; follows `metadata.continue` when `paged`. */
async function timeList(url: string, accept: string | undefined, paged: boolean): Promise<number> {
  const start = performance.now();
  let token: string | undefined;
  do {
    const query = paged ? `?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}` : '';
    const response = await fetch(`${url}${query}`, accept ? { headers: { accept } } : {});
    const body = (await response.json()) as { metadata?: { continue?: string } };
    token = paged ? body.metadata?.continue : undefined;
  } while (token);
  return performance.now() - start;
}

async function listSpread(url: string, accept: string | undefined, paged: boolean): Promise<Spread> {
  await timeList(url, accept, paged);
  const samples: number[] = [];
  for (let i = 0; i < LIST_RUNS; i++) samples.push(await timeList(url, accept, paged));
  return spread(samples);
}

/** Wall ms of `kubectl get pods` (cold: a fresh discovery cache; warm: the cache of the cold run). */
async function timeKubectl(front: ApiFront): Promise<{ coldMs: number; warmMs: number; rows: number } | undefined> {
  if (!onPath('kubectl')) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'k8s-playground-bench-'));
  try {
    const failed = await writeKubeconfig(join(dir, 'kubeconfig'), front.url);
    if (failed !== undefined) throw new Error(failed);
    const run = (): Promise<{ ms: number; stdout: string }> =>
      new Promise((resolve, reject) => {
        const start = performance.now();
        const args = ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), 'get', 'pods'];
        execFile('kubectl', args, { maxBuffer: 1 << 26, env: { ...process.env, KUBECONFIG: '' } }, (error, stdout) => {
          if (error) reject(error);
          else resolve({ ms: performance.now() - start, stdout });
        });
      });
    const cold = await run();
    const warm = await run();
    return { coldMs: cold.ms, warmMs: warm.ms, rows: warm.stdout.trimEnd().split('\n').length - 1 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A watch held over HTTP: calls `onLine` with each JSON line as it arrives. */
async function openWatch(url: string, resourceVersion: string, onLine: (line: string) => void): Promise<AbortController> {
  const abort = new AbortController();
  const response = await fetch(`${url}?watch=true&resourceVersion=${resourceVersion}&allowWatchBookmarks=true`, { signal: abort.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffered += decoder.decode(value, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          onLine(buffered.slice(0, newline));
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return abort;
}

/**
 * Wall ms from a label patch to its MODIFIED line reaching every one of `watchers` HTTP watches,
 * once per write.
 */
async function watchLatency(cluster: Cluster, url: string, watchers: number, writes: number): Promise<Spread> {
  const target = 'bench-watch-target';
  const made = cluster.api.create('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: target, labels: { bench: 'watch' } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  });
  if (!made.ok && made.status.code !== 409) throw new Error(made.status.message);
  const marker = (i: number): string => `"seq":"${watchers}-${i}"`;
  let waiting: { marker: string; left: number; done: () => void } | undefined;
  const onLine = (line: string): void => {
    if (waiting !== undefined && line.includes(waiting.marker) && --waiting.left === 0) waiting.done();
  };
  const rv = String(cluster.etcd.revision);
  const streams = await Promise.all(Array.from({ length: watchers }, () => openWatch(url, rv, onLine)));
  const samples: number[] = [];
  for (let i = 0; i < writes; i++) {
    const arrived = new Promise<void>((resolve) => (waiting = { marker: marker(i), left: watchers, done: resolve }));
    const start = performance.now();
    const patched = cluster.api.patch('pods', 'default', target, 'merge', { metadata: { labels: { seq: `${watchers}-${i}` } } });
    if (!patched.ok) throw new Error(patched.status.message);
    await arrived;
    samples.push(performance.now() - start);
  }
  for (const stream of streams) stream.abort();
  return spread(samples);
}

async function main(): Promise<void> {
  const setupStart = performance.now();
  const cluster = readyCluster();
  const setupSeconds = (performance.now() - setupStart) / 1000;
  const front = await startApiFront({ api: cluster.api, clock: cluster.clock, port: 0 });
  const podsUrl = `${front.url}/api/v1/namespaces/default/pods`;
  try {
    const json = await listSpread(podsUrl, undefined, false);
    const table = await listSpread(podsUrl, TABLE_ACCEPT, false);
    const tablePaged = await listSpread(podsUrl, TABLE_ACCEPT, true);
    const kubectl = await timeKubectl(front);
    cluster.clock.play(1);
    const oneWatcher = await watchLatency(cluster, podsUrl, 1, WATCH_WRITES);
    const manyWatchers = await watchLatency(cluster, podsUrl, CONCURRENT_WATCHERS, WATCH_WRITES);
    cluster.clock.pause();
    const run: HttpRun = { pods, setupSeconds, json, table, tablePaged, kubectl, oneWatcher, manyWatchers, watchers: CONCURRENT_WATCHERS };
    console.log(JSON.stringify(run));
  } finally {
    await front.close();
    cluster.dispose();
  }
}

await main();
