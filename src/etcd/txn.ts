/**
 * Transactions (etcd's `Txn`): if every compare holds, run `success`, else `failure`, atomically
 * and under one revision. kube-apiserver builds its optimistic concurrency on this: create is
 * `If(ModRevision(key) = 0).Then(Put)`, update is `If(ModRevision(key) = rv).Then(Put).Else(Get)`.
 */
import type { KeyValue } from './key-value.js';

/** The field of a key a compare reads. A missing key reads as 0 for all three. */
export type CompareTarget = 'version' | 'createRevision' | 'modRevision';

/** The comparison a compare makes (etcd's `Compare.result`). */
export type CompareResult = '=' | '!=' | '<' | '>';

/** One guard of a txn: `<target>(key) <result> value`. */
export interface Compare {
  readonly key: string;
  readonly target: CompareTarget;
  readonly result: CompareResult;
  readonly value: number;
}

/** One operation of a txn branch. Reads see the writes made earlier in the same txn. */
export type RequestOp<V> =
  | { readonly type: 'put'; readonly key: string; readonly value: V }
  | { readonly type: 'delete'; readonly key: string }
  | { readonly type: 'get'; readonly key: string };

/** The result of one operation, in the order of the branch that ran. */
export type ResponseOp<V> =
  | { readonly type: 'put'; readonly kv: KeyValue<V>; readonly prevKv: KeyValue<V> | undefined }
  | { readonly type: 'delete'; readonly deleted: number; readonly prevKv: KeyValue<V> | undefined }
  | { readonly type: 'get'; readonly kv: KeyValue<V> | undefined };

/** A txn: guards and the two branches (`failure` absent means do nothing). */
export interface TxnRequest<V> {
  readonly compare: readonly Compare[];
  readonly success: readonly RequestOp<V>[];
  readonly failure?: readonly RequestOp<V>[];
}

/** The result of a txn: which branch ran and the result of each of its operations. */
export interface TxnResponse<V> {
  readonly revision: number;
  readonly succeeded: boolean;
  readonly responses: readonly ResponseOp<V>[];
}

/** Whether `compare` holds for the key's live version (`undefined` when the key does not exist). */
export function compareHolds(kv: KeyValue<unknown> | undefined, compare: Compare): boolean {
  const actual = kv === undefined ? 0 : kv[compare.target];
  switch (compare.result) {
    case '=':
      return actual === compare.value;
    case '!=':
      return actual !== compare.value;
    case '<':
      return actual < compare.value;
    case '>':
      return actual > compare.value;
  }
}

/**
 * etcd refuses a txn branch that writes one key twice. No caller here does that on purpose, so it
 * is a bug and throws (etcd's message).
 */
export function assertNoDuplicateWrites(ops: readonly RequestOp<unknown>[]): void {
  if (ops.length < 2) return;
  const written = new Set<string>();
  for (const op of ops) {
    if (op.type === 'get') continue;
    if (written.has(op.key)) throw new Error('etcdserver: duplicate key given in txn request');
    written.add(op.key);
  }
}
