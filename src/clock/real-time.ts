import type { RealTime } from './types.js';

/**
 * The process's own real time: `performance.now()` and the global timers. With `src/clock` the
 * only place that touches them; the virtual clock uses it by default for its real-time modes.
 */
export const systemRealTime: RealTime = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setImmediate: (fn) => setImmediate(fn),
};
