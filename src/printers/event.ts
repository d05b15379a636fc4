/**
 * `kubectl get events` (core v1 Event): upstream printEvent — LAST SEEN TYPE REASON OBJECT MESSAGE,
 * and with `-o wide` SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
 */
import type { KubeObject } from '../api/types.js';
import { formatAge } from './age.js';
import { column, nameColumn, type Cell, type KindPrinter, type PrintContext } from './columns.js';

/** The parts of a v1 Event the event printer reads. */
interface EventView extends KubeObject {
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

function firstNonEmpty(...values: (string | undefined)[]): string {
  return values.find((v) => v !== undefined && v !== '') ?? '';
}

/** formatEventSource: `component, host`, falling back to reportingComponent / reportingInstance. */
export function formatEventSource(object: KubeObject): string {
  const event = object as EventView;
  const component = firstNonEmpty(event.source?.component, event.reportingComponent);
  const instance = firstNonEmpty(event.source?.host, event.reportingInstance);
  return instance === '' ? component : `${component}, ${instance}`;
}

/** The OBJECT column: `lower(kind)/name`, or just the kind when the name is empty. */
export function eventTarget(object: KubeObject): string {
  const { kind = '', name = '' } = (object as EventView).involvedObject ?? {};
  return name === '' ? kind.toLowerCase() : `${kind.toLowerCase()}/${name}`;
}

/** Events: LAST SEEN TYPE REASON OBJECT MESSAGE; wide SUBOBJECT SOURCE (between) FIRST SEEN COUNT NAME. */
export const eventPrinter: KindPrinter = {
  columns: [
    column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    column('Object', 'string', 'The object that this event is about.'),
    column('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', 1),
    column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
    column('Count', 'string', 'The number of times this event has occurred.', 1),
    { ...nameColumn, priority: 1 },
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const event = object as EventView;
    const firstSeen = isSet(event.firstTimestamp) ? formatAge(event.firstTimestamp, now) : formatAge(event.eventTime, now);
    let lastSeen = isSet(event.lastTimestamp) ? formatAge(event.lastTimestamp, now) : firstSeen;
    let count = event.count ?? 0;
    if (event.series !== undefined && event.series !== null) {
      lastSeen = formatAge(event.series.lastObservedTime, now);
      count = event.series.count ?? 0;
    } else if (count === 0) {
      count = 1; // singleton events do not set a count in the events.k8s.io API
    }
    return [
      lastSeen,
      event.type ?? '',
      event.reason ?? '',
      eventTarget(event),
      event.involvedObject?.fieldPath ?? '',
      formatEventSource(event),
      (event.message ?? '').trim(),
      firstSeen,
      count,
      event.metadata.name ?? '',
    ];
  },
};

function isSet(timestamp: string | null | undefined): timestamp is string {
  return timestamp !== undefined && timestamp !== null && timestamp !== '';
}
