/**
 * Store throughput: puts per second of small frozen pod-like objects, with no watcher and with ten
 * watchers of `/registry/pods/` (as the API server's watch cache would hold), deliveries drained
 * through the scheduler every thousand writes. Wall-clock time is fine here: this is not cluster code.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { VirtualClock } from '../src/clock/virtual-clock.js';
import { MvccStore } from '../src/etcd/kvstore.js';
import type { BenchLine } from './types.js';

const WRITES = 200_000;
const DRAIN_EVERY = 1_000;
const WATCHERS = 10;

function pod(i: number): object {
  return Object.freeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: Object.freeze({ name: `p-${i}`, namespace: 'default', resourceVersion: '' }),
  });
}

/** Writes `WRITES` pods with `watchers` watchers; returns writes/s and how many events were delivered. */
function run(watchers: number): { writesPerSecond: number; delivered: number } {
  const scheduler = new VirtualClock();
  const store = new MvccStore<object>(scheduler);
  let delivered = 0;
  for (let w = 0; w < watchers; w++) {
    const result = store.watch('/registry/pods/', 0, (batch) => {
      delivered += batch.length;
    });
    if (!result.ok) throw new Error(result.error.message);
  }
  const values = Array.from({ length: WRITES }, (_, i) => pod(i));
  const start = performance.now();
  for (let i = 0; i < WRITES; i++) {
    store.put(`/registry/pods/default/p-${i}`, values[i]!);
    if ((i + 1) % DRAIN_EVERY === 0) scheduler.runUntilIdle();
  }
  scheduler.runUntilIdle();
  const seconds = (performance.now() - start) / 1000;
  return { writesPerSecond: Math.round(WRITES / seconds), delivered };
}

/** The etcd store's figures for `npm run bench`. */
export function benchEtcd(): BenchLine[] {
  run(WATCHERS); // warm-up
  const plain = run(0);
  const watched = run(WATCHERS);
  if (watched.delivered !== WRITES * WATCHERS) throw new Error(`delivered ${watched.delivered} of ${WRITES * WATCHERS} events`);
  return [
    { name: 'etcd puts, no watchers', value: plain.writesPerSecond, unit: 'writes/s' },
    { name: `etcd puts, ${WATCHERS} watchers of /registry/pods/`, value: watched.writesPerSecond, unit: 'writes/s' },
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of benchEtcd()) console.log(`${line.name}: ${line.value.toLocaleString('en-US')} ${line.unit}`);
}
