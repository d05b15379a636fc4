/**
 * `npm run bench`: the performance figures of DESIGN.md's budget that exist so far, printed one
 * per line. Wall-clock figures: they vary with the machine and its load.
 */
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

print(benchClock());
print(benchEtcd());
print(benchApiServer());
