/**
 * The headless event stream: one line per cluster Event (new or repeated), in the CLI contract's
 * form `<sim-time> <component> <Reason> <kind>/<name> <message>`, or a JSON object with `--json`.
 */
import type { KubeObject } from '../api/types.js';
import type { ApiClient } from '../apiserver/types.js';
import type { Clock } from '../clock/types.js';
import { SharedInformer } from '../client/informer.js';

interface EventFields {
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  source?: { component?: string };
  reportingComponent?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
}

/** Simulated time since the cluster started, as `HH:MM:SS.mmm`. */
export function formatSimTime(elapsedMs: number): string {
  const ms = Math.max(0, Math.floor(elapsedMs));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** One event as a headless line. */
export function eventLine(event: KubeObject, elapsedMs: number, json: boolean): string {
  const e = event as KubeObject & EventFields;
  const component = e.source?.component || e.reportingComponent || 'unknown';
  const target = `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`;
  if (json) {
    return JSON.stringify({
      time: formatSimTime(elapsedMs),
      component,
      type: e.type,
      reason: e.reason,
      object: target,
      namespace: e.involvedObject?.namespace,
      message: e.message,
      count: e.count,
    });
  }
  return `${formatSimTime(elapsedMs)} ${component} ${e.reason ?? ''} ${target} ${e.message ?? ''}`;
}

/** Prints every Event created or repeated from now on; returns a function that stops it. */
export function streamEvents(api: ApiClient, clock: Clock, startTime: number, json: boolean, write: (line: string) => void): () => void {
  const informer = new SharedInformer(api, clock, 'events');
  informer.addEventHandler({
    onAdd: (event) => write(eventLine(event, clock.now() - startTime, json)),
    onUpdate: (before, after) => {
      if ((before as EventFields).count !== (after as EventFields).count) write(eventLine(after, clock.now() - startTime, json));
    },
  });
  informer.start();
  return () => informer.stop();
}
