import type { Status } from './status.js';

/**
 * The outcome of an operation that can fail for expected reasons (validation, conflicts, etcd
 * unavailable, …). Expected failures are values, never exceptions.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; status: Status };

/** A successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed result carrying a Kubernetes `Status`. */
export function fail<T = never>(status: Status): Result<T> {
  return { ok: false, status };
}
