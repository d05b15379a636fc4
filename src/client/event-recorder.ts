/**
 * Records Kubernetes Events for a component, the way client-go's EventRecorder and
 * EventCorrelator do: an event that repeats (same source, object, type, reason and message)
 * bumps `count` and `lastTimestamp` of the existing Event instead of creating a new one.
 */
import type { KubeObject } from '../api/types.js';
import type { Clock } from '../clock/types.js';
import type { ApiClient } from '../apiserver/types.js';
import { rfc3339 } from '../api/time.js';
import { shallowCopy } from '../api/freeze.js';
import { apiVersionOf, resourceForKind } from '../apiserver/registry.js';
import { LruCache } from './lru-cache.js';

/** Normal or Warning, as on `kubectl get events`. */
export type EventType = 'Normal' | 'Warning';

/** The object an event is about (corev1.ObjectReference). */
export interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** How many distinct events a recorder remembers for deduplication (client-go's LRU size). */
const MAX_REMEMBERED_EVENTS = 4096;

/**
 * The last nanoseconds used in an event name, per clock. Shared by every recorder on one clock:
 * client-go names events `<object>.<UnixNano>` and real clocks never repeat, but on a virtual clock
 * the scheduler and a kubelet routinely record about the same pod in the same millisecond.
 */
const lastNanosByClock = new WeakMap<Clock, bigint>();

interface Remembered {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
}

/** An event recorder for one component (and, for kubelets, one host). */
export class EventRecorder {
  private readonly remembered = new LruCache<Remembered>(MAX_REMEMBERED_EVENTS);

  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
    /** `source.component`, e.g. `default-scheduler`, `kubelet`, `deployment-controller`. */
    readonly component: string,
    /** `source.host` (kubelets set their node name). */
    readonly host?: string,
  ) {}

  /** Records an event about `object` (or a reference to it). Failures are dropped, as in client-go. */
  event(object: KubeObject | ObjectReference, type: EventType, reason: string, message: string): void {
    const ownReference = 'metadata' in object;
    const ref = ownReference ? referenceTo(object as KubeObject) : (object as ObjectReference);
    const namespace = ref.namespace || 'default';
    // client-go's key also has the source's component and host: constant for one recorder, whose
    // memory this is, so they are left out.
    const key = [ref.kind, ref.namespace ?? '', ref.name, ref.uid ?? '', ref.apiVersion, ref.fieldPath ?? '', type, reason, message].join('\u0000');
    const now = rfc3339(this.clock.now());
    const seen = this.remembered.get(key);
    if (seen) {
      seen.count++;
      const patched = this.api.patch('events', seen.namespace, seen.name, 'merge', { count: seen.count, lastTimestamp: now });
      if (patched.ok) {
        this.remembered.set(key, seen);
        return;
      }
      this.remembered.delete(key);
    }
    const name = `${ref.name}.${this.uniqueNanos().toString(16)}`;
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      // A reference built here is the event's own; one passed in is the caller's, so it is copied.
      involvedObject: ownReference ? ref : shallowCopy(ref),
      reason,
      message,
      source: this.host ? { component: this.component, host: this.host } : { component: this.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.component,
      reportingInstance: this.host ?? '',
    };
    const created = this.api.create('events', namespace, event);
    if (created.ok) this.remembered.set(key, { name, namespace, count: 1, firstTimestamp: now });
  }

  /** Event names end in the hex Unix nanoseconds of their creation; kept unique on the clock within one virtual millisecond. */
  private uniqueNanos(): bigint {
    const nanos = BigInt(this.clock.now()) * 1_000_000n;
    const last = lastNanosByClock.get(this.clock) ?? 0n;
    const unique = nanos > last ? nanos : last + 1n;
    lastNanosByClock.set(this.clock, unique);
    return unique;
  }
}

/** A reference to a stored object, as events carry it. */
export function referenceTo(object: KubeObject, fieldPath?: string): ObjectReference {
  const info = resourceForKind(object.apiVersion, object.kind);
  const ref: ObjectReference = {
    kind: object.kind,
    name: object.metadata.name ?? '',
    apiVersion: info ? apiVersionOf(info) : object.apiVersion,
  };
  if (object.metadata.namespace) ref.namespace = object.metadata.namespace;
  if (object.metadata.uid) ref.uid = object.metadata.uid;
  if (object.metadata.resourceVersion) ref.resourceVersion = object.metadata.resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}
