/**
 * `?watch=true`: a chunked 200 response of newline-delimited JSON watch events, fed by the API
 * server's watch (events arrive through the cluster clock), ended by `timeoutSeconds` or when
 * the client goes away. Bookmarks are sent only when asked (`allowWatchBookmarks=true`).
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../api/types.js';
import type { Status } from '../api/status.js';
import type { ApiClient, WatchEvent, WatchHandle, WatchOptions } from '../apiserver/types.js';
import { toServedVersion } from '../apiserver/conversion.js';
import { formatApiVersion } from '../api/types.js';
import { isBackgroundClock, type Clock } from '../clock/types.js';
import { clientResourceName, type ResourceRoute } from './route.js';
import { toTable, type IncludeObject } from './table.js';

/** How often an idle watch that allows bookmarks gets one, in (virtual) milliseconds. */
export const BOOKMARK_INTERVAL_MS = 1000;

/** What a watch request asked for, from its query. */
export interface WatchRequest {
  options: WatchOptions;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  /** Set when the Accept header asks for Tables. */
  table?: { include: IncludeObject };
}

/** Starts streaming; answers the Status (nothing written yet) when the watch cannot start. */
export function serveWatch(
  api: ApiClient,
  clock: Clock,
  route: ResourceRoute,
  request: WatchRequest,
  res: ServerResponse,
): Status | undefined {
  let lastResourceVersion = request.options.resourceVersion ?? '0';
  const servedApiVersion = formatApiVersion(route.info.group, route.version);
  let sentColumns = false;
  let ended = false;
  let handle: WatchHandle | undefined;
  let timeoutTimer: number | undefined;
  let bookmarkTimer: number | undefined;
  const open = (): void => {
    if (res.headersSent) return;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
  };
  const write = (event: { type: string; object: unknown }): void => {
    if (ended) return;
    open();
    res.write(`${JSON.stringify(event)}\n`);
  };
  const encode = (event: WatchEvent): unknown => {
    if (event.type === 'ERROR' || event.object.kind === 'Status') return event.object;
    const object = event.object as KubeObject;
    // Objects leave in the URL's version; a bookmark carries only its kind, version and resourceVersion.
    if (event.type === 'BOOKMARK') return { ...object, apiVersion: servedApiVersion };
    if (request.table === undefined) return toServedVersion(route.info, object, route.version);
    const table = toTable(route.info.kind, [object], {
      now: clock.now(),
      resourceVersion: object.metadata.resourceVersion ?? lastResourceVersion,
      include: request.table.include,
      withColumns: !sentColumns,
    });
    sentColumns = true;
    return table;
  };
  const bookmark = (): void => {
    write({
      type: 'BOOKMARK',
      object: { kind: route.info.kind, apiVersion: servedApiVersion, metadata: { resourceVersion: lastResourceVersion } },
    });
  };

  const started = api.watch(clientResourceName(route.info), route.namespace, request.options, (event) => {
    if (event.type !== 'ERROR' && event.object.kind !== 'Status') {
      lastResourceVersion = (event.object as KubeObject).metadata.resourceVersion ?? lastResourceVersion;
    }
    if (event.type === 'BOOKMARK' && !request.allowBookmarks) return;
    write({ type: event.type, object: encode(event) });
    if (event.type === 'ERROR') end();
  });
  if (!started.ok) {
    ended = true;
    return started.status;
  }
  handle = started.value;
  function end(): void {
    if (ended) return;
    ended = true;
    handle?.stop();
    if (timeoutTimer !== undefined) clock.clearTimeout(timeoutTimer);
    if (bookmarkTimer !== undefined) clock.clearTimeout(bookmarkTimer);
    open();
    res.end();
  }
  res.on('close', end);
  open();
  if (isBackgroundClock(clock)) {
    if (request.timeoutSeconds !== undefined && request.timeoutSeconds > 0) {
      timeoutTimer = clock.setBackgroundTimeout(end, request.timeoutSeconds * 1000);
    }
    if (request.allowBookmarks) {
      const tick = (): void => {
        bookmark();
        if (!ended) bookmarkTimer = clock.setBackgroundTimeout(tick, BOOKMARK_INTERVAL_MS);
      };
      tick();
    }
  } else if (request.allowBookmarks) bookmark();
  return undefined;
}
