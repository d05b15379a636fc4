/**
 * The expected failures of the etcd store and server, as named values (etcd's `mvcc.ErrCompacted`,
 * `mvcc.ErrFutureRev`, `etcdserver.ErrTimeout`), and the result shape every fallible call returns.
 */

/** Which expected failure happened. */
export type EtcdErrorCode = 'Unavailable' | 'Compacted' | 'FutureRevision';

/** An expected etcd failure: a code to branch on and etcd's own message to show. */
export interface EtcdError {
  readonly code: EtcdErrorCode;
  readonly message: string;
}

/** The revision asked for is older than the last compaction (etcd's `ErrCompacted`). */
export const ErrCompacted: EtcdError = Object.freeze({
  code: 'Compacted',
  message: 'mvcc: required revision has been compacted',
});

/** The revision asked for has not happened yet (etcd's `ErrFutureRev`). */
export const ErrFutureRevision: EtcdError = Object.freeze({
  code: 'FutureRevision',
  message: 'mvcc: required revision is a future revision',
});

/** etcd is stopped: what a client sees when its request times out (etcd's `ErrTimeout`). */
export const ErrUnavailable: EtcdError = Object.freeze({
  code: 'Unavailable',
  message: 'etcdserver: request timed out',
});

/** The outcome of an etcd call that can fail for an expected reason. */
export type EtcdResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EtcdError };

/** A successful etcd result. */
export function etcdOk<T>(value: T): EtcdResult<T> {
  return { ok: true, value };
}

/** A failed etcd result. */
export function etcdFail<T = never>(error: EtcdError): EtcdResult<T> {
  return { ok: false, error };
}
