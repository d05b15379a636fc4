/**
 * kube-apiserver's storage over etcd (k8s.io/apiserver/pkg/storage/etcd3): optimistic
 * concurrency through txn compares on modRevision, exactly as the real store does it.
 */
import type { KubeObject } from '../api/types.js';
import type { EtcdServer } from '../etcd/etcd-server.js';
import type { EtcdError } from '../etcd/errors.js';
import { ErrCompacted, ErrUnavailable } from '../etcd/errors.js';
import type { KeyValue, WatchEvent } from '../etcd/key-value.js';
import type { Storage, StorageError, StorageEvent, StorageList, StorageListOptions, StorageResult, StoredObject } from './storage.js';

/** The storage backend of the API server: one etcd member holding frozen objects. */
export class EtcdStorage implements Storage {
  constructor(private readonly etcd: EtcdServer<KubeObject>) {}

  get revision(): number {
    return this.etcd.revision;
  }

  get(key: string): StorageResult<StoredObject | undefined> {
    const got = this.etcd.get(key);
    if (!got.ok) return this.failed(got.error);
    return { ok: true, value: got.value.kv ? stored(got.value.kv) : undefined };
  }

  list(prefix: string, options?: StorageListOptions): StorageResult<StorageList> {
    const ranged = this.etcd.range(prefix, options);
    if (!ranged.ok) return this.failed(ranged.error);
    const items: StoredObject[] = [];
    for (const kv of ranged.value.kvs) if (kv.value !== undefined) items.push(stored(kv as KeyValue<KubeObject>));
    if (options?.limit === undefined || options.limit <= 0) return { ok: true, value: { items, revision: ranged.value.revision } };
    return { ok: true, value: { items, revision: ranged.value.revision, count: ranged.value.count, more: ranged.value.more } };
  }

  create(key: string, object: KubeObject): StorageResult<number> {
    const txn = this.etcd.txn({
      compare: [{ key, target: 'modRevision', result: '=', value: 0 }],
      success: [{ type: 'put', key, value: object }],
    });
    if (!txn.ok) return this.failed(txn.error);
    if (!txn.value.succeeded) return { ok: false, error: { code: 'KeyExists', message: `key exists: ${key}` } };
    return { ok: true, value: txn.value.revision };
  }

  update(key: string, object: KubeObject, expectedModRevision: number): StorageResult<number> {
    return this.guarded(key, expectedModRevision, { type: 'put', key, value: object });
  }

  delete(key: string, expectedModRevision: number): StorageResult<number> {
    return this.guarded(key, expectedModRevision, { type: 'delete', key });
  }

  watch(prefix: string, fromRevision: number, onEvents: (events: readonly StorageEvent[]) => void): StorageResult<{ cancel(): void }> {
    const watched = this.etcd.watch(prefix, fromRevision, (events) => onEvents(events.map(toStorageEvent)));
    return watched.ok ? { ok: true, value: watched.value } : this.failed(watched.error);
  }

  checkWatchable(fromRevision: number): StorageResult<void> {
    if (this.etcd.state !== 'running') return this.failed(ErrUnavailable);
    if (fromRevision > 0 && fromRevision < this.etcd.compactRevision) return this.failed(ErrCompacted);
    return { ok: true, value: undefined };
  }

  private guarded(key: string, expected: number, op: { type: 'put'; key: string; value: KubeObject } | { type: 'delete'; key: string }): StorageResult<number> {
    const txn = this.etcd.txn({
      compare: [{ key, target: 'modRevision', result: '=', value: expected }],
      success: [op],
      failure: [{ type: 'get', key }],
    });
    if (!txn.ok) return this.failed(txn.error);
    if (txn.value.succeeded) return { ok: true, value: txn.value.revision };
    const current = txn.value.responses[0];
    const missing = current?.type === 'get' && current.kv === undefined;
    return {
      ok: false,
      error: missing ? { code: 'KeyNotFound', message: `key not found: ${key}` } : { code: 'Conflict', message: `modRevision changed: ${key}` },
    };
  }

  private failed<T>(error: EtcdError): StorageResult<T> {
    const mapped: StorageError = { code: error.code, message: `etcdserver: ${error.message.replace(/^etcdserver: /, '')}` };
    if (error.code === 'Compacted') mapped.compactRevision = this.etcd.compactRevision;
    return { ok: false, error: mapped };
  }
}

function stored(kv: KeyValue<KubeObject>): StoredObject {
  return { object: kv.value, modRevision: kv.modRevision, createRevision: kv.createRevision };
}

function toStorageEvent(event: WatchEvent<KubeObject>): StorageEvent {
  if (event.type === 'DELETE') {
    return { type: 'DELETE', key: event.kv.key, object: event.prevKv.value, previous: event.prevKv.value, revision: event.kv.modRevision, created: false };
  }
  const result: StorageEvent = {
    type: 'PUT',
    key: event.kv.key,
    object: event.kv.value,
    revision: event.kv.modRevision,
    created: event.kv.createRevision === event.kv.modRevision,
  };
  if (event.prevKv) result.previous = event.prevKv.value;
  return result;
}
