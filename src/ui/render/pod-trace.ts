/**
 * A pod's trace across the components that handled it, in simulated time: stored by
 * kube-apiserver, scheduled by default-scheduler, pulled/created/started by the kubelet, Ready,
 * added to endpoints. Built from what the API shows (the pod, its events, the EndpointSlices),
 * exactly what a user could reconstruct with kubectl.
 */
import type { KubeObject } from '../../api/types.js';
import { parseTime } from '../../printers/age.js';
import { eventComponent, eventLastSeen, type EventView } from './event-rows.js';

/** One step of a pod's trace. */
export interface TraceStep {
  /** Simulated time (epoch ms). */
  time: number;
  component: string;
  what: string;
  detail: string;
  warning: boolean;
}

/** What the trace is built from. */
export interface PodTraceInput {
  pod: KubeObject;
  /** The pod's events (any order). */
  events: readonly EventView[];
  /** EndpointSlices of the pod's namespace (those listing the pod are used). */
  slices: readonly KubeObject[];
  /** The revision at which kube-apiserver stored the pod (its etcd createRevision), when known. */
  createRevision?: number;
}

interface PodView extends KubeObject {
  status?: { conditions?: { type: string; status: string; lastTransitionTime?: string | null }[] };
}

interface SliceView extends KubeObject {
  endpoints?: { addresses?: string[]; targetRef?: { kind?: string; name?: string }; conditions?: { ready?: boolean } }[] | null;
}

const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

/** The steps of a pod's trace, in time order (equal times keep causal order: created, events, Ready, endpoints). */
export function podTrace({ pod, events, slices, createRevision }: PodTraceInput): TraceStep[] {
  const created = parseTime(pod.metadata.creationTimestamp) ?? 0;
  const revision = createRevision ?? Number(pod.metadata.resourceVersion ?? 0);
  const steps: TraceStep[] = [
    { time: created, component: 'kube-apiserver', what: 'Created', detail: `stored in etcd at revision ${revision}`, warning: false },
  ];
  for (const e of events) {
    steps.push({ time: eventLastSeen(e), component: eventComponent(e), what: e.reason ?? '', detail: (e.message ?? '').trim(), warning: e.type === 'Warning' });
  }
  const ready = (pod as PodView).status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  const readyAt = parseTime(ready?.lastTransitionTime);
  if (readyAt !== undefined) steps.push({ time: readyAt, component: 'kubelet', what: 'Ready', detail: 'condition Ready=True', warning: false });
  for (const slice of slices as readonly SliceView[]) {
    const endpoint = (slice.endpoints ?? []).find((ep) => ep.targetRef?.kind === 'Pod' && ep.targetRef.name === pod.metadata.name);
    if (endpoint === undefined) continue;
    const trigger = parseTime(slice.metadata.annotations?.[TRIGGER_TIME]);
    const time = Math.max(trigger ?? readyAt ?? 0, parseTime(slice.metadata.creationTimestamp) ?? 0, readyAt ?? 0);
    const service = slice.metadata.labels?.['kubernetes.io/service-name'] ?? '';
    const state = endpoint.conditions?.ready === false ? 'not ready' : 'ready';
    steps.push({
      time,
      component: 'endpointslice-controller',
      what: 'AddedToEndpoints',
      detail: `${(endpoint.addresses ?? []).join(',')} ${state} in EndpointSlice ${slice.metadata.name}${service === '' ? '' : ` (service ${service})`}`,
      warning: false,
    });
  }
  return steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.time - b.s.time || a.i - b.i).map(({ s }) => s);
}

/** A time offset as `+1.5s` / `+2m3s`: the trace shows times relative to the pod's creation. */
export function formatOffset(ms: number): string {
  if (ms < 0) return `-${formatOffset(-ms).slice(1)}`;
  if (ms < 60_000) return `+${Number((ms / 1000).toFixed(3))}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return seconds === 0 ? `+${minutes}m` : `+${minutes}m${seconds}s`;
}

/** The trace as text lines: `+2.5s  kubelet  Pulled  Successfully pulled image …`. */
export function traceLines(steps: readonly TraceStep[]): string[] {
  const start = steps[0]?.time ?? 0;
  const offsets = steps.map((s) => formatOffset(s.time - start));
  const ow = Math.max(0, ...offsets.map((o) => o.length));
  const cw = Math.max(0, ...steps.map((s) => s.component.length));
  const ww = Math.max(0, ...steps.map((s) => s.what.length));
  return steps.map((s, i) => `${offsets[i]!.padEnd(ow)}  ${s.component.padEnd(cw)}  ${s.what.padEnd(ww)}  ${s.detail}`.trimEnd());
}
