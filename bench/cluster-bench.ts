/**
 * The cluster budget of DESIGN.md: N nodes and one Deployment of M replicas, run as fast as
 * possible until every pod is Running and Ready. Prints one JSON line (run it in its own process
 * so the peak RSS is this run's): wall seconds, simulated seconds, store writes, peak RSS, and the
 * *floor* — the same number of store writes and actor transitions with no cluster logic.
 *
 *   node dist/bench/cluster-bench.js [nodes] [replicas]
 */
import { performance } from 'node:perf_hooks';
import { createActor, setup } from 'xstate';
import type { KubeObject } from '../src/api/types.js';
import { benchDeployment } from './workload.js';
import { Cluster } from '../src/cluster/cluster.js';
import { EtcdServer } from '../src/etcd/etcd-server.js';
import { VirtualClock } from '../src/clock/virtual-clock.js';

const nodes = Number(process.argv[2] ?? 1000);
const replicas = Number(process.argv[3] ?? 10_000);

function readyPods(cluster: Cluster): number {
  const listed = cluster.api.list('pods', 'default');
  if (!listed.ok) return 0;
  let ready = 0;
  for (const pod of listed.value.items) {
    const conditions = (pod['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Ready' && c.status === 'True')) ready++;
  }
  return ready;
}

/** The cluster run: returns wall ms until every pod is Ready and the store writes it took. */
function runCluster(): { wallMs: number; setupMs: number; simMs: number; writes: number; ready: number; sample: KubeObject | undefined } {
  const setupStart = performance.now();
  const cluster = new Cluster({ seed: 'bench', workers: nodes, components: 'full' });
  cluster.clock.runUntilIdle({ maxDuration: 60_000 });
  const setupMs = performance.now() - setupStart;
  const startRevision = cluster.etcd.revision;
  const simStart = cluster.clock.now();
  const start = performance.now();
  const created = cluster.api.create('deployments', 'default', benchDeployment(replicas));
  if (!created.ok) throw new Error(created.status.message);
  let ready = 0;
  // Run in slices of simulated time; stop as soon as every pod is Ready.
  for (let slice = 0; slice < 600 && ready < replicas; slice++) {
    cluster.clock.runUntilIdle({ maxDuration: 1_000 });
    ready = readyPods(cluster);
  }
  const wallMs = performance.now() - start;
  const listed = cluster.api.list('pods', 'default');
  const sample = listed.ok ? listed.value.items[0] : undefined;
  const result = { wallMs, simMs: cluster.clock.now() - simStart, writes: cluster.etcd.revision - startRevision, ready, sample, setupMs };
  cluster.dispose();
  return result;
}

/** The floor: `writes` etcd puts of a pod-sized object and as many actor transitions, nothing else. */
function runFloor(writes: number, sample: KubeObject | undefined): number {
  const clock = new VirtualClock();
  const etcd = new EtcdServer<KubeObject>(clock);
  let delivered = 0;
  etcd.watch('/registry/', 0, (batch) => void (delivered += batch.length));
  const value = Object.freeze(sample ?? benchDeployment(replicas));
  const machine = setup({}).createMachine({ initial: 'a', states: { a: { on: { next: 'b' } }, b: { on: { next: 'a' } } } });
  const actors = Array.from({ length: 1000 }, () => createActor(machine, { clock }).start());
  const start = performance.now();
  for (let i = 0; i < writes; i++) {
    etcd.put(`/registry/pods/default/p-${i % replicas}`, value);
    actors[i % actors.length]!.send({ type: 'next' });
    if (i % 1000 === 999) clock.runUntilIdle();
  }
  clock.runUntilIdle();
  void delivered;
  return performance.now() - start;
}

const run = runCluster();
const floorMs = runFloor(run.writes, run.sample);
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    nodes,
    replicas,
    ready: run.ready,
    wallSeconds: run.wallMs / 1000,
    setupSeconds: run.setupMs / 1000,
    simulatedSeconds: run.simMs / 1000,
    storeWrites: run.writes,
    peakRssMiB,
    floorSeconds: floorMs / 1000,
    floorRatio: run.wallMs / floorMs,
  }),
);
