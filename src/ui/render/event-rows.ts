/**
 * Events as the dashboard lists them: newest first, with kubectl's LAST SEEN TYPE REASON OBJECT
 * MESSAGE columns plus the component that emitted the event.
 */
import type { KubeObject } from '../../api/types.js';
import { humanDuration, parseTime } from '../../printers/age.js';
import { eventTarget } from '../../printers/event.js';

/** The parts of a core v1 Event the dashboard reads. */
export interface EventView extends KubeObject {
  involvedObject?: { kind?: string; namespace?: string; name?: string; uid?: string };
  reason?: string;
  message?: string;
  type?: string;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}

/** One row of the events table. */
export interface EventRow extends Record<string, string | number> {
  lastSeen: string;
  type: string;
  reason: string;
  object: string;
  message: string;
  component: string;
  namespace: string;
}

/** When an event last happened (epoch ms), as kubectl reads it; 0 when it has no time at all. */
export function eventLastSeen(event: EventView): number {
  return (
    parseTime(event.series?.lastObservedTime) ?? parseTime(event.lastTimestamp) ?? parseTime(event.eventTime) ?? parseTime(event.firstTimestamp) ?? 0
  );
}

/** The component that emitted an event: `source.component`, else `reportingComponent`. */
export function eventComponent(event: EventView): string {
  return event.source?.component || event.reportingComponent || '';
}

/**
 * Events newest first (ties: the later-stored one first), `namespace` '' meaning all, as rows.
 * `limit` bounds how many rows are built (the pane shows only what fits).
 */
export function eventRows(events: readonly KubeObject[], now: number, namespace: string, limit = Infinity): EventRow[] {
  const keyed = (events as readonly EventView[])
    .filter((e) => namespace === '' || e.metadata.namespace === namespace)
    .map((e, i) => ({ e, t: eventLastSeen(e), i }));
  keyed.sort((a, b) => b.t - a.t || b.i - a.i);
  return keyed.slice(0, limit).map(({ e, t }) => ({
    lastSeen: t === 0 ? '<unknown>' : humanDuration(now - t),
    type: e.type ?? '',
    reason: e.reason ?? '',
    object: eventTarget(e),
    message: (e.message ?? '').trim(),
    component: eventComponent(e),
    namespace: e.metadata.namespace ?? '',
  }));
}

/** The events about one object (by kind, namespace and name), oldest first. */
export function eventsFor(events: readonly KubeObject[], kind: string, namespace: string, name: string): EventView[] {
  return (events as readonly EventView[])
    .filter((e) => e.involvedObject?.kind === kind && e.involvedObject.name === name && (e.involvedObject.namespace ?? '') === namespace)
    .map((e, i) => ({ e, t: eventLastSeen(e), i }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ e }) => e);
}
