/**
 * `GET /api/v1/namespaces/<ns>/pods/<name>/log`: PodLogOptions from the query (validated as
 * ValidatePodLogOptions does), then the log as `text/plain`; with `follow=true` the chunked answer
 * stays open and gets each line as the virtual clock makes it, until the container stops or the
 * client goes away.
 */
import type { ServerResponse } from 'node:http';
import type { Result } from '../api/result.js';
import { forbiddenField, invalidValue, type FieldError } from '../api/field-errors.js';
import { badRequest, invalid, type Status } from '../api/status.js';
import { queryFlag, queryInt64 } from './list-query.js';
import type { PodLog, PodLogOptions } from '../node/index.js';
import { writeStatus } from './respond.js';

/** Where the front reads pod logs from (the cluster: the API server's checks, then the pod's kubelet). */
export interface PodLogSource {
  podLogs(namespace: string, name: string, options: PodLogOptions): Result<PodLog>;
}

/** PodLogOptions from the query, or the 400/422 upstream gives. */
export function podLogOptions(name: string, query: URLSearchParams): { ok: true; options: PodLogOptions } | { ok: false; status: Status } {
  const options: PodLogOptions = {};
  const container = query.get('container');
  if (container) options.container = container;
  // Convert_url_Values_To_v1_PodLogOptions: flags as Convert_Slice_string_To_bool, integers as strconv.ParseInt.
  for (const key of ['follow', 'previous', 'timestamps'] as const) {
    if (queryFlag(query.get(key))) options[key] = true;
  }
  for (const key of ['tailLines', 'sinceSeconds', 'limitBytes'] as const) {
    const value = queryInt64(query.get(key));
    if (typeof value === 'object') return { ok: false, status: value };
    if (value !== undefined) options[key] = value;
  }
  const sinceTime = query.get('sinceTime');
  if (sinceTime) {
    const ms = Date.parse(sinceTime);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(sinceTime) || Number.isNaN(ms)) {
      return { ok: false, status: badRequest(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`) };
    }
    options.sinceTime = Math.floor(ms / 1000) * 1000;
  }
  const errors: FieldError[] = [];
  if (options.tailLines !== undefined && options.tailLines < 0) errors.push(invalidValue('tailLines', options.tailLines, 'must be greater than or equal to 0'));
  if (options.limitBytes !== undefined && options.limitBytes < 1) errors.push(invalidValue('limitBytes', options.limitBytes, 'must be greater than 0'));
  if (options.sinceSeconds !== undefined && options.sinceTime !== undefined) {
    errors.push(forbiddenField('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  } else if (options.sinceSeconds !== undefined && options.sinceSeconds < 1) {
    errors.push(invalidValue('sinceSeconds', options.sinceSeconds, 'must be greater than 0'));
  }
  if (errors.length > 0) return { ok: false, status: invalid('', 'PodLogOptions', name, errors) };
  return { ok: true, options };
}

/** Serves one log request for pod `name` in `namespace`. */
export function servePodLog(source: PodLogSource, namespace: string, name: string, query: URLSearchParams, res: ServerResponse): void {
  const parsed = podLogOptions(name, query);
  if (!parsed.ok) return writeStatus(res, parsed.status);
  const log = source.podLogs(namespace, name, parsed.options);
  if (!log.ok) return writeStatus(res, log.status);
  if (parsed.options.follow !== true) {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(log.value.text) });
    res.end(log.value.text);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  if (log.value.text !== '') res.write(log.value.text);
  let ended = false;
  const stop = log.value.follow(
    (text) => {
      if (!ended) res.write(text);
    },
    () => {
      if (ended) return;
      ended = true;
      res.end();
    },
  );
  res.on('close', () => {
    ended = true;
    stop();
  });
}
