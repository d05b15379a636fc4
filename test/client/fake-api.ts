/**
 * A small in-memory `ApiClient` for the client library's tests: a map of frozen objects, a
 * resourceVersion counter, a compactable event history, and watchers notified through the clock.
 * It can fail LIST and WATCH like an etcd outage and end watches (410 Expired, close, error).
 * Writes keep working during an outage: they stand for changes the informer must not miss.
 */
import type { KubeList, KubeObject } from '../../src/api/types.js';
import { fail, ok, type Result } from '../../src/api/result.js';
import { alreadyExists, conflict, internalError, notFound, resourceExpired, type Status } from '../../src/api/status.js';
import type { ApiClient, ListOptions, WatchEvent, WatchHandle, WatchOptions } from '../../src/apiserver/types.js';
import type { Clock } from '../../src/clock/types.js';

/** One LIST or WATCH call, as the tests inspect them. */
export interface FakeCall {
  verb: 'list' | 'watch';
  resource: string;
  at: number;
  resourceVersion?: string;
  ok: boolean;
}

interface Watcher {
  resource: string;
  namespace: string;
  labelSelector: string | undefined;
  onEvent: (event: WatchEvent) => void;
  pending: WatchEvent[];
  flushScheduled: boolean;
  stopped: boolean;
}

/** The Status of a watch the server ended without an error (see `isWatchClosed`). */
export const WATCH_CLOSED: Status = Object.freeze({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 }) as Status;

/** An in-memory API server for tests. */
export class FakeApi implements ApiClient {
  readonly calls: FakeCall[] = [];
  /** While set, LIST and WATCH fail with it. */
  listWatchFailure: Status | undefined;
  /** While set, WATCH fails with it. */
  watchFailure: Status | undefined;
  private rv = 0;
  private uid = 0;
  private compactedRv = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private history: { resource: string; rv: number; event: WatchEvent }[] = [];
  private readonly watchers = new Set<Watcher>();

  constructor(private readonly clock: Clock) {}

  /** The current resourceVersion. */
  get resourceVersion(): string {
    return String(this.rv);
  }

  /** How many watches are open. */
  get watchCount(): number {
    return this.watchers.size;
  }

  /** Simulates etcd going down: LIST and WATCH fail with 500 `etcdserver: request timed out`, open watches end with it. */
  etcdDown(): void {
    this.listWatchFailure = internalError('etcdserver: request timed out');
    this.endWatches(this.listWatchFailure);
  }

  /** etcd is back. */
  etcdUp(): void {
    this.listWatchFailure = undefined;
  }

  /** Forgets the history up to now: watches from an older resourceVersion get 410 Expired. */
  compact(): void {
    this.compactedRv = this.rv;
    this.history = [];
  }

  /** Ends every open watch with an ERROR event carrying `status` (410 Expired by default). */
  endWatches(status: Status = resourceExpired('The resourceVersion for the provided watch is too old.')): void {
    for (const w of [...this.watchers]) {
      this.enqueue(w, { type: 'ERROR', object: status });
      this.watchers.delete(w);
    }
  }

  create(resource: string, namespace: string, object: KubeObject): Result<KubeObject> {
    const name = object.metadata.name ?? '';
    const objects = this.resourceMap(resource);
    const key = keyOf(namespace, name);
    if (objects.has(key)) return fail(alreadyExists({ group: '', resource }, name));
    const metadata = { ...object.metadata, uid: `uid-${++this.uid}`, resourceVersion: String(++this.rv) };
    if (namespace !== '') metadata.namespace = namespace;
    const stored = deepFreeze({ ...object, metadata });
    objects.set(key, stored);
    this.record(resource, 'ADDED', stored);
    return ok(stored);
  }

  get(resource: string, namespace: string, name: string): Result<KubeObject> {
    const obj = this.resourceMap(resource).get(keyOf(namespace, name));
    return obj === undefined ? fail(notFound({ group: '', resource }, name)) : ok(obj);
  }

  list(resource: string, namespace: string, options: ListOptions = {}): Result<KubeList> {
    const failure = this.listWatchFailure;
    this.calls.push({ verb: 'list', resource, at: this.clock.now(), ok: failure === undefined });
    if (failure !== undefined) return fail(failure);
    const items = [...this.resourceMap(resource).values()].filter((o) => matches(o, namespace, options.labelSelector));
    return ok({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(this.rv) }, items });
  }

  update(resource: string, namespace: string, object: KubeObject): Result<KubeObject> {
    const name = object.metadata.name ?? '';
    const objects = this.resourceMap(resource);
    const key = keyOf(namespace, name);
    const current = objects.get(key);
    if (current === undefined) return fail(notFound({ group: '', resource }, name));
    const rv = object.metadata.resourceVersion;
    if (rv !== undefined && rv !== current.metadata.resourceVersion) return fail(conflict({ group: '', resource }, name));
    const stored = deepFreeze({ ...object, metadata: { ...object.metadata, uid: current.metadata.uid, resourceVersion: String(++this.rv) } });
    objects.set(key, stored);
    this.record(resource, 'MODIFIED', stored);
    return ok(stored);
  }

  patch(resource: string, namespace: string, name: string, _type: string, patch: unknown): Result<KubeObject> {
    const current = this.resourceMap(resource).get(keyOf(namespace, name));
    if (current === undefined) return fail(notFound({ group: '', resource }, name));
    const merged = mergePatch(current, patch) as KubeObject;
    return this.update(resource, namespace, { ...merged, metadata: { ...merged.metadata, resourceVersion: current.metadata.resourceVersion } });
  }

  delete(resource: string, namespace: string, name: string): Result<KubeObject> {
    const objects = this.resourceMap(resource);
    const key = keyOf(namespace, name);
    const current = objects.get(key);
    if (current === undefined) return fail(notFound({ group: '', resource }, name));
    objects.delete(key);
    const last = deepFreeze({ ...current, metadata: { ...current.metadata, resourceVersion: String(++this.rv) } });
    this.record(resource, 'DELETED', last);
    return ok(last);
  }

  watch(resource: string, namespace: string, options: WatchOptions, onEvent: (event: WatchEvent) => void): Result<WatchHandle> {
    const failure = this.listWatchFailure ?? this.watchFailure;
    const call: FakeCall = { verb: 'watch', resource, at: this.clock.now(), ok: failure === undefined };
    if (options.resourceVersion !== undefined) call.resourceVersion = options.resourceVersion;
    this.calls.push(call);
    if (failure !== undefined) return fail(failure);
    const w: Watcher = { resource, namespace, labelSelector: options.labelSelector, onEvent, pending: [], flushScheduled: false, stopped: false };
    const handle: WatchHandle = {
      stop: () => {
        w.stopped = true;
        this.watchers.delete(w);
      },
    };
    const from = options.resourceVersion ?? '';
    if (from === '') {
      for (const obj of this.resourceMap(resource).values()) this.offer(w, { type: 'ADDED', object: obj });
    } else if (Number(from) < this.compactedRv) {
      this.enqueue(w, { type: 'ERROR', object: resourceExpired(`too old resource version: ${from} (${this.compactedRv})`) });
      return ok(handle);
    } else {
      for (const h of this.history) if (h.resource === resource && h.rv > Number(from)) this.offer(w, h.event);
    }
    this.watchers.add(w);
    return ok(handle);
  }

  private resourceMap(resource: string): Map<string, KubeObject> {
    let map = this.objects.get(resource);
    if (map === undefined) this.objects.set(resource, (map = new Map()));
    return map;
  }

  private record(resource: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): void {
    const event: WatchEvent = { type, object };
    this.history.push({ resource, rv: this.rv, event });
    for (const w of this.watchers) if (w.resource === resource) this.offer(w, event);
  }

  /** Queues `event` for `w` if its object matches the watch's namespace and selector. */
  private offer(w: Watcher, event: WatchEvent): void {
    if (matches(event.object as KubeObject, w.namespace, w.labelSelector)) this.enqueue(w, event);
  }

  private enqueue(w: Watcher, event: WatchEvent): void {
    w.pending.push(event);
    if (w.flushScheduled) return;
    w.flushScheduled = true;
    this.clock.setTimeout(() => {
      w.flushScheduled = false;
      const events = w.pending;
      w.pending = [];
      for (const e of events) if (!w.stopped) w.onEvent(e);
    }, 0);
  }
}

function keyOf(namespace: string, name: string): string {
  return namespace === '' ? name : `${namespace}/${name}`;
}

/** Namespace filter plus equality-only label selectors (`a=b,c=d`), enough for these tests. */
function matches(obj: KubeObject, namespace: string, labelSelector: string | undefined): boolean {
  if (namespace !== '' && obj.metadata.namespace !== namespace) return false;
  if (labelSelector === undefined || labelSelector === '') return true;
  return labelSelector.split(',').every((term) => {
    const [k, v] = term.split('=');
    return obj.metadata.labels?.[k ?? ''] === v;
  });
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
