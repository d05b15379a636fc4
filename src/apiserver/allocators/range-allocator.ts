/**
 * A bitmap-like allocator over a contiguous range of integers, like kube-apiserver's
 * (pkg/registry/core/service/allocator): a lower "static" band is left for explicit requests and
 * dynamic allocations pick a random free value from the upper band first.
 */
import type { Random } from '../../api/random.js';

/** Allocates integers in [first, last]. */
export class RangeAllocator {
  private readonly used = new Set<number>();

  constructor(
    readonly first: number,
    readonly last: number,
    /** Size of the low band reserved for explicitly requested values. */
    private readonly staticBandSize: number,
  ) {}

  /** Whether `value` lies in the range. */
  contains(value: number): boolean {
    return value >= this.first && value <= this.last;
  }

  /** Whether `value` is allocated. */
  has(value: number): boolean {
    return this.used.has(value);
  }

  /** Claims a specific value; false when out of range or taken. */
  allocate(value: number): boolean {
    if (!this.contains(value) || this.used.has(value)) return false;
    this.used.add(value);
    return true;
  }

  /** Claims a random free value, from the dynamic band first; undefined when full. */
  allocateNext(random: Random): number | undefined {
    const dynamicFirst = Math.min(this.first + this.staticBandSize, this.last);
    return this.scan(dynamicFirst, this.last, random) ?? this.scan(this.first, dynamicFirst - 1, random);
  }

  /** Returns a value to the pool. */
  release(value: number): void {
    this.used.delete(value);
  }

  /** Number of allocated values. */
  get allocated(): number {
    return this.used.size;
  }

  private scan(from: number, to: number, random: Random): number | undefined {
    const size = to - from + 1;
    if (size <= 0) return undefined;
    const start = random.int(size);
    for (let i = 0; i < size; i++) {
      const value = from + ((start + i) % size);
      if (!this.used.has(value)) {
        this.used.add(value);
        return value;
      }
    }
    return undefined;
  }
}

/** The static band size kube-apiserver uses: min(max(lower, size/step), upper). */
export function staticBandSize(size: number, lower: number, step: number, upper: number): number {
  return Math.min(Math.max(lower, Math.floor(size / step)), upper);
}
